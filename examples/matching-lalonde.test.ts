import { describe, expect, it } from "vitest";
import { golden } from "./golden.js";
import { matchingLalonde } from "./matching-lalonde.js";

interface MatchItGolden {
  cases: { name: string; att?: { estimate: number; se: number; ciT: number[] } }[];
}

describe("examples/matching-lalonde", () => {
  it("gives MatchIt's ATT on re78 (1:1 nearest, vcovCL by pair)", async () => {
    const r = golden<MatchItGolden>("matching/matchit.json").cases.find(
      (c) => c.name === "nearest",
    )!.att!;
    const { effect, match } = await matchingLalonde();
    expect(match.matchedTreated).toBe(185);
    expect(effect!.estimate).toBeCloseTo(r.estimate, 6); // 894.37
    expect(effect!.se).toBeCloseTo(r.se, 6);
    expect(effect!.ciUpper).toBeCloseTo(r.ciT[1]!, 6);
  });
});
