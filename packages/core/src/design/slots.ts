/**
 * What one slot of a sparse design holds, per design row, before (or instead of) being written
 * into the interleaved `cols`/`vals` arrays: the intercept, a numeric main effect (its values),
 * a factor main effect (its level codes), or explicit columns and values (interactions). Model
 * fitting reads these directly, so the interleaved arrays are only built when asked for.
 */
export type SlotSource =
  | { readonly kind: "ones" }
  | { readonly kind: "numeric"; readonly col: number; readonly values: Float64Array }
  | {
      readonly kind: "factor";
      /** First column of the factor's block. */
      readonly offset: number;
      /** Level code per design row. */
      readonly codes: Int32Array;
      /** 1 with treatment contrasts (level 0 is the reference, no column), else 0. */
      readonly shift: number;
    }
  | { readonly kind: "explicit"; readonly cols: Int32Array; readonly vals: Float64Array };

/** Writes the slots into row-major `nRows × K` (column, value) pairs, -1/0 for zeros. */
export function interleaveSlots(
  slots: readonly SlotSource[],
  nRows: number,
): { cols: Int32Array; vals: Float64Array } {
  const K = slots.length;
  const cols = new Int32Array(nRows * K);
  const vals = new Float64Array(nRows * K);
  slots.forEach((s, a) => {
    if (s.kind === "ones") fillOnes(cols, vals, K, a, nRows);
    else if (s.kind === "numeric") fillNumeric(cols, vals, K, a, s.col, s.values);
    else if (s.kind === "factor") fillFactor(cols, vals, K, a, s.offset, s.codes, s.shift);
    else fillExplicit(cols, vals, K, a, s.cols, s.vals);
  });
  return { cols, vals };
}

function fillOnes(cols: Int32Array, vals: Float64Array, K: number, a: number, n: number): void {
  for (let i = 0, at = a; i < n; i++, at += K) {
    cols[at] = 0;
    vals[at] = 1;
  }
}

function fillNumeric(
  cols: Int32Array,
  vals: Float64Array,
  K: number,
  a: number,
  col: number,
  x: Float64Array,
): void {
  for (let i = 0, at = a; i < x.length; i++, at += K) {
    cols[at] = col;
    vals[at] = x[i]!;
  }
}

function fillFactor(
  cols: Int32Array,
  vals: Float64Array,
  K: number,
  a: number,
  offset: number,
  codes: Int32Array,
  shift: number,
): void {
  for (let i = 0, at = a; i < codes.length; i++, at += K) {
    const c = codes[i]! - shift;
    cols[at] = c < 0 ? -1 : offset + c;
    vals[at] = c < 0 ? 0 : 1;
  }
}

function fillExplicit(
  cols: Int32Array,
  vals: Float64Array,
  K: number,
  a: number,
  sc: Int32Array,
  sv: Float64Array,
): void {
  for (let i = 0, at = a; i < sc.length; i++, at += K) {
    cols[at] = sc[i]!;
    vals[at] = sv[i]!;
  }
}
