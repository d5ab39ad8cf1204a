/** R's `quantile(x, probs, type = 7)` of already sorted values. */
function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Subclassification on the propensity score for the ATT (MatchIt `method = "subclass"`): cut
 * points at quantiles (type 7) of the treated units' scores, `k` subclasses, every retained unit
 * placed by `findInterval(..., all.inside = TRUE)`. Returns subclass 1..k per unit (0 when
 * discarded) and the number of subclasses lacking a treated or a control unit (MatchIt then moves
 * units from neighbouring subclasses; here those units are left unmatched and reported).
 */
export function subclassify(
  treat: Uint8Array,
  distance: Float64Array,
  discarded: Uint8Array,
  k: number,
): { subclass: Int32Array; incomplete: number; cuts: number[] } {
  const t: number[] = [];
  for (let i = 0; i < treat.length; i++) if (treat[i] === 1) t.push(distance[i]!);
  const sorted = Float64Array.from(t).sort();
  const cuts: number[] = [];
  for (let j = 0; j <= k; j++) cuts.push(quantile7(sorted, j / k));
  const subclass = new Int32Array(treat.length);
  for (let i = 0; i < treat.length; i++) {
    if (discarded[i]) continue;
    const d = distance[i]!;
    // findInterval with all.inside: number of inner cut points <= d, plus one, clamped to 1..k.
    let j = 1;
    while (j < k && d >= cuts[j]!) j++;
    subclass[i] = j;
  }
  const has = [new Uint8Array(k + 1), new Uint8Array(k + 1)];
  for (let i = 0; i < treat.length; i++) if (subclass[i]! > 0) has[treat[i]!]![subclass[i]!] = 1;
  let incomplete = 0;
  for (let j = 1; j <= k; j++) if (!has[0]![j] || !has[1]![j]) incomplete++;
  if (incomplete > 0) {
    for (let i = 0; i < treat.length; i++) {
      const s = subclass[i]!;
      if (s > 0 && (!has[0]![s] || !has[1]![s])) subclass[i] = 0;
    }
  }
  return { subclass, incomplete, cuts };
}
