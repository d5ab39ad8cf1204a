import { readCsv } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { matchUnits } from "../src/index.js";
import type { MatchOptions } from "../src/types.js";
import { type GoldenBalance, goldenCase, lalondePath } from "./helpers.js";

const frame = await readCsv(lalondePath);
const formula = "treat ~ age + educ + race + married + nodegree + re74 + re75";

function close(a: number | null, b: number | null, tol: number) {
  if (a === null || b === null) return expect(a).toBe(b);
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

function run(name: string, opts: Omit<MatchOptions, "formula">) {
  const r = matchUnits(frame, {
    formula: opts.method === "exact" ? "treat ~ race + married + nodegree" : formula,
    ...opts,
  });
  return { g: goldenCase(name), r };
}

function check(name: string, opts: Omit<MatchOptions, "formula">) {
  const { g, r } = run(name, opts);
  if (g.distance)
    for (let i = 0; i < g.distance.length; i++) close(r.distance[i]!, g.distance[i]!, 1e-9);
  const sub = [...r.subclass].map((s) => (s === 0 ? null : s));
  if (g.subclass) expect(sub).toEqual(g.subclass);
  for (let i = 0; i < g.weights.length; i++) close(r.weights[i]!, g.weights[i]!, 1e-12);
  if (g.matchMatrix) {
    const byTreated = new Map(r.matchedSets.map((s) => [s.treated, s.controls]));
    const treatedRows = [...r.treat.keys()].filter((i) => r.treat[i] === 1);
    expect(treatedRows.map((t) => byTreated.get(t) ?? [])).toEqual(g.matchMatrix);
  }
  const cmp = (ours: (typeof r.balance)[number]["before"], ref: GoldenBalance) => {
    close(ours.meanTreated, ref.meanTreated, 1e-8);
    close(ours.meanControl, ref.meanControl, 1e-8);
    close(ours.smd, ref.smd, 1e-8);
    close(ours.varRatio, ref.varRatio, 1e-8);
    close(ours.ecdfMean, ref.ecdfMean, 1e-8);
    close(ours.ecdfMax, ref.ecdfMax, 1e-8);
  };
  expect(r.balance.map((b) => b.term)).toEqual(g.balanceAll.map((b) => b.term));
  r.balance.forEach((b, i) => {
    cmp(b.before, g.balanceAll[i]!);
    if (g.balanceMatched) cmp(b.after, g.balanceMatched[i]!);
  });
  const nnRow = (label: string) => g.nn.rows.indexOf(label);
  expect(r.sampleSizes.matched.treated).toBe(g.nn.treated[nnRow("Matched")]);
  expect(r.sampleSizes.matched.control).toBe(g.nn.control[nnRow("Matched")]);
  close(r.sampleSizes.matchedEss.control, g.nn.control[nnRow("Matched (ESS)")]!, 1e-10);
  expect(r.sampleSizes.discarded.treated).toBe(g.nn.treated[nnRow("Discarded")]);
  return r;
}

describe("matchUnits reproduces MatchIt 4.7.1 on lalonde (propensity score from core glm)", () => {
  it("1:1 nearest, no caliper", () => check("nearest", {}));
  it("caliper 0.2 SD", () => {
    const r = check("nearest_caliper02", { caliper: 0.2 });
    close(r.caliper, 0.05806267440795752, 1e-10);
  });
  it("2:1 with replacement", () => check("nearest_ratio2_replace", { ratio: 2, replace: true }));
  it("2:1 without replacement", () => check("nearest_ratio2", { ratio: 2 }));
  it("3:1 caliper 0.1", () => check("nearest_ratio3_caliper01", { ratio: 3, caliper: 0.1 }));
  it("Mahalanobis", () => check("mahalanobis", { distance: "mahalanobis" }));
  it("mahvars within a caliper: same matches up to a floating-point tie", () => {
    // Treated row 78 (age 40, educ 11) has two controls at mirror-image covariate differences
    // (27, 10) and (53, 12): their Mahalanobis distances are equal in exact arithmetic and MatchIt
    // keeps whichever its BLAS rounding makes smaller. We cannot reproduce rounding at the last
    // bit, so we check that the first divergence (in matching order) is such a tie and that the
    // rest only differs by the resulting swap chain.
    const { g, r } = run("mahvars_caliper", { mahvars: "age + educ + re74 + re75", caliper: 0.25 });
    const by = new Map(r.matchedSets.map((s) => [s.treated, s.controls]));
    const treatedRows = [...r.treat.keys()].filter((i) => r.treat[i] === 1);
    const differing = treatedRows.filter(
      (t, k) => JSON.stringify(by.get(t) ?? []) !== JSON.stringify(g.matchMatrix![k]),
    );
    expect(differing).toEqual([7, 35, 78, 85]);
    expect(r.matchedTreated).toBe(g.nn.treated[g.nn.rows.indexOf("Matched")]);
    expect(r.matchedControl).toBe(g.nn.control[g.nn.rows.indexOf("Matched")]);
    const first = 78;
    const k = treatedRows.indexOf(first);
    const mine = by.get(first)![0]!;
    const theirs = g.matchMatrix![k]![0]!;
    const cols = ["age", "educ", "re74", "re75"].map((c) => frame.numeric(c));
    const diff = (c: number) => cols.map((x) => x[first]! - x[c]!);
    expect(diff(mine)).toEqual(diff(theirs).map((v) => 0 - v));
  });
  it("exact on married", () => check("exact_married", { exact: "married" }));
  it("mahvars within a caliper, exact strata, 2:1", () =>
    check("mahvars_exact_ratio2", {
      mahvars: "age + educ + re74 + re75",
      caliper: 0.3,
      exact: "nodegree",
      ratio: 2,
    }));
  it("Mahalanobis with replacement", () =>
    check("mahalanobis_replace", { distance: "mahalanobis", replace: true }));
  it("m.order smallest", () => check("smallest", { mOrder: "smallest" }));
  it("m.order random with R's permutation", () =>
    check("random", { mOrder: "random", treatedOrder: goldenCase("random").treatedOrder! }));
  it("m.order random with R's generator (set.seed)", () =>
    check("random", { mOrder: "random", rng: "R", seed: 20240611 }));
  it("discard both", () => check("discard_both", { discard: "both" }));
  it("probit, linear predictor, caliper 0.5", () =>
    check("probit_linear_caliper05", { distance: "probit", link: "linear", caliper: 0.5 }));
  it("logit linear predictor, caliper 0.5, exact race", () =>
    check("linear_logit_caliper05_exact", { link: "linear", caliper: 0.5, exact: "race" }));
  it("method exact", () => check("method_exact", { method: "exact" }));
  it("subclassification, 6 subclasses", () =>
    check("subclass6", { method: "subclass", subclasses: 6 }));
  it("subclassification, 20 subclasses (units moved into empty ones)", () =>
    check("subclass20_scoot", { method: "subclass", subclasses: 20 }));
});
