/**
 * "Next still-available slot" links over a fixed array of slots, with path compression
 * (union–find), so that skipping every control already used costs near-constant amortised time.
 * This is what keeps nearest-neighbour matching O(n log n) overall: the sort dominates.
 */
export class SkipLinks {
  readonly #left: Int32Array;
  readonly #right: Int32Array;
  readonly #n: number;

  /** `n` slots, all available. */
  constructor(n: number) {
    this.#n = n;
    this.#left = new Int32Array(n);
    this.#right = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.#left[i] = i;
    for (let i = 0; i <= n; i++) this.#right[i] = i;
  }

  /** Marks slot `i` as used. */
  remove(i: number): void {
    this.#left[i] = i - 1;
    this.#right[i] = i + 1;
  }

  /** The largest available slot `<= i`, or -1. */
  leftOf(i: number): number {
    const l = this.#left;
    let r = i;
    while (r >= 0 && l[r] !== r) r = l[r]!;
    let j = i;
    while (j >= 0 && j !== r) {
      const next = l[j]!;
      l[j] = r;
      j = next;
    }
    return r;
  }

  /** The smallest available slot `>= i`, or `n` when none. */
  rightOf(i: number): number {
    const rt = this.#right;
    const n = this.#n;
    let r = i;
    while (r < n && rt[r] !== r) r = rt[r]!;
    let j = i;
    while (j < n && j !== r) {
      const next = rt[j]!;
      rt[j] = r;
      j = next;
    }
    return r;
  }
}
