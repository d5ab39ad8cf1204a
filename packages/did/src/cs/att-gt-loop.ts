import type { AffineColumn } from "./affine-vcov.js";
import type { CellEstimate, CellFailure, EstMethod, LogitFitter } from "./cell.js";
import { unitBlocks } from "./cohort-index.js";
import { subsetDesign } from "./covariates.js";
import { fastReg } from "./fast-reg.js";
import { panelCell } from "./panel-cell.js";
import type { Prepared } from "./prepare.js";
import { rcCell } from "./rc-cell.js";
import type { UnitBlocks } from "./variance.js";

/** One group-time cell as estimated (before inference). */
export interface RawCell {
  /** Cohort g (first treatment period). */
  group: number;
  /** Period t. */
  time: number;
  /** Base period the change is measured from. */
  basePeriod: number;
  /** t ≥ g. */
  post: boolean;
  /** ATT(g,t), NaN when the cell could not be estimated. */
  att: number;
  /** Treated units (panel) or observations (RC) in the cell. */
  nTreated: number;
  /** Comparison units or observations in the cell. */
  nControl: number;
  /** The reference cell of a universal base period (ATT fixed at 0). */
  reference: boolean;
}

/** Options of the loop. */
export interface LoopOptions {
  /** Comparison units. */
  controlGroup: "nevertreated" | "notyettreated";
  /** Anticipation periods δ. */
  anticipation: number;
  /** Cell estimator. */
  estMethod: EstMethod;
  /** Base period rule. */
  basePeriod: "varying" | "universal";
  /** Logistic regression for IPW/DR. */
  fitLogit: LogitFitter;
  /** Covariate formula, to spot the intercept-only case. */
  xformla: string;
  /**
   * `reg` cells through the fused kernels of `fast-reg.ts` (default true); false routes them
   * through the general cell estimators (tests compare the two).
   */
  fastReg?: boolean;
}

/** Output of {@link estimateCells}. */
export interface CellsOutput {
  /** Cells in `did`'s order (by cohort, then period). */
  cells: RawCell[];
  /** Influence functions, n × cells, column-major; zero for NaN cells. */
  inf: Float64Array;
  /** Warnings (one per failed cell and per estimation note). */
  warnings: string[];
  /**
   * Units grouped so that every influence column is zero on whole blocks: cohorts (panel) or
   * cohort × period (repeated cross-sections), for the sparse variance product.
   */
  blocks: UnitBlocks;
  /**
   * Ψ'Ψ (k × k, row-major) when every column has a known affine form (no-covariate outcome
   * regression), computed from block moments; otherwise undefined.
   */
  crossprod?: Float64Array;
}

// DRDID's preliminary overlap check: a cell whose propensity reaches 0.999 is not estimated.
const OVERLAP_LIMIT = 0.999;

/**
 * Estimates every ATT(g,t) with its influence function (Callaway & Sant'Anna 2021, eq. 2.6 and
 * theorem 2; cell rules as in `did::compute.att_gt`, did 2.3): base period t − 1 before
 * treatment ("varying") or g − δ − 1 ("universal"), comparisons never-treated or not yet treated
 * by max(t, base) + δ, and the cell influence function rescaled by n / n_cell.
 */
