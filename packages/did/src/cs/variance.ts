import type { InfluenceMatrix } from "./bootstrap.js";

/**
 * Analytic variance of estimators from their influence functions: V = Σ_c s_c s_c' / n² with s_c
 * the sum of ψ over cluster c (each unit its own cluster by default: V = Ψ'Ψ / n², `did`'s
 * unit-clustered analytic variance). Returns the k × k matrix, row-major.
 */
export function influenceVcov(inf: InfluenceMatrix, cluster?: Int32Array): Float64Array {
  const { n, k, values } = inf;
  let rows = values;
  let m = n;
  if (cluster !== undefined) {
    for (let i = 0; i < n; i++) m = i === 0 ? cluster[i]! + 1 : Math.max(m, cluster[i]! + 1);
    const sums = new Float64Array(m * k);
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < n; i++) sums[j * m + cluster[i]!]! += values[j * n + i]!;
    }
    rows = sums;
  }
  const v = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      const oa = a * m;
      const ob = b * m;
      for (let i = 0; i < m; i++) s += rows[oa + i]! * rows[ob + i]!;
      v[a * k + b] = s / (n * n);
      v[b * k + a] = s / (n * n);
    }
  }
  return v;
}

/** Standard error of one influence function (a k = 1 {@link influenceVcov}). */
export function influenceSe(psi: Float64Array, cluster?: Int32Array): number {
  return Math.sqrt(influenceVcov({ values: psi, n: psi.length, k: 1 }, cluster)[0]!);
}

/** `did` reports standard errors at or below √eps · 10 as missing. */
export function cleanSe(se: number): number {
  return se <= Math.sqrt(Number.EPSILON) * 10 || !Number.isFinite(se) ? Number.NaN : se;
}
