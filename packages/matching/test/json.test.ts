import { readCsv } from "@parcours-eval/core";
import { renderSvg } from "@parcours-eval/report";
import { describe, expect, it } from "vitest";
import { evaluateMatching, lovePlotData, lovePlotSpec, matchResultJson } from "../src/index.js";
import { goldenCase, lalondePath } from "./helpers.js";

const frame = await readCsv(lalondePath);
const e = evaluateMatching(frame, {
  formula: "treat ~ age + educ + race + married + nodegree + re74 + re75",
  outcome: "re78",
  caliper: 0.2,
});

describe("--json interface (field names are public)", () => {
  const json = JSON.parse(JSON.stringify(matchResultJson(e.match, e)));
  it("has the documented fields with per-input-row vectors", () => {
    for (const k of [
      "nTreated",
      "nControl",
      "matchedTreated",
      "matchedControl",
      "caliper",
      "distance",
      "weights",
      "subclass",
      "balance",
      "effect",
      "warnings",
    ]) {
      expect(json).toHaveProperty(k);
    }
    expect(json.nTreated).toBe(185);
    expect(json.matchedControl).toBe(113);
    expect(json.distance).toHaveLength(614);
    expect(json.subclass[0]).toBeNull(); // NSW1 is unmatched with the caliper
    expect(json.subclass).toEqual(goldenCase("nearest_caliper02").subclass);
    for (const k of ["meanTreated", "meanControl", "smd", "varRatio", "ecdfMean", "ecdfMax"]) {
      expect(json.balance[1].before).toHaveProperty(k);
      expect(json.balance[1].after).toHaveProperty(k);
    }
    expect(json.effect).toMatchObject({ estimand: "ATT", vcov: "CL:subclass" });
    for (const k of ["estimate", "se", "ciLower", "ciUpper", "pValue"])
      expect(typeof json.effect[k]).toBe("number");
  });
  it("is byte-identical across runs", () => {
    const again = evaluateMatching(frame, {
      formula: "treat ~ age + educ + race + married + nodegree + re74 + re75",
      outcome: "re78",
      caliper: 0.2,
    });
    expect(JSON.stringify(matchResultJson(again.match, again))).toBe(
      JSON.stringify(matchResultJson(e.match, e)),
    );
  });
});

describe("Love plot", () => {
  it("has one point per covariate and sample, with the balance table's SMDs", () => {
    const pts = lovePlotData(e.match.balance);
    expect(pts).toHaveLength(2 * e.match.balance.length);
    const married = pts.find((p) => p.term === "married" && p.sample === "Matched")!;
    expect(married.smd).toBeCloseTo(-0.13557040192389613, 10);
  });
  it("renders to SVG", async () => {
    const svg = await renderSvg(lovePlotSpec(e.match.balance));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("racehispan");
  });
});
