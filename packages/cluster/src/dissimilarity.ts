import { ParcoursError } from "@parcours-eval/core";
import type { GowerModel } from "./gower.js";
import { gowerRow } from "./gower-kernel.js";

/**
 * A dissimilarity between n points, read one row at a time. Implementations either hold a
 * precomputed matrix (small n) or compute rows on the fly (large n), so algorithms written
 * against this interface never need the n × n matrix.
 */
export interface Dissimilarity {
  /** Number of points. */
  readonly n: number;
  /**
   * Distances from point `i` to every point. The result is `out` or a read-only view of an
   * internal matrix; it stays valid until `out` is reused.
   */
  row(i: number, out: Float64Array): Float64Array;
  /** Distances from point `i` to the points `targets`, written into `out`. */
  rowTo(i: number, targets: ArrayLike<number>, out: Float64Array): Float64Array;
}

/** A dissimilarity backed by a full row-major n × n matrix (e.g. `as.matrix(daisy(…))`). */
export function matrixDissimilarity(n: number, matrix: Float64Array): Dissimilarity {
  if (matrix.length !== n * n) {
    throw new ParcoursError(
      "DISSIMILARITY_SHAPE",
      `a ${n} × ${n} dissimilarity needs ${n * n} entries, got ${matrix.length}`,
    );
  }
  return {
    n,
    row: (i) => matrix.subarray(i * n, (i + 1) * n),
    rowTo(i, targets, out) {
      const base = i * n;
      for (let t = 0; t < targets.length; t++) out[t] = matrix[base + targets[t]!]!;
      return out;
    },
  };
}

/**
 * A dissimilarity from a condensed lower triangle in R's `dist` order (column by column:
 * d(2,1), d(3,1), …, d(n,1), d(3,2), …), as `as.numeric(daisy(x))` returns it.
 */
export function distDissimilarity(lower: ArrayLike<number>): Dissimilarity {
  const n = Math.round((1 + Math.sqrt(1 + 8 * lower.length)) / 2);
  if ((n * (n - 1)) / 2 !== lower.length) {
    throw new ParcoursError(
      "DISSIMILARITY_SHAPE",
      `${lower.length} entries is not n(n-1)/2 for any n`,
    );
  }
  const m = new Float64Array(n * n);
  let k = 0;
  for (let j = 0; j < n; j++) {
    for (let i = j + 1; i < n; i++) {
      const d = lower[k++]!;
      m[i * n + j] = d;
      m[j * n + i] = d;
    }
  }
  return matrixDissimilarity(n, m);
}

/** Options of {@link gowerDissimilarity}. */
export interface GowerDissimilarityOptions {
  /**
   * Precompute the matrix when it takes at most this many bytes (default 640 MiB, about 9,000
   * points); above, rows are computed on the fly by the blocked kernel in O(n) memory.
   */
  cacheBytes?: number;
}

/** The model restricted to `rows` (same ranges and weights), stored contiguously. */
export function restrictGower(model: GowerModel, rows: ArrayLike<number>): GowerModel {
  const m = rows.length;
  const variables = model.variables.map((v) => {
    const scaled = v.scaled ? new Float64Array(m) : undefined;
    const codes = v.codes ? new Int32Array(m) : undefined;
    let nMissing = 0;
    for (let t = 0; t < m; t++) {
      const r = rows[t]!;
      if (scaled) {
        scaled[t] = v.scaled![r]!;
        if (Number.isNaN(scaled[t]!)) nMissing++;
      } else {
        codes![t] = v.codes![r]!;
        if (codes![t]! < 0) nMissing++;
      }
    }
    return { ...v, scaled, codes, nMissing };
  });
  return {
    n: m,
    variables,
    variableDenominator: variables.some((v) => v.nMissing > 0 || v.kind === "asymm"),
    totalWeight: model.totalWeight,
  };
}

/**
 * Gower dissimilarity between the given rows of a prepared model (all rows by default): point
 * \`p\` is row \`rows[p]\`. Ranges come from the whole model, so distances do not depend on the subset.
 */
export function gowerDissimilarity(
  model: GowerModel,
  rows?: ArrayLike<number>,
  options: GowerDissimilarityOptions = {},
): Dissimilarity {
  const sub = rows ? restrictGower(model, rows) : model;
  const n = sub.n;
  const scratch = new Float64Array(n);
  const cacheBytes = options.cacheBytes ?? 640 * 1024 * 1024;
  if (n * n * 8 <= cacheBytes) {
    const m = new Float64Array(n * n);
    const buf = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      gowerRow(sub, p, buf, undefined, scratch);
      m.set(buf, p * n);
    }
    return matrixDissimilarity(n, m);
  }
  return {
    n,
    row: (i, out) => gowerRow(sub, i, out, undefined, scratch),
    rowTo: (i, targets, out) => gowerRow(sub, i, out, targets, scratch),
  };
}
