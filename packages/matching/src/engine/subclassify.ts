import { ParcoursError } from "@parcours-eval/core";

/** R's `quantile(x, probs, type = 7)` of already sorted values. */
function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Moves units between neighbouring subclasses until every subclass has at least one unit of each
 * treatment group, as MatchIt's `subclass_scoot` does: the first empty subclass takes, from the
 * nearest non-empty subclass on the side where the surplus lies, the unit whose score is closest
 * to it. `sub` holds codes 0..nsub-1 for retained units (-1 otherwise) and is modified.
 */
function scoot(sub: Int32Array, treat: Uint8Array, x: Float64Array, nsub: number): void {
  const groups: number[] = [];
  for (let i = 0; i < sub.length; i++)
    if (sub[i]! >= 0 && !groups.includes(treat[i]!)) groups.push(treat[i]!);
  for (const t of groups) {
    const idx: number[] = [];
    for (let i = 0; i < sub.length; i++) if (sub[i]! >= 0 && treat[i] === t) idx.push(i);
    const tab = new Float64Array(nsub);
    for (const i of idx) tab[sub[i]!]!++;
    for (;;) {
      let s = 0;
      while (s < nsub && tab[s]! > 0) s++;
      if (s === nsub) break;
      let left: boolean;
      if (s === nsub - 1) left = true;
      else if (s === 0) left = false;
      else {
        let score = 0;
        for (let s2 = 0; s2 < nsub; s2++)
          if (tab[s2]! > 1 && s2 !== s) score += (tab[s2]! - 1) / (s2 - s);
        left = score <= 0;
      }
      let from = left ? s - 1 : s + 1;
      while (from >= 0 && from < nsub && !(tab[from]! > 0)) from += left ? -1 : 1;
      let best = -1;
      for (const i of idx) {
        if (sub[i] !== from) continue;
        // Nearest to the empty subclass: the largest score when taking from the left, the
        // smallest from the right; among equals the last in data order.
        if (best < 0 || (left ? x[i]! >= x[best]! : x[i]! <= x[best]!)) best = i;
      }
      sub[best] = s;
      tab[s]!++;
      tab[from]!--;
    }
  }
}

/**
 * Subclassification on the propensity score for the ATT (MatchIt `method = "subclass"`): cut
 * points at quantiles (type 7) of the treated units' scores, `k` subclasses, every retained unit
 * placed by `findInterval(..., all.inside = TRUE)`, then units moved between neighbouring
 * subclasses until each has treated and control units (MatchIt's `min.n = 1`), subclasses
 * renumbered 1.. in order. Returns subclass per unit (0 when discarded), the cut points, and
 * how many subclasses were produced (fewer than `k` when the score is too discrete).
 */
export function subclassify(
  treat: Uint8Array,
  distance: Float64Array,
  discarded: Uint8Array,
  k: number,
): { subclass: Int32Array; produced: number; cuts: number[] } {
  const t: number[] = [];
  for (let i = 0; i < treat.length; i++) if (treat[i] === 1) t.push(distance[i]!);
  const sorted = Float64Array.from(t).sort();
  const cuts: number[] = [];
  for (let j = 0; j <= k; j++) cuts.push(quantile7(sorted, j / k));
  const raw = new Int32Array(treat.length).fill(-1);
  const present = new Uint8Array(k + 1);
  for (let i = 0; i < treat.length; i++) {
    if (discarded[i]) continue;
    const d = distance[i]!;
    // findInterval with all.inside: number of inner cut points <= d, plus one, clamped to 1..k.
    let j = 1;
    while (j < k && d >= cuts[j]!) j++;
    raw[i] = j;
    present[j] = 1;
  }
  const code = new Int32Array(k + 1).fill(-1);
  let nsub = 0;
  for (let j = 1; j <= k; j++) if (present[j]) code[j] = nsub++;
  const sub = raw.map((j) => (j > 0 ? code[j]! : -1));
  const need = [0, 0];
  for (let i = 0; i < sub.length; i++) if (sub[i]! >= 0) need[treat[i]!]!++;
  if (need[0]! < nsub || need[1]! < nsub) {
    throw new ParcoursError(
      "MATCH_TOO_FEW_UNITS",
      `not enough units to have treated and control units in each of the ${nsub} subclasses`,
      { hint: "ask for fewer subclasses" },
    );
  }
  scoot(sub, treat, distance, nsub);
  const subclass = Int32Array.from(sub, (s) => s + 1);
  return { subclass, produced: nsub, cuts };
}
