import { type Kernel, kernelWeight } from "./kernel.js";

/**
 * One side of the cutoff, sorted by the running variable (ascending). `cols` are the
 * "dependent" columns of rdrobust's design: the outcome, then the treatment (fuzzy designs),
 * then the covariates.
 */
export interface Side {
  /** Running variable minus the cutoff, ascending. */
  u: Float64Array;
  /** Outcome, [treatment], [covariates], aligned with `u`. */
  cols: Float64Array[];
  /** Frequency weights, or undefined. */
  fw: Float64Array | undefined;
  /** Cluster codes (0-based), or undefined. */
  cluster: Int32Array | undefined;
  /** Number of distinct cluster codes in the whole data (size of code space). */
  nClusterCodes: number;
  /** Size of the tie run each observation belongs to (nearest-neighbour variance). */
  dups: Int32Array;
  /** 1-based position of each observation within its tie run. */
  dupsid: Int32Array;
}

/** The observations of a side with positive kernel weight at bandwidth h. */
export interface Sample {
  n: number;
  u: Float64Array;
  w: Float64Array;
  cols: Float64Array[];
  cluster: Int32Array | undefined;
  nClusterCodes: number;
  dups: Int32Array;
  dupsid: Int32Array;
}

/** Kernel weights of every observation of the side at bandwidth h (times frequency weights). */
export function sideWeights(side: Side, h: number, kernel: Kernel): Float64Array {
  const n = side.u.length;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = kernelWeight(side.u[i]! / h, h, kernel);
    if (side.fw) v *= side.fw[i]!;
    w[i] = v;
  }
  return w;
}

/** Indices with positive weight in `w`. */
export function positive(w: Float64Array): Int32Array {
  let k = 0;
  for (let i = 0; i < w.length; i++) if (w[i]! > 0) k++;
  const idx = new Int32Array(k);
  for (let i = 0, j = 0; i < w.length; i++) if (w[i]! > 0) idx[j++] = i;
  return idx;
}

function take(a: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = a[idx[k]!]!;
  return out;
}

function takeInt(a: Int32Array, idx: Int32Array): Int32Array {
  const out = new Int32Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = a[idx[k]!]!;
  return out;
}

/** The sub-sample at rows `idx` with weights `w` (already restricted to those rows). */
export function subSample(side: Side, idx: Int32Array, w: Float64Array): Sample {
  return {
    n: idx.length,
    u: take(side.u, idx),
    w,
    cols: side.cols.map((c) => take(c, idx)),
    cluster: side.cluster ? takeInt(side.cluster, idx) : undefined,
    nClusterCodes: side.nClusterCodes,
    dups: takeInt(side.dups, idx),
    dupsid: takeInt(side.dupsid, idx),
  };
}

/** The observations of the side with positive kernel weight at bandwidth h. */
export function windowSample(side: Side, h: number, kernel: Kernel): Sample {
  const wAll = sideWeights(side, h, kernel);
  const idx = positive(wAll);
  return subSample(side, idx, take(wAll, idx));
}

/** Tie-run sizes and positions of a sorted vector (rle of the running variable). */
export function tieRuns(sorted: Float64Array): { dups: Int32Array; dupsid: Int32Array } {
  const n = sorted.length;
  const dups = new Int32Array(n);
  const dupsid = new Int32Array(n);
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || sorted[i] !== sorted[start]) {
      const len = i - start;
      for (let j = start; j < i; j++) {
        dups[j] = len;
        dupsid[j] = j - start + 1;
      }
      start = i;
    }
  }
  return { dups, dupsid };
}
