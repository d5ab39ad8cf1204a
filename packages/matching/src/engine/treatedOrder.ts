import { createRng } from "@parcours-eval/core";
import { stableOrder } from "./order.js";

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
  let nt = 0;
  for (let i = 0; i < treat.length; i++) nt += treat[i]!;
  const treatedRows = new Int32Array(nt);
  for (let i = 0, k = 0; i < treat.length; i++) if (treat[i] === 1) treatedRows[k++] = i;
  if (rule === "largest" || rule === "smallest") {
    if (!distance) return treatedRows;
    // Stable radix order on ±distance: ties stay in data order in both directions.
    return stableOrder(distance, treatedRows, rule === "largest");
  }
  const rows = Array.from(treatedRows);
  if (rule === "random") {
    createRng(seed).shuffle(rows);
  }
  return Int32Array.from(rows);
}
