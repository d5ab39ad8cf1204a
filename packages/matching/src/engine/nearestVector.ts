import { addMatch, emptyMatchMatrix, type MatchMatrix, matchesOf } from "./matchMatrix.js";
import { stableOrder } from "./order.js";
import { pickNearest } from "./partialSort.js";
import { SkipLinks } from "./skipLinks.js";

/** Input of {@link nearestOnDistance}: everything is per unit (input row of the analysed set). */
export interface NearestVectorSpec {
  /** 1 = treated, 0 = control. */
  treat: Uint8Array;
  /** The scalar distance (propensity score or its linear predictor, or a user score). */
  distance: Float64Array;
  /** 1 = may be matched (not discarded). */
  eligible: Uint8Array;
  /** Exact-matching strata codes `0..S-1`; units only match within their stratum. */
  strata?: Int32Array | undefined;
  /** Controls per treated unit (k:1). */
  ratio: number;
  /** Controls may be reused. */
  replace: boolean;
  /** Largest allowed |distance difference| in raw units; `Infinity` for none. */
  caliper: number;
  /** Treated units (rows) in the order they are matched. */
  order: Int32Array;
  /** All units sorted by distance (stable), when already computed. */
  sorted?: Int32Array | undefined;
}

/**
 * Greedy nearest-neighbour matching on a scalar distance, reproducing MatchIt's matched sets
 * (MatchIt 4.7 documentation, `method_nearest`; behaviour checked against its goldens).
 *
 * All units are sorted once by distance (stable, so ties stay in data order). For each treated
 * unit MatchIt scans outward from its sorted position, alternating one step left and one step
 * right, and keeps the first candidate found among equally distant ones; a left candidate `sL`
 * steps away is therefore found before a right one `sR` steps away exactly when `sL <= sR`.
 * Instead of stepping over every unit, we jump straight to the next still-available control of
 * the same exact stratum (`SkipLinks`) and compare step counts, which gives the same
 * choice in amortised constant time per match: O(n log n) overall. Without replacement,
 * k:1 matching proceeds in k rounds (every treated unit gets its first control, then its
 * second...), as MatchIt does.
 */
