import { type Frame, ParcoursError } from "@parcours-eval/core";
import { keyColumn, numberColumn } from "../frame-columns.js";
import type { ResolvedAttGtOptions } from "../options.js";
import { type CovariateDesign, covariateDesign } from "./covariates.js";
import { distinctSorted, encodeKeys, sortedPanelSlots } from "./keys.js";

/** Rows or units left out of the estimation, and why. */
export interface Exclusion {
  /** Why they were left out. */
  reason: string;
  /** Input rows left out for that reason. */
  rows: number;
  /** Units left out (panels), when the reason applies to whole units. */
  units?: number;
}

/**
 * The data of a staggered design, ready for the group-time loop. For panels, one "unit" per
 * identifier (balanced over `tlist`); for repeated cross-sections, one "unit" per row.
 */
export interface Prepared {
  /** Panel (true) or repeated cross-sections. */
  readonly panel: boolean;
  /** Number of units (panel) or observations (RC): the `n` of the influence functions. */
  readonly n: number;
  /** Sorted periods. */
  readonly tlist: number[];
  /** Sorted treatment cohorts with ATT(g,t) to estimate. */
  readonly glist: number[];
  /** Cohort of each unit (0 = never treated). */
  readonly group: Float64Array;
  /** Sampling weight of each unit. */
  readonly weight: Float64Array;
  /** Cluster code of each unit, when clustering. */
  readonly cluster: Int32Array | undefined;
  /** Panel: outcome of unit u at period k in `y[u * nT + k]`; RC: outcome of each row. */
  readonly y: Float64Array;
  /** Panel: design row of unit u at period k in `covRow[u * nT + k]`; RC: design row of each row. */
  readonly covRow: Int32Array;
  /** RC only: period index of each row. */
  readonly period: Int32Array;
  /** Covariate design over the input rows. */
  readonly covariates: CovariateDesign;
  /** Input rows. */
  readonly rowsIn: number;
  /** Rows used. */
  readonly rowsUsed: number;
  /** What was left out. */
  readonly excluded: Exclusion[];
  /** Warnings raised while preparing. */
  readonly warnings: string[];
}

function fail(code: string, message: string, hint?: string): never {
  throw new ParcoursError(code, message, hint === undefined ? {} : { hint });
}

