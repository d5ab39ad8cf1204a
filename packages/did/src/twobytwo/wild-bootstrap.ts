import type { Rng } from "@parcours-eval/core";
import { Matrix } from "ml-matrix";
import { safeInverse } from "../cs/dense.js";

/** Multiplier distribution of the wild cluster bootstrap. */
export type WildWeights = "rademacher" | "webb";

/** Output of {@link wildClusterBootstrap}. */
export interface WildBootstrapOutput {
  /** Observed cluster-robust t statistic of the tested coefficient. */
  t: number;
  /** Symmetric bootstrap p-value: share of draws with |t*| ≥ |t|. */
  pValue: number;
  /** Draws used (2^G when every Rademacher sign vector was enumerated). */
  draws: number;
  /** True when all 2^G Rademacher sign vectors were enumerated (exact, no randomness). */
  enumerated: boolean;
}

const WEBB = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];

/**
 * Restricted wild cluster bootstrap-t (WCR; Cameron, Gelbach & Miller 2008; Roodman, MacKinnon,
 * Nielsen & Webb 2019 for the algebra): impose β_j = 0, resample y* = ŷ_r + v_g û_r with one
 * multiplier per cluster, refit and recompute the CR1 t statistic. Uses per-cluster X'X, X'ŷ_r
 * and X'û_r so each draw costs O(G k²). With Rademacher weights and 2^G ≤ `draws`, every sign
 * vector is enumerated, as `boottest` does.
 * @param x row-major n × k design (already multiplied by √weights when weighted)
 */
export function wildClusterBootstrap(
  x: Float64Array,
  y: Float64Array,
  k: number,
  j: number,
  cluster: Int32Array,
  nClusters: number,
  draws: number,
  weights: WildWeights,
  rng: Rng,
): WildBootstrapOutput | null {
  const n = y.length;
  const G = nClusters;
  const xtx = new Matrix(k, k);
  const xr = new Matrix(k - 1, k - 1);
  const xty = new Float64Array(k);
  const xrty = new Float64Array(k - 1);
  const keep = [...Array(k).keys()].filter((c) => c !== j);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      xty[a]! += x[o + a]! * y[i]!;
      for (let b = 0; b < k; b++) xtx.set(a, b, xtx.get(a, b) + x[o + a]! * x[o + b]!);
    }
  }
  keep.forEach((a, r) => {
    xrty[r] = xty[a]!;
    keep.forEach((b, s) => {
      xr.set(r, s, xtx.get(a, b));
    });
  });
  const A = safeInverse(xtx);
  const Ar = safeInverse(xr);
  if (A === null || Ar === null) return null;
  const betaR = Ar.mmul(Matrix.columnVector(Array.from(xrty))).to1DArray();
  // Per-cluster pieces: S_g = X_g'X_g, h_g = X_g'ŷ_r, s_g = X_g'û_r.
  const S = new Float64Array(G * k * k);
  const h = new Float64Array(G * k);
  const s = new Float64Array(G * k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let fit = 0;
    keep.forEach((a, r) => {
      fit += x[o + a]! * betaR[r]!;
    });
    const u = y[i]! - fit;
    const g = cluster[i]!;
    for (let a = 0; a < k; a++) {
      h[g * k + a]! += x[o + a]! * fit;
      s[g * k + a]! += x[o + a]! * u;
      for (let b = 0; b < k; b++) S[(g * k + a) * k + b]! += x[o + a]! * x[o + b]!;
    }
  }
  const Aj = A.getRow(j);
  const c = (G / (G - 1)) * ((n - 1) / (n - k));
  const beta = new Float64Array(k);
  const score = new Float64Array(k);
  const xtyStar = new Float64Array(k);
  /** CR1 t statistic of β_j for y = ŷ_r + v ∘ û_r (v = 1 gives the observed data). */
  const tStat = (v: Float64Array): number => {
    xtyStar.fill(0);
    for (let g = 0; g < G; g++)
      for (let a = 0; a < k; a++) xtyStar[a]! += h[g * k + a]! + v[g]! * s[g * k + a]!;
    for (let a = 0; a < k; a++) {
      let acc = 0;
      for (let b = 0; b < k; b++) acc += A.get(a, b) * xtyStar[b]!;
      beta[a] = acc;
    }
    let meat = 0;
    for (let g = 0; g < G; g++) {
      let proj = 0;
      for (let a = 0; a < k; a++) {
        let sb = 0;
        for (let b = 0; b < k; b++) sb += S[(g * k + a) * k + b]! * beta[b]!;
        score[a] = h[g * k + a]! + v[g]! * s[g * k + a]! - sb;
        proj += Aj[a]! * score[a]!;
      }
      meat += proj * proj;
    }
    return beta[j]! / Math.sqrt(c * meat);
  };
  const ones = new Float64Array(G).fill(1);
  const t = tStat(ones);
  const v = new Float64Array(G);
  const enumerated = weights === "rademacher" && G < 31 && 2 ** G <= draws;
  const B = enumerated ? 2 ** G : draws;
  let extreme = 0;
  for (let b = 0; b < B; b++) {
    for (let g = 0; g < G; g++) {
      if (enumerated) v[g] = (b >>> g) & 1 ? 1 : -1;
      else if (weights === "rademacher") v[g] = rng.uniform() < 0.5 ? -1 : 1;
      else v[g] = WEBB[Math.floor(rng.uniform() * 6)]!;
    }
    // Ties (e.g. the identity draw) count as extreme, up to rounding.
    if (Math.abs(tStat(v)) >= Math.abs(t) * (1 - 1e-9)) extreme++;
  }
  return { t, pValue: extreme / B, draws: B, enumerated };
}
