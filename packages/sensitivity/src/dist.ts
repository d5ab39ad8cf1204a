import { createRequire } from "node:module";

// jstat ships no type declarations; load it through require with the few signatures we use,
// so no ambient `declare module` can clash with another package's.
interface JStatSubset {
  normal: { cdf(x: number, mean: number, sd: number): number };
  erfc(x: number): number;
  erfcinv(p: number): number;
}
const require = createRequire(import.meta.url);
const { jStat } = require("jstat") as { jStat: JStatSubset };

/** Standard normal cumulative distribution Φ(z). */
export function normalCdf(z: number): number {
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  if (z < -3) return normalUpper(-z);
  return 0.5 * jStat.erfc(-z / Math.SQRT2);
}

/**
 * Upper tail 1 − Φ(z) with relative precision far in the tail: beyond z = 3 through the
 * continued fraction of Mills' ratio, Q(z) = φ(z)/(z + 1/(z + 2/(z + 3/(z + …)))) (Abramowitz &
 * Stegun 26.2.14), since jstat's erfc loses all digits past z ≈ 8.
 */
export function normalUpper(z: number): number {
  if (z < 3) return normalCdf(-z);
  let tail = z;
  for (let k = 300; k >= 1; k--) tail = z + k / tail;
  return Math.exp(-0.5 * z * z - 0.5 * Math.log(2 * Math.PI)) / tail;
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  return -Math.SQRT2 * jStat.erfcinv(2 * p);
}

// jstat's gammaln (and so its t distribution) is accurate to about 1e-9 only; the t p-values
// must match R to 1e-9 or better, so log Γ, the incomplete beta and the t distribution are here.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; reflection below 0.5). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta (modified Lentz; Numerical Recipes §6.4). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student t cumulative distribution with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalCdf(t);
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/** Student t quantile with `df` degrees of freedom (bisection on {@link tCdf}). */
export function tQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  let lo = -1;
  let hi = 1;
  while (tCdf(lo, df) > p) lo *= 2;
  while (tCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Sum of binomial probabilities P(X = x) for x in [from, to], in log space. */
function binomialSum(from: number, to: number, n: number, p: number): number {
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logPmf = (x: number) =>
    logGamma(n + 1) - logGamma(x + 1) - logGamma(n - x + 1) + x * logP + (n - x) * logQ;
  // Start from the term nearest the mode (the largest) and walk outwards with the pmf ratio.
  const mode = Math.min(to, Math.max(from, Math.floor((n + 1) * p)));
  const top = logPmf(mode);
  let sum = 1;
  let rel = 0;
  for (let x = mode; x < to; x++) {
    rel += Math.log((n - x) / (x + 1)) + logP - logQ; // log pmf(x+1) − log pmf(mode)
    sum += Math.exp(rel);
  }
  rel = 0;
  for (let x = mode; x > from; x--) {
    rel += Math.log(x / (n - x + 1)) + logQ - logP; // log pmf(x−1) − log pmf(mode)
    sum += Math.exp(rel);
  }
  return Math.exp(top) * sum;
}

/**
 * Upper binomial tail P(X ≥ k) for X ~ Binomial(n, p). Exact up to rounding: the smaller tail is
 * summed directly and the larger obtained as its complement, so values near 0 keep relative
 * precision and values near 1 stay monotone in p (n is the number of discordant pairs: an O(n)
 * sum is cheap).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (k > n * p) return Math.min(1, binomialSum(k, n, n, p));
  return Math.max(0, 1 - binomialSum(0, k - 1, n, p));
}
