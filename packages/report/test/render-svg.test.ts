import { describe, expect, it } from "vitest";
import { renderSvg, type VegaLiteSpec } from "../src/index.js";

const bars: VegaLiteSpec = {
  data: {
    values: [
      { region: "Bretagne", n: 3 },
      { region: "Occitanie", n: 7 },
    ],
  },
  mark: "bar",
  encoding: {
    x: { field: "region", type: "nominal" },
    y: { field: "n", type: "quantitative" },
  },
};

describe("renderSvg", () => {
  it("renders one path per bar, headless", async () => {
    const svg = await renderSvg(bars);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Occitanie");
    expect(svg.match(/class="mark-rect role-mark/g)?.length).toBe(1);
    // Bar heights are proportional to n: 7 fills the 300px plot, 3 takes 3/7 of it.
    expect(svg).toContain('aria-label="region: Occitanie; n: 7"');
    expect(svg).toMatch(/n: 7"[^>]*d="M21,0h18v300h-18Z"/);
    expect(svg).toMatch(/n: 3"[^>]*v128\.5714285714285\d*h-18Z"/);
  });
  it("is deterministic", async () => {
    expect(await renderSvg(bars)).toBe(await renderSvg(bars));
  });
});
