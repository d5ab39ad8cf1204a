import type { GowerModel } from "./gower.js";

/** The distinct combinations of clustering values and how many rows share each. */
export interface DistinctProfiles {
  /** Number of distinct profiles. */
  count: number;
  /** First row of each profile (profiles are numbered by first appearance). */
  rows: Int32Array;
  /** Number of rows of each profile (its weight in the clustering). */
  weights: Float64Array;
  /** Profile of each row. */
  profileOf: Int32Array;
}

/**
 * Groups rows with identical prepared Gower values (same scaled numbers, same codes, same
 * missing pattern). Rows of one profile are at distance 0 from each other and at equal
 * distances from everyone else, so k-medoids on the profiles weighted by their counts has the
 * same objective as k-medoids on all rows — with a P × P rather than n × n problem.
 */
export function distinctProfiles(model: GowerModel): DistinctProfiles {
  const n = model.n;
  // Dense id of each row's value, variable by variable (0 = missing).
  const ids: Int32Array[] = [];
  const cards: number[] = [];
  for (const v of model.variables) {
    const id = new Int32Array(n);
    if (v.codes) {
      let max = 0;
      for (let i = 0; i < n; i++) {
        id[i] = v.codes[i]! + 1;
        if (id[i]! > max) max = id[i]!;
      }
      cards.push(max + 1);
    } else {
      const seen = new Map<number, number>();
      const x = v.scaled!;
      for (let i = 0; i < n; i++) {
        const value = x[i]!;
        if (Number.isNaN(value)) continue;
        let d = seen.get(value);
        if (d === undefined) {
          d = seen.size + 1;
          seen.set(value, d);
        }
        id[i] = d;
      }
      cards.push(seen.size + 1);
    }
    ids.push(id);
  }
  const product = cards.reduce((p, c) => p * c, 1);
  const numericKey = product <= Number.MAX_SAFE_INTEGER;
  const index = new Map<number | string, number>();
  const profileOf = new Int32Array(n);
  const firstRows: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    let key: number | string;
    if (numericKey) {
      let kk = 0;
      for (let v = 0; v < ids.length; v++) kk = kk * cards[v]! + ids[v]![i]!;
      key = kk;
    } else {
      key = ids.map((id) => id[i]).join(",");
    }
    let p = index.get(key);
    if (p === undefined) {
      p = firstRows.length;
      index.set(key, p);
      firstRows.push(i);
      counts.push(0);
    }
    counts[p]!++;
    profileOf[i] = p;
  }
  return {
    count: firstRows.length,
    rows: Int32Array.from(firstRows),
    weights: Float64Array.from(counts),
    profileOf,
  };
}
