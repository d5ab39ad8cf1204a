import { ParcoursError } from "@parcours-eval/core";
import { BW_SELECTORS, type BwSelect } from "./bandwidth.js";
import { type Kernel, parseKernel } from "./kernel.js";
import type { MassPoints, RdOptions, VceOption } from "./types.js";

/** Options of {@link RdOptions} with defaults applied and values checked. */
export interface ResolvedOptions {
  c: number;
  p: number;
  q: number;
  deriv: number;
  h: [number, number] | undefined;
  b: [number, number] | undefined;
  rho: number | undefined;
  kernel: Kernel;
  bwselect: BwSelect;
  vce: VceOption;
  nnmatch: number;
  level: number;
  masspoints: MassPoints;
  bwcheck: number | undefined;
  bwrestrict: boolean;
  scaleregul: number;
  sharpbw: boolean;
}

const VCES: readonly VceOption[] = ["nn", "hc0", "hc1", "hc2", "hc3"];
const MASS: readonly MassPoints[] = ["adjust", "check", "off"];

function bad(option: string, value: unknown, allowed: string): ParcoursError {
  return new ParcoursError("RDD_BAD_OPTION", `option "${option}" is ${JSON.stringify(value)}`, {
    hint: `allowed: ${allowed}`,
    value,
  });
}

function integer(option: string, v: number | undefined, dflt: number, min: number, max: number) {
  const x = v ?? dflt;
  if (!Number.isInteger(x) || x < min || x > max)
    throw bad(option, v, `an integer in ${min}…${max}`);
  return x;
}

function pair(option: string, v: number | readonly [number, number] | undefined) {
  if (v === undefined) return undefined;
  const a: [number, number] = typeof v === "number" ? [v, v] : [v[0], v[1]];
  if (!a.every((x) => Number.isFinite(x) && x > 0)) {
    throw bad(option, v, "a positive number or a [left, right] pair of positive numbers");
  }
  return a;
}

/** Applies rdrobust's defaults and validates every option, naming the bad one. */
export function resolveOptions(o: RdOptions): ResolvedOptions {
  const c = o.c ?? 0;
  if (!Number.isFinite(c)) throw bad("c", o.c, "a finite number");
  const deriv = integer("deriv", o.deriv, 0, 0, 20);
  const p = integer("p", o.p, o.deriv === undefined ? 1 : deriv + 1, 0, 20);
  if (deriv > p) throw bad("deriv", o.deriv, `an integer no larger than p = ${p}`);
  const q = integer("q", o.q, p + 1, p + 1, 20);
  const kernel = parseKernel(o.kernel ?? "triangular");
  if (!kernel) throw bad("kernel", o.kernel, "triangular, epanechnikov, uniform");
  const bwselect = (o.bwselect ?? "mserd").toLowerCase() as BwSelect;
  if (!BW_SELECTORS.includes(bwselect)) throw bad("bwselect", o.bwselect, BW_SELECTORS.join(", "));
  const vce = (o.vce ?? "nn").toLowerCase() as VceOption;
  if (!VCES.includes(vce)) throw bad("vce", o.vce, VCES.join(", "));
  const level = o.level ?? 95;
  if (!(level > 0 && level < 100)) throw bad("level", o.level, "a number in (0, 100)");
  const masspoints = o.masspoints ?? "adjust";
  if (!MASS.includes(masspoints)) throw bad("masspoints", o.masspoints, MASS.join(", "));
  const rho = o.rho;
  if (rho !== undefined && !(Number.isFinite(rho) && rho > 0)) {
    throw bad("rho", rho, "a positive number");
  }
  const bwcheck =
    o.bwcheck === undefined
      ? undefined
      : integer("bwcheck", o.bwcheck, 1, 1, Number.MAX_SAFE_INTEGER);
  const scaleregul = o.scaleregul ?? 1;
  if (!(scaleregul >= 0)) throw bad("scaleregul", o.scaleregul, "a non-negative number");
  return {
    c,
    p,
    q,
    deriv,
    h: pair("h", o.h),
    b: pair("b", o.b),
    rho,
    kernel,
    bwselect,
    vce,
    nnmatch: integer("nnmatch", o.nnmatch, 3, 1, 1000),
    level,
    masspoints,
    bwcheck,
    bwrestrict: o.bwrestrict ?? true,
    scaleregul,
    sharpbw: o.sharpbw ?? false,
  };
}
