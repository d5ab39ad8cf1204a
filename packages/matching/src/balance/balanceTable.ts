import type { Design } from "@parcours-eval/core";
import {
  type BalanceSettings,
  type BalanceStats,
  binaryBalance,
  groupTotals,
} from "./balanceStats.js";
import { numericBalance } from "./numericBalance.js";

/** One row of the balance table: a covariate before and after matching. */
export interface BalanceRow {
  /** Covariate name (`distance` for the propensity score). */
  term: string;
  /** Unadjusted sample (all analysed units, discarded ones included, as MatchIt). */
  before: BalanceStats;
  /** Matched sample (matching weights). */
  after: BalanceStats;
  /** |SMD| after matching above the threshold. */
  flagged: boolean;
}

/** Sample sizes as MatchIt's `summary()$nn`. */
export interface SampleSizes {
  /** Units per group. */
  all: { treated: number; control: number };
  /** Effective sample sizes after matching, (Σw)²/Σw². */
  matchedEss: { treated: number; control: number };
  /** Units with positive weight. */
  matched: { treated: number; control: number };
  /** Units neither matched nor discarded. */
  unmatched: { treated: number; control: number };
  /** Units discarded for lack of common support (or an empty exact stratum). */
  discarded: { treated: number; control: number };
}

/**
 * Balance before/after matching of the distance and of every covariate column of `design`
 * (factors with every level, as MatchIt's `summary`). Factor terms are summarised in one pass
 * over the rows whatever their number of levels; continuous columns are sorted once for both
 * samples' eCDF statistics.
 */
export function designBalance(
  design: Design,
  distance: Float64Array | undefined,
  treat: Uint8Array,
  weights: Float64Array,
  settings: BalanceSettings & { threshold: number },
  distanceOrder?: ArrayLike<number>,
): BalanceRow[] {
  const unit = groupTotals(treat, null);
  const matched = groupTotals(treat, weights);
  const row = (term: string, before: BalanceStats, after: BalanceStats): BalanceRow => ({
    term,
    before,
    after,
    flagged: after.smd !== null && Math.abs(after.smd) > settings.threshold,
  });
  const numericRow = (term: string, x: Float64Array, order?: ArrayLike<number>): BalanceRow => {
    const { before, after } = numericBalance(x, treat, weights, settings, unit, matched, order);
    return row(term, before, after);
  };
  const out: BalanceRow[] = [];
  if (distance) out.push(numericRow("distance", distance, distanceOrder));
  const { K, nRows } = design;
  const spec = design.spec;
  const layout = design.cellLayout();
  // With a cell layout, units and weights are counted per cell and group once; each factor's
  // per-level sums then come from the cells, not from another pass over the units.
  const byCell = layout !== null ? cellGroupSums(layout.cell, layout.nCells, treat, weights) : null;
  let x: Float64Array | null = null;
  spec.terms.terms.forEach((term, t) => {
    const slot = t + (design.intercept ? 1 : 0);
    const columns: number[] = [];
    for (let c = 0; c < design.p; c++) if (design.assign[c] === t + 1) columns.push(c);
    const levels = term.vars.length === 1 ? spec.levels[term.vars[0]!] : null;
    if (levels !== null && levels !== undefined) {
      // One indicator per level; with treatment contrasts the reference level has no column.
      const withRef = spec.coding[t]![0] === 1;
      const L = levels.length;
      const first = columns[0]! - (withRef ? 1 : 0);
      const s = layout !== null ? layout.indSlots.indexOf(slot) : -1;
      const sums =
        layout !== null && byCell !== null && s >= 0
          ? levelSumsFromCells(layout.cellCols, layout.m, s, first, L, byCell)
          : levelSums(design.cols, design.vals, K, slot, first, L, treat, weights);
      for (let l = 0; l < L; l++) {
        const u: [number, number] = [
          sums.count[l * 2]! / unit.count[0]!,
          sums.count[l * 2 + 1]! / unit.count[1]!,
        ];
        const before = binaryBalance(
          [sums.count[l * 2]!, sums.count[l * 2 + 1]!],
          u,
          unit,
          settings,
        );
        const after = binaryBalance(
          [sums.wsum[l * 2]!, sums.wsum[l * 2 + 1]!],
          u,
          matched,
          settings,
        );
        out.push(row(`${term.label}${levels[l]}`, before, after));
      }
      return;
    }
    const j = layout !== null ? layout.numSlots.indexOf(slot) : -1;
    for (const c of columns) {
      if (layout !== null && j >= 0 && columns.length === 1) {
        out.push(numericRow(design.names[c]!, layout.numValues[j]!));
        continue;
      }
      const { cols, vals } = design;
      x ??= new Float64Array(nRows);
      for (let i = 0; i < nRows; i++) x[i] = cols[i * K + slot] === c ? vals[i * K + slot]! : 0;
      out.push(numericRow(design.names[c]!, x));
    }
  });
  return out;
}

