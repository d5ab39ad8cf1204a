import type { CohortIndex } from "./cohort-index.js";
import type { Prepared } from "./prepare.js";

/**
 * The panel laid out cohort after cohort (position s ↔ unit `index.units[s]`) and period-major,
 * so every pass over a cell reads contiguous memory: a cell is a few whole cohorts.
 */
export interface SortedPanel {
  /** Outcome of position s in period k at `y[k * n + s]`. */
  readonly y: Float64Array;
  /** Sampling weight of position s. */
  readonly w: Float64Array;
  /**
   * Covariate row of position s in period k at `x[(k * n + s) * p ..]`; a single period
   * (k = 0) when every unit's covariates are constant over time. Empty without covariates.
   */
  readonly x: Float64Array;
  /** 1 when the covariates are time-invariant (one stored period), else the number of periods. */
  readonly xPeriods: number;
  /** Σ_{s ∈ cohort} w_s y_s,k at `sums[cohort * nT + k]`. */
  readonly sums: Float64Array;
  /** Per-cohort covariate sums when the covariates are time-invariant, else null. */
  readonly xStats: CohortXStats | null;
}

/**
 * Weighted covariate sums of each cohort (time-invariant covariates): every cell's
 * cross-products are then sums over its cohorts, with no pass over the units.
 */
export interface CohortXStats {
  /** Σ w X X' of cohort c at `xtx[c * p * p ..]` (upper triangle filled). */
  readonly xtx: Float64Array;
  /** Σ w X y_k of cohort c at `xty[(c * nT + k) * p ..]`. */
  readonly xty: Float64Array;
  /** Σ w X of cohort c at `xsum[c * p ..]`. */
  readonly xsum: Float64Array;
  /** 1 at `nonzero[c * p + j]` when column j is not zero throughout cohort c. */
  readonly nonzero: Uint8Array;
}

/**
 * Gathers the panel in cohort order (covariates only when `withCovariates`). Each loop is a
 * function of its own: called once on millions of values, it is optimised on its own.
 */
export function sortedPanel(
  data: Prepared,
  index: CohortIndex,
  withCovariates: boolean,
): SortedPanel {
  const nT = data.tlist.length;
  const { n } = data;
  const y = new Float64Array(nT * n);
  const w = new Float64Array(n);
  gatherOutcomes(data.y, data.weight, index.units, nT, y, w);
  const nc = index.values.length;
  const sums = new Float64Array(nc * nT);
  for (let c = 0; c < nc; c++) {
    for (let k = 0; k < nT; k++) {
      sums[c * nT + k] = weightedSum(w, y, k * n, index.start[c]!, index.start[c + 1]!);
    }
  }
  if (!withCovariates) return { y, w, x: new Float64Array(0), xPeriods: 0, sums, xStats: null };
  const p = data.covariates.dense.p;
  const xPeriods = timeInvariant(data) ? 1 : nT;
  const x = new Float64Array(xPeriods * n * p);
  for (let k = 0; k < xPeriods; k++) gatherDesign(data, index.units, k, x.subarray(k * n * p));
  const xStats = xPeriods === 1 ? cohortXStats(index, n, nT, p, y, w, x) : null;
  return { y, w, x, xPeriods, sums, xStats };
}

/** y[k * n + s] = Y of unit units[s] in period k; w[s] its weight. */
function gatherOutcomes(
  yIn: Float64Array,
  weight: Float64Array,
  units: Int32Array,
  nT: number,
  y: Float64Array,
  w: Float64Array,
): void {
  const n = units.length;
  for (let s = 0; s < n; s++) {
    const u = units[s]!;
    w[s] = weight[u]!;
    const row = u * nT;
    for (let k = 0; k < nT; k++) y[k * n + s] = yIn[row + k]!;
  }
}

/** Σ_{s ∈ [from, to)} w_s y_{offset + s}. */
function weightedSum(
  w: Float64Array,
  y: Float64Array,
  offset: number,
  from: number,
  to: number,
): number {
  let acc = 0;
  for (let s = from; s < to; s++) acc += w[s]! * y[offset + s]!;
  return acc;
}

/** The design rows of period k in sorted order, into `out` (n × p). */
function gatherDesign(data: Prepared, units: Int32Array, k: number, out: Float64Array): void {
  const nT = data.tlist.length;
  const { x, p } = data.covariates.dense;
  const { covRow } = data;
  for (let s = 0; s < units.length; s++) {
    const from = covRow[units[s]! * nT + k]! * p;
    const to = s * p;
    for (let j = 0; j < p; j++) out[to + j] = x[from + j]!;
  }
}

/** Per-cohort covariate sums of positions sorted by cohort (`nT` outcome periods). */
export function cohortXStats(
  index: CohortIndex,
  n: number,
  nT: number,
  p: number,
  y: Float64Array,
  w: Float64Array,
  x: Float64Array,
): CohortXStats {
  const nc = index.values.length;
  const xtx = new Float64Array(nc * p * p);
  const xty = new Float64Array(nc * nT * p);
  const xsum = new Float64Array(nc * p);
  const nonzero = new Uint8Array(nc * p);
  for (let c = 0; c < nc; c++) {
    const range = { from: index.start[c]!, to: index.start[c + 1]! };
    accumulateCohortX(range, n, nT, p, y, w, x, {
      xtx: xtx.subarray(c * p * p, (c + 1) * p * p),
      xty: xty.subarray(c * nT * p, (c + 1) * nT * p),
      xsum: xsum.subarray(c * p, (c + 1) * p),
      nonzero: nonzero.subarray(c * p, (c + 1) * p),
    });
  }
  return { xtx, xty, xsum, nonzero };
}

/** True when every unit's design row is the same in every period. */
function timeInvariant(data: Prepared): boolean {
  const nT = data.tlist.length;
  const { x, p } = data.covariates.dense;
  const { covRow, n } = data;
  for (let u = 0; u < n; u++) {
    const first = covRow[u * nT]! * p;
    for (let k = 1; k < nT; k++) {
      const other = covRow[u * nT + k]! * p;
      for (let j = 0; j < p; j++) if (x[first + j] !== x[other + j]) return false;
    }
  }
  return true;
}

/** One cohort's sums (positions [from, to)) into the given views. */
function accumulateCohortX(
  range: { from: number; to: number },
  n: number,
  nT: number,
  p: number,
  y: Float64Array,
  w: Float64Array,
  x: Float64Array,
  out: CohortXStats,
): void {
  const { xtx, xty, xsum, nonzero } = out;
  for (let s = range.from; s < range.to; s++) {
    const ws = w[s]!;
    const row = s * p;
    for (let j = 0; j < p; j++) {
      const xj = x[row + j]!;
      if (xj !== 0) nonzero[j] = 1;
      const wx = ws * xj;
      xsum[j]! += wx;
      for (let l = j; l < p; l++) xtx[j * p + l]! += wx * x[row + l]!;
      for (let k = 0; k < nT; k++) xty[k * p + j]! += wx * y[k * n + s]!;
    }
  }
}
