import { Matrix } from "ml-matrix";
import type { AffineColumn } from "./affine-vcov.js";
import type { CellFailure } from "./cell.js";
import { safeInverse } from "./dense.js";
import type { SortedRc } from "./sorted-rc.js";

/**
 * A repeated cross-section cell as blocks of {@link SortedRc}: treated cohort in the current and
 * base periods, comparison cohorts in each. The fast path of `reg_did_rc` (Sant'Anna & Zhao 2020,
 * J. Econometrics 219(1), section 2.1 and appendix), from block sums and one writing pass.
 *
 * With raw weights W, S_T = Σ_treated W (both periods), S_T1 / S_T0 the treated sums in the
 * current / base period, β1 / β0 the weighted OLS of Y on X among the comparison observations of
 * the current / base period, v_k = (Σ_{C,k} W X X')⁻¹ Σ_T W X, τ_k the treated means and
 * cont = Σ_T W X (β1 − β0) / S_T, the ATT is τ_1 − τ_0 − cont and the influence function
 * (rescaled by n / n_cell as `did` does) is, for observation i,
 *   treated, current:  n W_i [(Y_i − τ_1) / S_T1 − (X_i (β1 − β0) − cont) / S_T]
 *   treated, base:    −n W_i [(Y_i − τ_0) / S_T0 + (X_i (β1 − β0) − cont) / S_T]
 *   comparison, current: −n W_i (Y_i − X_i β1) X_i v_1 / S_T
 *   comparison, base:    +n W_i (Y_i − X_i β0) X_i v_0 / S_T
 * — algebraically `reg_did_rc`'s. Without covariates the comparison terms reduce to
 * ∓ n W_i (Y_i − μ_Ck) / S_Ck with μ_Ck the comparison mean of period k.
 */
export interface RcRegCell {
  /** Block of the treated cohort in the current period. */
  treatedNow: number;
  /** Block of the treated cohort in the base period. */
  treatedBase: number;
  /** Blocks of the comparison cohorts in the current period. */
  controlsNow: number[];
  /** Blocks of the comparison cohorts in the base period. */
  controlsBase: number[];
}

const NO_CONTROL_FITS = "not enough control units to run the outcome regressions";

/** No covariates: ATT from block sums, one pass writing the column; returns its affine form. */
export function rcRegNoCovariates(
  rc: SortedRc,
  cell: RcRegCell,
  n: number,
  column: Float64Array,
): { att: number; affine?: AffineColumn } | CellFailure {
  const S = rc.index.weightSum;
  const { sy } = rc;
  const sum = (blocks: number[], v: ArrayLike<number>): number =>
    blocks.reduce((acc, b) => acc + v[b]!, 0);
  const sC1 = sum(cell.controlsNow, S);
  const sC0 = sum(cell.controlsBase, S);
  // The intercept-only regressions are singular when a comparison period has no weight.
  if (!(sC1 > 0) || !(sC0 > 0)) return { reason: NO_CONTROL_FITS };
  const sT1 = S[cell.treatedNow]!;
  const sT0 = S[cell.treatedBase]!;
  const tau1 = sy[cell.treatedNow]! / sT1;
  const tau0 = sy[cell.treatedBase]! / sT0;
  const mu1 = sum(cell.controlsNow, sy) / sC1;
  const mu0 = sum(cell.controlsBase, sy) / sC0;
  const att = tau1 - tau0 - (mu1 - mu0);
  if (Number.isNaN(att)) return { att };
  const blocks = [cell.treatedNow, cell.treatedBase, ...cell.controlsNow, ...cell.controlsBase];
  const coef = [
    n / sT1,
    -n / sT0,
    ...cell.controlsNow.map(() => -n / sC1),
    ...cell.controlsBase.map(() => n / sC0),
  ];
  const eta = [tau1, tau0, ...cell.controlsNow.map(() => mu1), ...cell.controlsBase.map(() => mu0)];
  blocks.forEach((b, r) => {
    writeLevel(column, rc, rc.index.start[b]!, rc.index.start[b + 1]!, coef[r]!, eta[r]!);
  });
  return { att, affine: { current: 0, base: -1, cohorts: blocks, coef, eta } };
}

