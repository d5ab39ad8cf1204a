import { describe, expect, it } from "vitest";
import { golden } from "./golden.js";
import { rddSenate } from "./rdd-senate.js";

interface RdGolden {
  rdrobust: Record<
    string,
    {
      conventional: { coef: number; se: number };
      robust: { ci_lower: number; ci_upper: number };
      h: number[];
      N_h: number[];
    }
  >;
}

describe("examples/rdd-senate", () => {
  it("gives rdrobust's 7.4141 jump, bandwidth and robust CI", async () => {
    const r = golden<RdGolden>("rdd/rdrobust_senate.json").rdrobust.default!;
    const ours = await rddSenate();
    expect(ours.conventional.coef).toBeCloseTo(r.conventional.coef, 6); // 7.41413
    expect(ours.conventional.se).toBeCloseTo(r.conventional.se, 6);
    expect(ours.h.left).toBeCloseTo(r.h[0]!, 6);
    expect([ours.nEffective.left, ours.nEffective.right]).toEqual(r.N_h);
    expect(ours.robust.ciLower).toBeCloseTo(r.robust.ci_lower, 6);
    expect(ours.robust.ciUpper).toBeCloseTo(r.robust.ci_upper, 6);
  });
});