/** Validates and reshapes the data following `did::pre_process_did` (did 2.3). */
export function prepare(frame: Frame, o: ResolvedAttGtOptions): Prepared {
  const nRows = frame.nRows;
  const yv = numberColumn(frame, o.y, "y");
  const tv = numberColumn(frame, o.t, "t");
  const gv = numberColumn(frame, o.g, "g");
  const idv = o.id === undefined ? undefined : keyColumn(frame, o.id);
  const wv = o.weights === undefined ? undefined : numberColumn(frame, o.weights, "weights");
  const clv = o.cluster === undefined ? undefined : keyColumn(frame, o.cluster);
  const covariates = covariateDesign(frame, o.xformla);
  const excluded: Exclusion[] = [];
  const warnings: string[] = [];

  // 1. complete cases.
  const keep = new Uint8Array(nRows);
  const missing = completeCases(yv, tv, gv, idv, wv, clv, covariates.present, keep);
  if (missing > 0) {
    excluded.push({ reason: "missing values", rows: missing });
    warnings.push(`dropped ${missing} rows with missing values`);
  }
  if (wv !== undefined) {
    for (let i = 0; i < nRows; i++) {
      if (keep[i] && wv[i]! < 0)
        fail("DID_NEGATIVE_WEIGHT", `weight ${wv[i]} at row ${i + 1} is negative`);
    }
  }

  // 2. periods and cohorts; cohorts after the last period are never treated.
  const live = (): Int32Array => liveRows(keep);
  // Distinct sorted values of a column over the live rows (no intermediate arrays: n is large).
  const uniqueOf = distinctSorted;
  let rows = live();
  let tlist = uniqueOf(rows, tv);
  if (tlist.length < 2)
    fail("DID_TOO_FEW_PERIODS", `the data have ${tlist.length} period(s); at least 2 are needed`);
  const g = new Float64Array(nRows);
  const tmax = tlist[tlist.length - 1]!;
  capCohorts(gv, tmax, g);
  let glist = uniqueOf(rows, g);

  // 3. no never-treated cohort: the last cohort serves as comparison, later periods are dropped.
  if (!glist.includes(0)) {
    const latest = glist[glist.length - 1]!;
    const cutoff = latest - o.anticipation;
    let dropped = 0;
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r]!;
      if (tv[i]! >= cutoff) {
        keep[i] = 0;
        dropped++;
      } else if (o.controlGroup === "nevertreated" && g[i] === latest) g[i] = 0;
    }
    excluded.push({ reason: `periods from ${cutoff} on (no never-treated cohort)`, rows: dropped });
    warnings.push(
      o.controlGroup === "nevertreated"
        ? `no never-treated units: cohort ${latest} serves as never-treated and periods from ${cutoff} on are dropped`
        : `no never-treated units: periods from ${cutoff} on are dropped (no comparison units left)`,
    );
    rows = live();
    tlist = uniqueOf(rows, tv);
    glist = uniqueOf(rows, g);
    if (o.controlGroup !== "nevertreated") glist = glist.filter((x) => x < latest);
  }
  const cohorts = (): number[] => glist.filter((x) => x > 0 && x > tlist[0]! + o.anticipation);
  glist = cohorts();

  // 4. units already treated in the first period cannot be evaluated.
  const { count: firstTreated, ids: firstTreatedIds } = dropFirstTreated(
    rows,
    g,
    tlist[0]!,
    idv,
    keep,
  );
  if (firstTreated > 0) {
    const units = o.panel ? firstTreatedIds.size : firstTreated;
    excluded.push({ reason: "already treated in the first period", rows: firstTreated, units });
    warnings.push(`dropped ${units} units that were already treated in the first period`);
    rows = live();
    tlist = uniqueOf(rows, tv);
    glist = cohorts();
  }
  if (glist.length === 0) {
    fail(
      "DID_NO_COHORT",
      "no treated cohort can be evaluated",
      `the column "${o.g}" must hold the period a unit is first treated (0 if never treated)`,
    );
  }
  const tIndex = new Map(tlist.map((t, k) => [t, k]));
  const nT = tlist.length;

  if (!o.panel) {
    const n = rows.length;
    const y = new Float64Array(n);
    const covRow = new Int32Array(n);
    const period = new Int32Array(n);
    const group = new Float64Array(n);
    const weight = new Float64Array(n);
    const cluster = clv === undefined ? undefined : new Int32Array(n);
    const clusterCodes = new Map<number, number>();
    rows.forEach((i, k) => {
      y[k] = yv[i]!;
      covRow[k] = i;
      period[k] = tIndex.get(tv[i]!)!;
      group[k] = g[i]!;
      weight[k] = wv === undefined ? 1 : wv[i]!;
      if (cluster !== undefined) cluster[k] = codeOf(clusterCodes, clv![i]!);
    });
    warnSmallGroups(group, covariates.nRhsVars, nT, o.controlGroup, warnings);
    return {
      panel: false,
      n,
      tlist,
      glist,
      group,
      weight,
      cluster,
      y,
      covRow,
      period,
      covariates,
      rowsIn: nRows,
      rowsUsed: n,
      excluded,
      warnings,
    };
  }

  // 5. panel: one unit per identifier, sorted; keep units observed in every period.
  const slot = sortedPanelSlots(rows, idv!, tv, tlist) ?? slotsByKeys(rows, idv!, tv, nT);
  const nAll = slot.length / nT;
  const { balanced, unbalancedRows } = balancedUnits(slot, nT);
  if (balanced.length < nAll) {
    const dropped = nAll - balanced.length;
    excluded.push({
      reason: "not observed in every period (unbalanced panel)",
      rows: unbalancedRows,
      units: dropped,
    });
    warnings.push(`dropped ${dropped} units not observed in every period, to balance the panel`);
  }
  const n = balanced.length;
  if (n === 0)
    fail(
      "DID_EMPTY_PANEL",
      "no unit is observed in every period",
      "set panel: false for repeated cross-sections",
    );
  const y = new Float64Array(n * nT);
  const covRow = new Int32Array(n * nT);
  const group = new Float64Array(n);
  const weight = new Float64Array(n);
  const cluster = clv === undefined ? undefined : new Int32Array(n);
  fillPanel(
    { slot, balanced, nT, g, yv, wv, clv, idv: idv!, o },
    { y, covRow, group, weight, cluster },
  );
  warnSmallGroups(group, covariates.nRhsVars, 1, o.controlGroup, warnings);
  return {
    panel: true,
    n,
    tlist,
    glist,
    group,
    weight,
    cluster,
    y,
    covRow,
    period: new Int32Array(0),
    covariates,
    rowsIn: nRows,
    rowsUsed: n * nT,
    excluded,
    warnings,
  };
}

