import { tPValue, tQuantile } from "@parcours-eval/core";

/** Weighted difference in means with its cluster-robust standard error. */
export interface AttDifference {
  estimate: number;
  se: number;
  /** Degrees of freedom of the reference t distribution (n − 2, as lm + lmtest::coeftest). */
  df: number;
  statistic: number;
  pValue: number;
  lower: number;
  upper: number;
  nTreated: number;
  nControl: number;
  /** Number of clusters (matched sets), or of units without clusters. */
  nClusters: number;
}

/**
 * ATT as the weighted difference of treated and control means — the slope of the weighted
 * regression y ~ treat that MatchIt's documentation recommends after matching — with the
 * cluster-robust variance of sandwich::vcovCL (HC1 type: G/(G−1)·(n−1)/(n−2)). For one binary
 * regressor the sandwich has a closed form: each unit contributes w_i·e_i·c_i with
 * c_i = 1/W1 for treated and −1/W0 for controls (W = summed weights, e = residual from its
 * group's weighted mean); the variance is the adjusted sum over clusters of the squared
 * cluster totals. Without clusters every unit is its own cluster (HC1).
 *
 * Indices in `rows` select the units; units with zero weight must already be left out.
 */
export function attDifference(
  rows: ArrayLike<number>,
  treat: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  cluster: ArrayLike<number> | null,
  level = 0.95,
): AttDifference {
  let w1 = 0;
  let w0 = 0;
  let s1 = 0;
  let s0 = 0;
  let nTreated = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const w = weights ? weights[i]! : 1;
    if (treat[i] === 1) {
      w1 += w;
      s1 += w * y[i]!;
      nTreated++;
    } else {
      w0 += w;
      s0 += w * y[i]!;
    }
  }
  const n = rows.length;
  const m1 = s1 / w1;
  const m0 = s0 / w0;
  const totals = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    const w = weights ? weights[i]! : 1;
    const isT = treat[i] === 1;
    const contrib = (w * (y[i]! - (isT ? m1 : m0))) / (isT ? w1 : -w0);
    const key = cluster ? cluster[i]! : i;
    totals.set(key, (totals.get(key) ?? 0) + contrib);
  }
  let meat = 0;
  for (const t of totals.values()) meat += t * t;
  const g = totals.size;
  const df = n - 2;
  const variance = meat * (g / (g - 1)) * ((n - 1) / (n - 2));
  const se = Math.sqrt(variance);
  const estimate = m1 - m0;
  const statistic = estimate / se;
  const q = tQuantile(1 - (1 - level) / 2, df);
  return {
    estimate,
    se,
    df,
    statistic,
    pValue: tPValue(statistic, df),
    lower: estimate - q * se,
    upper: estimate + q * se,
    nTreated,
    nControl: n - nTreated,
    nClusters: g,
  };
}
