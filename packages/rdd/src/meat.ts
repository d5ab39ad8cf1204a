import { type Dense, zeros } from "./linalg.js";

/**
 * The "meat" Σ ψ_i ψ_i' of the sandwich variance, with score ψ_i = rx_i · Σ_l s_l res_il
 * (rdrobust's combination of outcome, treatment and covariate residuals, Calonico, Cattaneo,
 * Farrell & Titiunik 2019). With clusters, scores are summed within clusters and scaled by the
 * CR1 factor ((n-1)/(n-k))·(G/(G-1)).
 * @param rx row-major n × k score matrix (R·W, or the bias-corrected Q matrix)
 */
export function meat(
  rx: Float64Array,
  k: number,
  res: Float64Array[],
  s: readonly number[],
  cluster?: Int32Array,
  nClusterCodes = 0,
  kDf: number = k,
): Dense {
  const n = rx.length / k;
  const comb = new Float64Array(n);
  for (let l = 0; l < res.length; l++) {
    const sl = s[l] ?? 0;
    if (sl === 0) continue;
    const r = res[l]!;
    for (let i = 0; i < n; i++) comb[i] += sl * r[i]!;
  }
  const m = zeros(k, k);
  if (!cluster) {
    for (let i = 0; i < n; i++) {
      const c2 = comb[i]! * comb[i]!;
      if (c2 === 0) continue;
      for (let a = 0; a < k; a++) {
        const va = rx[i * k + a]! * c2;
        const row = m[a]!;
        for (let b = 0; b <= a; b++) row[b] += va * rx[i * k + b]!;
      }
    }
  } else {
    const sums = new Float64Array(nClusterCodes * k);
    const seen = new Uint8Array(nClusterCodes);
    let g = 0;
    for (let i = 0; i < n; i++) {
      const code = cluster[i]!;
      if (!seen[code]) {
        seen[code] = 1;
        g++;
      }
      for (let a = 0; a < k; a++) sums[code * k + a] += rx[i * k + a]! * comb[i]!;
    }
    const factor = ((n - 1) / (n - kDf)) * (g / (g - 1));
    for (let code = 0; code < nClusterCodes; code++) {
      if (!seen[code]) continue;
      for (let a = 0; a < k; a++) {
        const va = sums[code * k + a]! * factor;
        const row = m[a]!;
        for (let b = 0; b <= a; b++) row[b] += va * sums[code * k + b]!;
      }
    }
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) m[a]![b] = m[b]![a]!;
  return m;
}