/** The (unit, period) → row table (−1 where unobserved) of a panel in any row order. */
function slotsByKeys(
  rows: Int32Array,
  idv: Float64Array,
  tv: Float64Array,
  nT: number,
): Int32Array {
  // Codes instead of hashing every row's id and period (millions of rows).
  const idKeys = encodeKeys(rows, idv);
  const tKeys = encodeKeys(rows, tv);
  const slot = new Int32Array(idKeys.values.length * nT).fill(-1);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const at = idKeys.codes[r]! * nT + tKeys.codes[r]!;
    if (slot[at] !== -1) {
      fail(
        "DID_DUPLICATE_ROW",
        `unit ${idv[i]} has two rows for period ${tv[i]} (rows ${slot[at]! + 2} and ${i + 2} of a file with a header)`,
        "a panel has one row per unit and period; use panel: false for repeated cross-sections",
      );
    }
    slot[at] = i;
  }
  return slot;
}

/** Marks complete rows in `keep`; returns how many are not. */
function completeCases(
  yv: Float64Array,
  tv: Float64Array,
  gv: Float64Array,
  idv: Float64Array | undefined,
  wv: Float64Array | undefined,
  clv: Float64Array | undefined,
  present: Uint8Array,
  keep: Uint8Array,
): number {
  let missing = 0;
  for (let i = 0; i < keep.length; i++) {
    const ok =
      Number.isFinite(yv[i]!) &&
      Number.isFinite(tv[i]!) &&
      !Number.isNaN(gv[i]!) &&
      (idv === undefined || !Number.isNaN(idv[i]!)) &&
      (wv === undefined || Number.isFinite(wv[i]!)) &&
      (clv === undefined || !Number.isNaN(clv[i]!)) &&
      present[i] === 1;
    keep[i] = ok ? 1 : 0;
    if (!ok) missing++;
  }
  return missing;
}

/** Indices of the rows still kept. */
function liveRows(keep: Uint8Array): Int32Array {
  let m = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) m++;
  const out = new Int32Array(m);
  for (let i = 0, k = 0; i < keep.length; i++) if (keep[i]) out[k++] = i;
  return out;
}

/** Cohorts after the last period are never treated (0). */
function capCohorts(gv: Float64Array, tmax: number, g: Float64Array): void {
  for (let i = 0; i < gv.length; i++) g[i] = gv[i]! > tmax ? 0 : gv[i]!;
}

/** Unmarks the rows of units treated by the first period; counts rows and distinct units. */
function dropFirstTreated(
  rows: Int32Array,
  g: Float64Array,
  firstPeriod: number,
  idv: Float64Array | undefined,
  keep: Uint8Array,
): { count: number; ids: Set<number> } {
  let count = 0;
  const ids = new Set<number>();
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (g[i]! !== 0 && g[i]! <= firstPeriod) {
      keep[i] = 0;
      count++;
      if (idv !== undefined) ids.add(idv[i]!);
    }
  }
  return { count, ids };
}

/** Units observed in every period, and the rows of the others. */
function balancedUnits(
  slot: Int32Array,
  nT: number,
): { balanced: Int32Array; unbalancedRows: number } {
  const nAll = slot.length / nT;
  const balanced = new Int32Array(nAll);
  let m = 0;
  let unbalancedRows = 0;
  for (let u = 0; u < nAll; u++) {
    let count = 0;
    for (let k = 0; k < nT; k++) if (slot[u * nT + k] !== -1) count++;
    if (count === nT) balanced[m++] = u;
    else unbalancedRows += count;
  }
  return { balanced: balanced.subarray(0, m), unbalancedRows };
}

