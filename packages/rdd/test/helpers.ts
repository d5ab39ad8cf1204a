import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** The Senate data (rdrobust_RDsenate) as numeric columns (NaN for missing), plus `state`. */
export function senate(): {
  num: Record<string, Float64Array>;
  state: string[];
  year: Float64Array;
} {
  const text = readFileSync(`${root}fixtures/data/rdrobust_senate.csv`, "utf8").trim();
  const [head, ...lines] = text.split("\n");
  const names = head!.split(",");
  const num: Record<string, Float64Array> = {};
  for (const n of names) num[n] = new Float64Array(lines.length);
  const state: string[] = [];
  lines.forEach((line, i) => {
    const cells = line.split(",");
    names.forEach((n, j) => {
      const cell = cells[j] ?? "";
      num[n]![i] = cell === "" ? Number.NaN : Number(cell);
    });
    state.push(cells[0]!);
  });
  return { num, state, year: num.year! };
}

/** The committed goldens of fixtures/reference/rdd. */
export function golden(): {
  rdrobust: Record<string, Golden>;
  rddensity: Record<string, DensityGolden>;
} {
  return JSON.parse(readFileSync(`${root}fixtures/reference/rdd/rdrobust_senate.json`, "utf8"));
}

interface Row {
  coef: number;
  se: number;
  z: number;
  pv: number;
  ci_lower: number;
  ci_upper: number;
}

/** One rdrobust golden. */
export interface Golden {
  call: string;
  conventional: Row;
  biasCorrected: Row;
  robust: Row;
  h: [number, number];
  b: [number, number];
  N: [number, number];
  N_h: [number, number];
  N_b: [number, number];
  M: [number, number];
  tau_cl: [number, number];
  tau_bc: [number, number];
  beta_Y_p_l: number[];
  beta_Y_p_r: number[];
  warnings: string[];
  firstStage?: { coef: number[]; se: number[]; pv: number[] };
}

/** One rddensity golden. */
export interface DensityGolden {
  call: string;
  h: [number, number];
  N: [number, number];
  N_h: [number, number];
  hat: [number, number, number];
  se_jk: [number, number, number];
  t_jk: number;
  p_jk: number;
}

/** Relative difference |a − b| / max(|b|, 1e-12). */
export function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}
