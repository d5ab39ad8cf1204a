import type { SlotSource } from "./slots.js";

/**
 * The "cell" layout of a sparse design whose slots are all either indicators (factor levels and
 * factor × factor interactions: value 1 in one column of the term's block, or 0 for the
 * reference) or fixed-column numbers (the intercept, numeric main effects, products of numbers).
 * Every row then falls in one cell of the joint table of its indicator slots, and
 *   X'WX = Σ_cells (Σ_{i ∈ cell} wᵢ) · (indicator × indicator entries)
 *        + Σ_cells (Σ_{i ∈ cell} wᵢ xᵢⱼ) · (indicator × number j entries)
 *        + Σᵢ wᵢ xᵢⱼ xᵢₖ (number × number entries),
 * so a pass over the rows needs one scatter-add per table (weights, each numeric column) instead
 * of one per pair of slots: the contingency-table form of the cross-products of one-hot blocks.
 * National designs (region × NAF × sex × month, a few thousand to tens of thousands of cells)
 * are the case this serves; a layout is only built when there are far fewer cells than rows.
 */
export interface CellLayout {
  /** Number of cells (product of the indicator slots' widths + 1). */
  readonly nCells: number;
  /** Cell of each design row. */
  readonly cell: Int32Array;
  /** Per cell, per indicator slot: the design column, or -1 for the slot's reference (zero). */
  readonly cellCols: Int32Array;
  /** Number of indicator slots. */
  readonly m: number;
  /** The indicator slots (slot index within a row), in the order of `cellCols`. */
  readonly indSlots: Int32Array;
  /** Slots whose value is 1 in every row, in a fixed column (the intercept): their columns. */
  readonly onesCols: Int32Array;
  /** Fixed-column numeric slots (other than all-ones): slot index within a row. */
  readonly numSlots: Int32Array;
  /** Their design columns. */
  readonly numCols: Int32Array;
  /** Their values per design row, slot by slot (contiguous: sweeps read 8 bytes a slot). */
  readonly numValues: readonly Float64Array[];
  /**
   * Per numeric slot: its smallest value when every value is an integer within a span of
   * `SMALL_SPAN` (ages, months, counts), else NaN; such a slot's exp(β v) can be tabulated.
   */
  readonly numIntMin: Float64Array;
  /** Per numeric slot: max − min for integer slots (as above), else -1. */
  readonly numIntSpan: Int32Array;
}

/** Widest range of an integer-valued numeric slot whose exp(β v) is tabulated. */
export const SMALL_SPAN = 4096;

/** Largest number of cells considered worth a layout, as a share of the rows. */
const MAX_CELLS_PER_ROW = 0.5;
/** Hard cap on the cell tables' length (memory). */
const MAX_CELLS = 1 << 22;

/** What a slot holds in every row (known from the formula's terms, or found by a scan). */
export type SlotKind =
  | { readonly kind: "ones"; readonly col: number }
  | { readonly kind: "numeric"; readonly col: number }
  | { readonly kind: "indicator"; readonly lo: number; readonly width: number };

/**
 * Builds the cell layout of a design from its slots and their kinds (known from the formula's
 * terms), or returns null when some slot is neither an indicator nor a fixed-column number
 * (`kinds` null, e.g. factor × numeric interactions), or when the joint table would not be much
 * smaller than the data.
 */
export function buildCellLayout(
  sources: readonly SlotSource[],
  nRows: number,
  kinds: readonly SlotKind[] | null,
): CellLayout | null {
  if (nRows === 0 || kinds === null) return null;
  const slots = kinds;
  const indSlots: number[] = [];
  const indMin: number[] = [];
  const indWidth: number[] = [];
  const onesCols: number[] = [];
  const numSlots: number[] = [];
  const numCols: number[] = [];
  slots.forEach((k, a) => {
    if (k.kind === "ones") onesCols.push(k.col);
    else if (k.kind === "numeric") {
      numSlots.push(a);
      numCols.push(k.col);
    } else {
      indSlots.push(a);
      indMin.push(k.lo);
      indWidth.push(k.width);
    }
  });
  let nCells = 1;
  for (const w of indWidth) {
    nCells *= w + 1;
    if (nCells > MAX_CELLS || nCells > nRows * MAX_CELLS_PER_ROW) return null;
  }
  const m = indSlots.length;
  const numValues = numSlots.map((a) => numericValues(sources[a]!, nRows));
  const cell = new Int32Array(nRows);
  let stride = 1;
  for (let s = 0; s < m; s++) {
    addCellCodes(cell, sources[indSlots[s]!]!, indMin[s]!, indWidth[s]!, stride);
    stride *= indWidth[s]! + 1;
  }
  const cellCols = new Int32Array(nCells * m);
  for (let cl = 0; cl < nCells; cl++) {
    let rest = cl;
    for (let s = 0; s < m; s++) {
      const w = indWidth[s]!;
      const code = rest % (w + 1);
      rest = (rest - code) / (w + 1);
      cellCols[cl * m + s] = code === w ? -1 : indMin[s]! + code;
    }
  }
  return {
    nCells,
    cell,
    cellCols,
    m,
    indSlots: Int32Array.from(indSlots),
    onesCols: Int32Array.from(onesCols),
    numSlots: Int32Array.from(numSlots),
    numCols: Int32Array.from(numCols),
    numValues,
    ...integerRanges(numValues),
  };
}

