import { determinant, inverse, Matrix, SingularValueDecomposition } from "ml-matrix";

/** Covariates rotated so that Euclidean distance between rows is the Mahalanobis distance. */
export interface MahalanobisSpace {
  /** Row-major `n × q` transformed covariates. */
  z: Float64Array;
  /** Number of transformed columns. */
  q: number;
  /** Columns dropped because they do not vary. */
  constantColumns: number[];
}

/**
 * MatchIt's Mahalanobis transform (documentation of `distance = "mahalanobis"` and
 * `mahalanobis_dist()`): covariates are standardised, their covariance is the pooled
 * within-treatment-group covariance of the retained (not discarded) units — as in Rubin (1980)
 * and optmatch —, inverted (a generalised inverse when its determinant is ≤ 1e-8), and factored by
 * a pivoted Cholesky decomposition; rows are multiplied by that factor. Distances do not depend on
 * the factorisation, but MatchIt scans candidates in the order of the first transformed column,
 * which does, so the same pivoting is used to find equally distant controls in the same order.
 */
export function mahalanobisSpace(
  x: Float64Array,
  n: number,
  p: number,
  treat: Uint8Array,
  discarded: Uint8Array,
): MahalanobisSpace {
  const keep: number[] = [];
  const constantColumns: number[] = [];
  for (let j = 0; j < p; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[i * p + j]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (Math.abs(hi - lo) < Math.sqrt(Number.EPSILON)) constantColumns.push(j);
    else keep.push(j);
  }
  if (keep.length === 0) {
    // Nothing varies: MatchIt falls back to the (Euclidean) first column.
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = x[i * p]!;
    return { z, q: 1, constantColumns };
  }
  const q = keep.length;
  // scale(): centre on the mean of all rows, divide by their SD (n − 1).
  const s = new Float64Array(n * q);
  keep.forEach((j, k) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * p + j]!;
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i * p + j]! - mean) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    for (let i = 0; i < n; i++) s[i * q + k] = (x[i * p + j]! - mean) / sd;
  });
  const cov = pooledCovariance(s, n, q, treat, discarded);
  const inv = invertCovariance(cov);
  const r = pivotedCholesky(inv);
  const z = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < q; a++) {
      let acc = 0;
      for (let b = 0; b < q; b++) acc += s[i * q + b]! * r.get(a, b);
      z[i * q + a] = acc;
    }
  }
  return { z, q, constantColumns };
}

/** Pooled within-group covariance: group-centred cross-products over (n − groups). */
function pooledCovariance(
  s: Float64Array,
  n: number,
  q: number,
  treat: Uint8Array,
  discarded: Uint8Array,
): Matrix {
  const mean = [new Float64Array(q), new Float64Array(q)];
  const count = [0, 0];
  for (let i = 0; i < n; i++) {
    if (discarded[i]) continue;
    const g = treat[i]!;
    count[g]!++;
    for (let k = 0; k < q; k++) mean[g]![k]! += s[i * q + k]!;
  }
  for (const g of [0, 1]) for (let k = 0; k < q; k++) mean[g]![k]! /= count[g]! || 1;
  const groups = (count[0]! > 0 ? 1 : 0) + (count[1]! > 0 ? 1 : 0);
  const m = count[0]! + count[1]!;
  const c = Matrix.zeros(q, q);
  const row = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    if (discarded[i]) continue;
    const g = treat[i]!;
    for (let k = 0; k < q; k++) row[k] = s[i * q + k]! - mean[g]![k]!;
    for (let a = 0; a < q; a++)
      for (let b = a; b < q; b++) c.set(a, b, c.get(a, b) + row[a]! * row[b]!);
  }
  for (let a = 0; a < q; a++) {
    for (let b = a; b < q; b++) {
      const v = c.get(a, b) / (m - groups);
      c.set(a, b, v);
      c.set(b, a, v);
    }
  }
  return c;
}

/** Inverse when well conditioned (determinant > 1e-8), else the SVD generalised inverse. */
function invertCovariance(cov: Matrix): Matrix {
  if (determinant(cov) > 1e-8) return inverse(cov);
  const svd = new SingularValueDecomposition(cov);
  const d = svd.diagonal;
  const u = svd.leftSingularVectors;
  const v = svd.rightSingularVectors;
  const tol = Math.max(1e-8 * d[0]!, 0);
  const q = cov.rows;
  const out = Matrix.zeros(q, q);
  for (let k = 0; k < d.length; k++) {
    if (!(d[k]! > tol)) continue;
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++)
        out.set(a, b, out.get(a, b) + (v.get(a, k) * u.get(b, k)) / d[k]!);
    }
  }
  return out;
}

/**
 * Upper Cholesky factor with diagonal pivoting (largest remaining diagonal first, as LAPACK's
 * dpstrf used by R's `chol(pivot = TRUE)`), columns put back in the original order, rows beyond
 * the numerical rank set to zero. Returns `R` with `Rᵀ R = A`.
 */
export function pivotedCholesky(a: Matrix): Matrix {
  const q = a.rows;
  const w = a.clone();
  const piv = [...Array(q).keys()];
  const r = Matrix.zeros(q, q);
  let maxDiag = 0;
  for (let k = 0; k < q; k++) maxDiag = Math.max(maxDiag, w.get(k, k));
  const tol = q * Number.EPSILON * maxDiag;
  for (let k = 0; k < q; k++) {
    let best = k;
    for (let j = k + 1; j < q; j++)
      if (w.get(piv[j]!, piv[j]!) > w.get(piv[best]!, piv[best]!)) best = j;
    [piv[k], piv[best]] = [piv[best]!, piv[k]!];
    const pk = piv[k]!;
    const dkk = w.get(pk, pk);
    if (!(dkk > tol)) break;
    const rkk = Math.sqrt(dkk);
    r.set(k, pk, rkk);
    for (let j = k + 1; j < q; j++) r.set(k, piv[j]!, w.get(pk, piv[j]!) / rkk);
    // Schur complement update of the remaining block.
    for (let i = k + 1; i < q; i++) {
      const pi = piv[i]!;
      for (let j = k + 1; j < q; j++) {
        const pj = piv[j]!;
        w.set(pi, pj, w.get(pi, pj) - r.get(k, pi) * r.get(k, pj));
      }
    }
  }
  return r;
}
