import { Frame, numericColumn } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { rdMde, rdPlot, rdrobust, windowComparison } from "../src/index.js";
import { senate } from "./helpers.js";

describe("windowComparison", () => {
  // 28–29: 30 of 100 declared on time; 30–31: 20 of 100; plus rows outside the windows.
  const age: number[] = [];
  const y: number[] = [];
  const year: number[] = [];
  for (let i = 0; i < 100; i++) {
    age.push(28 + (i % 2));
    y.push(i < 30 ? 1 : 0);
    year.push(2018);
    age.push(30 + (i % 2));
    y.push(i < 20 ? 1 : 0);
    year.push(2019);
  }
  age.push(35, 29, 29);
  y.push(1, Number.NaN, 1);
  year.push(2019, 2018, 2021);
  const frame = new Frame({
    age: numericColumn(age),
    declared: numericColumn(y),
    year: numericColumn(year),
  });

  it("matches R prop.test(c(30, 20), c(100, 100), correct = FALSE)", () => {
    const r = windowComparison(frame, {
      outcome: "declared",
      running: "age",
      below: [28, 30],
      above: [30, 32],
      keep: year.map((v) => (v >= 2018 && v <= 2019 ? 1 : 0)),
    });
    expect(r.treated).toEqual({ n: 100, mean: 0.3 });
    expect(r.control).toEqual({ n: 100, mean: 0.2 });
    expect(r.difference).toBeCloseTo(0.1, 12);
    expect(r.z).toBeCloseTo(1.63299316185545, 10);
    expect(r.pValue).toBeCloseTo(0.102470434859749, 10);
    expect(r.ciLower).toBeCloseTo(-0.0192199548589424, 10);
    expect(r.ciUpper).toBeCloseTo(0.2192199548589424, 10);
    // (1.959964 + 0.841621) · 0.0612372 = 0.171563
    expect(r.mde).toBeCloseTo(0.171563, 5);
    expect(r.excluded).toEqual({ notKept: 1, missing: 1, outsideWindows: 1 });
  });
});

describe("rdMde and rdPlot", () => {
  const d = senate();
  it("MDE is 2.80 robust standard errors at 95% and 80% power", () => {
    const r = rdrobust({ y: d.num.vote!, x: d.num.margin! });
    expect(rdMde(r)).toBeCloseTo(2.8015852 * r.robust.se, 5);
  });
  it("bins every complete observation and fits each side", () => {
    const p = rdPlot(d.num.vote!, d.num.margin!, { nbins: [10, 12], binselect: "qs" });
    expect(p.nExcluded).toBe(93);
    expect(p.bins.filter((b) => b.side === "left")).toHaveLength(10);
    expect(p.bins.reduce((s, b) => s + b.n, 0)).toBe(1297);
    expect(p.fit).toHaveLength(200);
    const layers = p.spec.layer as unknown[];
    expect(layers).toHaveLength(3);
  });
  it("uses one bin per mass point for a coarse running variable", () => {
    const x = Float64Array.from({ length: 120 }, (_, i) => 26 + (i % 8));
    const y = x.map((v) => (v >= 30 ? 1 : 0));
    const p = rdPlot(y, x, { c: 30 });
    expect(p.bins.map((b) => b.x)).toEqual([26, 27, 28, 29, 30, 31, 32, 33]);
    expect(p.bins.map((b) => b.y)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });
});

describe("completedAge", () => {
  it("counts completed months and years as civil calendars do", async () => {
    const { dayNumber } = await import("@parcours-eval/core");
    const { completedAge } = await import("../src/index.js");
    const birth = ["1988-04-15", "1988-04-15", "1990-02-28", "1990-02-28"].map(dayNumber);
    const at = ["2018-04-14", "2018-04-15", "2020-02-27", "2021-01-01"].map(dayNumber);
    expect([...completedAge(birth, at, "months")]).toEqual([359, 360, 359, 370]);
    expect([...completedAge(birth, at, "years")]).toEqual([29, 30, 29, 30]);
    expect(completedAge(birth, at, "days")[1]).toBe(at[1]! - birth[1]!);
  });
});
