import { describe, expect, it } from "vitest";
import {
  discordantPairs,
  matchedSetsFromUnits,
  mcnemarBounds,
  mcnemarPValue,
  mTestAt,
  mTestBounds,
  signedRankBounds,
} from "../src/index.js";
import { golden } from "./helpers.js";

interface SenmvPoint {
  pval: number;
  deviate: number;
  statistic: number;
  expectation: number;
  variance: number;
}
interface RosenbaumGolden {
  lead: {
    treated: number[];
    control: number[];
    rbounds_printed: { gamma: number[]; upper: number[] };
  };
  smoking: {
    treatedOnly: number;
    controlOnly: number;
    gamma: number[];
    rbounds_printed_upper: number[];
    exact_upper: number[];
    normal_upper: number[];
  };
  mercury: {
    sets: number[][];
    h_gamma15: SenmvPoint;
    h_gamma1: SenmvPoint;
    i_gamma15: SenmvPoint;
    t_gamma15: SenmvPoint;
  };
  erpcp: { sets: number[][]; trim1_gamma3: SenmvPoint; trim1_gamma2: SenmvPoint };
  tbmetaphase: { sets: number[][]; trim1_gamma2: SenmvPoint };
}
const g = golden<RosenbaumGolden>("rosenbaum");

function expectPoint(
  ours: {
    pValue: number;
    deviate: number;
    statistic: number;
    expectation: number;
    variance: number;
  },
  theirs: SenmvPoint,
): void {
  const mine: SenmvPoint = { ...ours, pval: ours.pValue };
  for (const k of ["pval", "deviate", "statistic", "expectation", "variance"] as const) {
    expect(Math.abs(mine[k] - theirs[k])).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(theirs[k])),
    );
  }
}

describe("Wilcoxon signed-rank bounds (Rosenbaum 2002 ch. 4, lead example)", () => {
  const diffs = g.lead.treated.map((t, i) => t - g.lead.control[i]!);
  const r = signedRankBounds(diffs, { gammas: g.lead.rbounds_printed.gamma });

  it("matches the textbook / rbounds psens table to its printed 4 decimals", () => {
    r.bounds.forEach((b, i) => {
      expect(b.upper.toFixed(4)).toBe(g.lead.rbounds_printed.upper[i]!.toFixed(4));
    });
    expect(r.statistic).toBe(499);
    expect(r.nInformative).toBe(32); // one zero difference dropped
  });

  it("puts the critical Γ where the upper bound crosses 5%, between Γ = 4 and 5", () => {
    const c = r.criticalGamma.value;
    expect(c).toBeGreaterThan(4);
    expect(c).toBeLessThan(5);
    const at = signedRankBounds(diffs, { gammas: [c * (1 - 1e-5), c * (1 + 1e-5)] });
    expect(at.bounds[0]!.upper).toBeLessThan(0.05);
    expect(at.bounds[1]!.upper).toBeGreaterThanOrEqual(0.05);
  });
});

describe("McNemar bounds (smoking and lung cancer, 110 vs 12 discordant pairs)", () => {
  const pairs = { treatedOnly: g.smoking.treatedOnly, controlOnly: g.smoking.controlOnly };
  it("exact bounds equal P(Binom(D, Γ/(1+Γ)) ≥ T) computed by R's pbinom", () => {
    const r = mcnemarBounds(pairs, { gammas: g.smoking.gamma });
    r.bounds.forEach((b, i) => {
      expect(Math.abs(b.upper - g.smoking.exact_upper[i]!)).toBeLessThan(
        1e-10 * Math.max(g.smoking.exact_upper[i]!, 1e-12) + 1e-20,
      );
    });
    expect(r.bounds[0]!.lower).toBeCloseTo(r.bounds[0]!.upper, 15); // Γ = 1: one distribution
  });
  it("normal approximation matches R to 1e-9", () => {
    const r = mcnemarBounds(pairs, { gammas: g.smoking.gamma, method: "normal" });
    r.bounds.forEach((b, i) => {
      expect(
        Math.abs(b.upper - g.smoking.normal_upper[i]!) / g.smoking.normal_upper[i]!,
      ).toBeLessThan(1e-9);
    });
  });
  it("rbounds binarysens prints the tail P(T ≥ t + 1): our bound at t + 1 reproduces it", () => {
    g.smoking.gamma.forEach((gamma, i) => {
      const strict = mcnemarPValue(111, 122, gamma, "upper");
      const printed = g.smoking.rbounds_printed_upper[i]!;
      expect(Number(strict.toFixed(5))).toBeCloseTo(printed, 5);
    });
  });
  it("critical Γ lies between 5 and 6 and flips direction with the data", () => {
    const r = mcnemarBounds(pairs);
    expect(r.criticalGamma.value).toBeGreaterThan(5);
    expect(r.criticalGamma.value).toBeLessThan(6);
    const flipped = mcnemarBounds({ treatedOnly: 12, controlOnly: 110 });
    expect(flipped.alternative).toBe("less");
    expect(flipped.criticalGamma.value).toBeCloseTo(r.criticalGamma.value, 6);
  });
  it("counts discordant pairs and refuses non-binary outcomes", () => {
    expect(discordantPairs([1, 0, 1, 1], [0, 1, 1, 0])).toEqual({
      treatedOnly: 2,
      controlOnly: 1,
      concordant: 1,
    });
    expect(() => discordantPairs([2], [0])).toThrow(
      expect.objectContaining({ code: "SENSITIVITY_NOT_BINARY" }),
    );
  });
});

