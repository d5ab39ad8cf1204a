import { Matrix } from "ml-matrix";
import type { CellFailure } from "./cell.js";
import type { CohortIndex } from "./cohort-index.js";
import { safeInverse } from "./dense.js";
import { NO_CONTROL_FIT, type PanelRegCell, type Span } from "./panel-reg.js";
import type { Prepared } from "./prepare.js";
import type { SortedPanel } from "./sorted-panel.js";

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
 * With covariates (taken in the earlier of the two periods, as `did` does): the weighted
 * cross-products (from per-cohort sums when the covariates are time-invariant, else one pass over
 * the cell), a p × p solve, one pass writing the influence column. Design columns that are zero
 * throughout the cell are dropped first (R's `droplevels` on the cell's subset).
 */
export function panelRegCovariates(
  data: Prepared,
  index: CohortIndex,
  panel: SortedPanel,
  cell: PanelRegCell,
  column: Float64Array,
  scratch: RegScratch,
): { att: number } | CellFailure {
  const n = data.n;
  const p = data.covariates.dense.p;
  const { y, w, x } = panel;
  const { treated: g, controls, current: c, base: b } = cell;
  const ox = panel.xPeriods === 1 ? 0 : Math.min(c, b) * n;
  const oc = c * n;
  const ob = b * n;
  const { xtx, xty, xtT, beta, v, nonzero } = scratch;
  xtx.fill(0);
  xty.fill(0);
  xtT.fill(0);
  nonzero.fill(0);
  const { start, units } = index;

  const nT = data.tlist.length;
  const { sT, dT } =
    panel.xStats === null
      ? crossproductsFromUnits(panel, index, cell, n, p, scratch)
      : crossproductsFromCohorts(panel, index, cell, p, nT, scratch);

  if (!solveKept(scratch, p)) return { reason: NO_CONTROL_FIT };
  let xtTb = 0;
  for (let j = 0; j < p; j++) xtTb += xtT[j]! * beta[j]!;
  const etaT = dT / sT;
  const etaC = xtTb / sT;
  const att = etaT - etaC;
  if (Number.isNaN(att)) return { att };

  const aT = n / sT;
  const span: Span = { units, w, y, oc, ob, from: start[g]!, to: start[g + 1]! };
  writeTreatedX(column, span, x, ox, p, beta, aT, etaC - etaT);
  for (const k of controls) {
    span.from = start[k]!;
    span.to = start[k + 1]!;
    writeControlsX(column, span, x, ox, p, beta, v, -aT);
  }
  return { att };
}

/**
 * β = A⁻¹ Σ_C W X ΔY and v = A⁻¹ Σ_T W X with A = Σ_C W X X' restricted to the columns that are
 * not zero in the cell (zeros elsewhere); false when A is singular (R's rcond check).
 */
function solveKept(scratch: RegScratch, p: number): boolean {
  const { xtx, xty, xtT, beta, v, nonzero } = scratch;
  const keep: number[] = [];
  for (let j = 0; j < p; j++) if (nonzero[j]) keep.push(j);
  const q = keep.length;
  if (q === 0) return false;
  const a = new Matrix(q, q);
  for (let j = 0; j < q; j++) {
    for (let l = j; l < q; l++) {
      const val = xtx[keep[j]! * p + keep[l]!]!;
      a.set(j, l, val);
      a.set(l, j, val);
    }
  }
  const inv = safeInverse(a);
  if (inv === null) return false;
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
  return true;
}

/** Treated: column[u] = coef · W (ΔY − Xβ + shift). */
function writeTreatedX(
  column: Float64Array,
  span: Span,
  x: Float64Array,
  ox: number,
  p: number,
  beta: Float64Array,
  coef: number,
  shift: number,
): void {
  const { units, w, y, oc, ob, from, to } = span;
  for (let s = from; s < to; s++) {
    const row = (ox + s) * p;
    let xb = 0;
    for (let j = 0; j < p; j++) xb += x[row + j]! * beta[j]!;
    column[units[s]!] = coef * w[s]! * (y[oc + s]! - y[ob + s]! - xb + shift);
  }
}

