import { type AffineColumn, affineCrossprod } from "./affine-vcov.js";
import type { CellFailure } from "./cell.js";
import { type CohortIndex, cohortIndex, unitCount } from "./cohort-index.js";
import { interceptOnly } from "./covariates.js";
import { type PanelRegCell, panelRegNoCovariates } from "./panel-reg.js";
import { panelRegCovariates, regScratch } from "./panel-reg-covariates.js";
import type { Prepared } from "./prepare.js";
import { type RcRegCell, rcRegCovariates, rcRegNoCovariates } from "./rc-reg.js";
import { sortedPanel } from "./sorted-panel.js";
import { sortedRc } from "./sorted-rc.js";

/** The outcome-regression path (balanced panel or repeated cross-sections), set up once. */
export interface FastReg {
  /** Units grouped in blocks on which every influence column is zero or not as a whole. */
  readonly index: CohortIndex;
  /** Ψ'Ψ of columns given by their affine forms (null: zero column), see `affine-vcov.ts`. */
  crossprod(columns: readonly (AffineColumn | null)[]): Float64Array;
  /**
   * Estimates cell (g, current vs base) into its influence column; sets the cell's counts.
   * `threshold`: not-yet-treated comparisons are the cohorts treated after it.
   */
  run(
    g: number,
    threshold: number,
    current: number,
    base: number,
    cell: { nTreated: number; nControl: number },
    column: Float64Array,
  ): FastCell | CellFailure;
}

/** A cell from the fused kernels. */
export interface FastCell {
  /** ATT (NaN when undefined; the column is then left at zero). */
  att: number;
  /** Affine form of the influence column (no covariates). */
  affine?: AffineColumn;
  /** Blocks of the index where the column may be non-zero. */
  support: number[];
}

/** The fused kernels for `reg` cells: panels by cohort, repeated cross-sections by block. */
export function fastReg(
  data: Prepared,
  xformla: string,
  controlGroup: "nevertreated" | "notyettreated",
): FastReg {
  return data.panel
    ? fastRegPanel(data, xformla, controlGroup)
    : fastRegRc(data, xformla, controlGroup);
}

/** Comparison cohorts of a cell: never treated, or (not-yet-treated) first treated after `threshold`. */
function isComparison(
  v: number,
  g: number,
  threshold: number,
  controlGroup: "nevertreated" | "notyettreated",
): boolean {
  return v !== g && (v === 0 || (controlGroup === "notyettreated" && v > threshold));
}

/** Builds the cohort index, the cohort-ordered panel and the scratch buffers. */
function fastRegPanel(
  data: Prepared,
  xformla: string,
  controlGroup: "nevertreated" | "notyettreated",
): FastReg {
  const index = cohortIndex(data.group, data.weight);
  const noCov = interceptOnly(xformla);
  const panel = sortedPanel(data, index, !noCov);
  const scratch = regScratch(data.covariates.dense.p);
  const nT = data.tlist.length;
  return {
    index,
    crossprod: (columns) => affineCrossprod(columns, panel, index, nT),
    run(g, threshold, current, base, cell, column) {
      const controls: number[] = [];
      let treated = -1;
      index.values.forEach((v, k) => {
        if (v === g) treated = k;
        else if (isComparison(v, g, threshold, controlGroup)) controls.push(k);
      });
      cell.nTreated = treated < 0 ? 0 : unitCount(index, [treated]);
      cell.nControl = unitCount(index, controls);
      if (cell.nTreated === 0) return { reason: "no treated units" };
      if (cell.nControl === 0) return { reason: "no comparison units" };
      const spec: PanelRegCell = { treated, controls, current, base };
      const out = noCov
        ? panelRegNoCovariates(data, index, panel, spec, column)
        : panelRegCovariates(data, index, panel, spec, column, scratch);
      return "reason" in out ? out : { ...out, support: [treated, ...controls] };
    },
  };
}

/** Builds the block-ordered repeated cross-sections. */
function fastRegRc(
  data: Prepared,
  xformla: string,
  controlGroup: "nevertreated" | "notyettreated",
): FastReg {
  const noCov = interceptOnly(xformla);
  const rc = sortedRc(data, !noCov);
  const nT = data.tlist.length;
  const { start } = rc.index;
  const size = (b: number): number => (b < 0 ? 0 : start[b + 1]! - start[b]!);
  return {
    index: rc.index,
    crossprod: (columns) => affineCrossprod(columns, rc, rc.index, 1),
    run(g, threshold, current, base, cell, column) {
      const at = (code: number, period: number): number => rc.block[code * nT + period]!;
      const gc = rc.cohorts.indexOf(g);
      const spec: RcRegCell = {
        treatedNow: gc < 0 ? -1 : at(gc, current),
        treatedBase: gc < 0 ? -1 : at(gc, base),
        controlsNow: [],
        controlsBase: [],
      };
      rc.cohorts.forEach((v, code) => {
        if (!isComparison(v, g, threshold, controlGroup)) return;
        if (at(code, current) >= 0) spec.controlsNow.push(at(code, current));
        if (at(code, base) >= 0) spec.controlsBase.push(at(code, base));
      });
      const cNow = spec.controlsNow.reduce((m, b) => m + size(b), 0);
      const cBase = spec.controlsBase.reduce((m, b) => m + size(b), 0);
      cell.nTreated = size(spec.treatedNow) + size(spec.treatedBase);
      cell.nControl = cNow + cBase;
      if (size(spec.treatedNow) === 0)
        return { reason: "no treated observations in the current period" };
      if (size(spec.treatedBase) === 0)
        return { reason: "no treated observations in the base period" };
      if (cNow === 0) return { reason: "no comparison observations in the current period" };
      if (cBase === 0) return { reason: "no comparison observations in the base period" };
      const out = noCov
        ? rcRegNoCovariates(rc, spec, data.n, column)
        : rcRegCovariates(rc, spec, data.n, data.covariates.dense.p, column);
      const support = [
        spec.treatedNow,
        spec.treatedBase,
        ...spec.controlsNow,
        ...spec.controlsBase,
      ];
      return "reason" in out ? out : { ...out, support };
    },
  };
}
