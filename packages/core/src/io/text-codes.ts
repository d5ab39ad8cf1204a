import { type CategoricalColumn, compareLevels } from "../column.js";

/**
 * Codes strings as they arrive into a categorical column whose levels are the distinct values in
 * JS `<` order, as `categoricalColumn(values)` would, without keeping the strings. While values
 * arrive strictly increasing (a sorted key column), each one is its own next level and no map is
 * needed; on the first value out of order it switches to a map from value to provisional code
 * (first-seen order), and `finish` sorts the levels once and renumbers the codes.
 */
export class TextCoder {
  #codes: Int32Array;
  #n = 0;
  /** Distinct values in first-seen order; the provisional code is the index. */
  readonly #levels: string[] = [];
  /** Value to provisional code, built on the first value out of order. */
  #index: Map<string, number> | null = null;

  /** Starts with room for `capacity` values (it grows as needed). */
  constructor(capacity: number) {
    this.#codes = new Int32Array(Math.max(capacity, 16));
  }

  /** Appends one value; `null` is missing. */
  add(v: string | null): void {
    if (this.#n === this.#codes.length) {
      const grown = new Int32Array(this.#codes.length * 2);
      grown.set(this.#codes);
      this.#codes = grown;
    }
    if (v === null) {
      this.#codes[this.#n++] = -1;
      return;
    }
    const levels = this.#levels;
    if (this.#index === null) {
      if (levels.length === 0 || levels[levels.length - 1]! < v) {
        this.#codes[this.#n++] = levels.length;
        levels.push(v);
        return;
      }
      this.#index = new Map(levels.map((l, i) => [l, i]));
    }
    let code = this.#index.get(v);
    if (code === undefined) {
      code = levels.length;
      levels.push(v);
      this.#index.set(v, code);
    }
    this.#codes[this.#n++] = code;
  }

  /** The categorical column (codes in an array of exactly the number of values added). */
  finish(): CategoricalColumn {
    const n = this.#n;
    const codes = this.#codes.length === n ? this.#codes : this.#codes.slice(0, n);
    const levels = this.#levels;
    if (this.#index === null) return { kind: "categorical", codes, levels };
    const order = Array.from(levels.keys()).sort((a, b) => compareLevels(levels[a]!, levels[b]!));
    const rank = new Int32Array(levels.length);
    for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      if (c >= 0) codes[i] = rank[c]!;
    }
    return { kind: "categorical", codes, levels: order.map((k) => levels[k]!) };
  }
}
