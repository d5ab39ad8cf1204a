import { type MatchMatrix, matchesOf } from "./matchMatrix.js";

/**
 * Subclass (pair) identifiers from a match matrix built without replacement, numbered 1, 2, …
 * over matched treated units in data order; unmatched units get 0 (printed as null). This is
 * MatchIt's numbering (`match.data()$subclass`).
 */
export function subclassFromMatches(mm: MatchMatrix, n: number): Int32Array {
  const subclass = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < mm.treated.length; i++) {
    const controls = matchesOf(mm, i);
    if (controls.length === 0) continue;
    k++;
    subclass[mm.treated[i]!] = k;
    for (const c of controls) subclass[c] = k;
  }
  return subclass;
}

/**
 * ATT weights from subclasses (MatchIt `get_weights_from_subclass`): treated units in a subclass
 * get 1, controls get (treated in subclass) / (controls in subclass); units outside get 0.
 */
export function weightsFromSubclass(subclass: Int32Array, treat: Uint8Array): Float64Array {
  let nSub = 0;
  for (let i = 0; i < subclass.length; i++) if (subclass[i]! > nSub) nSub = subclass[i]!;
  const nt = new Float64Array(nSub + 1);
  const nc = new Float64Array(nSub + 1);
  for (let i = 0; i < subclass.length; i++) {
    const s = subclass[i]!;
    if (s > 0) {
      if (treat[i] === 1) nt[s]!++;
      else nc[s]!++;
    }
  }
  const w = new Float64Array(subclass.length);
  for (let i = 0; i < subclass.length; i++) {
    const s = subclass[i]!;
    if (s === 0 || nt[s] === 0 || nc[s] === 0) continue;
    w[i] = treat[i] === 1 ? 1 : nt[s]! / nc[s]!;
  }
  return w;
}

/**
 * ATT weights from a match matrix with replacement (MatchIt `weights_matrixC`): each matched
 * treated unit counts 1, and passes 1/(its number of controls) to each of its controls; a control
 * used by several treated units accumulates.
 */
export function weightsFromMatches(mm: MatchMatrix, n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < mm.treated.length; i++) {
    const controls = matchesOf(mm, i);
    if (controls.length === 0) continue;
    for (const c of controls) w[c]! += 1 / controls.length;
    w[mm.treated[i]!]! += 1;
  }
  return w;
}

/**
 * Rescales positive weights so that, within each treatment group, they sum to the number of
 * units with positive weight (MatchIt's `normalize = TRUE`).
 */
export function normalizeWeights(w: Float64Array, treat: Uint8Array): Float64Array {
  const count = [0, 0];
  const sum = [0, 0];
  for (let i = 0; i < w.length; i++) {
    if (w[i]! > 0) {
      const g = treat[i]!;
      count[g]!++;
      sum[g]! += w[i]!;
    }
  }
  const out = Float64Array.from(w);
  for (let i = 0; i < w.length; i++) {
    if (w[i]! > 0) {
      const g = treat[i]!;
      out[i] = (count[g]! * w[i]!) / sum[g]!;
    }
  }
  return out;
}
