import { numericColumn, readCsv } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { evaluateMatching, twoProportionWald } from "../src/index.js";
import type { MatchOptions } from "../src/types.js";
import { golden, goldenCase, lalondePath } from "./helpers.js";

const frame = await readCsv(lalondePath);
const formula = "treat ~ age + educ + race + married + nodegree + re74 + re75";

function att(name: string, opts: Omit<MatchOptions, "formula">, f = formula) {
  const g = goldenCase(name).att!;
  const e = evaluateMatching(frame, { formula: f, outcome: "re78", ...opts });
  expect(e.effect!.vcov).toBe(g.vcov);
  expect(Math.abs(e.effect!.estimate - g.estimate)).toBeLessThan(1e-6);
  expect(Math.abs(e.effect!.se - g.se)).toBeLessThan(1e-6);
  expect(e.effect!.nObs).toBe(g.nObs);
  expect(e.effect!.df).toBe(g.df);
  expect(Math.abs(e.effect!.pValue - g.pValueT)).toBeLessThan(1e-9);
  expect(Math.abs(e.effect!.ciLower - g.ciT[0]!)).toBeLessThan(1e-6);
  return e;
}

describe("ATT on matched data = lm(re78 ~ treat, weights) with vcovCL(~subclass) / HC3", () => {
  it("1:1 nearest", () => {
    const e = att("nearest", {});
    expect(e.naiveDifference).toBeCloseTo(-635.0262120374218, 8);
    expect(e.binaryOutcome).toBe(false);
    expect(e.twoProportion).toBeNull();
  });
  it("caliper 0.2", () => att("nearest_caliper02", { caliper: 0.2 }));
  it("2:1 with replacement (HC3)", () =>
    att("nearest_ratio2_replace", { ratio: 2, replace: true }));
  it("2:1 without replacement", () => att("nearest_ratio2", { ratio: 2 }));
  it("Mahalanobis", () => att("mahalanobis", { distance: "mahalanobis" }));
  it("exact on married", () => att("exact_married", { exact: "married" }));
  it("discard both", () => att("discard_both", { discard: "both" }));
  it("method exact", () =>
    att("method_exact", { method: "exact" }, "treat ~ race + married + nodegree"));
});

describe("g-computation ATT on matched data", () => {
  it("equals lm(y ~ treat * (x - x̄_treated), weights) with vcovCL by pair", () => {
    const g = (golden as unknown as { gcomp: { estimate: number; se: number; df: number } }).gcomp;
    const e = evaluateMatching(frame, {
      formula,
      outcome: "re78",
      caliper: 0.2,
      adjustFor: "age + educ + race + re74",
    });
    expect(e.effect!.method).toBe("g-computation");
    expect(Math.abs(e.effect!.estimate - g.estimate)).toBeLessThan(1e-6);
    expect(Math.abs(e.effect!.se - g.se)).toBeLessThan(1e-6);
    expect(e.effect!.df).toBe(g.df);
  });
});

describe("binary outcome", () => {
  it("risk difference with the pair-clustered SE, and the two-proportion Wald test", () => {
    const e = evaluateMatching(frame, { formula, outcome: "nodegree", caliper: 0.2 });
    expect(e.binaryOutcome).toBe(true);
    const t = e.twoProportion!;
    expect(t.difference).toBeCloseTo(e.effect!.estimate, 12);
    expect(t.nTreated).toBe(113);
    const se = Math.sqrt(
      (t.pTreated * (1 - t.pTreated)) / 113 + (t.pControl * (1 - t.pControl)) / 113,
    );
    expect(t.se).toBeCloseTo(se, 14);
  });
  it("two-proportion Wald against a hand computation", () => {
    const t = twoProportionWald(0.6, 200, 0.5, 300);
    expect(t.se).toBeCloseTo(Math.sqrt(0.24 / 200 + 0.25 / 300), 14);
    expect(t.ciLower).toBeCloseTo(0.1 - 1.959963984540054 * t.se, 10);
    expect(t.pValue).toBeCloseTo(0.026577763365016188, 12); // R: 2 * pnorm(-0.1 / se)
  });
});

describe("errors and edge cases", () => {
  const bad = (opts: Partial<MatchOptions>, code: string) =>
    expect(() => evaluateMatching(frame, { formula, outcome: "re78", ...opts })).toThrow(
      expect.objectContaining({ code }),
    );
  it("treatment not 0/1", () => bad({ formula: "age ~ educ" }, "MATCH_TREATMENT_NOT_BINARY"));
  it("bad option values name the option", () => {
    bad({ mOrder: "biggest" as never }, "MATCH_BAD_OPTION");
    bad({ ratio: 0 }, "MATCH_BAD_OPTION");
    bad({ caliper: -1 }, "MATCH_BAD_OPTION");
  });
  it("missing covariates: an error, or dropped and counted with na: drop", () => {
    const age = Float64Array.from(frame.numeric("age"));
    age[3] = Number.NaN;
    age[400] = Number.NaN;
    const holed = frame.withColumn("age", numericColumn(age));
    expect(() => evaluateMatching(holed, { formula, outcome: "re78" })).toThrow(
      expect.objectContaining({ code: "MATCH_MISSING_VALUES" }),
    );
    const e = evaluateMatching(holed, { formula, outcome: "re78", na: "drop" });
    expect(e.match.nDroppedMissing).toBe(2);
    expect(e.match.nTreated + e.match.nControl).toBe(612);
    expect(e.match.weights[3]).toBe(0);
    expect(Number.isNaN(e.match.distance[400]!)).toBe(true);
  });
  it("warns, with counts, when treated units go unmatched", () => {
    const e = evaluateMatching(frame, { formula, outcome: "re78", caliper: 0.2 });
    expect(e.warnings).toContain("72 treated units got no match: no control within the caliper");
    const x = evaluateMatching(frame, { formula, outcome: "re78", exact: "race" });
    expect(x.warnings.join("\n")).toMatch(/treated units got no match: not enough controls/);
  });
  it("ratio larger than the controls", () => bad({ ratio: 500 }, "MATCH_RATIO_TOO_LARGE"));
  it("no control units", () => {
    const treated = frame.filter(frame.numeric("treat").map((t) => t));
    expect(() => evaluateMatching(treated, { formula, outcome: "re78" })).toThrow(
      expect.objectContaining({ code: "MATCH_NO_CONTROL" }),
    );
  });
  it("a caliper that matches nobody: a warning and an empty effect", () => {
    // A user score separating the groups completely: no control within 0.1 of any treated unit.
    const score = frame.numeric("treat").map((t) => t);
    const e = evaluateMatching(frame, {
      formula,
      outcome: "re78",
      distance: score,
      caliper: 0.1,
      stdCaliper: false,
    });
    expect(e.match.matchedTreated).toBe(0);
    expect(e.effect).toBeNull();
    expect(e.warnings.join(" ")).toMatch(/nothing was matched/);
  });
});
