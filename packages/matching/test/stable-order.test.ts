import { createRng } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { stableOrder } from "../src/engine/order.js";

/** Reference: a comparator sort by (key, index), -0 equal to +0. */
function reference(key: ArrayLike<number>, subset: number[], descending: boolean): number[] {
  const s = descending ? -1 : 1;
  return [...subset].sort((a, b) => s * key[a]! - s * key[b]! || a - b);
}

describe("stableOrder (radix)", () => {
  const rng = createRng(5);
  const n = 5000;
  const cases: Record<string, Float64Array> = {
    // Probabilities with many ties, negatives, zeros of both signs, wide exponents.
    scores: Float64Array.from({ length: n }, () => Math.round(rng.uniform() * 400) / 401),
    mixed: Float64Array.from({ length: n }, (_, i) =>
      i % 7 === 0 ? -0 : i % 5 === 0 ? 0 : (rng.normal() * 10) ** 3,
    ),
    integers: Float64Array.from({ length: n }, () => Math.floor(rng.uniform() * 60) - 30),
  };
  for (const [name, key] of Object.entries(cases)) {
    for (const descending of [false, true]) {
      it(`matches a stable comparator sort (${name}, ${descending ? "desc" : "asc"})`, () => {
        const all = Array.from({ length: n }, (_, i) => i);
        expect(Array.from(stableOrder(key, undefined, descending))).toEqual(
          reference(key, all, descending),
        );
        const subset = all.filter((i) => i % 3 !== 1);
        expect(Array.from(stableOrder(key, Int32Array.from(subset), descending))).toEqual(
          reference(key, subset, descending),
        );
      });
    }
  }
});
