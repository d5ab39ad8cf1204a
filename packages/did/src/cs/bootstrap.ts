import { normalQuantile, type Rng } from "@parcours-eval/core";
import { quantileType1 } from "./quantile.js";

/** Influence functions of k estimators over n units: column j at `values[j * n .. (j+1) * n)`. */
export interface InfluenceMatrix {
  /** Column-major values. */
  readonly values: Float64Array;
  /** Units (rows). */
  readonly n: number;
  /** Estimators (columns). */
  readonly k: number;
}

/** Output of {@link multiplierBootstrap}. */
export interface MultiplierBootstrap {
  /** Bootstrap standard error of each column (NaN for degenerate columns). */
  se: Float64Array;
  /** Critical value of the sup-t uniform band at level 1 − alpha. */
  crit: number;
}

/**
 * Multiplier bootstrap with Rademacher weights (Callaway & Sant'Anna 2021, section 4; `did::mboot`):
 * draws b = √m · mean_j(V_j ψ_j), SE from the normalised interquartile range of the draws, and
 * the uniform-band critical value as the 1 − alpha quantile of max_k |draw_k / SE_k|. With
 * clusters, ψ is averaged within cluster first and m is the number of clusters, as `did` does.
 */
export function multiplierBootstrap(
  inf: InfluenceMatrix,
  biters: number,
  alpha: number,
  rng: Rng,
  cluster?: Int32Array,
): MultiplierBootstrap {
  const { n, k } = inf;
  let psi = inf.values;
  let m = n;
  if (cluster !== undefined) {
    let nc = 0;
    for (let i = 0; i < n; i++) nc = Math.max(nc, cluster[i]! + 1);
    const size = new Float64Array(nc);
    for (let i = 0; i < n; i++) size[cluster[i]!]! += 1;
    const means = new Float64Array(nc * k);
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < n; i++) means[j * nc + cluster[i]!]! += inf.values[j * n + i]!;
      for (let c = 0; c < nc; c++) means[j * nc + c]! /= size[c]!;
    }
    psi = means;
    m = nc;
  }
  const draws = new Float64Array(biters * k);
  const signs = new Float64Array(m);
  const scale = Math.sqrt(m) / m;
  for (let b = 0; b < biters; b++) {
    // 32 Rademacher signs per uniform draw (Alea gives 32 random bits).
    for (let i = 0; i < m; i += 32) {
      const bits = Math.floor(rng.uniform() * 4294967296) >>> 0;
      const end = Math.min(32, m - i);
      for (let s = 0; s < end; s++) signs[i + s] = (bits >>> s) & 1 ? 1 : -1;
    }
    for (let j = 0; j < k; j++) {
      let acc = 0;
      const o = j * m;
      for (let i = 0; i < m; i++) acc += signs[i]! * psi[o + i]!;
      draws[b * k + j] = acc * scale;
    }
  }
  const se = new Float64Array(k).fill(Number.NaN);
  const sigma = new Float64Array(k).fill(Number.NaN);
  const iqrUnit = normalQuantile(0.75) - normalQuantile(0.25);
  const col = new Float64Array(biters);
  for (let j = 0; j < k; j++) {
    let s = 0;
    let s2 = 0;
    for (let b = 0; b < biters; b++) {
      const v = draws[b * k + j]!;
      col[b] = v;
      s += v;
      s2 += v * v;
    }
    // Degenerate columns (zero or missing influence) are left out, as in did.
    if (Number.isNaN(s) || !(s2 > Math.sqrt(Number.EPSILON) * 10)) continue;
    sigma[j] = (quantileType1(col, 0.75) - quantileType1(col, 0.25)) / iqrUnit;
    se[j] = sigma[j]! / Math.sqrt(m);
  }
  const sup = new Float64Array(biters);
  let count = 0;
  for (let b = 0; b < biters; b++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      if (Number.isNaN(sigma[j]!)) continue;
      const t = Math.abs(draws[b * k + j]! / sigma[j]!);
      if (t > best) best = t;
    }
    if (Number.isFinite(best)) sup[count++] = best;
  }
  const crit = quantileType1(sup.subarray(0, count), 1 - alpha);
  return { se, crit };
}
