import { describe, expect, it } from "vitest";
import { golden } from "./golden.js";
import { sensitivityLalonde } from "./sensitivity-lalonde.js";

interface SensitivityGolden {
  nInformative: number;
  statistic: number;
  gammas: number[];
  upperP: number[];
  criticalGamma: number;
  mde: number;
  eValue: number;
}

describe("examples/sensitivity-lalonde", () => {
  it("gives the base-R signed-rank bounds, MDE and E-value of MatchIt's pairs", async () => {
    const g = golden<SensitivityGolden>("examples/lalonde-sensitivity.json");
    const r = await sensitivityLalonde();
    const ros = r.details.rosenbaum!;
    expect(ros.test).toBe("signed-rank");
    expect(ros.nInformative).toBe(g.nInformative); // 175 of 185 pairs differ
    expect(ros.statistic).toBe(g.statistic);
    ros.bounds.forEach((b, i) => {
      expect(b.gamma).toBe(g.gammas[i]);
      expect(b.upper).toBeCloseTo(g.upperP[i]!, 10);
    });
    expect(r.sensitivity.criticalGamma).toBe(g.criticalGamma);
    expect(r.mde.value!).toBeCloseTo(g.mde, 6); // ≈ 1976 dollars
    expect(r.sensitivity.eValue!).toBeCloseTo(g.eValue, 8);
  });
});
