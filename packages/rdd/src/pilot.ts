import type { Kernel } from "./kernel.js";

/** Number of distinct values of a sorted array. */
export function uniqueCount(sorted: Float64Array): number {
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) m++;
  return m;
}

/**
 * Distance to the cutoff of the k-th distinct value nearest to it (1-based), on a side given as
 * sorted x − c: the left side counts from its end, the right side from its start. This is the
 * minimum bandwidth that keeps k distinct mass points (rdrobust's bwcheck).
 */
export function uniqueWithin(sortedU: Float64Array, k: number, leftSide: boolean): number {
  let seen = 0;
  const n = sortedU.length;
  for (let t = 0; t < n; t++) {
    const i = leftSide ? n - 1 - t : t;
    const prev = leftSide ? sortedU[i + 1] : sortedU[i - 1];
    if (t === 0 || sortedU[i] !== prev) seen++;
    if (seen === k) return Math.abs(sortedU[i]!);
  }
  return Math.abs(sortedU[leftSide ? 0 : n - 1]!);
}

/** R's quantile type 2 (inverse empirical CDF, averaging at discontinuities) of sorted data. */
export function quantileType2(sorted: Float64Array, prob: number): number {
  const n = sorted.length;
  const np = n * prob;
  const j = Math.floor(np);
  const g = np - j;
  if (j <= 0) return sorted[0]!;
  if (j >= n) return sorted[n - 1]!;
  return g > 0 ? sorted[j]! : (sorted[j - 1]! + sorted[j]!) / 2;
}

/**
 * Pilot bandwidth of the selectors: C_K · min(sd, IQR/1.349) · N^(-1/5), with rdrobust's kernel
 * constants (2.576 triangular, 2.34 Epanechnikov, 1.843 uniform), N the number of unique values
 * under masspoints = adjust, capped at the range of the data when bwrestrict.
 */
export function pilotBandwidth(
  sortedX: Float64Array,
  c: number,
  kernel: Kernel,
  nEff: number,
  bwrestrict: boolean,
): number {
  const n = sortedX.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sortedX[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sortedX[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const iqr = quantileType2(sortedX, 0.75) - quantileType2(sortedX, 0.25);
  const spread = Math.min(sd, iqr / 1.349);
  const cK = kernel === "epanechnikov" ? 2.34 : kernel === "uniform" ? 1.843 : 2.576;
  let h = cK * spread * nEff ** (-1 / 5);
  if (bwrestrict)
    h = Math.min(h, Math.max(Math.abs(c - sortedX[0]!), Math.abs(c - sortedX[n - 1]!)));
  return h;
}
