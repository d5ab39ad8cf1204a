import { stirlingRemainder } from "./gamma.js";

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Deviance term bd0(x, m) = x log(x/m) + m − x, by its series in v = (x − m)/(x + m) when x is
 * near m, where the direct form cancels (Loader 2000, "Fast and accurate computation of binomial
 * probabilities": x log(x/m) = 2x(v + v³/3 + v⁵/5 + …)).
 */
function bd0(x: number, m: number): number {
  if (Math.abs(x - m) >= 0.1 * (x + m)) return x * Math.log(x / m) + m - x;
  const v = (x - m) / (x + m);
  const v2 = v * v;
  let s = (x - m) * v;
  let ej = 2 * x * v;
  for (let j = 1; j < 1000; j++) {
    ej *= v2;
    const next = s + ej / (2 * j + 1);
    if (next === s) break;
    s = next;
  }
  return s;
}

/**
 * log P(X = x) for X ~ Binomial(n, p) (R's `dbinom(x, n, p, log = TRUE)`), through Loader's
 * saddle-point form ω(n) − ω(x) − ω(n−x) − bd0(x, np) − bd0(n−x, nq) + ½ log(n / (2π x (n−x))):
 * relative accuracy ~1e-15 for any n, where log Γ differences lose digits as n grows.
 */
export function binomialLogPmf(x: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0 || Number.isNaN(x) || Number.isNaN(p)) return Number.NaN;
  if (x < 0 || x > n || !Number.isInteger(x)) return Number.NEGATIVE_INFINITY;
  if (p <= 0) return x === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p >= 1) return x === n ? 0 : Number.NEGATIVE_INFINITY;
  if (x === 0) return n * Math.log1p(-p);
  if (x === n) return n * Math.log(p);
  const q = 1 - p;
  const y = n - x;
  const corr = stirlingRemainder(n) - stirlingRemainder(x) - stirlingRemainder(y);
  return corr - bd0(x, n * p) - bd0(y, n * q) + 0.5 * (Math.log(n / (x * y)) - LOG_2PI);
}

/** Sum of P(X = x) for x in [from, to], walking out from the largest term by the pmf ratio. */
function binomialSum(from: number, to: number, n: number, p: number): number {
  const logOdds = Math.log(p) - Math.log1p(-p);
  const mode = Math.min(to, Math.max(from, Math.floor((n + 1) * p)));
  let sum = 1;
  let rel = 0; // log P(X = x) − log P(X = mode)
  for (let x = mode; x < to; x++) {
    rel += Math.log((n - x) / (x + 1)) + logOdds;
    sum += Math.exp(rel);
  }
  rel = 0;
  for (let x = mode; x > from; x--) {
    rel += Math.log(x / (n - x + 1)) - logOdds;
    sum += Math.exp(rel);
  }
  return Math.exp(binomialLogPmf(mode, n, p)) * sum;
}

/**
 * Upper binomial tail P(X ≥ k) for X ~ Binomial(n, p) (R's `pbinom(k − 1, n, p, lower.tail =
 * FALSE)`). The smaller tail is summed directly and the larger taken as its complement, so values
 * near 0 keep relative precision and values near 1 stay monotone in p; O(n) in the worst case.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0 || Number.isNaN(k) || Number.isNaN(p)) return Number.NaN;
  k = Math.ceil(k);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (k > n * p) return Math.min(1, binomialSum(k, n, n, p));
  return Math.max(0, 1 - binomialSum(0, k - 1, n, p));
}