describe("M-tests in matched sets reproduce sensitivitymv::senmv", () => {
  it("mercury (1:2 sets), methods h, i, t at Γ = 15 and h at Γ = 1", () => {
    const m = g.mercury.sets;
    expectPoint(mTestAt(m, 15, { method: "h" }), g.mercury.h_gamma15);
    expectPoint(mTestAt(m, 1, { method: "h" }), g.mercury.h_gamma1);
    expectPoint(mTestAt(m, 15, { method: "i" }), g.mercury.i_gamma15);
    expectPoint(mTestAt(m, 15, { method: "t" }), g.mercury.t_gamma15);
  });
  it("erpcp (pairs) with trim = 1 at Γ = 2 and 3", () => {
    expectPoint(mTestAt(g.erpcp.sets, 3, { trim: 1 }), g.erpcp.trim1_gamma3);
    expectPoint(mTestAt(g.erpcp.sets, 2, { trim: 1 }), g.erpcp.trim1_gamma2);
  });
  it("tbmetaphase (variable set sizes) with trim = 1 at Γ = 2", () => {
    expectPoint(mTestAt(g.tbmetaphase.sets, 2, { trim: 1 }), g.tbmetaphase.trim1_gamma2);
  });
  it("the bounds table uses the same p-values and the critical Γ crosses α", () => {
    const r = mTestBounds(g.mercury.sets, { gammas: [15] });
    expect(r.bounds[0]!.upper).toBeCloseTo(g.mercury.h_gamma15.pval, 12);
    expect(r.alternative).toBe("greater");
    const c = r.criticalGamma.value;
    expect(mTestAt(g.mercury.sets, c * 0.9999).pValue).toBeLessThan(0.05);
    expect(mTestAt(g.mercury.sets, c * 1.0001).pValue).toBeGreaterThan(0.05);
  });
});

describe("matched sets from per-unit data", () => {
  it("groups units, counts exclusions, and refuses replacement and full matching", () => {
    const ms = matchedSetsFromUnits({
      treat: [1, 0, 0, 1, 0, 1, 0],
      outcome: [3, 1, 2, 5, Number.NaN, 4, 4],
      setId: ["a", "a", "a", "b", "b", "c", "c"],
    });
    expect(ms.sets).toEqual([
      [3, 1, 2],
      [4, 4],
    ]);
    expect(ms.excluded).toEqual({ missingOutcome: 1, incompleteSets: 1 });
    expect(() =>
      matchedSetsFromUnits({
        treat: [1, 0, 1, 0],
        outcome: [1, 0, 1, 0],
        setId: [1, 1, 2, 2],
        unitId: [10, 20, 11, 20],
      }),
    ).toThrow(expect.objectContaining({ code: "SENSITIVITY_REPLACEMENT_UNSUPPORTED" }));
    expect(() =>
      matchedSetsFromUnits({ treat: [1, 1, 0], outcome: [1, 0, 1], setId: [1, 1, 1] }),
    ).toThrow(expect.objectContaining({ code: "SENSITIVITY_MULTIPLE_TREATED" }));
  });
});
