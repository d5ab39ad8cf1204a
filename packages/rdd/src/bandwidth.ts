import { type StageContext, stageConstants, type VariancePart } from "./bandwidth-stage.js";
import type { Side } from "./sample.js";

/** Data-driven bandwidth selectors (rdrobust's `bwselect`). */
export type BwSelect =
  | "mserd"
  | "msetwo"
  | "msesum"
  | "msecomb1"
  | "msecomb2"
  | "cerrd"
  | "certwo"
  | "cersum"
  | "cercomb1"
  | "cercomb2";

/** Every accepted selector. */
export const BW_SELECTORS: readonly BwSelect[] = [
  "mserd",
  "msetwo",
  "msesum",
  "msecomb1",
  "msecomb2",
  "cerrd",
  "certwo",
  "cersum",
  "cercomb1",
  "cercomb2",
];

/** Inputs of {@link selectBandwidths}. */
export interface SelectorInput {
  left: Side;
  right: Side;
  p: number;
  q: number;
  deriv: number;
  bwselect: BwSelect;
  scaleregul: number;
  ctx: StageContext;
  /** Pilot bandwidth c_bw (already restricted and regularised). */
  pilot: number;
  /** Distance from the cutoff to the smallest / largest x. */
  rangeLeft: number;
  rangeRight: number;
  bwrestrict: boolean;
  /** Minimum bandwidths from the mass-point check (bwcheck), or undefined. */
  bwMin: { left: number; right: number } | undefined;
  /** Sample size entering the CER rate: N, or the number of clusters. */
  nCer: number;
}

/** Selected bandwidths per side: h (main) and b (bias). */
export interface Bandwidths {
  hLeft: number;
  hRight: number;
  bLeft: number;
  bRight: number;
}

const median3 = (a: number, b: number, c: number) => [a, b, c].sort((x, y) => x - y)[1]!;

/**
 * MSE- and CER-optimal bandwidths following rdrobust's three-step plug-in (Calonico, Cattaneo &
 * Titiunik 2014, sec. 4; Calonico, Cattaneo & Farrell 2020 for the CER rescaling
 * h_cer = h_mse · n^(-p/((3+p)(3+2p)))): a pilot d for the (q+1)-th derivative, then b for the
 * (p+1)-th, then h, each with the regularisation term weighted by scaleregul.
 */
export function selectBandwidths(inp: SelectorInput): Bandwidths {
  const { left, right, p, q, deriv, ctx, pilot, scaleregul: sr } = inp;
  const bwMax = Math.max(inp.rangeLeft, inp.rangeRight);
  const cacheL = new Map<string, VariancePart>();
  const cacheR = new Map<string, VariancePart>();
  const restrict = (h: number, max: number) => (inp.bwrestrict ? Math.min(h, max) : h);
  const atLeast = (h: number, ...mins: number[]) => (inp.bwMin ? Math.max(h, ...mins) : h);
  const minL = inp.bwMin?.left ?? 0;
  const minR = inp.bwMin?.right ?? 0;

  const dL = stageConstants(left, q + 1, q + 1, q + 2, pilot, inp.rangeLeft, 0, ctx, cacheL);
  const dR = stageConstants(right, q + 1, q + 1, q + 2, pilot, inp.rangeRight, 0, ctx, cacheR);
  const sel = inp.bwselect;
  const wantTwo = sel === "msetwo" || sel === "certwo" || sel === "msecomb2" || sel === "cercomb2";
  const wantSum = sel === "msesum" || sel === "cersum" || sel.includes("comb");
  const wantRd = sel === "mserd" || sel === "cerrd" || sel.includes("comb");

  let two: Bandwidths | undefined;
  if (wantTwo) {
    const dl = atLeast(restrict((dL.V / dL.B ** 2) ** dL.rate, inp.rangeLeft), minL);
    const dr = atLeast(restrict((dR.V / dR.B ** 2) ** dR.rate, inp.rangeRight), minR);
    const bL = stageConstants(left, q, p + 1, q + 1, pilot, dl, sr, ctx, cacheL);
    const bR = stageConstants(right, q, p + 1, q + 1, pilot, dr, sr, ctx, cacheR);
    const bl = restrict((bL.V / (bL.B ** 2 + sr * bL.R)) ** bL.rate, inp.rangeLeft);
    const br = restrict((bR.V / (bR.B ** 2 + sr * bR.R)) ** bR.rate, inp.rangeRight);
    const hL = stageConstants(left, p, deriv, q, pilot, bl, sr, ctx, cacheL);
    const hR = stageConstants(right, p, deriv, q, pilot, br, sr, ctx, cacheR);
    two = {
      hLeft: restrict((hL.V / (hL.B ** 2 + sr * hL.R)) ** hL.rate, inp.rangeLeft),
      hRight: restrict((hR.V / (hR.B ** 2 + sr * hR.R)) ** hR.rate, inp.rangeRight),
      bLeft: bl,
      bRight: br,
    };
  }
  // Common bandwidths for the difference (rd) or the sum of the two boundary estimates.
  const common = (sign: 1 | -1): { h: number; b: number } => {
    const comb = (l: { B: number }, r: { B: number }) => r.B + sign * l.B;
    const d = atLeast(restrict(((dL.V + dR.V) / comb(dL, dR) ** 2) ** dL.rate, bwMax), minL, minR);
    const bL = stageConstants(left, q, p + 1, q + 1, pilot, d, sr, ctx, cacheL);
    const bR = stageConstants(right, q, p + 1, q + 1, pilot, d, sr, ctx, cacheR);
    const b = restrict(
      ((bL.V + bR.V) / (comb(bL, bR) ** 2 + sr * (bR.R + bL.R))) ** bL.rate,
      bwMax,
    );
    const hL = stageConstants(left, p, deriv, q, pilot, b, sr, ctx, cacheL);
    const hR = stageConstants(right, p, deriv, q, pilot, b, sr, ctx, cacheR);
    const h = restrict(
      ((hL.V + hR.V) / (comb(hL, hR) ** 2 + sr * (hR.R + hL.R))) ** hL.rate,
      bwMax,
    );
    return { h, b };
  };
  const sum = wantSum ? common(1) : undefined;
  const rd = wantRd ? common(-1) : undefined;

  let out: Bandwidths;
  if (sel === "mserd" || sel === "cerrd") out = both(rd!.h, rd!.b);
  else if (sel === "msesum" || sel === "cersum") out = both(sum!.h, sum!.b);
  else if (sel === "msetwo" || sel === "certwo") out = two!;
  else if (sel === "msecomb1" || sel === "cercomb1") {
    out = both(Math.min(rd!.h, sum!.h), Math.min(rd!.b, sum!.b));
  } else {
    out = {
      hLeft: median3(rd!.h, sum!.h, two!.hLeft),
      hRight: median3(rd!.h, sum!.h, two!.hRight),
      bLeft: median3(rd!.b, sum!.b, two!.bLeft),
      bRight: median3(rd!.b, sum!.b, two!.bRight),
    };
  }
  if (sel.startsWith("cer")) {
    // Coverage-error-optimal rescaling of h only (Calonico, Cattaneo & Farrell 2020).
    const f = inp.nCer ** -(p / ((3 + p) * (3 + 2 * p)));
    out = { ...out, hLeft: out.hLeft * f, hRight: out.hRight * f };
  }
  return out;
}

function both(h: number, b: number): Bandwidths {
  return { hLeft: h, hRight: h, bLeft: b, bRight: b };
}
