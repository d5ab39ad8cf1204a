import type { AffineColumn } from "./affine-vcov.js";
import type { CellFailure } from "./cell.js";
import { type CohortIndex, cohortIndex, unitCount } from "./cohort-index.js";
import { interceptOnly } from "./covariates.js";
import { type PanelRegCell, panelRegNoCovariates } from "./panel-reg.js";
import { panelRegCovariates, regScratch } from "./panel-reg-covariates.js";
import type { Prepared } from "./prepare.js";
import { type SortedPanel, sortedPanel } from "./sorted-panel.js";

/** The balanced-panel outcome-regression path, set up once for all cells. */
export interface FastReg {
  /** Units grouped by cohort. */
  readonly index: CohortIndex;
  /** The panel in cohort order. */
  readonly panel: SortedPanel;
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
  ): { att: number; affine?: AffineColumn } | CellFailure;
}

/** Builds the cohort index, the cohort-ordered panel and the scratch buffers. */
export function fastReg(
  data: Prepared,
  xformla: string,
  controlGroup: "nevertreated" | "notyettreated",
): FastReg {
  const index = cohortIndex(data.group, data.weight);
  const noCov = interceptOnly(xformla);
  const panel = sortedPanel(data, index, !noCov);
  const scratch = regScratch(data.covariates.dense.p);
  return {
    index,
    panel,
    run(g, threshold, current, base, cell, column) {
      const controls: number[] = [];
      let treated = -1;
      index.values.forEach((v, k) => {
        if (v === g) treated = k;
        else if (v === 0 || (controlGroup === "notyettreated" && v > threshold)) controls.push(k);
      });
      cell.nTreated = treated < 0 ? 0 : unitCount(index, [treated]);
      cell.nControl = unitCount(index, controls);
      if (cell.nTreated === 0) return { reason: "no treated units" };
      if (cell.nControl === 0) return { reason: "no comparison units" };
      const spec: PanelRegCell = { treated, controls, current, base };
      return noCov
        ? panelRegNoCovariates(data, index, panel, spec, column)
        : panelRegCovariates(data, index, panel, spec, column, scratch);
    },
  };
}
