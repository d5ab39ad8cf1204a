/** The weighted regression `y ~ treat` with its cluster-robust variance, in closed form. */
export interface DifferenceInMeansCL {
  /** Treat coefficient: weighted mean of treated − weighted mean of controls. */
  estimate: number;
  /** Its standard error, `sandwich::vcovCL` with the HC1 adjustment (lm's default). */
  se: number;
  /** Residual degrees of freedom, n − 2. */
  df: number;
  /** Number of distinct clusters. */
  nClusters: number;
}

/**
 * `lm(y ~ treat, weights = w)` and `sqrt(vcovCL(fit, cluster = ~g)["treat", "treat"])` without
 * building a model: with X = [1, t], the fit is the two weighted group means, and the treat row
 * of (X'WX)⁻¹ is (−1/S₀, 1/S₀ + 1/S₁) (S_g = Σ w over group g), so the sandwich's treat entry is
 *   G/(G−1) · (n−1)/(n−2) · Σ_g (Σ_{i∈g} wᵢ eᵢ aᵢ)²,  aᵢ = tᵢ/S₁ − (1 − tᵢ)/S₀,
 * with eᵢ the residual from its group's mean (Zeileis, Köll & Graham 2020, J. Stat. Softw.
 * 95(1), §2: meat Σ_g s_g s_g', s_g = Σ_{i∈g} wᵢ eᵢ xᵢ, HC1 factor (n−1)/(n−k), k = 2). One pass
 * over the units instead of a model frame, a design and a p × p sandwich; used for the matched
 * difference in means with pair/subclass clusters.
 * `cluster` holds integer ids ≥ 0 below `maxCluster + 1` (subclass numbers).
 */
export function differenceInMeansCL(
  y: ArrayLike<number>,
  treat: ArrayLike<number>,
  w: ArrayLike<number>,
  cluster: ArrayLike<number>,
  maxCluster: number,
): DifferenceInMeansCL {
  const n = y.length;
  let s1 = 0;
  let s0 = 0;
  let sy1 = 0;
  let sy0 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (treat[i] === 1) {
      s1 += wi;
      sy1 += wi * y[i]!;
    } else {
      s0 += wi;
      sy0 += wi * y[i]!;
    }
  }
  const m1 = sy1 / s1;
  const m0 = sy0 / s0;
  const score = new Float64Array(maxCluster + 1);
  const seen = new Uint8Array(maxCluster + 1);
  let G = 0;
  for (let i = 0; i < n; i++) {
    const g = cluster[i]!;
    if (!seen[g]) {
      seen[g] = 1;
      G++;
    }
    const e = y[i]! - (treat[i] === 1 ? m1 : m0);
    score[g] += w[i]! * e * (treat[i] === 1 ? 1 / s1 : -1 / s0);
  }
  let meat = 0;
  for (let g = 0; g <= maxCluster; g++) meat += score[g]! * score[g]!;
  const variance = (G / (G - 1)) * ((n - 1) / (n - 2)) * meat;
  return { estimate: m1 - m0, se: Math.sqrt(variance), df: n - 2, nClusters: G };
}
