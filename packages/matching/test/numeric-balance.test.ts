import { createRng } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { balanceOf, groupTotals } from "../src/balance/balanceStats.js";
import { numericBalance, valueRanks } from "../src/balance/numericBalance.js";
import { stableOrder } from "../src/engine/order.js";

describe("fused before/after balance of one covariate", () => {
  const rng = createRng(11);
  const n = 2000;
  const treat = Uint8Array.from({ length: n }, () => (rng.uniform() < 0.2 ? 1 : 0));
  const weights = Float64Array.from(treat, (t) => (t === 1 ? 1 : rng.uniform() < 0.3 ? 0.8 : 0));
  const settings = { sdDenominator: "treated", binary: "std" } as const;
  const unit = groupTotals(treat, null);
  const matched = groupTotals(treat, weights);
  const cases: Record<string, Float64Array> = {
    continuous: Float64Array.from({ length: n }, () => rng.normal() * 3 + 1),
    integers: Float64Array.from({ length: n }, () => 18 + Math.floor(rng.uniform() * 50)),
    binary: Float64Array.from({ length: n }, () => (rng.uniform() < 0.4 ? 1 : 0)),
  };
  for (const [name, x] of Object.entries(cases)) {
    it(`equals balanceOf before and after, exactly (${name})`, () => {
      const got = numericBalance(x, treat, weights, settings, unit, matched);
      expect(got.before).toEqual(balanceOf(x, treat, null, settings));
      expect(got.after).toEqual(balanceOf(x, treat, weights, settings));
      // With a known order (the distance's), through the sorted scan.
      const viaOrder = numericBalance(x, treat, weights, settings, unit, matched, stableOrder(x));
      expect(viaOrder).toEqual(got);
    });
  }
  it("ranks values as their index among the distinct values", () => {
    const r = valueRanks([3, 1, 3, 7, 1]);
    expect(r.count).toBe(3);
    expect(Array.from(r.bucket)).toEqual([1, 0, 1, 2, 0]);
    const f = valueRanks([0.5, -2.25, 0.5]);
    expect(f.count).toBe(2);
    expect(Array.from(f.bucket)).toEqual([1, 0, 1]);
  });
});
