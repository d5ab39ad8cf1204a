/**
 * Distinct values of a column over selected rows, and each row's position among them. Unit
 * identifiers, periods and cohorts are nearly always integers in a compact range: those take a
 * lookup-table path (no hashing of millions of keys); anything else falls back to a Map.
 */
export interface Keys {
  /** Distinct values, sorted increasingly. */
  readonly values: number[];
  /** `codes[r]`: index in `values` of the value of row `rows[r]`. */
  readonly codes: Int32Array;
}

// A lookup table is used when the value range is at most this many times the number of rows
// (plus a constant), so its memory stays proportional to the data.
const RANGE_FACTOR = 4;
const RANGE_SLACK = 1 << 16;

/** Integer range [min, max] of the values at `rows`, or null when a value is not an integer. */
function integerRange(rows: Int32Array, v: ArrayLike<number>): [number, number] | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < rows.length; r++) {
    const x = v[rows[r]!]!;
    if (!Number.isInteger(x)) return null;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (rows.length === 0) return null;
  if (max - min > RANGE_FACTOR * rows.length + RANGE_SLACK) return null;
  return [min, max];
}

/** Sorted distinct values of `v` over `rows`. */
export function distinctSorted(rows: Int32Array, v: ArrayLike<number>): number[] {
  const range = integerRange(rows, v);
  if (range === null) {
    const seen = new Set<number>();
    for (let r = 0; r < rows.length; r++) seen.add(v[rows[r]!]!);
    return [...seen].sort((a, b) => a - b);
  }
  const [min, max] = range;
  const present = new Uint8Array(max - min + 1);
  for (let r = 0; r < rows.length; r++) present[v[rows[r]!]! - min] = 1;
  const out: number[] = [];
  for (let k = 0; k < present.length; k++) if (present[k]) out.push(min + k);
  return out;
}

/** Distinct sorted values of `v` over `rows` with the code of every row. */
export function encodeKeys(rows: Int32Array, v: ArrayLike<number>): Keys {
  const m = rows.length;
  const codes = new Int32Array(m);
  const range = integerRange(rows, v);
  if (range === null) {
    const values = distinctSorted(rows, v);
    const index = new Map(values.map((x, k) => [x, k]));
    for (let r = 0; r < m; r++) codes[r] = index.get(v[rows[r]!]!)!;
    return { values, codes };
  }
  const [min, max] = range;
  const table = new Int32Array(max - min + 1).fill(-1);
  for (let r = 0; r < m; r++) table[v[rows[r]!]! - min] = 0;
  const values: number[] = [];
  for (let k = 0; k < table.length; k++) {
    if (table[k] === 0) {
      table[k] = values.length;
      values.push(min + k);
    }
  }
  for (let r = 0; r < m; r++) codes[r] = table[v[rows[r]!]! - min]!;
  return { values, codes };
}

/**
 * The (unit, period) → row table of a panel whose rows come sorted by unit then period, every
 * unit observed once in every period (the usual layout): `rows` itself, found in one pass.
 * Units are numbered in increasing identifier order, as the general path numbers them.
 * Returns null when the rows are laid out otherwise (the caller then builds the table by keys).
 */
export function sortedPanelSlots(
  rows: Int32Array,
  id: ArrayLike<number>,
  t: ArrayLike<number>,
  tlist: readonly number[],
): Int32Array | null {
  const nT = tlist.length;
  if (rows.length % nT !== 0) return null;
  let previous = Number.NEGATIVE_INFINITY;
  for (let at = 0; at < rows.length; at += nT) {
    const unit = id[rows[at]!]!;
    if (!(unit > previous)) return null;
    previous = unit;
    for (let k = 0; k < nT; k++) {
      const i = rows[at + k]!;
      if (id[i] !== unit || t[i] !== tlist[k]) return null;
    }
  }
  return rows;
}
