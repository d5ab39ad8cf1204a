import jstatModule from "jstat";
import { logBeta } from "./gamma.js";

export { binomialLogPmf, binomialUpperTail } from "./binomial.js";
export { logBeta, logGamma } from "./gamma.js";

const { jStat } = jstatModule;

// Chebyshev coefficients of erfc for x >= 0 (Numerical Recipes 3rd ed., §6.2.2, `Erf::erfccheb`;
// the same table jstat's erf uses). Evaluated directly so the tails keep full relative accuracy
// (jstat's erfc is 1 - erf, which loses it).
const ERFC_COF = [
  -1.3026537197817094, 6.419697923564902e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
  -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
  5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12,
  8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16,
  -2.8e-17,
];

function erfcPositive(x: number): number {
  const t = 2 / (2 + x);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = ERFC_COF.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + ERFC_COF[j]!;
    dd = tmp;
  }
  return t * Math.exp(-x * x + 0.5 * (ERFC_COF[0]! + ty * d) - dd);
}

/** Complementary error function, accurate in relative terms in both tails. */
export function erfc(x: number): number {
  return x >= 0 ? erfcPositive(x) : 2 - erfcPositive(-x);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal distribution function Φ(x) (R's `pnorm`). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal quantile Φ⁻¹(p) (R's `qnorm`): jstat's value refined by Newton steps. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // Work in the lower tail, where Φ has full relative accuracy. Below 0.1 solve log Φ(x) = log p:
  // log Φ is concave, so Newton converges from jstat's rough start even far in the tail (Newton on
  // Φ itself left 3e-5 relative error at p = 1e-20); nearer 0.5, log Φ − log p would cancel.
  const lower = p <= 0.5 ? p : 1 - p;
  const tail = lower < 0.1;
  const logLower = Math.log(lower);
  let x = jStat.normal.inv(lower, 0, 1);
  for (let k = 0; k < (tail ? 10 : 3); k++) {
    const cdf = normalCdf(x);
    const gap = tail ? (Math.log(cdf) - logLower) * cdf : cdf - lower;
    const step = gap / normalPdf(x);
    if (!Number.isFinite(step)) break;
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
  }
  return p <= 0.5 ? x : -x;
}

/**
 * Regularized incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes 3rd
 * ed., §6.4) run to 1e-15 (jstat stops at 3e-7), with an accurate log B(a, b) for the prefactor.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return incompleteBetaXY(x, 1 - x, a, b);
}

// I_x(a, b) given x and y = 1 − x separately, so a caller that knows y more precisely than 1 − x
// (the t distribution at large df, where x is within 1e-7 of 1) keeps its digits.
function incompleteBetaXY(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logX = x <= 0.5 ? Math.log(x) : Math.log1p(-y);
  const logY = y <= 0.5 ? Math.log(y) : Math.log1p(-x);
  const front = Math.exp(a * logX + b * logY - logBeta(a, b));
  if (x > (a + 1) / (a + b + 2)) return 1 - (front * betaFraction(y, b, a)) / b;
  return (front * betaFraction(x, a, b)) / a;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
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

/** Student t density with `df` degrees of freedom. */
export function tPdf(x: number, df: number): number {
  return jStat.studentt.pdf(x, df);
}

/** Student t distribution function (R's `pt`); `df = Infinity` gives the normal. */
export function tCdf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df)) return Number.NaN;
  if (!Number.isFinite(df)) return normalCdf(x);
  // P(T <= -|x|) = I_{df/(df+x²)}(df/2, 1/2) / 2, with 1 − df/(df+x²) = x²/(df+x²) formed
  // directly (and x² = ∞ handled) rather than by subtraction.
  const s = (x * x) / df;
  const r = df / (x * x);
  const tail =
    s <= 1
      ? 0.5 * incompleteBetaXY(1 / (1 + s), s / (1 + s), df / 2, 0.5)
      : 0.5 * incompleteBetaXY(r / (1 + r), 1 / (1 + r), df / 2, 0.5);
  return x <= 0 ? tail : 1 - tail;
}

/** Student t quantile (R's `qt`): jstat's value refined by Newton steps on {@link tCdf}. */
export function tQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const lower = p <= 0.5 ? p : 1 - p;
  let x = jStat.studentt.inv(lower, df);
  if (!Number.isFinite(x)) x = normalQuantile(lower);
  for (let k = 0; k < 6; k++) {
    const step = (tCdf(x, df) - lower) / tPdf(x, df);
    if (!Number.isFinite(step)) break;
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.abs(x)) break;
  }
  return p <= 0.5 ? x : -x;
}

/** Chi-square distribution function (R's `pchisq`), via jstat's regularized gamma. */
export function chiSquareCdf(x: number, df: number): number {
  if (x <= 0) return 0;
  return jStat.lowRegGamma(df / 2, x / 2);
}

/** Chi-square quantile (R's `qchisq`), via jstat. */
export function chiSquareQuantile(p: number, df: number): number {
  return jStat.chisquare.inv(p, df);
}

/** Two-sided p-value of a z statistic: 2 Φ(-|z|). */
export function normalPValue(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom: 2 P(T ≤ -|t|). */
export function tPValue(t: number, df: number): number {
  return 2 * tCdf(-Math.abs(t), df);
}
