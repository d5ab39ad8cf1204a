import { encodeKeys } from "./keys.js";
import type { Prepared } from "./prepare.js";
import type { UnitBlocks } from "./variance.js";

/**
 * Units grouped by cohort (compressed layout): the units of cohort `values[c]` are
 * `units[start[c] .. start[c + 1])`, in increasing unit order. A group-time cell is a union of
 * whole cohorts, so its units are read from here instead of scanning all n units per cell.
 */
export interface CohortIndex {
  /** Distinct cohort values (0 = never treated), sorted. */
  readonly values: number[];
  /** Offsets into `units`, length `values.length + 1`. */
  readonly start: Int32Array;
  /** Unit indices, cohort after cohort. */
  readonly units: Int32Array;
  /** Sum of the sampling weights of each cohort. */
  readonly weightSum: Float64Array;
}

/** Builds the index by a counting sort on the cohort of each unit. */
export function cohortIndex(group: Float64Array, weight: Float64Array): CohortIndex {
  const n = group.length;
  const seen = new Set<number>();
  for (let u = 0; u < n; u++) seen.add(group[u]!);
  const values = [...seen].sort((a, b) => a - b);
  const code = new Map(values.map((v, c) => [v, c]));
  const nc = values.length;
  const of = new Int32Array(n);
  const start = new Int32Array(nc + 1);
  const weightSum = new Float64Array(nc);
  for (let u = 0; u < n; u++) {
    const c = code.get(group[u]!)!;
    of[u] = c;
    start[c + 1]! += 1;
    weightSum[c]! += weight[u]!;
  }
  for (let c = 0; c < nc; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, nc);
  const units = new Int32Array(n);
  for (let u = 0; u < n; u++) units[next[of[u]!]!++] = u;
  return { values, start, units, weightSum };
}

/** Number of units of the cohorts `cohorts` (indices into `values`). */
export function unitCount(index: CohortIndex, cohorts: readonly number[]): number {
  let m = 0;
  for (const c of cohorts) m += index.start[c + 1]! - index.start[c]!;
  return m;
}

/** Cohorts for panels; cohort × period for repeated cross-sections (a cell uses two periods). */
export function unitBlocks(data: Prepared): UnitBlocks {
  if (data.panel) return cohortIndex(data.group, data.weight);
  const n = data.n;
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const cohorts = encodeKeys(all, data.group);
  const nT = data.tlist.length;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = cohorts.codes[i]! * nT + data.period[i]!;
  return cohortIndex(key, data.weight);
}