/** A numeric slot's values per design row. */
function numericValues(src: SlotSource, n: number): Float64Array {
  if (src.kind === "numeric") return src.values;
  if (src.kind === "explicit") return src.vals;
  return new Float64Array(n).fill(1);
}

/** Adds an indicator slot's code (level − lo, or `width` for its reference) × stride to `cell`. */
function addCellCodes(
  cell: Int32Array,
  src: SlotSource,
  lo: number,
  width: number,
  stride: number,
): void {
  if (src.kind === "factor") {
    const { codes, offset, shift } = src;
    for (let i = 0; i < cell.length; i++) {
      const c = codes[i]! - shift;
      cell[i] += (c < 0 ? width : offset + c - lo) * stride;
    }
  } else if (src.kind === "explicit") {
    const cols = src.cols;
    for (let i = 0; i < cell.length; i++) {
      const c = cols[i]!;
      cell[i] += (c < 0 ? width : c - lo) * stride;
    }
  }
}

/** Per numeric slot: integer minimum and span, or NaN and -1. */
function integerRanges(values: readonly Float64Array[]) {
  const q = values.length;
  const numIntMin = new Float64Array(q).fill(Number.NaN);
  const numIntSpan = new Int32Array(q).fill(-1);
  for (let j = 0; j < q; j++) {
    const x = values[j]!;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let ok = x.length > 0;
    for (let i = 0; i < x.length && ok; i++) {
      const v = x[i]!;
      if (!Number.isInteger(v)) ok = false;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (ok && max - min <= SMALL_SPAN) {
      numIntMin[j] = min;
      numIntSpan[j] = max - min;
    }
  }
  return { numIntMin, numIntSpan };
}

/** Adds v to the symmetric p × p matrix's upper-triangle entry for columns a and b. */
function addSym(out: Float64Array, p: number, a: number, b: number, v: number): void {
  if (a <= b) out[a * p + b] += v;
  else out[b * p + a] += v;
}

/**
 * Per-cell sums of one pass: Σw (`tw`), Σw·xⱼ (`tx`, numeric slot j at j·nCells), Σw·z (`tz`),
 * and the small number × number sums in `S` (see {@link CellTables.at}).
 */
export interface CellTables {
  readonly tw: Float64Array;
  readonly tx: Float64Array;
  readonly tz: Float64Array;
  readonly S: Float64Array;
  /** Offsets in `S`: Σw, Σw·xⱼ, Σw·xⱼ·xₖ (j ≤ k), Σw·z, Σw·z·xⱼ. */
  readonly at: { sum: number; x: number; xx: number; z: number; zx: number };
}

/** Zeroed tables for a layout (allocate once, {@link clearCellTables} between passes). */
export function cellTables(layout: CellLayout): CellTables {
  const q = layout.numSlots.length;
  const xx = 1 + q;
  const z = xx + (q * (q + 1)) / 2;
  return {
    tw: new Float64Array(layout.nCells),
    tx: new Float64Array(layout.nCells * q),
    tz: new Float64Array(layout.nCells),
    S: new Float64Array(z + 1 + q),
    at: { sum: 0, x: 1, xx, z, zx: z + 1 },
  };
}

/** Resets the tables to zero. */
export function clearCellTables(t: CellTables): void {
  t.tw.fill(0);
  t.tx.fill(0);
  t.tz.fill(0);
  t.S.fill(0);
}

/**
 * The p × p upper triangle of X'WX and X'Wz from the tables: indicator × indicator entries from
 * Σw per cell, indicator × number from Σw·xⱼ per cell, the rest from the small sums.
 */
export function cellNormalEquations(
  layout: CellLayout,
  t: CellTables,
  p: number,
  withZ: boolean,
): { upper: Float64Array; xtwz: Float64Array } {
  const { onesCols, numCols } = layout;
  const q = numCols.length;
  const { S, at } = t;
  const upper = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  cellEntries(layout, t, p, withZ, upper, xtwz);
  for (let a = 0; a < onesCols.length; a++) {
    const ca = onesCols[a]!;
    if (withZ) xtwz[ca] += S[at.z]!;
    for (let b = a; b < onesCols.length; b++) addSym(upper, p, ca, onesCols[b]!, S[at.sum]!);
    for (let j = 0; j < q; j++) addSym(upper, p, ca, numCols[j]!, S[at.x + j]!);
  }
  for (let j = 0, k0 = at.xx; j < q; j++) {
    if (withZ) xtwz[numCols[j]!] += S[at.zx + j]!;
    for (let k = j; k < q; k++) addSym(upper, p, numCols[j]!, numCols[k]!, S[k0++]!);
  }
  return { upper, xtwz };
}

/**
 * The per-cell part of {@link cellNormalEquations}: indicator × indicator, intercept ×
 * indicator and number × indicator entries, and the indicators' X'Wz. Slots come in column
 * order, so an earlier indicator slot's columns precede a later one's and the intercept
 * (column 0) precedes all; a numeric column lies wholly before or after a factor's block.
 */
function cellEntries(
  layout: CellLayout,
  t: CellTables,
  p: number,
  withZ: boolean,
  upper: Float64Array,
  xtwz: Float64Array,
): void {
  const { nCells, cellCols, m, onesCols, numCols } = layout;
  const q = numCols.length;
  const { tw, tx, tz } = t;
  const ones = onesCols.length > 0 ? onesCols[0]! : -1;
  // For number j and indicator slot s: whether the number's column comes first.
  const before = new Uint8Array(q * m);
  for (let cl = 0; cl < nCells; cl++) {
    for (let s = 0; s < m; s++) {
      const cs = cellCols[cl * m + s]!;
      if (cs >= 0) for (let j = 0; j < q; j++) before[j * m + s] = numCols[j]! < cs ? 1 : 0;
    }
  }
  for (let cl = 0; cl < nCells; cl++) {
    const tc = tw[cl]!;
    const zc = withZ ? tz[cl]! : 0;
    let anyX = false;
    for (let j = 0; j < q; j++) if (tx[j * nCells + cl] !== 0) anyX = true;
    if (tc === 0 && zc === 0 && !anyX) continue;
    const cc = cl * m;
    for (let s = 0; s < m; s++) {
      const cs = cellCols[cc + s]!;
      if (cs < 0) continue;
      xtwz[cs] += zc;
      for (let u = s; u < m; u++) {
        const cu = cellCols[cc + u]!;
        if (cu >= 0) upper[cs * p + cu] += tc;
      }
      if (ones >= 0) upper[ones * p + cs] += tc;
      for (let j = 0; j < q; j++) {
        const nc = numCols[j]!;
        const v = tx[j * nCells + cl]!;
        if (before[j * m + s]) upper[nc * p + cs] += v;
        else upper[cs * p + nc] += v;
      }
    }
  }
}

/**
 * X'WX (upper triangle filled, row-major p × p) and X'Wz through the cell tables: one pass over
 * the rows scattering Σw, Σw·xⱼ and Σw·z per cell, then the p × p entries from the tables.
 */
export function cellCrossprod(
  layout: CellLayout,
  p: number,
  w: ArrayLike<number> | null,
  z: ArrayLike<number> | null,
): { upper: Float64Array; xtwz: Float64Array } {
  const { cell, numSlots, numValues } = layout;
  const q = numSlots.length;
  const n = cell.length;
  const t = cellTables(layout);
  const { tw, tx, tz, S } = t;
  const nCells = layout.nCells;
  const { sum: iSum, x: iX, xx: iXX, z: iZ, zx: iZX } = t.at;
  const xs = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const c = cell[i]!;
    tw[c] += wi;
    S[iSum] += wi;
    for (let j = 0; j < q; j++) {
      const x = numValues[j]![i]!;
      xs[j] = x;
      const wx = wi * x;
      tx[j * nCells + c] += wx;
      S[iX + j] += wx;
    }
    for (let j = 0, k0 = iXX; j < q; j++) {
      const wx = wi * xs[j]!;
      for (let k = j; k < q; k++) S[k0++] += wx * xs[k]!;
    }
    if (z !== null) {
      const s = wi * z[i]!;
      tz[c] += s;
      S[iZ] += s;
      for (let j = 0; j < q; j++) S[iZX + j] += s * xs[j]!;
    }
  }
  return cellNormalEquations(layout, t, p, z !== null);
}

