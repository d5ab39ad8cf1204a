import { createRequire } from "node:module";

// jstat ships no type declarations; load it through require with the few signatures we use,
// so no ambient `declare module` can clash with another package's.
interface JStatSubset {
  normal: { cdf(x: number, mean: number, sd: number): number };
  erfc(x: number): number;
  erfcinv(p: number): number;
  gammaln(x: number): number;
  studentt: { cdf(x: number, df: number): number; inv(p: number, df: number): number };
}
const require = createRequire(import.meta.url);
const { jStat } = require("jstat") as { jStat: JStatSubset };

/** Standard normal cumulative distribution Φ(z). */
export function normalCdf(z: number): number {
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  // Through erfc so the lower tail keeps relative precision (1 - Φ(z) = Φ(-z)).
  return 0.5 * jStat.erfc(-z / Math.SQRT2);
}

/** Upper tail 1 − Φ(z), accurate for large z. */
export function normalUpper(z: number): number {
  return normalCdf(-z);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  return -Math.SQRT2 * jStat.erfcinv(2 * p);
}

/** Student t cumulative distribution with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalCdf(t);
  return jStat.studentt.cdf(t, df);
}

/** Student t quantile with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  return jStat.studentt.inv(p, df);
}

/** log Γ(x). */
export function logGamma(x: number): number {
  return jStat.gammaln(x);
}

/**
 * Upper binomial tail P(X ≥ k) for X ~ Binomial(n, p), summed in log space from k upwards (exact
 * up to rounding; n is the number of discordant pairs, so an O(n) sum is cheap).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logChoose = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  let logTerm = logChoose + k * logP + (n - k) * logQ;
  // Sum relative to the largest term for stability.
  const terms: number[] = [];
  let maxLog = logTerm;
  for (let x = k; x <= n; x++) {
    terms.push(logTerm);
    if (logTerm > maxLog) maxLog = logTerm;
    // pmf(x+1)/pmf(x) = (n-x)/(x+1) · p/q
    logTerm += Math.log((n - x) / (x + 1)) + logP - logQ;
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - maxLog);
  return Math.min(1, Math.exp(maxLog) * sum);
}
