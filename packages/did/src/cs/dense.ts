import { Matrix, SingularValueDecomposition } from "ml-matrix";

/** A dense row-major design: row `i`, column `j` at `x[i * p + j]`. */
export interface Dense {
  /** Row-major values. */
  readonly x: Float64Array;
  /** Rows. */
  readonly n: number;
  /** Columns. */
  readonly p: number;
}

/** Σ_i v_i · X_i / n (column means of `v ∘ X`), a p-vector. */
export function weightedColMeans(d: Dense, v: ArrayLike<number>): Float64Array {
  const { x, n, p } = d;
  const out = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const vi = v[i]!;
    if (vi === 0) continue;
    const o = i * p;
    for (let j = 0; j < p; j++) out[j]! += vi * x[o + j]!;
  }
  for (let j = 0; j < p; j++) out[j]! /= n;
  return out;
}

/** X' diag(v) X / n, a p × p ml-matrix. */
export function weightedCrossprod(d: Dense, v: ArrayLike<number>): Matrix {
  const { x, n, p } = d;
  const acc = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const vi = v[i]!;
    if (vi === 0) continue;
    const o = i * p;
    for (let j = 0; j < p; j++) {
      const a = vi * x[o + j]!;
      for (let k = j; k < p; k++) acc[j * p + k]! += a * x[o + k]!;
    }
  }
  const m = new Matrix(p, p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      const val = acc[j * p + k]! / n;
      m.set(j, k, val);
      m.set(k, j, val);
    }
  }
  return m;
}

/** X_i · a for every row. */
export function rowDot(d: Dense, a: ArrayLike<number>): Float64Array {
  const { x, n, p } = d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * p;
    for (let j = 0; j < p; j++) s += x[o + j]! * a[j]!;
    out[i] = s;
  }
  return out;
}

/**
 * Inverse of a symmetric p × p matrix, or `null` when it is numerically singular (reciprocal
 * condition number below machine epsilon, the threshold R's `rcond()` checks in `did`/DRDID).
 */
export function safeInverse(m: Matrix): Matrix | null {
  const p = m.rows;
  if (p === 1) {
    const v = m.get(0, 0);
    if (!(Math.abs(v) > 0) || !Number.isFinite(v)) return null;
    return new Matrix([[1 / v]]);
  }
  const svd = new SingularValueDecomposition(m, { autoTranspose: true });
  const s = svd.diagonal;
  const max = Math.max(...s);
  const min = Math.min(...s);
  if (!(max > 0) || min / max < Number.EPSILON) return null;
  return svd.inverse();
}

/** A p × p matrix times a p-vector. */
export function matVec(m: Matrix, v: ArrayLike<number>): Float64Array {
  const p = m.rows;
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < m.columns; k++) s += m.get(j, k) * v[k]!;
    out[j] = s;
  }
  return out;
}

/** Arithmetic mean of a vector. */
export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s / v.length;
}
