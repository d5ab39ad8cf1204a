import { ParcoursError } from "@parcours-eval/core";
import type { Side } from "./sample.js";
import { tieRuns } from "./sample.js";
import type { RdData } from "./types.js";

/** Complete cases of the RD data, sorted by the running variable, split at the cutoff. */
export interface Prepared {
  nInput: number;
  excludedMissing: number;
  excludedNegativeWeight: number;
  /** Sorted running variable of all kept rows. */
  x: Float64Array;
  left: Side;
  right: Side;
  covNames: string[];
  hasFuzzy: boolean;
  nClusterCodes: number;
  warnings: string[];
}

function checkLength(name: string, a: ArrayLike<unknown> | undefined, n: number): void {
  if (a !== undefined && a.length !== n) {
    throw new ParcoursError(
      "RDD_LENGTH_MISMATCH",
      `"${name}" has ${a.length} values, the running variable has ${n}`,
      { hint: "give every array one value per observation" },
    );
  }
}

/** Drops collinear covariates (Gram–Schmidt with relative tolerance 1e-7, as R's qr). */
export function independentColumns(cols: Float64Array[], tol = 1e-7): number[] {
  const kept: Float64Array[] = [];
  const keep: number[] = [];
  cols.forEach((col, j) => {
    const r = Float64Array.from(col);
    let norm0 = 0;
    for (let i = 0; i < r.length; i++) norm0 += r[i]! * r[i]!;
    for (const q of kept) {
      let dot = 0;
      for (let i = 0; i < r.length; i++) dot += q[i]! * r[i]!;
      for (let i = 0; i < r.length; i++) r[i] -= dot * q[i]!;
    }
    let norm = 0;
    for (let i = 0; i < r.length; i++) norm += r[i]! * r[i]!;
    if (norm0 > 0 && Math.sqrt(norm / norm0) > tol) {
      const s = Math.sqrt(norm);
      for (let i = 0; i < r.length; i++) r[i] /= s;
      kept.push(r);
      keep.push(j);
    }
  });
  return keep;
}

/**
 * Keeps complete cases (counting exclusions), sorts by x (stable), orders covariates by name
 * length and drops collinear ones (as rdrobust's covs_drop), and splits at the cutoff.
 */
export function prepare(data: RdData, c: number): Prepared {
  const n = data.x.length;
  checkLength("y", data.y, n);
  checkLength("fuzzy", data.fuzzy, n);
  checkLength("cluster", data.cluster, n);
  checkLength("weights", data.weights, n);
  const covEntries = Object.entries(data.covs ?? {});
  for (const [name, v] of covEntries) checkLength(`covs.${name}`, v, n);
  const warnings: string[] = [];

  const bad = (v: unknown) =>
    v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v));
  let missing = 0;
  let negative = 0;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    let miss = bad(data.x[i]) || bad(data.y[i]);
    if (!miss && data.fuzzy && bad(data.fuzzy[i])) miss = true;
    if (!miss && data.cluster) {
      const g = data.cluster[i];
      if (g === null || g === undefined || (typeof g === "number" && Number.isNaN(g))) miss = true;
    }
    if (!miss && data.weights && bad(data.weights[i])) miss = true;
    if (!miss) for (const [, v] of covEntries) if (bad(v[i])) miss = true;
    if (miss) {
      missing++;
      continue;
    }
    if (data.weights && data.weights[i]! < 0) {
      negative++;
      continue;
    }
    keep.push(i);
  }
  // Stable sort by x: nearest-neighbour residuals and mass-point counts need sorted data.
  keep.sort((a, b) => data.x[a]! - data.x[b]! || a - b);

  const pick = (a: ArrayLike<number>) => Float64Array.from(keep, (i) => a[i]!);
  const x = pick(data.x);
  const cols: Float64Array[] = [pick(data.y)];
  if (data.fuzzy) cols.push(pick(data.fuzzy));

  // rdrobust orders covariates by the length of their names before the collinearity check.
  const ordered = covEntries
    .map(([name, v], j) => ({ name, v, j }))
    .sort((a, b) => a.name.length - b.name.length || a.j - b.j);
  const covCols = ordered.map((e) => pick(e.v));
  const kept = independentColumns(covCols);
  if (kept.length < covCols.length) {
    warnings.push("Multicollinearity issue detected in covs. Redundant covariates dropped.");
  }
  const covNames = kept.map((j) => ordered[j]!.name);
  for (const j of kept) cols.push(covCols[j]!);

  let clusterCodes: Int32Array | undefined;
  let nClusterCodes = 0;
  if (data.cluster) {
    const codes = new Map<string, number>();
    clusterCodes = Int32Array.from(keep, (i) => {
      const key = String(data.cluster![i]);
      let code = codes.get(key);
      if (code === undefined) {
        code = codes.size;
        codes.set(key, code);
      }
      return code;
    });
    nClusterCodes = codes.size;
  }
  const fw = data.weights ? pick(data.weights) : undefined;

  let split = 0;
  while (split < x.length && x[split]! < c) split++;
  const side = (lo: number, hi: number): Side => {
    const u = new Float64Array(hi - lo);
    for (let i = lo; i < hi; i++) u[i - lo] = x[i]! - c;
    const runs = tieRuns(x.subarray(lo, hi));
    return {
      u,
      cols: cols.map((col) => col.slice(lo, hi)),
      fw: fw?.slice(lo, hi),
      cluster: clusterCodes?.slice(lo, hi),
      nClusterCodes,
      dups: runs.dups,
      dupsid: runs.dupsid,
    };
  };
  return {
    nInput: n,
    excludedMissing: missing,
    excludedNegativeWeight: negative,
    x,
    left: side(0, split),
    right: side(split, x.length),
    covNames,
    hasFuzzy: data.fuzzy !== undefined,
    nClusterCodes,
    warnings,
  };
}
