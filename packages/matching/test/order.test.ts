import { createRng } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { stableOrder, valueBuckets } from "../src/engine/order.js";
import { heapPartialSort } from "../src/engine/partialSort.js";
import { rSamplePermutation } from "../src/engine/rSample.js";

describe("stableOrder (radix)", () => {
  it("equals a stable comparator sort, with ties, negatives, -0 and a subset", () => {
    const rng = createRng(7);
    const x = Float64Array.from({ length: 5000 }, () => Math.round(rng.normal() * 50) / 7);
    x[10] = -0;
    x[11] = 0;
    x[12] = -1e300;
    x[13] = 1e-310;
    const expected = [...x.keys()].sort((a, b) => x[a]! - x[b]! || a - b);
    expect([...stableOrder(x)]).toEqual(expected);
    const subset = Int32Array.from([...x.keys()].filter((i) => i % 3 === 0));
    const sub = [...subset].sort((a, b) => x[a]! - x[b]! || a - b);
    expect([...stableOrder(x, subset)]).toEqual(sub);
  });
  it("uses a stable counting sort for small integers", () => {
    const rng = createRng(3);
    const x = Float64Array.from({ length: 3000 }, () => 18 + rng.int(50) - 20);
    const expected = [...x.keys()].sort((a, b) => x[a]! - x[b]! || a - b);
    expect([...stableOrder(x)]).toEqual(expected);
  });
  it("buckets distinct values", () => {
    const b = valueBuckets([3, 1, 3, 2, 1]);
    expect([...b.values]).toEqual([1, 2, 3]);
    expect([...b.bucket]).toEqual([2, 0, 2, 1, 0]);
  });
});

describe("R's sample() after set.seed()", () => {
  it("gives R 4.2's permutations", () => {
    // R: set.seed(1); sample(10) - 1   and   set.seed(-5); sample(70000)[1:5] - 1
    expect([...rSamplePermutation(10, 1)]).toEqual([8, 3, 6, 0, 1, 4, 2, 9, 5, 7]);
    expect([...rSamplePermutation(70000, -5).slice(0, 5)]).toEqual([
      22262, 41736, 22253, 31827, 7580,
    ]);
  });
});

describe("heapPartialSort (libstdc++ partial_sort tie order)", () => {
  it("keeps the k smallest in increasing order", () => {
    expect(heapPartialSort([10, 11, 12, 13, 14], [5, 1, 4, 2, 3], 3)).toEqual([11, 13, 14]);
  });
  it("with k = 1 keeps the first of equal minima", () => {
    expect(heapPartialSort([10, 11, 12], [1, 1, 1], 1)).toEqual([10]);
  });
});
