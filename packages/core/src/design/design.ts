import type { Formula } from "../formula/parse.js";
import type { ModelTerms } from "../formula/terms.js";
import {
  buildCellLayout,
  type CellLayout,
  cellCrossprod,
  cellMultiply,
  type SlotKind,
} from "./cells.js";
import { interleaveSlots, type SlotSource } from "./slots.js";

/** What is needed to rebuild the same columns on new data (e.g. for prediction). */
export interface DesignSpec {
  /** The parsed formula. */
  readonly formula: Formula;
  /** Its expanded terms. */
  readonly terms: ModelTerms;
  /** Per variable: the factor levels kept (unused levels dropped, as lm/glm do), or null. */
  readonly levels: readonly (readonly string[] | null)[];
  /** Per term, per variable of the term: 1 = treatment contrasts, 2 = one column per level. */
  readonly coding: readonly (readonly (1 | 2)[])[];
  /** Column names, as R's `model.matrix`. */
  readonly names: readonly string[];
  /** First column of each term's block (after the intercept column when there is one). */
  readonly offsets: readonly number[];
}

/**
 * A model matrix kept as sparse structure: every row has at most one non-zero column per term
 * (an intercept, a numeric variable, one indicator of a factor, or a product of those), so row
 * `i` is stored as `K` pairs (column, value) with column -1 for a zero. A 550,000 × 121 design of
 * six terms takes 6 pairs per row instead of 121 doubles; X'WX, X'Wz and Xβ run on the pairs.
 */
export class Design {
  /** Column names, identical to R's `colnames(model.matrix(...))`. */
  readonly names: readonly string[];
  /** Number of design rows (input rows kept). */
  readonly nRows: number;
  /** Number of columns. */
  readonly p: number;
  /** Number of (column, value) pairs per row: one per term, plus the intercept. */
  readonly K: number;
  /** What each slot holds (see {@link SlotSource}); `cols`/`vals` are built from it on demand. */
  readonly slots: readonly SlotSource[];
  #cols: Int32Array | null = null;
  #vals: Float64Array | null = null;
  /** The input-frame row of each design row. */
  readonly rowsUsed: Int32Array;
  /** Number of input rows dropped because a variable used by the formula is missing there. */
  readonly nDropped: number;
  /** Per variable label: how many input rows are missing for it (a row may count for several). */
  readonly missingByVariable: Readonly<Record<string, number>>;
  /** The response per design row (0/1 for a factor response: first level 0, others 1). */
  readonly response: Float64Array | undefined;
  /** The response's label (deparsed left-hand side). */
  readonly responseLabel: string | undefined;
  /** When the response is a factor: its levels (first = 0). */
  readonly responseLevels: readonly string[] | undefined;
  /** Term of each column, as R's `assign` attribute: 0 for the intercept, term k for the k-th. */
  readonly assign: Int32Array;
  /** Term labels in order (R's `term.labels`). */
  readonly termLabels: readonly string[];
  /** Whether the first column is the intercept. */
  readonly intercept: boolean;
  /** What is needed to build the same columns on new data. */
  readonly spec: DesignSpec;

  /** Assembles a design (use {@link designMatrix} rather than this constructor). */
  constructor(init: {
    spec: DesignSpec;
    K: number;
    slots: readonly SlotSource[];
    rowsUsed: Int32Array;
    nDropped: number;
    missingByVariable: Record<string, number>;
    response?: Float64Array;
    responseLevels?: readonly string[];
    assign: Int32Array;
  }) {
    this.spec = init.spec;
    this.names = init.spec.names;
    this.p = init.spec.names.length;
    this.K = init.K;
    this.slots = init.slots;
    this.rowsUsed = init.rowsUsed;
    this.nRows = init.rowsUsed.length;
    this.nDropped = init.nDropped;
    this.missingByVariable = init.missingByVariable;
    this.response = init.response;
    const r = init.spec.terms.response;
    this.responseLabel = r >= 0 ? init.spec.terms.labels[r] : undefined;
    this.responseLevels = init.responseLevels;
    this.assign = init.assign;
    this.termLabels = init.spec.terms.terms.map((t) => t.label);
    this.intercept = init.spec.terms.intercept;
  }

  /**
   * {@link Design.cols} with -1 mapped to a dummy column `p` (whose values are 0), built once:
   * hot loops then scatter into a (p + 1)-wide accumulator without a branch per pair, which
   * matters because zero slots (reference levels) fall at random and defeat branch prediction.
   */
  #padded: Int32Array | null = null;