export function estimateCells(data: Prepared, o: LoopOptions): CellsOutput {
  const { tlist, glist, n, group } = data;
  const nT = tlist.length;
  const universal = o.basePeriod === "universal";
  const cells: RawCell[] = [];
  const warnings: string[] = [];
  // One influence column per cell, written in place (n can be in the hundreds of thousands).
  const inf = new Float64Array(n * glist.length * (universal ? nT : nT - 1));
  const fitLogit = overlapChecked(o.fitLogit, data.panel && o.estMethod !== "reg");
  const fast =
    o.estMethod === "reg" && o.fastReg !== false ? fastReg(data, o.xformla, o.controlGroup) : null;
  // Affine form of each estimated column (undefined: unknown; null: a zero column), and the
  // blocks where it may be non-zero.
  const affine: (AffineColumn | null | undefined)[] = [];
  const support: number[][] = [];

  for (const g of glist) {
    let lastPre = -1;
    for (let k = 0; k < nT; k++) if (tlist[k]! + o.anticipation < g) lastPre = k;
    for (let c = universal ? 0 : 1; c < nT; c++) {
      const time = tlist[c]!;
      const post = g <= time;
      const base = universal || post ? lastPre : c - 1;
      const threshold = tlist[Math.max(c, universal ? lastPre : c)]! + o.anticipation;
      const cell: RawCell = {
        group: g,
        time,
        basePeriod: tlist[base]!,
        post,
        att: Number.NaN,
        nTreated: 0,
        nControl: 0,
        reference: false,
      };
      const column = inf.subarray(cells.length * n, (cells.length + 1) * n);
      cells.push(cell);
      affine.push(null);
      support.push([]);
      if (base === c) {
        cell.att = 0;
        cell.reference = true;
        continue;
      }
      if (fast !== null) {
        const out = fast.run(g, threshold, c, base, cell, column);
        if ("reason" in out) warnings.push(`${cellLabel(g, time)} not estimated: ${out.reason}`);
        else if (Number.isNaN(out.att))
          warnings.push(`${cellLabel(g, time)} not estimated: the estimate is undefined`);
        else {
          cell.att = out.att;
          affine[cells.length - 1] = out.affine;
          support[cells.length - 1] = out.support;
        }
        continue;
      }
      const isTreated = (u: number): boolean => group[u] === g;
      const isControl =
        o.controlGroup === "nevertreated"
          ? (u: number): boolean => group[u] === 0
          : (u: number): boolean => group[u] === 0 || (group[u]! > threshold && group[u] !== g);
      const label = cellLabel(g, time);
      let out: CellOut;
      try {
        out = data.panel
          ? panelCellOf(data, c, base, isTreated, isControl, o.estMethod, fitLogit, cell)
          : rcCellOf(data, c, base, isTreated, isControl, o.estMethod, fitLogit, cell);
      } catch (error) {
        if (!(error instanceof OverlapViolation)) throw error;
        out = { reason: error.message };
      }
      if ("reason" in out) {
        warnings.push(`${label} not estimated: ${out.reason}`);
        continue;
      }
      if (Number.isNaN(out.est.att)) {
        warnings.push(`${label} not estimated: the estimate is undefined`);
        continue;
      }
      for (const w of out.est.warnings) warnings.push(`${label}: ${w}`);
      cell.att = out.est.att;
      const scale = n / out.rows.length;
      for (let k = 0; k < out.rows.length; k++) column[out.rows[k]!]! += scale * out.est.inf[k]!;
    }
  }
  const blocks = fast === null ? unitBlocks(data) : withSupport(fast.index, support);
  let crossprod: Float64Array | undefined;
  const known = affine.filter((a) => a !== null);
  if (fast !== null && known.length > 0 && known.every((a) => a !== undefined)) {
    crossprod = fast.crossprod(affine as (AffineColumn | null)[]);
  }
  return crossprod === undefined
    ? { cells, inf, warnings, blocks }
    : { cells, inf, warnings, blocks, crossprod };
}

/** The blocks with, for each, the columns whose support includes it. */
function withSupport(index: UnitBlocks, support: number[][]): UnitBlocks {
  const byBlock: number[][] = Array.from({ length: index.start.length - 1 }, () => []);
  support.forEach((blocks, j) => {
    for (const b of blocks) {
      const list = byBlock[b]!;
      if (list[list.length - 1] !== j) list.push(j);
    }
  });
  return { start: index.start, units: index.units, support: byBlock };
}

type CellOut = { est: CellEstimate; rows: Int32Array } | CellFailure;

function cellLabel(g: number, time: number): string {
  return `ATT(${g}, ${time})`;
}