/** Per cell and group (cell · 2 + treat): units and Σ weights, in one pass. */
function cellGroupSums(
  cell: Int32Array,
  nCells: number,
  treat: Uint8Array,
  weights: Float64Array,
): { count: Float64Array; wsum: Float64Array } {
  const count = new Float64Array(nCells * 2);
  const wsum = new Float64Array(nCells * 2);
  for (let i = 0; i < cell.length; i++) {
    const g = cell[i]! * 2 + treat[i]!;
    count[g] += 1;
    wsum[g] += weights[i]!;
  }
  return { count, wsum };
}

/** Per level and group of the factor in indicator slot `s` of the cells, from the cell sums. */
function levelSumsFromCells(
  cellCols: Int32Array,
  m: number,
  s: number,
  first: number,
  L: number,
  byCell: { count: Float64Array; wsum: Float64Array },
): { count: Float64Array; wsum: Float64Array } {
  const count = new Float64Array(L * 2);
  const wsum = new Float64Array(L * 2);
  const nCells = cellCols.length / m;
  for (let cl = 0; cl < nCells; cl++) {
    const c = cellCols[cl * m + s]!;
    const lv = c >= 0 ? c - first : 0;
    for (let g = 0; g < 2; g++) {
      count[lv * 2 + g] += byCell.count[cl * 2 + g]!;
      wsum[lv * 2 + g] += byCell.wsum[cl * 2 + g]!;
    }
  }
  return { count, wsum };
}

/** Per level and group of the factor in slot `slot`: units and Σ weights, one pass. */
function levelSums(
  cols: Int32Array,
  vals: Float64Array,
  K: number,
  slot: number,
  first: number,
  L: number,
  treat: Uint8Array,
  weights: Float64Array,
): { count: Float64Array; wsum: Float64Array } {
  const count = new Float64Array(L * 2);
  const wsum = new Float64Array(L * 2);
  for (let i = 0, at = slot; i < treat.length; i++, at += K) {
    const c = cols[at]!;
    const lv = c >= 0 && vals[at] !== 0 ? c - first : 0;
    const g = lv * 2 + treat[i]!;
    count[g] += 1;
    wsum[g] += weights[i]!;
  }
  return { count, wsum };
}

/** Sample sizes from treatment, weights and the discarded flags (one pass over the units). */
export function sampleSizes(
  treat: Uint8Array,
  weights: Float64Array,
  discarded: Uint8Array,
): SampleSizes {
  const all = [0, 0];
  const matched = [0, 0];
  const unmatched = [0, 0];
  const dropped = [0, 0];
  const s = [0, 0];
  const s2 = [0, 0];
  for (let i = 0; i < treat.length; i++) {
    const g = treat[i]!;
    const w = weights[i]!;
    all[g]!++;
    if (w > 0) matched[g]!++;
    if (w === 0 && !discarded[i]) unmatched[g]!++;
    if (discarded[i] === 1) dropped[g]!++;
    s[g]! += w;
    s2[g]! += w ** 2;
  }
  // Kish effective sample size (Σw)² / Σw², as effectiveSampleSize.
  const ess = (g: number) => (s2[g] === 0 ? 0 : (s[g]! * s[g]!) / s2[g]!);
  const both = (k: number[]) => ({ treated: k[1]!, control: k[0]! });
  return {
    all: both(all),
    matchedEss: { treated: ess(1), control: ess(0) },
    matched: both(matched),
    unmatched: both(unmatched),
    discarded: both(dropped),
  };
}