export function nearestOnDistance(spec: NearestVectorSpec): MatchMatrix {
  const { treat, distance, eligible, ratio, replace, caliper, order } = spec;
  const n = treat.length;
  const strata = spec.strata ?? null;
  let nStrata = 1;
  if (strata) for (let i = 0; i < n; i++) if (strata[i]! + 1 > nStrata) nStrata = strata[i]! + 1;

  const sorted = spec.sorted ?? stableOrder(distance);
  const pos = new Int32Array(n);

  // Controls of each stratum, in sorted order, laid out in one flat array by stratum.
  const segStart = new Int32Array(nStrata + 1);
  let nTreated = 0;
  for (let u = 0; u < n; u++) {
    if (treat[u] === 0) segStart[(strata === null ? 0 : strata[u]!) + 1]!++;
    else nTreated++;
  }
  for (let s = 0; s < nStrata; s++) segStart[s + 1]! += segStart[s]!;
  const nControls = segStart[nStrata]!;
  const fill = new Int32Array(nStrata);
  const flatUnit = new Int32Array(nControls);
  const flatPos = new Int32Array(nControls);
  const flatIdx = new Int32Array(n).fill(-1);
  const insertAt = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const u = sorted[p]!;
    pos[u] = p;
    const s = strata === null ? 0 : strata[u]!;
    if (treat[u] === 0) {
      const j = segStart[s]! + fill[s]!;
      fill[s]!++;
      flatUnit[j] = u;
      flatPos[j] = p;
      flatIdx[u] = j;
    } else {
      insertAt[u] = fill[s]!;
    }
  }
  const links = new SkipLinks(nControls);
  let available = 0;
  for (let j = 0; j < nControls; j++) {
    if (eligible[flatUnit[j]!]) available++;
    else links.remove(j);
  }

  const treatedRows = new Int32Array(nTreated);
  const treatedIndex = new Int32Array(n).fill(-1);
  for (let u = 0, i = 0; u < n; u++) {
    if (treat[u] === 1) {
      treatedRows[i] = u;
      treatedIndex[u] = i++;
    }
  }
  const mm = emptyMatchMatrix(treatedRows, ratio);
  const canMatch = Uint8Array.from(eligible);
  // Candidates of one search (reused: no allocation per treated unit).
  let ids = new Int32Array(16);
  let dists = new Float64Array(16);
  const none: number[] = [];

  /** Candidates for unit t, in `ids`/`dists`; returns how many. */
  const search = (t: number, previous: number[], k: number): number => {
    const s = strata === null ? 0 : strata[t]!;
    const lo = segStart[s]!;
    const hi = segStart[s + 1]!;
    const dt = distance[t]!;
    let iil = pos[t]!;
    let iir = iil;
    let leftStart = lo + insertAt[t]! - 1;
    let rightStart = lo + insertAt[t]!;
    let minDist = 0;
    if (previous.length > 0) {
      // Later rounds resume beyond the controls already taken by this unit (MatchIt's scan
      // restarts from the span of earlier matches and skips anything nearer than them).
      const ii = iil;
      for (const c of previous) {
        if (pos[c]! < iil) iil = pos[c]!;
        if (pos[c]! > iir) iir = pos[c]!;
      }
      const dl = Math.abs(dt - distance[sorted[iil]!]!);
      const dr = Math.abs(dt - distance[sorted[iir]!]!);
      minDist = iil === ii ? dr : iir === ii ? dl : Math.max(dl, dr);
      if (iil < ii) leftStart = flatIdx[sorted[iil]!]! - 1;
      if (iir > ii) rightStart = flatIdx[sorted[iir]!]! + 1;
    }
    let jl = leftStart >= lo ? links.leftOf(leftStart) : -1;
    if (jl < lo) jl = -1;
    let jr = rightStart < hi ? links.rightOf(rightStart) : hi;
    if (jr >= hi) jr = -1;
    let lStop = jl < 0;
    let rStop = jr < 0;
    let nLeft = 0;
    let nRight = 0;
    let found = 0;
    while (!lStop || !rStop) {
      const useLeft = !lStop && (rStop || iil - flatPos[jl]! <= flatPos[jr]! - iir);
      const j = useLeft ? jl : jr;
      const c = flatUnit[j]!;
      const dc = Math.abs(dt - distance[c]!);
      let stop = false;
      if (dc > caliper) stop = true;
      else if (found >= k) {
        let closer = 0;
        for (let q = 0; q < found; q++) if (dists[q]! < dc) closer++;
        if (closer >= k) stop = true;
      }
      if (!stop && dc >= minDist) {
        if (found === ids.length) {
          const grownIds = new Int32Array(2 * found);
          grownIds.set(ids);
          ids = grownIds;
          const grownDists = new Float64Array(2 * found);
          grownDists.set(dists);
          dists = grownDists;
        }
        ids[found] = c;
        dists[found] = dc;
        found++;
        if (useLeft) {
          nLeft++;
          if (nLeft === k) stop = true;
        } else {
          nRight++;
          if (nRight === k) stop = true;
        }
      }
      if (useLeft) {
        if (stop) lStop = true;
        else {
          jl = j - 1 >= lo ? links.leftOf(j - 1) : -1;
          if (jl < lo) {
            jl = -1;
            lStop = true;
          }
        }
      } else if (stop) rStop = true;
      else {
        jr = j + 1 < hi ? links.rightOf(j + 1) : hi;
        if (jr >= hi) {
          jr = -1;
          rStop = true;
        }
      }
    }
    return found;
  };

  /**
   * The chosen controls among the candidates (MatchIt's partial sort). For one control that is
   * the first candidate at the smallest distance, which is what the heap selection returns.
   */
  const find = (t: number, previous: number[], k: number): number[] => {
    const found = search(t, previous, k);
    if (k === 1) {
      if (found === 0) return none;
      let best = 0;
      for (let q = 1; q < found; q++) if (dists[q]! < dists[best]!) best = q;
      return [ids[best]!];
    }
    return pickNearest(Array.from(ids.subarray(0, found)), Array.from(dists.subarray(0, found)), k);
  };

  if (replace) {
    for (let o = 0; o < order.length; o++) {
      const t = order[o]!;
      if (!canMatch[t]) continue;
      for (const c of find(t, none, ratio)) addMatch(mm, treatedIndex[t]!, c);
    }
    return mm;
  }
  for (let r = 1; r <= ratio; r++) {
    for (let o = 0; o < order.length; o++) {
      const t = order[o]!;
      if (available === 0) break;
      if (!canMatch[t]) continue;
      const ti = treatedIndex[t]!;
      const found = find(t, r > 1 ? matchesOf(mm, ti) : none, 1);
      if (found.length === 0) {
        canMatch[t] = 0;
        continue;
      }
      const c = found[0]!;
      addMatch(mm, ti, c);
      links.remove(flatIdx[c]!);
      available--;
    }
  }
  return mm;
}
