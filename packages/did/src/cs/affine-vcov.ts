import type { CohortIndex } from "./cohort-index.js";

/** Outcomes period-major (`y[t * n + s]`, one period for repeated cross-sections) and weights. */
export interface SortedOutcomes {
  /** Outcome of position s in period t. */
  readonly y: Float64Array;
  /** Sampling weight of position s. */
  readonly w: Float64Array;
}

/**
 * An influence column that is, on each block k of its support (a cohort of a panel, a cohort ×
 * period of repeated cross-sections), an affine function of the unit's outcome change:
 * ψ(u) = coef_k · W_u · (Y_u,current − Y_u,base − eta_k), or of its outcome level
 * ψ(u) = coef_k · W_u · (Y_u − eta_k) when there is no base, and zero elsewhere. The
 * no-covariate outcome-regression cells have this form (see `panel-reg.ts`, `rc-reg.ts`).
 */
export interface AffineColumn {
  /** Period index of the current period. */
  current: number;
  /** Period index of the base period; −1 for a level (repeated cross-sections). */
  base: number;
  /** Blocks of the support (indices into the block index). */
  cohorts: number[];
  /** coef_k of each support cohort. */
  coef: number[];
  /** eta_k of each support cohort. */
  eta: number[];
}

/**
 * Ψ'Ψ (k × k, row-major) of affine columns (null: a zero column) without touching the n × k
 * matrix: with per-cohort W²-weighted means m_k, centred second moments M_k = Σ W² (Y − m_k)(Y − m_k)'
 * and S_k = Σ W², the sum over cohort k of ψ_i ψ_j is
 *   coef_i coef_j (a_i' M_k a_j + d_i d_j S_k),   a = e_current − e_base (or e_current),
 *   d = a'm_k − eta_k
 * (the cross terms vanish because the deviations are centred). One O(n · T²) pass replaces the
 * O(n · k²) product; equal to it up to rounding.
 */
export function affineCrossprod(
  columns: readonly (AffineColumn | null)[],
  panel: SortedOutcomes,
  index: CohortIndex,
  nT: number,
): Float64Array {
  const { mean, m2, s2 } = cohortMoments(panel, index, nT);
  // a'v for a period vector v of block c (a = e_current − e_base, or e_current for a level).
  const contrast = (v: Float64Array, o: number, col: AffineColumn): number =>
    v[o + col.current]! - (col.base < 0 ? 0 : v[o + col.base]!);
  const nc = index.values.length;
  const k = columns.length;
  // Dense per-column coefficients by cohort (0 outside the support).
  const coef = new Float64Array(k * nc);
  const d = new Float64Array(k * nc);
  columns.forEach((col, i) => {
    if (col === null) return;
    col.cohorts.forEach((c, r) => {
      coef[i * nc + c] = col.coef[r]!;
      d[i * nc + c] = contrast(mean, c * nT, col) - col.eta[r]!;
    });
  });
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const ci = columns[i];
    if (ci === null || ci === undefined) continue;
    for (let j = i; j < k; j++) {
      const cj = columns[j];
      if (cj === null || cj === undefined) continue;
      let acc = 0;
      for (let c = 0; c < nc; c++) {
        const a = coef[i * nc + c]!;
        const b = coef[j * nc + c]!;
        if (a === 0 || b === 0) continue;
        const o = c * nT * nT;
        // a_i' M a_j: a_j' (row current of M) − a_j' (row base of M).
        const rowC = contrast(m2, o + ci.current * nT, cj);
        const aMa = ci.base < 0 ? rowC : rowC - contrast(m2, o + ci.base * nT, cj);
        acc += a * b * (aMa + d[i * nc + c]! * d[j * nc + c]! * s2[c]!);
      }
      out[i * k + j] = acc;
      out[j * k + i] = acc;
    }
  }
  return out;
}

/** W²-weighted mean, centred second moments (full T × T) and Σ W² of every cohort. */
function cohortMoments(
  panel: SortedOutcomes,
  index: CohortIndex,
  nT: number,
): { mean: Float64Array; m2: Float64Array; s2: Float64Array } {
  const { y, w } = panel;
  const n = w.length;
  const nc = index.values.length;
  const mean = new Float64Array(nc * nT);
  const m2 = new Float64Array(nc * nT * nT);
  const s2 = new Float64Array(nc);
  const dev = new Float64Array(nT);
  for (let c = 0; c < nc; c++) {
    const from = index.start[c]!;
    const to = index.start[c + 1]!;
    let sw = 0;
    for (let s = from; s < to; s++) sw += w[s]! * w[s]!;
    s2[c] = sw;
    if (!(sw > 0)) continue;
    for (let t = 0; t < nT; t++) {
      let acc = 0;
      const o = t * n;
      for (let s = from; s < to; s++) acc += w[s]! * w[s]! * y[o + s]!;
      mean[c * nT + t] = acc / sw;
    }
    const o = c * nT * nT;
    for (let s = from; s < to; s++) {
      const ww = w[s]! * w[s]!;
      if (ww === 0) continue;
      for (let t = 0; t < nT; t++) dev[t] = y[t * n + s]! - mean[c * nT + t]!;
      for (let t = 0; t < nT; t++) {
        const wd = ww * dev[t]!;
        for (let r = t; r < nT; r++) m2[o + t * nT + r]! += wd * dev[r]!;
      }
    }
    for (let t = 0; t < nT; t++)
      for (let r = 0; r < t; r++) m2[o + t * nT + r] = m2[o + r * nT + t]!;
  }
  return { mean, m2, s2 };
}
