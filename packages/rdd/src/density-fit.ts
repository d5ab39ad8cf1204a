import type { Kernel } from "./kernel.js";
import { type Dense, invSym, mul, zeros } from "./linalg.js";

/** Estimates of one local-polynomial density fit: rows left, right, diff, sum. */
export interface DensityFit {
  /** Density (first derivative of the fitted CDF) on each side. */
  hat: { left: number; right: number; diff: number; sum: number };
  /** Jackknife variances (NaN when negative). */
  varJk: { left: number; right: number; diff: number; sum: number };
  /** The s-th derivative of the CDF on each side (used by the bandwidth selector). */
  deriv: { left: number; right: number; diff: number; sum: number };
}

function weight(x: number, h: number, kernel: Kernel): number {
  const u = Math.abs(x / h);
  if (kernel === "uniform") return 1 / (2 * h);
  if (kernel === "triangular") return (1 - u) / h;
  return (0.75 * (1 - u * u)) / h;
}

/**
 * Local-polynomial density estimator of Cattaneo, Jansson & Ma (2020, JASA 115(531), eq. 2),
 * unrestricted on both sides: the empirical CDF (ties given their group's last rank when
 * `massPoints`) is regressed on separate polynomials in x/h_l and x/h_r; the coefficient of the
 * linear term is the density. Variance: the jackknife-type estimator of their sec. 3 (rddensity's
 * default), whose score for observation i is Σ_{k>i} w_k r_k /(N−1).
 * @param x sorted, centred at the cutoff, already restricted to [−h_l, h_r]
 */
export function densityFit(
  y: Float64Array,
  x: Float64Array,
  nTotal: number,
  hl: number,
  hr: number,
  p: number,
  s: number,
  kernel: Kernel,
  massPoints: boolean,
): DensityFit {
  const nh = x.length;
  const k = 2 * p + 2;
  // Column 2j (0-based) holds (x/h_l)^j on the left, column 2j+1 holds (x/h_r)^j on the right.
  const xpw = new Float64Array(nh * k);
  const g = zeros(k, k);
  const xy = new Float64Array(k);
  for (let i = 0; i < nh; i++) {
    const left = x[i]! < 0;
    const h = left ? hl : hr;
    const w = weight(x[i]!, h, kernel);
    const t = x[i]! / h;
    let pw = 1;
    for (let j = 0; j <= p; j++) {
      const col = 2 * j + (left ? 0 : 1);
      xpw[i * k + col] = pw * w;
      xy[col] += pw * w * y[i]!;
      pw *= t;
    }
  }
  for (let i = 0; i < nh; i++) {
    const left = x[i]! < 0;
    const t = x[i]! / (left ? hl : hr);
    for (let a = 0; a <= p; a++) {
      const ca = 2 * a + (left ? 0 : 1);
      let pb = 1;
      for (let b = 0; b <= p; b++) {
        const cb = 2 * b + (left ? 0 : 1);
        g[ca]![cb] += xpw[i * k + ca]! * pb;
        pb *= t;
      }
    }
  }
  const sinv = invSym(g);
  const hp = Array.from({ length: k }, (_, j) => (j % 2 === 0 ? hl : hr) ** Math.floor(j / 2));
  const beta = sinv.map((row, a) => row.reduce((acc, v, b) => acc + v * xy[b]!, 0) / hp[a]!);

  // Jackknife scores: L_i = Σ_{k>i} (XpW)_k / (N − 1); with mass points, ties share the score
  // of their group's first member.
  const lmat = new Float64Array(nh * k);
  const run = new Float64Array(k);
  for (let i = nh - 1; i >= 0; i--) {
    for (let j = 0; j < k; j++) lmat[i * k + j] = run[j]! / (nTotal - 1);
    for (let j = 0; j < k; j++) run[j] += xpw[i * k + j]!;
  }
  if (massPoints) {
    let first = 0;
    for (let i = 1; i <= nh; i++) {
      if (i === nh || x[i] !== x[first]) {
        for (let t = first + 1; t < i; t++) {
          for (let j = 0; j < k; j++) lmat[t * k + j] = lmat[first * k + j]!;
        }
        first = i;
      }
    }
  }
  const ltl: Dense = zeros(k, k);
  for (let i = 0; i < nh; i++) {
    for (let a = 0; a < k; a++) {
      const va = lmat[i * k + a]!;
      if (va === 0) continue;
      for (let b = 0; b < k; b++) ltl[a]![b] += va * lmat[i * k + b]!;
    }
  }
  const v = mul(mul(sinv, ltl), sinv).map((row, a) => row.map((val, b) => val / (hp[a]! * hp[b]!)));
  const nonneg = (z: number) => (z < 0 ? Number.NaN : z);
  const iL = 2;
  const iR = 3;
  return {
    hat: {
      left: beta[iL]!,
      right: beta[iR]!,
      diff: beta[iR]! - beta[iL]!,
      sum: beta[iR]! + beta[iL]!,
    },
    varJk: {
      left: nonneg(v[iL]![iL]!),
      right: nonneg(v[iR]![iR]!),
      diff: nonneg(v[iL]![iL]! + v[iR]![iR]! - 2 * v[iL]![iR]!),
      sum: nonneg(v[iL]![iL]! + v[iR]![iR]! + 2 * v[iL]![iR]!),
    },
    deriv: {
      left: beta[2 * s]!,
      right: beta[2 * s + 1]!,
      diff: beta[2 * s + 1]! - beta[2 * s]!,
      sum: beta[2 * s + 1]! + beta[2 * s]!,
    },
  };
}