function panelCellOf(
  data: Prepared,
  c: number,
  base: number,
  isTreated: (u: number) => boolean,
  isControl: (u: number) => boolean,
  method: EstMethod,
  fitLogit: LogitFitter,
  cell: RawCell,
): CellOut {
  const { n, tlist, y, covRow, weight } = data;
  const nT = tlist.length;
  let m = 0;
  let nTreat = 0;
  const units = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    const t = isTreated(u);
    if (t || isControl(u)) {
      units[m++] = u;
      if (t) nTreat++;
    }
  }
  cell.nTreated = nTreat;
  cell.nControl = m - nTreat;
  if (nTreat === 0) return { reason: "no treated units" };
  if (m === nTreat) return { reason: "no comparison units" };
  const rows = units.slice(0, m);
  const dy = new Float64Array(m);
  const treated = new Float64Array(m);
  const w = new Float64Array(m);
  const covIdx = new Int32Array(m);
  const early = Math.min(c, base);
  for (let k = 0; k < m; k++) {
    const u = rows[k]!;
    dy[k] = y[u * nT + c]! - y[u * nT + base]!;
    treated[k] = isTreated(u) ? 1 : 0;
    w[k] = weight[u]!;
    covIdx[k] = covRow[u * nT + early]!;
  }
  const d = subsetDesign(data.covariates.dense, covIdx);
  const est = panelCell(method, dy, treated, d, w, fitLogit);
  return "reason" in est ? est : { est, rows };
}

function rcCellOf(
  data: Prepared,
  c: number,
  base: number,
  isTreated: (u: number) => boolean,
  isControl: (u: number) => boolean,
  method: EstMethod,
  fitLogit: LogitFitter,
  cell: RawCell,
): CellOut {
  const { n, y, covRow, weight, period } = data;
  let m = 0;
  const picked = new Int32Array(n);
  const counts = [0, 0, 0, 0]; // treated pre, treated post, control pre, control post
  for (let u = 0; u < n; u++) {
    const p = period[u];
    if (p !== c && p !== base) continue;
    const t = isTreated(u);
    if (!t && !isControl(u)) continue;
    picked[m++] = u;
    counts[(t ? 0 : 2) + (p === c ? 1 : 0)]! += 1;
  }
  cell.nTreated = counts[0]! + counts[1]!;
  cell.nControl = counts[2]! + counts[3]!;
  if (counts[1] === 0) return { reason: "no treated observations in the current period" };
  if (counts[0] === 0) return { reason: "no treated observations in the base period" };
  if (counts[3] === 0) return { reason: "no comparison observations in the current period" };
  if (counts[2] === 0) return { reason: "no comparison observations in the base period" };
  const rows = picked.slice(0, m);
  const yy = new Float64Array(m);
  const post = new Float64Array(m);
  const treated = new Float64Array(m);
  const w = new Float64Array(m);
  const covIdx = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const u = rows[k]!;
    yy[k] = y[u]!;
    post[k] = period[u] === c ? 1 : 0;
    treated[k] = isTreated(u) ? 1 : 0;
    w[k] = weight[u]!;
    covIdx[k] = covRow[u]!;
  }
  const d = subsetDesign(data.covariates.dense, covIdx);
  const est = rcCell(method, yy, post, treated, d, w, fitLogit);
  return "reason" in est ? est : { est, rows };
}

/** Wraps the logit so panel cells with propensities ≥ 0.999 fail as `did` makes them NA. */
function overlapChecked(fit: LogitFitter, check: boolean): LogitFitter {
  if (!check) return fit;
  return (d, treated, w) => {
    const out = fit(d, treated, w);
    if (out === null) return null;
    let max = 0;
    for (const p of out.fitted) if (p > max) max = p;
    if (max >= OVERLAP_LIMIT) throw new OverlapViolation();
    return out;
  };
}

/** Raised inside a cell when overlap fails; turned into a failed cell. */
export class OverlapViolation extends Error {
  constructor() {
    super("overlap condition violated (a propensity score reaches 0.999)");
  }
}