/**
 * The indicator and all-ones part of Xβ per cell (the same for every row of a cell). `b` holds β
 * with aliased (NaN) entries already zeroed.
 */
export function cellPredictor(layout: CellLayout, b: ArrayLike<number>): Float64Array {
  const { nCells, cellCols, m, onesCols } = layout;
  let ones = 0;
  for (const c of onesCols) ones += b[c]!;
  const etaCell = new Float64Array(nCells);
  for (let cl = 0; cl < nCells; cl++) {
    let s = ones;
    for (let u = 0; u < m; u++) {
      const c = cellCols[cl * m + u]!;
      if (c >= 0) s += b[c]!;
    }
    etaCell[cl] = s;
  }
  return etaCell;
}

/**
 * Xβ through the cells: the indicator and all-ones part of η is the same for every row of a
 * cell, so it is computed once per cell; numeric slots are added per row. `b` holds β with
 * aliased (NaN) entries already zeroed.
 */
export function cellMultiply(layout: CellLayout, b: Float64Array, out: Float64Array): void {
  const { cell, numSlots, numCols, numValues } = layout;
  const etaCell = cellPredictor(layout, b);
  const q = numSlots.length;
  const bn = Float64Array.from(numCols, (c) => b[c]!);
  for (let i = 0; i < cell.length; i++) {
    let s = etaCell[cell[i]!]!;
    for (let j = 0; j < q; j++) s += numValues[j]![i]! * bn[j]!;
    out[i] = s;
  }
}