  /**
   * Row-major `nRows × K` global column indices, -1 where the term is zero for that row (built
   * from the slots on first use: model fitting with a cell layout never needs it).
   */
  get cols(): Int32Array {
    if (this.#cols === null) this.#interleave();
    return this.#cols!;
  }

  /** Row-major `nRows × K` values matching {@link Design.cols} (built on first use). */
  get vals(): Float64Array {
    if (this.#vals === null) this.#interleave();
    return this.#vals!;
  }

  #interleave(): void {
    const { cols, vals } = interleaveSlots(this.slots, this.nRows);
    this.#cols = cols;
    this.#vals = vals;
  }

  /** The cell layout (see {@link CellLayout}), null when the design does not have one. */
  #cells: CellLayout | null | undefined = undefined;

  /** The design's {@link CellLayout}, or null when it has none (computed once, then cached). */
  cellLayout(): CellLayout | null {
    if (this.#cells === undefined) {
      this.#cells = buildCellLayout(this.slots, this.nRows, this.#slotKinds());
    }
    return this.#cells;
  }

  /**
   * Slot kinds from the terms (see {@link SlotKind}): the intercept is all ones, a term of
   * factors only is an indicator over its block, a term of numbers only a fixed column; null
   * when a term mixes factors and numbers (its values vary within a block).
   */
  #slotKinds(): SlotKind[] | null {
    const { spec } = this;
    const kinds: SlotKind[] = this.intercept ? [{ kind: "ones", col: 0 }] : [];
    for (let t = 0; t < spec.terms.terms.length; t++) {
      const vars = spec.terms.terms[t]!.vars;
      const factors = vars.filter((v) => spec.levels[v] !== null && spec.levels[v] !== undefined);
      const lo = spec.offsets[t]!;
      let width = 0;
      for (let c = lo; c < this.p && this.assign[c] === t + 1; c++) width++;
      if (factors.length === vars.length && width > 0) kinds.push({ kind: "indicator", lo, width });
      else if (factors.length === 0 && width === 1) kinds.push({ kind: "numeric", col: lo });
      else return null;
    }
    return kinds.length === this.K ? kinds : null;
  }

  /** {@link Design.cols} with -1 replaced by the dummy column `p` (computed once, then cached). */
  paddedCols(): Int32Array {
    if (this.#padded === null) {
      const { cols, p } = this;
      const out = new Int32Array(cols.length);
      for (let k = 0; k < cols.length; k++) {
        const c = cols[k]!;
        out[k] = c < 0 ? p : c;
      }
      this.#padded = out;
    }
    return this.#padded;
  }

  /** X'WX (p × p, row-major, symmetric); `w` per design row, or all ones when omitted. */
  xtwx(w?: ArrayLike<number> | null): Float64Array {
    return this.xtwxz(w ?? null, null).xtwx;
  }

  /**
   * X'WX and, when `z` is given, X'Wz, in one pass over the rows (IRLS needs both each
   * iteration). Through the cell tables when the design has a {@link CellLayout}; otherwise
   * row by row over the slot pairs, where the dummy column only ever receives zeros.
   */
  xtwxz(
    w: ArrayLike<number> | null,
    z: ArrayLike<number> | null,
  ): { xtwx: Float64Array; xtwz: Float64Array } {
    const { p, K, nRows } = this;
    const layout = this.cellLayout();
    if (layout !== null) {
      const { upper, xtwz } = cellCrossprod(layout, p, w, z);
      for (let a = 0; a < p; a++)
        for (let b = a + 1; b < p; b++) upper[b * p + a] = upper[a * p + b]!;
      return { xtwx: upper, xtwz };
    }
    const cols = this.paddedCols();
    const vals = this.vals;
    const P = p + 1;
    const acc = new Float64Array(P * P);
    const accZ = new Float64Array(P);
    for (let i = 0; i < nRows; i++) {
      const wi = w ? w[i]! : 1;
      if (wi === 0) continue;
      const base = i * K;
      const end = base + K;
      for (let a = base; a < end; a++) {
        const va = vals[a]! * wi;
        const row = cols[a]! * P;
        for (let b = a; b < end; b++) acc[row + cols[b]!] += va * vals[b]!;
      }
      if (z !== null) {
        const s = wi * z[i]!;
        if (s !== 0) for (let a = base; a < end; a++) accZ[cols[a]!] += vals[a]! * s;
      }
    }
    // Blocks are in increasing column order, so only the upper triangle was filled.
    const out = new Float64Array(p * p);
    for (let a = 0; a < p; a++) {
      out[a * p + a] = acc[a * P + a]!;
      for (let b = a + 1; b < p; b++) {
        const v = acc[a * P + b]!;
        out[a * p + b] = v;
        out[b * p + a] = v;
      }
    }
    return { xtwx: out, xtwz: accZ.subarray(0, p).slice() };
  }

