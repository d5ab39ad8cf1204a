import { readCsv } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { matchUnits } from "../src/index.js";
import { golden, lalondePath } from "./helpers.js";

interface CobaltRow {
  term: string;
  diffUn: number;
  diffAdj: number;
  varRatioUn: number | null;
  varRatioAdj: number | null;
  ksUn: number;
  ksAdj: number;
}

const frame = await readCsv(lalondePath);

describe("cobalt 4.5.5 bal.tab semantics (binary = raw, continuous standardised by the treated SD)", () => {
  it("differences, variance ratios and KS statistics agree to 1e-8", () => {
    const r = matchUnits(frame, {
      formula: "treat ~ age + educ + race + married + nodegree + re74 + re75",
      caliper: 0.2,
      balance: { binary: "raw" },
    });
    const rows = golden.cobalt.balance as unknown as CobaltRow[];
    expect(r.balance.map((b) => b.term.replace(/^race/, "race_"))).toEqual(rows.map((c) => c.term));
    const near = (a: number | null, b: number | null) =>
      a === null || b === null ? expect(a).toBe(b) : expect(Math.abs(a - b)).toBeLessThan(1e-8);
    r.balance.forEach((b, i) => {
      const c = rows[i]!;
      near(b.before.smd, c.diffUn);
      near(b.after.smd, c.diffAdj);
      near(b.before.varRatio, c.varRatioUn);
      near(b.after.varRatio, c.varRatioAdj);
      near(b.before.ecdfMax, c.ksUn);
      near(b.after.ecdfMax, c.ksAdj);
    });
  });
  it('pooled SD denominator (s.d.denom = "pooled"), binaries standardised', () => {
    const r = matchUnits(frame, {
      formula: "treat ~ age + educ + race + married + nodegree + re74 + re75",
      caliper: 0.2,
      balance: { sdDenominator: "pooled", binary: "std" },
    });
    const rows = (golden.cobalt as unknown as { pooledStd: { diffUn: number; diffAdj: number }[] })
      .pooledStd;
    expect(rows).toHaveLength(r.balance.length);
    r.balance.forEach((b, i) => {
      expect(Math.abs(b.before.smd! - rows[i]!.diffUn)).toBeLessThan(1e-8);
      expect(Math.abs(b.after.smd! - rows[i]!.diffAdj)).toBeLessThan(1e-8);
    });
  });
});
