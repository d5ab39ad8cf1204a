import { Matrix } from "ml-matrix";
import type { CellFailure } from "./cell.js";
import type { CohortIndex } from "./cohort-index.js";
import { safeInverse } from "./dense.js";
import type { Prepared } from "./prepare.js";

/**
 * The outcome-regression ATT of a balanced-panel cell, written straight into its influence
 * column: the fast path of `reg_did_panel` (Sant'Anna & Zhao 2020, J. Econometrics 219(1),
 * section 2.1 and the OLS estimation effect of their appendix), with no per-cell copy of the data.
 *
 * With raw sampling weights W, S_T = Σ_treated W, β the weighted OLS of ΔY on X among the
 * comparison units and v = (Σ_C W X X')⁻¹ Σ_T W X, the cell influence function rescaled by
 * n / n_cell (as `did` does) is, for unit i,
 *   treated:    (n / S_T) W_i (ΔY_i − η_T − X_i β + η_C)
 *   comparison: −(n / S_T) W_i (ΔY_i − X_i β) X_i v
 * with η_T = Σ_T W ΔY / S_T and η_C = Σ_T W X β / S_T — algebraically `reg_did_panel`'s
 * influence function (the normalisation of the weights to mean one cancels out).
 * Without covariates (X = 1) this is a difference of cohort means: η_C is the comparison mean of
 * ΔY, and the comparison term reduces to −(n / S_C) W_i (ΔY_i − η_C).
 */
export interface PanelRegCell {
  /** The cohort of the treated units, as an index into the cohort index (−1: none). */
  treated: number;
  /** The comparison cohorts, as indices into the cohort index. */
  controls: number[];
  /** Period index of the current period. */
  current: number;
  /** Period index of the base period. */
  base: number;
}

/** Σ_{u ∈ cohort} W_u Y_u,k for every cohort and period: `sums[cohort * nT + k]`. */
export function cohortPeriodSums(data: Prepared, index: CohortIndex): Float64Array {
  const nT = data.tlist.length;
  const { y, weight } = data;
  const nc = index.values.length;
  const sums = new Float64Array(nc * nT);
  for (let c = 0; c < nc; c++) {
    const o = c * nT;
    for (let s = index.start[c]!; s < index.start[c + 1]!; s++) {
      const u = index.units[s]!;
      const w = weight[u]!;
      const row = u * nT;
      for (let k = 0; k < nT; k++) sums[o + k]! += w * y[row + k]!;
    }
  }
  return sums;
}

const NO_CONTROL_FIT = "not enough control units to run the outcome regression";

/**
 * No covariates: the ATT from cohort-period sums in O(#cohorts), then one O(n_cell) pass writing
 * the influence column. Returns the ATT (NaN, column untouched, when undefined).
 */
export function panelRegNoCovariates(
  data: Prepared,
  index: CohortIndex,
  sums: Float64Array,
  cell: PanelRegCell,
  column: Float64Array,
): { att: number } | CellFailure {
  const nT = data.tlist.length;
  const { y, weight, n } = data;
  const { treated: g, controls, current: c, base: b } = cell;
  let sC = 0;
  let dC = 0;
  for (const k of controls) {
    sC += index.weightSum[k]!;
    dC += sums[k * nT + c]! - sums[k * nT + b]!;
  }
  // X'WX of the intercept-only regression is S_C: singular when zero (R's rcond check).
  if (!(sC > 0)) return { reason: NO_CONTROL_FIT };
  const sT = index.weightSum[g]!;
  const etaT = (sums[g * nT + c]! - sums[g * nT + b]!) / sT;
  const etaC = dC / sC;
  const att = etaT - etaC;
  if (Number.isNaN(att)) return { att };
  const { start, units } = index;
  const aT = n / sT;
  for (let s = start[g]!; s < start[g + 1]!; s++) {
    const u = units[s]!;
    column[u] = aT * weight[u]! * (y[u * nT + c]! - y[u * nT + b]! - etaT);
  }
  const aC = -n / sC;
  for (const k of controls) {
    for (let s = start[k]!; s < start[k + 1]!; s++) {
      const u = units[s]!;
      column[u] = aC * weight[u]! * (y[u * nT + c]! - y[u * nT + b]! - etaC);
    }
  }
  return { att };
}

/** Scratch buffers of {@link panelRegCovariates}, reused across cells (p is the design width). */
export interface RegScratch {
  /** Σ_C W X X' (upper triangle, p × p). */
  xtx: Float64Array;
  /** Σ_C W X ΔY. */
  xty: Float64Array;
  /** Σ_T W X. */
  xtT: Float64Array;
  /** β, then expanded to p with zeros for dropped columns. */
  beta: Float64Array;
  /** v = (Σ_C W X X')⁻¹ Σ_T W X, expanded likewise. */
  v: Float64Array;
  /** 1 where a column is not zero throughout the cell. */
  nonzero: Uint8Array;
}