/** Comparison: column[u] = coef · W (ΔY − Xβ) Xv. */
function writeControlsX(
  column: Float64Array,
  span: Span,
  x: Float64Array,
  ox: number,
  p: number,
  beta: Float64Array,
  v: Float64Array,
  coef: number,
): void {
  const { units, w, y, oc, ob, from, to } = span;
  for (let s = from; s < to; s++) {
    const row = (ox + s) * p;
    let xb = 0;
    let xv = 0;
    for (let j = 0; j < p; j++) {
      const xj = x[row + j]!;
      xb += xj * beta[j]!;
      xv += xj * v[j]!;
    }
    column[units[s]!] = coef * w[s]! * (y[oc + s]! - y[ob + s]! - xb) * xv;
  }
}

/** Pass 1 from the per-cohort covariate sums (time-invariant covariates): O(#cohorts · p²). */
function crossproductsFromCohorts(
  panel: SortedPanel,
  index: CohortIndex,
  cell: PanelRegCell,
  p: number,
  nT: number,
  scratch: RegScratch,
): { sT: number; dT: number } {
  const st = panel.xStats!;
  const { xtx, xty, xtT, nonzero } = scratch;
  const { treated: g, controls, current: c, base: b } = cell;
  for (let j = 0; j < p; j++) {
    xtT[j] = st.xsum[g * p + j]!;
    nonzero[j] = st.nonzero[g * p + j]!;
  }
  for (const k of controls) {
    const ox = k * p * p;
    const oc = (k * nT + c) * p;
    const ob = (k * nT + b) * p;
    for (let j = 0; j < p; j++) {
      if (st.nonzero[k * p + j]) nonzero[j] = 1;
      xty[j]! += st.xty[oc + j]! - st.xty[ob + j]!;
      for (let l = j; l < p; l++) xtx[j * p + l]! += st.xtx[ox + j * p + l]!;
    }
  }
  const sums = panel.sums;
  return { sT: index.weightSum[g]!, dT: sums[g * nT + c]! - sums[g * nT + b]! };
}

/** Pass 1 over the cell's units (time-varying covariates): O(n_cell · p²). */
function crossproductsFromUnits(
  panel: SortedPanel,
  index: CohortIndex,
  cell: PanelRegCell,
  n: number,
  p: number,
  scratch: RegScratch,
): { sT: number; dT: number } {
  const { y, w, x } = panel;
  const { treated: g, controls, current: c, base: b } = cell;
  const ox = panel.xPeriods === 1 ? 0 : Math.min(c, b) * n;
  const { start, units } = index;
  const span: Span = { units, w, y, oc: c * n, ob: b * n, from: start[g]!, to: start[g + 1]! };
  const treated = accumulateTreated(span, x, ox, p, scratch);
  for (const k of controls) {
    span.from = start[k]!;
    span.to = start[k + 1]!;
    accumulateControls(span, x, ox, p, scratch);
  }
  return treated;
}

/** Σ_T W, Σ_T W ΔY and Σ_T W X (into the scratch), flagging non-zero columns. */
function accumulateTreated(
  span: Span,
  x: Float64Array,
  ox: number,
  p: number,
  scratch: RegScratch,
): { sT: number; dT: number } {
  const { w, y, oc, ob, from, to } = span;
  const { xtT, nonzero } = scratch;
  let sT = 0;
  let dT = 0;
  for (let s = from; s < to; s++) {
    const ws = w[s]!;
    const row = (ox + s) * p;
    sT += ws;
    dT += ws * (y[oc + s]! - y[ob + s]!);
    for (let j = 0; j < p; j++) {
      const xj = x[row + j]!;
      if (xj !== 0) nonzero[j] = 1;
      xtT[j]! += ws * xj;
    }
  }
  return { sT, dT };
}

/** Σ_C W X X' and Σ_C W X ΔY (into the scratch), flagging non-zero columns. */
function accumulateControls(
  span: Span,
  x: Float64Array,
  ox: number,
  p: number,
  scratch: RegScratch,
): void {
  const { w, y, oc, ob, from, to } = span;
  const { xtx, xty, nonzero } = scratch;
  for (let s = from; s < to; s++) {
    const ws = w[s]!;
    const row = (ox + s) * p;
    const dy = y[oc + s]! - y[ob + s]!;
    for (let j = 0; j < p; j++) {
      const xj = x[row + j]!;
      if (xj !== 0) nonzero[j] = 1;
      if (ws === 0) continue;
      const wx = ws * xj;
      xty[j]! += wx * dy;
      for (let l = j; l < p; l++) xtx[j * p + l]! += wx * x[row + l]!;
    }
  }
}