/** Fills the unit arrays of a balanced panel, checking cohort and cluster are unit-constant. */
function fillPanel(
  src: {
    slot: Int32Array;
    balanced: Int32Array;
    nT: number;
    g: Float64Array;
    yv: Float64Array;
    wv: Float64Array | undefined;
    clv: Float64Array | undefined;
    idv: Float64Array;
    o: ResolvedAttGtOptions;
  },
  out: {
    y: Float64Array;
    covRow: Int32Array;
    group: Float64Array;
    weight: Float64Array;
    cluster: Int32Array | undefined;
  },
): void {
  const { slot, balanced, nT, g, yv, wv, clv, idv, o } = src;
  const { y, covRow, group, weight, cluster } = out;
  const n = balanced.length;
  for (let k = 0; k < n; k++) {
    const first = slot[balanced[k]! * nT]!;
    group[k] = g[first]!;
    weight[k] = wv === undefined ? 1 : wv[first]!;
  }
  const bad = copyUnitRows(slot, balanced, nT, g, group, yv, y, covRow);
  if (bad >= 0) {
    fail(
      "DID_GROUP_NOT_CONSTANT",
      `unit ${idv[bad]} changes cohort over time (column "${o.g}")`,
      "the first-treatment period is a property of the unit",
    );
  }
  if (clv === undefined || cluster === undefined) return;
  const clusterCodes = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const u = balanced[k]!;
    const first = slot[u * nT]!;
    cluster[k] = codeOf(clusterCodes, clv[first]!);
    for (let p = 0; p < nT; p++) {
      const i = slot[u * nT + p]!;
      if (clv[i] !== clv[first]) {
        fail(
          "DID_CLUSTER_NOT_CONSTANT",
          `unit ${idv[i]} changes cluster over time (column "${o.cluster}")`,
          "clusters must contain whole units",
        );
      }
    }
  }
}

/**
 * Copies each balanced unit's outcomes and input rows; returns the first row whose cohort differs
 * from its unit's (−1 when none).
 */
function copyUnitRows(
  slot: Int32Array,
  balanced: Int32Array,
  nT: number,
  g: Float64Array,
  group: Float64Array,
  yv: Float64Array,
  y: Float64Array,
  covRow: Int32Array,
): number {
  for (let k = 0; k < balanced.length; k++) {
    const from = balanced[k]! * nT;
    const gk = group[k]!;
    for (let p = 0; p < nT; p++) {
      const i = slot[from + p]!;
      if (g[i] !== gk) return i;
      y[k * nT + p] = yv[i]!;
      covRow[k * nT + p] = i;
    }
  }
  return -1;
}

function codeOf(codes: Map<number, number>, value: number): number {
  let c = codes.get(value);
  if (c === undefined) {
    c = codes.size;
    codes.set(value, c);
  }
  return c;
}

/** `did` warns about cohorts with fewer than (covariates + 5) units; never-treated too small fails. */
function warnSmallGroups(
  group: Float64Array,
  nRhs: number,
  perUnit: number,
  control: string,
  warnings: string[],
): void {
  const sizes = new Map<number, number>();
  // Runs of equal cohorts (units are usually grouped) cost one map update each.
  let run = 0;
  for (let u = 0; u <= group.length; u++) {
    if (u > 0 && (u === group.length || group[u] !== group[u - 1])) {
      sizes.set(group[u - 1]!, (sizes.get(group[u - 1]!) ?? 0) + run);
      run = 0;
    }
    run++;
  }
  const small = [...sizes.entries()]
    .filter(([, s]) => s / perUnit < nRhs + 5)
    .map(([gval]) => gval)
    .sort((a, b) => a - b);
  if (small.length === 0) return;
  warnings.push(`some cohorts are small (fewer than ${nRhs + 5} units): ${small.join(", ")}`);
  if (small.includes(0) && control === "nevertreated") {
    fail(
      "DID_NEVER_TREATED_TOO_SMALL",
      "the never-treated group is too small",
      'try controlGroup: "notyettreated"',
    );
  }
}
