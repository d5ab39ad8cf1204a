/** Which units to drop before matching for lack of common support. */
export type DiscardRule = "none" | "treated" | "control" | "both";

/**
 * Units outside the common support of the distance (MatchIt's `discard`): `both` drops every
 * unit outside [max of the two minima, min of the two maxima]; `control` drops controls outside
 * the treated range; `treated` drops treated units outside the control range. 1 = discarded.
 */
export function discardUnits(
  treat: Uint8Array,
  distance: Float64Array,
  rule: DiscardRule,
): Uint8Array {
  const out = new Uint8Array(treat.length);
  if (rule === "none") return out;
  let min0 = Infinity;
  let max0 = -Infinity;
  let min1 = Infinity;
  let max1 = -Infinity;
  for (let i = 0; i < treat.length; i++) {
    const d = distance[i]!;
    if (treat[i] === 1) {
      if (d < min1) min1 = d;
      if (d > max1) max1 = d;
    } else {
      if (d < min0) min0 = d;
      if (d > max0) max0 = d;
    }
  }
  for (let i = 0; i < treat.length; i++) {
    const d = distance[i]!;
    if (rule === "both") out[i] = d < Math.max(min0, min1) || d > Math.min(max0, max1) ? 1 : 0;
    else if (rule === "control") out[i] = treat[i] === 0 && (d < min1 || d > max1) ? 1 : 0;
    else out[i] = treat[i] === 1 && (d < min0 || d > max0) ? 1 : 0;
  }
  return out;
}

/**
 * Sample standard deviation (n − 1) of `x` over units not discarded, as R's `sd()`: two passes,
 * the mean then the squared deviations from it (R's var does the same, in long double).
 */
export function sdRetained(x: Float64Array, discarded: Uint8Array): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    if (discarded[i]) continue;
    n++;
    sum += x[i]!;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (!discarded[i]) ss += (x[i]! - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}
