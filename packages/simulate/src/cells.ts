/** Sums kept per cell of the truth tables: count, observed outcome, and both potential outcomes. */
export interface CellSums {
  /** Units. */
  n: number;
  /** Sum of the observed outcome. */
  obs: number;
  /** Sum of the outcome under treatment. */
  y1: number;
  /** Sum of the outcome without treatment. */
  y0: number;
  /** Units actually treated (for cells mixing treated and untreated units). */
  treated: number;
}

/** Accumulates {@link CellSums} under string keys (e.g. `decl|2023|T`). */
export class Cells {
  private readonly map = new Map<string, CellSums>();

  /** Adds one unit to cell `key`. */
  add(key: string, obs: number, y1: number, y0: number, treated = 0): void {
    let c = this.map.get(key);
    if (c === undefined) {
      c = { n: 0, obs: 0, y1: 0, y0: 0, treated: 0 };
      this.map.set(key, c);
    }
    c.n++;
    c.obs += obs;
    c.y1 += y1;
    c.y0 += y0;
    c.treated += treated;
  }

  /** The sums of every cell whose key passes `filter`, added together. */
  sum(filter: (key: string) => boolean): CellSums {
    const out: CellSums = { n: 0, obs: 0, y1: 0, y0: 0, treated: 0 };
    for (const [k, c] of this.map) {
      if (!filter(k)) continue;
      out.n += c.n;
      out.obs += c.obs;
      out.y1 += c.y1;
      out.y0 += c.y0;
      out.treated += c.treated;
    }
    return out;
  }

  /** Every key, sorted (deterministic output). */
  keys(): string[] {
    return [...this.map.keys()].sort();
  }

  /** The cell under `key`, if any. */
  get(key: string): CellSums | undefined {
    return this.map.get(key);
  }
}
