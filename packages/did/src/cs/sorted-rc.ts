import { type CohortIndex, cohortIndex } from "./cohort-index.js";
import { encodeKeys } from "./keys.js";
import type { Prepared } from "./prepare.js";
import { type CohortXStats, cohortXStats } from "./sorted-panel.js";

/**
 * Repeated cross-sections laid out block after block, a block being the observations of one
 * cohort in one period: a group-time cell is a union of whole blocks (its cohorts in its two
 * periods), so every pass over it reads contiguous memory and its sums are sums of block sums.
 */
export interface SortedRc {
  /** Blocks (cohort × period) with their observations and weight sums. */
  readonly index: CohortIndex;
  /** Distinct cohort values, sorted. */
  readonly cohorts: number[];
  /** Block of (cohort code, period) at `block[code * nT + period]`, −1 when empty. */
  readonly block: Int32Array;
  /** Outcome of position s. */
  readonly y: Float64Array;
  /** Sampling weight of position s. */
  readonly w: Float64Array;
  /** Σ w y of each block. */
  readonly sy: Float64Array;
  /** Design row of position s at `x[s * p ..]` (empty without covariates). */
  readonly x: Float64Array;
  /** Per-block covariate sums (one outcome period), or null without covariates. */
  readonly xStats: CohortXStats | null;
}

/** Sorts the observations by block and takes the block sums. */
export function sortedRc(data: Prepared, withCovariates: boolean): SortedRc {
  const { n } = data;
  const nT = data.tlist.length;
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const codes = encodeKeys(all, data.group);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = codes.codes[i]! * nT + data.period[i]!;
  const index = cohortIndex(key, data.weight);
  const block = new Int32Array(codes.values.length * nT).fill(-1);
  index.values.forEach((k, b) => {
    block[k] = b;
  });
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  gather(index.units, data.y, data.weight, y, w);
  const nb = index.values.length;
  const sy = new Float64Array(nb);
  for (let b = 0; b < nb; b++) sy[b] = weightedSum(w, y, index.start[b]!, index.start[b + 1]!);
  if (!withCovariates) {
    return { index, cohorts: codes.values, block, y, w, sy, x: new Float64Array(0), xStats: null };
  }
  const p = data.covariates.dense.p;
  const x = new Float64Array(n * p);
  gatherDesign(index.units, data.covRow, data.covariates.dense.x, p, x);
  const xStats = cohortXStats(index, n, 1, p, y, w, x);
  return { index, cohorts: codes.values, block, y, w, sy, x, xStats };
}

function gather(
  units: Int32Array,
  yIn: Float64Array,
  wIn: Float64Array,
  y: Float64Array,
  w: Float64Array,
): void {
  for (let s = 0; s < units.length; s++) {
    const u = units[s]!;
    y[s] = yIn[u]!;
    w[s] = wIn[u]!;
  }
}

function weightedSum(w: Float64Array, y: Float64Array, from: number, to: number): number {
  let acc = 0;
  for (let s = from; s < to; s++) acc += w[s]! * y[s]!;
  return acc;
}

function gatherDesign(
  units: Int32Array,
  covRow: Int32Array,
  dx: Float64Array,
  p: number,
  x: Float64Array,
): void {
  for (let s = 0; s < units.length; s++) {
    const from = covRow[units[s]!]! * p;
    for (let j = 0; j < p; j++) x[s * p + j] = dx[from + j]!;
  }
}