/** Allocates the scratch buffers for a design of width p. */
export function regScratch(p: number): RegScratch {
  return {
    xtx: new Float64Array(p * p),
    xty: new Float64Array(p),
    xtT: new Float64Array(p),
    beta: new Float64Array(p),
    v: new Float64Array(p),
    nonzero: new Uint8Array(p),
  };
}

/**
 * With covariates (taken in the earlier of the two periods, as `did` does): one pass for the
 * weighted cross-products, a p × p solve, one pass writing the influence column. Design columns
 * that are zero throughout the cell are dropped first (R's `droplevels` on the cell's subset).
 */
export function panelRegCovariates(
  data: Prepared,
  index: CohortIndex,
  cell: PanelRegCell,
  column: Float64Array,
  scratch: RegScratch,
): { att: number } | CellFailure {
  const nT = data.tlist.length;
  const { y, weight, n, covRow } = data;
  const { x, p } = data.covariates.dense;
  const { treated: g, controls, current: c, base: b } = cell;
  const early = Math.min(c, b);
  const { xtx, xty, xtT, beta, v, nonzero } = scratch;
  xtx.fill(0);
  xty.fill(0);
  xtT.fill(0);
  nonzero.fill(0);
  const { start, units } = index;

  let sT = 0;
  let dT = 0;
  for (let s = start[g]!; s < start[g + 1]!; s++) {
    const u = units[s]!;
    const w = weight[u]!;
    const row = covRow[u * nT + early]! * p;
    sT += w;
    dT += w * (y[u * nT + c]! - y[u * nT + b]!);
    for (let j = 0; j < p; j++) {
      const xj = x[row + j]!;
      if (xj !== 0) nonzero[j] = 1;
      xtT[j]! += w * xj;
    }
  }
  for (const k of controls) {
    for (let s = start[k]!; s < start[k + 1]!; s++) {
      const u = units[s]!;
      const w = weight[u]!;
      const row = covRow[u * nT + early]! * p;
      const dy = y[u * nT + c]! - y[u * nT + b]!;
      for (let j = 0; j < p; j++) {
        const xj = x[row + j]!;
        if (xj !== 0) nonzero[j] = 1;
        if (w === 0) continue;
        const wx = w * xj;
        xty[j]! += wx * dy;
        for (let l = j; l < p; l++) xtx[j * p + l]! += wx * x[row + l]!;
      }
    }
  }

  const keep: number[] = [];
  for (let j = 0; j < p; j++) if (nonzero[j]) keep.push(j);
  const q = keep.length;
  const a = new Matrix(q, q);
  for (let j = 0; j < q; j++) {
    for (let l = j; l < q; l++) {
      const val = xtx[keep[j]! * p + keep[l]!]!;
      a.set(j, l, val);
      a.set(l, j, val);
    }
  }
  const inv = q === 0 ? null : safeInverse(a);
  if (inv === null) return { reason: NO_CONTROL_FIT };
  beta.fill(0);
  v.fill(0);
  for (let j = 0; j < q; j++) {
    let sb = 0;
    let sv = 0;
    for (let l = 0; l < q; l++) {
      const m = inv.get(j, l);
      sb += m * xty[keep[l]!]!;
      sv += m * xtT[keep[l]!]!;
    }
    beta[keep[j]!] = sb;
    v[keep[j]!] = sv;
  }
  let xtTb = 0;
  for (let j = 0; j < p; j++) xtTb += xtT[j]! * beta[j]!;
  const etaT = dT / sT;
  const etaC = xtTb / sT;
  const att = etaT - etaC;
  if (Number.isNaN(att)) return { att };

  const aT = n / sT;
  for (let s = start[g]!; s < start[g + 1]!; s++) {
    const u = units[s]!;
    const row = covRow[u * nT + early]! * p;
    let xb = 0;
    for (let j = 0; j < p; j++) xb += x[row + j]! * beta[j]!;
    column[u] = aT * weight[u]! * (y[u * nT + c]! - y[u * nT + b]! - etaT - xb + etaC);
  }
  for (const k of controls) {
    for (let s = start[k]!; s < start[k + 1]!; s++) {
      const u = units[s]!;
      const row = covRow[u * nT + early]! * p;
      let xb = 0;
      let xv = 0;
      for (let j = 0; j < p; j++) {
        const xj = x[row + j]!;
        xb += xj * beta[j]!;
        xv += xj * v[j]!;
      }
      column[u] = -aT * weight[u]! * (y[u * nT + c]! - y[u * nT + b]! - xb) * xv;
    }
  }
  return { att };
}
