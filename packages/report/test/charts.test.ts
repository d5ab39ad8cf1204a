import { describe, expect, it } from "vitest";
import { barChart, estimateChart, lineChart, renderSvg } from "../src/index.js";

const count = (svg: string, role: string): number =>
  svg.match(new RegExp(`aria-roledescription="${role}"`, "g"))?.length ?? 0;

describe("chart builders", () => {
  it("draws one bar and one label per category", async () => {
    const svg = await renderSvg(
      barChart({
        data: [
          { r: "Bretagne", n: 25533 },
          { r: "Corse", n: 3572 },
          { r: "Île-de-France", n: 170504 },
        ],
        category: "r",
        value: "n",
      }),
    );
    expect(count(svg, "bar")).toBe(3);
    expect(svg).toContain("170,504");
    expect(svg).toContain("Île-de-France");
  });
  it("groups bars by a colour field", async () => {
    const data = [
      { r: "A", s: "AE", v: 0.7 },
      { r: "A", s: "TI", v: 0.3 },
      { r: "B", s: "AE", v: 0.6 },
      { r: "B", s: "TI", v: 0.4 },
    ];
    const svg = await renderSvg(
      barChart({ data, category: "r", value: "v", color: "s", valueFormat: ".0%" }),
    );
    expect(count(svg, "bar")).toBe(4);
    expect(svg).toContain("70%");
  });
  it("draws estimates with intervals and a zero rule", async () => {
    const svg = await renderSvg(
      estimateChart({
        rows: [
          { label: "Déclaration", series: "naïf", estimate: 0.09, ciLower: 0.085, ciUpper: 0.095 },
          {
            label: "Déclaration",
            series: "apparié",
            estimate: 0.0546,
            ciLower: 0.0495,
            ciUpper: 0.0598,
          },
        ],
      }),
    );
    expect(count(svg, "point")).toBe(2);
    expect(count(svg, "rule mark")).toBe(2);
    expect(count(svg, "rule mark container")).toBe(2);
    expect(svg).toContain("apparié");
  });
  it("draws one line per series", async () => {
    const data = [2021, 2022, 2023].flatMap((y) => [
      { year: y, region: "MP", rate: 0.65 + (y - 2021) * 0.05 },
      { year: y, region: "IdF", rate: 0.62 + (y - 2021) * 0.03 },
    ]);
    const svg = await renderSvg(
      lineChart({ data, x: "year", y: "rate", series: "region", yFormat: ".0%", markX: 2022 }),
    );
    expect(count(svg, "line mark")).toBe(2);
    expect(count(svg, "point")).toBe(6);
  });
});

describe("chart localisation and order", () => {
  it("orders bars by value without a Vega-Lite sort warning, and formats numbers for French readers", async () => {
    const { localizeSpec } = await import("../src/index.js");
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const spec = barChart({
        data: [
          { r: "A", s: "AE", v: 0.2 },
          { r: "B", s: "AE", v: 0.7 },
          { r: "B", s: "TI", v: 0.1 },
          { r: "A", s: "TI", v: 0.3 },
        ],
        category: "r",
        value: "v",
        color: "s",
        valueFormat: ".0%",
      });
      expect((spec as { encoding: { y: { sort: string[] } } }).encoding.y.sort).toEqual(["B", "A"]);
      const svg = await renderSvg(localizeSpec(spec, "fr"));
      expect(svg).toContain("70\u202f%");
      expect(warnings).toEqual([]);
    } finally {
      console.warn = original;
    }
  });
});
