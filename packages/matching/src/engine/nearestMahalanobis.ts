import { addMatch, type MatchMatrix, matchesOf } from "./matchMatrix.js";
import { stableOrder } from "./order.js";

/** Input of {@link nearestOnCovariates}. */
export interface NearestCovariateSpec {
  /** 1 = treated, 0 = control (all units). */
  treat: Uint8Array;
  /** Row-major `n × q` covariates in Mahalanobis space (see `mahalanobisSpace`). */
  z: Float64Array;
  /** Columns of `z`. */
  q: number;
  /** 1 = may be matched. */
  eligible: Uint8Array;
  /** Units taking part (one exact stratum, or everyone), ascending. */
  units: Int32Array;
  /** Controls per treated unit. */
  ratio: number;
  /** Controls may be reused. */
  replace: boolean;
  /** Propensity score for a caliper (mahvars within a caliper), with the raw caliper. */
  caliperDistance?: Float64Array | undefined;
  /** Raw caliper on `caliperDistance`; `Infinity` for none. */
  caliper: number;
  /** Treated units of `units`, in matching order. */
  order: Int32Array;
}

/**
 * Nearest neighbours in Mahalanobis distance (full Mahalanobis matching, or `mahvars` within a
 * propensity caliper), written to choose the same controls as MatchIt: units are sorted on the
 * first transformed covariate and scanned outward from the treated unit, alternating sides; a side
 * stops once even its squared difference on that coordinate (a lower bound of the full squared
 * distance) exceeds the current worst kept candidate, and among equally distant candidates the
 * one found last is kept. This prunes well but is not O(n log n) in the worst case: exact strata
 * keep it fast on large data. Results are written into `mm`.
 */
export function nearestOnCovariates(
  spec: NearestCovariateSpec,
  mm: MatchMatrix,
  treatedIndex: Int32Array,
): void {
  const { treat, z, q, eligible, units, ratio, replace, caliper, order } = spec;
  const cd = spec.caliperDistance;
  const m = units.length;
  const mv = new Float64Array(treat.length);
  for (const u of units) mv[u] = z[u * q]!;
  const sorted = stableOrder(mv, units);
  const pos = new Int32Array(treat.length);
  for (let p = 0; p < m; p++) pos[sorted[p]!] = p;
  const can = new Uint8Array(treat.length);
  let available = 0;
  for (const u of units) {
    can[u] = eligible[u]!;
    if (treat[u] === 0 && eligible[u]) available++;
  }

  const sqdist = (a: number, b: number): number => {
    let s = 0;
    for (let k = 0; k < q; k++) s += (z[a * q + k]! - z[b * q + k]!) ** 2;
    return s;
  };

  // Unlike the scalar scan, MatchIt does not cap the candidates per side here: each side runs
  // until the coordinate bound or the end of the data stops it.
  const find = (t: number, k: number, previous: number[]): number[] => {
    let iil = pos[t]!;
    let iir = iil;
    let lStop = false;
    let rStop = false;
    let left = false;
    const ids: number[] = [];
    const ds: number[] = [];
    while (!lStop || !rStop) {
      left = lStop ? false : rStop ? true : !left;
      let c: number;
      if (left) {
        if (iil <= 0) {
          lStop = true;
          continue;
        }
        c = sorted[--iil]!;
      } else {
        if (iir >= m - 1) {
          rStop = true;
          continue;
        }
        c = sorted[++iir]!;
      }
      if (!can[c] || treat[c] !== 0 || previous.includes(c)) continue;
      const mvd = (mv[t]! - mv[c]!) ** 2;
      if (ids.length === k && ds[ds.length - 1]! < mvd) {
        if (left) lStop = true;
        else rStop = true;
        continue;
      }
      if (cd && !(Math.abs(cd[t]! - cd[c]!) <= caliper)) continue;
      const d = sqdist(t, c);
      if (!Number.isFinite(d)) continue;
      if (ids.length === 0) {
        ids.push(c);
        ds.push(d);
      } else if (d > ds[ds.length - 1]!) {
        if (ids.length === k) continue;
        ids.push(c);
        ds.push(d);
      } else if (k === 1) {
        ids[0] = c;
        ds[0] = d;
      } else {
        if (ids.length === k) {
          ids.pop();
          ds.pop();
        }
        if (d > ds[ds.length - 1]!) {
          ids.push(c);
          ds.push(d);
        } else {
          let at = 0;
          while (at < ds.length && ds[at]! < d) at++;
          ids.splice(at, 0, c);
          ds.splice(at, 0, d);
        }
      }
    }
    return ids;
  };

  if (replace) {
    for (const t of order) {
      if (!can[t]) continue;
      for (const c of find(t, ratio, [])) addMatch(mm, treatedIndex[t]!, c);
    }
    return;
  }
  for (let r = 1; r <= ratio; r++) {
    for (const t of order) {
      if (available === 0) break;
      if (!can[t]) continue;
      const ti = treatedIndex[t]!;
      const found = find(t, 1, r > 1 ? matchesOf(mm, ti) : []);
      if (found.length === 0) {
        can[t] = 0;
        continue;
      }
      addMatch(mm, ti, found[0]!);
      can[found[0]!] = 0;
      available--;
    }
  }
}