  /** X'Wz (length p); `w` per design row or all ones when null. */
  xtwz(w: ArrayLike<number> | null, z: ArrayLike<number>): Float64Array {
    const { p, K, vals, nRows } = this;
    const cols = this.paddedCols();
    const acc = new Float64Array(p + 1);
    for (let i = 0; i < nRows; i++) {
      const s = (w ? w[i]! : 1) * z[i]!;
      if (s === 0) continue;
      const base = i * K;
      for (let a = base; a < base + K; a++) acc[cols[a]!] += vals[a]! * s;
    }
    return acc.slice(0, p);
  }

  /** Xβ per design row (NaN coefficients, i.e. aliased columns, count as 0, as R predicts). */
  multiply(
    beta: ArrayLike<number>,
    out: Float64Array = new Float64Array(this.nRows),
  ): Float64Array {
    const { K, nRows, p } = this;
    // Padded with the dummy column's 0, so that zero slots need no branch.
    const b = new Float64Array(p + 1);
    for (let j = 0; j < p; j++) b[j] = Number.isNaN(beta[j]!) ? 0 : beta[j]!;
    const layout = this.cellLayout();
    if (layout !== null) {
      cellMultiply(layout, b, out);
      return out;
    }
    const cols = this.paddedCols();
    const vals = this.vals;
    for (let i = 0; i < nRows; i++) {
      let s = 0;
      const base = i * K;
      for (let a = base; a < base + K; a++) s += vals[a]! * b[cols[a]!]!;
      out[i] = s;
    }
    return out;
  }

  /** x_i' M x_i per design row for a p × p matrix M (e.g. hat values with M = (X'WX)⁻¹). */
  quadraticForm(M: Float64Array): Float64Array {
    const { p, K, cols, vals, nRows } = this;
    const out = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) {
      const base = i * K;
      let s = 0;
      for (let a = 0; a < K; a++) {
        const ca = cols[base + a]!;
        if (ca < 0) continue;
        const va = vals[base + a]!;
        for (let b = 0; b < K; b++) {
          const cb = cols[base + b]!;
          if (cb >= 0) s += va * M[ca * p + cb]! * vals[base + b]!;
        }
      }
      out[i] = s;
    }
    return out;
  }

  /**
   * Σ_g s_g s_g' with s_g = Σ_{i∈g} u_i x_i: the "meat" of a clustered sandwich. `groups` holds
   * a cluster code in [0, nGroups) per design row. Each cluster's score is accumulated sparsely,
   * so many small clusters (e.g. matched pairs) cost O(n K²), not O(G p²).
   */
  clusterCrossprod(u: ArrayLike<number>, groups: Int32Array, nGroups: number): Float64Array {
    const { p, K, cols, vals, nRows } = this;
    // Counting sort of rows by cluster.
    const start = new Int32Array(nGroups + 1);
    for (let i = 0; i < nRows; i++) start[groups[i]! + 1]++;
    for (let g = 0; g < nGroups; g++) start[g + 1] += start[g]!;
    const order = new Int32Array(nRows);
    const fill = start.slice(0, nGroups);
    for (let i = 0; i < nRows; i++) order[fill[groups[i]!]!++] = i;

    const out = new Float64Array(p * p);
    const score = new Float64Array(p);
    const touched = new Int32Array(p);
    const isTouched = new Uint8Array(p);
    for (let g = 0; g < nGroups; g++) {
      let nt = 0;
      for (let k = start[g]!; k < start[g + 1]!; k++) {
        const i = order[k]!;
        const ui = u[i]!;
        const base = i * K;
        for (let a = 0; a < K; a++) {
          const c = cols[base + a]!;
          if (c < 0) continue;
          if (!isTouched[c]) {
            isTouched[c] = 1;
            touched[nt++] = c;
          }
          score[c] += ui * vals[base + a]!;
        }
      }
      for (let x = 0; x < nt; x++) {
        const cx = touched[x]!;
        const sx = score[cx]!;
        for (let y = 0; y < nt; y++) out[cx * p + touched[y]!] += sx * score[touched[y]!]!;
      }
      for (let x = 0; x < nt; x++) {
        score[touched[x]!] = 0;
        isTouched[touched[x]!] = 0;
      }
    }
    return out;
  }

  /** Column `j` as a dense vector over design rows. */
  column(j: number): Float64Array {
    const { K, cols, vals, nRows } = this;
    const out = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) {
      for (let a = 0; a < K; a++) if (cols[i * K + a] === j) out[i] = vals[i * K + a]!;
    }
    return out;
  }

  /** The dense model matrix, row-major `nRows × p` (allocates nRows·p doubles: ask only if needed). */
  toDense(): Float64Array {
    const { p, K, cols, vals, nRows } = this;
    const out = new Float64Array(nRows * p);
    for (let i = 0; i < nRows; i++) {
      for (let a = 0; a < K; a++) {
        const c = cols[i * K + a]!;
        if (c >= 0) out[i * p + c] += vals[i * K + a]!;
      }
    }
    return out;
  }
}
