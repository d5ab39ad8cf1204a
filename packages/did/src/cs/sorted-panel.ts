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

/** Gathers the panel in cohort order (covariates only when `withCovariates`). */
export function sortedPanel(
  data: Prepared,
  index: CohortIndex,
  withCovariates: boolean,
): SortedPanel {
  const nT = data.tlist.length;
  const { n, weight, covRow } = data;
  const units = index.units;
  const y = new Float64Array(nT * n);
  const w = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const u = units[s]!;
    w[s] = weight[u]!;
    const row = u * nT;
    for (let k = 0; k < nT; k++) y[k * n + s] = data.y[row + k]!;
  }
  const nc = index.values.length;
  const sums = new Float64Array(nc * nT);
  for (let c = 0; c < nc; c++) {
    for (let k = 0; k < nT; k++) {
      let acc = 0;
      for (let s = index.start[c]!; s < index.start[c + 1]!; s++) acc += w[s]! * y[k * n + s]!;
      sums[c * nT + k] = acc;
    }
  }
  if (!withCovariates) return { y, w, x: new Float64Array(0), xPeriods: 0, sums, xStats: null };
  const { x: dx, p } = data.covariates.dense;
  const xPeriods = timeInvariant(data) ? 1 : nT;
  const x = new Float64Array(xPeriods * n * p);
  for (let k = 0; k < xPeriods; k++) {
    for (let s = 0; s < n; s++) {
      const from = covRow[units[s]! * nT + k]! * p;
      const to = (k * n + s) * p;
      for (let j = 0; j < p; j++) x[to + j] = dx[from + j]!;
    }
  }
  const xStats = xPeriods === 1 ? cohortXStats(index, n, nT, p, y, w, x) : null;
  return { y, w, x, xPeriods, sums, xStats };
}

function cohortXStats(
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
    const ox = c * p * p;
    const oy = c * nT * p;
    const os = c * p;
    for (let s = index.start[c]!; s < index.start[c + 1]!; s++) {
      const ws = w[s]!;
      const row = s * p;
      for (let j = 0; j < p; j++) {
        const xj = x[row + j]!;
        if (xj !== 0) nonzero[os + j] = 1;
        const wx = ws * xj;
        xsum[os + j]! += wx;
        for (let l = j; l < p; l++) xtx[ox + j * p + l]! += wx * x[row + l]!;
        for (let k = 0; k < nT; k++) xty[oy + k * p + j]! += wx * y[k * n + s]!;
      }
    }
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
