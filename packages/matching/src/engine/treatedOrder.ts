import { createRng } from "@parcours-eval/core";

/** The order in which treated units pick their controls. */
export type MatchOrder = "largest" | "smallest" | "data" | "random";

/**
 * Treated rows in matching order (MatchIt's `m.order`): by decreasing (`largest`) or increasing
 * (`smallest`) distance, ties in data order; `data` order; or a seeded random permutation.
 * Discarded treated units are left in (they are skipped when matching), as MatchIt does.
 */
export function treatedOrder(
  treat: Uint8Array,
  distance: Float64Array | undefined,
  rule: MatchOrder,
  seed: number | string,
): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < treat.length; i++) if (treat[i] === 1) rows.push(i);
  if (rule === "largest" || rule === "smallest") {
    if (!distance) return Int32Array.from(rows);
    const sign = rule === "largest" ? -1 : 1;
    rows.sort((a, b) => sign * (distance[a]! - distance[b]!) || a - b);
  } else if (rule === "random") {
    createRng(seed).shuffle(rows);
  }
  return Int32Array.from(rows);
}
