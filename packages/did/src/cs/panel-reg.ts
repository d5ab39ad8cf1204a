import type { AffineColumn } from "./affine-vcov.js";
import type { CellFailure } from "./cell.js";
import type { CohortIndex } from "./cohort-index.js";
import type { Prepared } from "./prepare.js";
import type { SortedPanel } from "./sorted-panel.js";

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

/** Why a cell fails when the comparison units cannot support the outcome regression. */
export const NO_CONTROL_FIT = "not enough control units to run the outcome regression";

/**
 * No covariates: the ATT from cohort-period sums in O(#cohorts), then one O(n_cell) pass writing
 * the influence column. Returns the ATT (NaN, column untouched, when undefined) and the column's
 * affine form, from which the variance needs no pass over the n × k matrix.
 */
export function panelRegNoCovariates(
  data: Prepared,
  index: CohortIndex,
  panel: SortedPanel,
  cell: PanelRegCell,
  column: Float64Array,
): { att: number; affine?: AffineColumn } | CellFailure {
  const nT = data.tlist.length;
  const n = data.n;
  const { y, w, sums } = panel;
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
  const aC = -n / sC;
  const span: Span = { units, w, y, oc: c * n, ob: b * n, from: start[g]!, to: start[g + 1]! };
  writeAffine(column, span, aT, etaT);
  for (const k of controls) {
    span.from = start[k]!;
    span.to = start[k + 1]!;
    writeAffine(column, span, aC, etaC);
  }
  const affine: AffineColumn = {
    current: c,
    base: b,
    cohorts: [g, ...controls],
    coef: [aT, ...controls.map(() => aC)],
    eta: [etaT, ...controls.map(() => etaC)],
  };
  return { att, affine };
}

/**
 * A contiguous run of sorted positions [from, to) with what the column writers read. Each writer
 * is one small loop (a function of its own, so V8 optimises it once and reuses it every cell).
 */
export interface Span {
  units: Int32Array;
  w: Float64Array;
  y: Float64Array;
  /** Offset of the current period in `y`. */
  oc: number;
  /** Offset of the base period in `y`. */
  ob: number;
  from: number;
  to: number;
}

/** column[u] = coef · W (ΔY − eta). */
export function writeAffine(column: Float64Array, span: Span, coef: number, eta: number): void {
  const { units, w, y, oc, ob, from, to } = span;
  for (let s = from; s < to; s++)
    column[units[s]!] = coef * w[s]! * (y[oc + s]! - y[ob + s]! - eta);
}