/** With covariates: cross-products from block sums, two p × p solves, one writing pass. */
export function rcRegCovariates(
  rc: SortedRc,
  cell: RcRegCell,
  n: number,
  p: number,
  column: Float64Array,
): { att: number } | CellFailure {
  const st = rc.xStats!;
  const S = rc.index.weightSum;
  const all = [cell.treatedNow, cell.treatedBase, ...cell.controlsNow, ...cell.controlsBase];
  // Columns that are zero throughout the cell are dropped (R's droplevels on the subset).
  const keep: number[] = [];
  for (let j = 0; j < p; j++) if (all.some((b) => st.nonzero[b * p + j] === 1)) keep.push(j);
  const xtT = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    xtT[j] = st.xsum[cell.treatedNow * p + j]! + st.xsum[cell.treatedBase * p + j]!;
  }
  const fit1 = blockOls(st, cell.controlsNow, p, keep, xtT);
  const fit0 = blockOls(st, cell.controlsBase, p, keep, xtT);
  if (fit1 === null || fit0 === null) return { reason: NO_CONTROL_FITS };
  const sT1 = S[cell.treatedNow]!;
  const sT0 = S[cell.treatedBase]!;
  const sT = sT1 + sT0;
  const dBeta = new Float64Array(p);
  let cont = 0;
  for (let j = 0; j < p; j++) {
    dBeta[j] = fit1.beta[j]! - fit0.beta[j]!;
    cont += xtT[j]! * dBeta[j]!;
  }
  cont /= sT;
  const tau1 = rc.sy[cell.treatedNow]! / sT1;
  const tau0 = rc.sy[cell.treatedBase]! / sT0;
  const att = tau1 - tau0 - cont;
  if (Number.isNaN(att)) return { att };
  const { start } = rc.index;
  const span = (b: number): [number, number] => [start[b]!, start[b + 1]!];
  writeTreated(column, rc, span(cell.treatedNow), p, dBeta, cont, n / sT1, tau1, n / sT);
  writeTreated(column, rc, span(cell.treatedBase), p, dBeta, cont, -n / sT0, tau0, n / sT);
  for (const b of cell.controlsNow) writeControls(column, rc, span(b), p, fit1, -n / sT);
  for (const b of cell.controlsBase) writeControls(column, rc, span(b), p, fit0, n / sT);
  return { att };
}

/** β = A⁻¹ Σ W X Y and v = A⁻¹ xtT over the kept columns, A = Σ W X X' of the blocks. */
function blockOls(
  st: NonNullable<SortedRc["xStats"]>,
  blocks: number[],
  p: number,
  keep: number[],
  xtT: Float64Array,
): { beta: Float64Array; v: Float64Array } | null {
  const q = keep.length;
  if (q === 0) return null;
  const a = new Matrix(q, q);
  const rhs = new Float64Array(q);
  for (const b of blocks) {
    for (let j = 0; j < q; j++) {
      rhs[j]! += st.xty[b * p + keep[j]!]!;
      for (let l = j; l < q; l++) {
        const jj = keep[j]!;
        const ll = keep[l]!;
        // The upper triangle is stored: index it with the smaller column first.
        a.set(j, l, a.get(j, l) + st.xtx[b * p * p + Math.min(jj, ll) * p + Math.max(jj, ll)]!);
      }
    }
  }
  for (let j = 0; j < q; j++) for (let l = 0; l < j; l++) a.set(j, l, a.get(l, j));
  const inv = safeInverse(a);
  if (inv === null) return null;
  const beta = new Float64Array(p);
  const v = new Float64Array(p);
  for (let j = 0; j < q; j++) {
    let sb = 0;
    let sv = 0;
    for (let l = 0; l < q; l++) {
      sb += inv.get(j, l) * rhs[l]!;
      sv += inv.get(j, l) * xtT[keep[l]!]!;
    }
    beta[keep[j]!] = sb;
    v[keep[j]!] = sv;
  }
  return { beta, v };
}

/** column[u] = coef · W (Y − eta) over positions [from, to). */
function writeLevel(
  column: Float64Array,
  rc: SortedRc,
  from: number,
  to: number,
  coef: number,
  eta: number,
): void {
  const { y, w } = rc;
  const units = rc.index.units;
  for (let s = from; s < to; s++) column[units[s]!] = coef * w[s]! * (y[s]! - eta);
}

/** Treated: column[u] = W [a (Y − τ) − b (X dβ − cont)]. */
function writeTreated(
  column: Float64Array,
  rc: SortedRc,
  [from, to]: [number, number],
  p: number,
  dBeta: Float64Array,
  cont: number,
  a: number,
  tau: number,
  b: number,
): void {
  const { y, w, x } = rc;
  const units = rc.index.units;
  for (let s = from; s < to; s++) {
    let xd = 0;
    for (let j = 0; j < p; j++) xd += x[s * p + j]! * dBeta[j]!;
    column[units[s]!] = w[s]! * (a * (y[s]! - tau) - b * (xd - cont));
  }
}

/** Comparison: column[u] = coef · W (Y − Xβ) Xv. */
function writeControls(
  column: Float64Array,
  rc: SortedRc,
  [from, to]: [number, number],
  p: number,
  fit: { beta: Float64Array; v: Float64Array },
  coef: number,
): void {
  const { y, w, x } = rc;
  const units = rc.index.units;
  const { beta, v } = fit;
  for (let s = from; s < to; s++) {
    let xb = 0;
    let xv = 0;
    for (let j = 0; j < p; j++) {
      const xj = x[s * p + j]!;
      xb += xj * beta[j]!;
      xv += xj * v[j]!;
    }
    column[units[s]!] = coef * w[s]! * (y[s]! - xb) * xv;
  }
}
