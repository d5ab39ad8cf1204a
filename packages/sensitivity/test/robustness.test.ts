import { describe, expect, it } from "vitest";
import { eValues, mdeFromSe, mTestBounds, robustness, signedRankBounds } from "../src/index.js";
import { golden } from "./helpers.js";

const mercury = golden<{ mercury: { sets: number[][] } }>("rosenbaum").mercury.sets;

/** Per-unit rows of matched sets (treated first in each set). */
function unitsOf(sets: number[][]) {
  const treat: number[] = [];
  const outcome: number[] = [];
  const setId: number[] = [];
  sets.forEach((s, i) => {
    s.forEach((y, j) => {
      treat.push(j === 0 ? 1 : 0);
      outcome.push(y);
      setId.push(i);
    });
  });
  return { treat, outcome, setId };
}

describe("robustness(): the results.json sensitivity and mde objects", () => {
  it("continuous 1:2 sets use the Huber M-test, SMD E-values and the SE-based MDE", () => {
    const u = unitsOf(mercury);
    const effect = { estimate: 2.94, lower: 2.1, upper: 3.8, se: 0.43 };
    const r = robustness({ ...u, effect });
    expect(r.details.rosenbaum!.test).toBe("m-test");
    expect(r.sensitivity.criticalGamma).toBeCloseTo(mTestBounds(mercury).criticalGamma.value, 12);
    expect(r.mde).toMatchObject({ method: "standard-error", nTreated: 397, nControl: 794 });
    expect(r.mde.value).toBeCloseTo(mdeFromSe(0.43), 12);
    // Unweighted means of the sets: treated minus controls is senmv's method-t statistic 2.94.
    expect(r.details.treatedMean - r.details.controlMean).toBeCloseTo(2.9424181360201, 9);
    expect(r.sensitivity.eValue).toBeGreaterThan(1);
    expect(r.sensitivity.contamination.map((c) => c.share)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.3]);
    expect(JSON.parse(JSON.stringify(r.sensitivity))).toEqual(r.sensitivity); // plain JSON
  });

  it("continuous pairs use the signed-rank bounds", () => {
    const pairs = mercury.map((s) => [s[0]!, s[1]!]);
    const r = robustness({ ...unitsOf(pairs), effect: { estimate: 2.9, lower: 2, upper: 3.8 } });
    expect(r.details.rosenbaum!.test).toBe("signed-rank");
    expect(r.sensitivity.criticalGamma).toBeCloseTo(
      signedRankBounds(pairs.map((p) => p[0]! - p[1]!)).criticalGamma.value,
      12,
    );
    expect(r.mde.method).toBe("difference-of-means");
  });

  it("binary 1:2 sets use the permutation (method t) M-test; RD E-values at the treated mean", () => {
    const sets = Array.from({ length: 300 }, (_, i) => [
      i % 3 === 0 ? 0 : 1,
      i % 2,
      i % 5 === 0 ? 1 : 0,
    ]);
    const u = unitsOf(sets);
    const effect = { estimate: 0.2, lower: 0.1, upper: 0.3 };
    const r = robustness({ ...u, effect });
    expect(r.details.rosenbaum!.test).toBe("m-test");
    expect(r.sensitivity.criticalGamma).toBeCloseTo(
      mTestBounds(sets, { method: "t", alternative: "greater" }).criticalGamma.value,
      12,
    );
    const p1 = r.details.treatedMean;
    const ev = eValues({ measure: "RD", ...effect, treatedRisk: p1 });
    expect(r.sensitivity.eValue).toBeCloseTo(ev.eValue, 14);
    expect(r.sensitivity.eValueCi).toBeCloseTo(ev.eValueCi!, 14);
    expect(r.mde.method).toBe("two-proportions");
    expect(r.mde.value).toBeGreaterThan(0.05);
  });

  it("without matched sets (replacement) or with a reused control, Γ is null with a warning", () => {
    const effect = { estimate: 0.1, lower: 0.02, upper: 0.18 };
    const noSets = robustness({ treat: [1, 0, 1, 0], outcome: [1, 0, 1, 1], effect });
    expect(noSets.sensitivity.criticalGamma).toBeNull();
    expect(noSets.warnings[0]).toMatch(/Rosenbaum bounds need disjoint sets/);
    const reused = robustness({
      treat: [1, 0, 1, 0],
      outcome: [1, 0, 1, 1],
      setId: [1, 1, 2, 2],
      unitId: ["t1", "c1", "t2", "c1"],
      effect,
    });
    expect(reused.sensitivity.criticalGamma).toBeNull();
    expect(reused.warnings[0]).toMatch(/appears in matched sets/);
    expect(reused.sensitivity.eValue).not.toBeNull();
  });

  it("rejects bad options by name", () => {
    const effect = { estimate: 0.1, lower: 0.02, upper: 0.18 };
    expect(() => robustness({ treat: [1, 0], outcome: [1, 0], effect }, { alpha: 2 })).toThrow(
      expect.objectContaining({
        code: "SENSITIVITY_INVALID_OPTION",
        message: expect.stringContaining('"alpha"'),
      }),
    );
  });
});
