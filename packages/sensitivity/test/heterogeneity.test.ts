import { Frame } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { benjaminiHochberg, forestPlotSpec, heterogeneity, holm } from "../src/index.js";
import { golden } from "./helpers.js";

interface Row {
  level: string;
  estimate: number;
  se: number;
  pValue: number;
  lower: number;
  upper: number;
  pHolm: number;
  pBH: number;
}
interface HetGolden {
  data: { status: string[]; subclass: number[]; treat: number[]; y: number[]; w: number[] };
  rows: Row[];
  padjust: { p: number[]; holm: number[]; BH: number[] };
}
const g = golden<HetGolden>("heterogeneity");

describe("p-value adjustments, parity with R p.adjust", () => {
  it("Holm and Benjamini–Hochberg, with ties", () => {
    holm(g.padjust.p).forEach((v, i) => {
      expect(v).toBeCloseTo(g.padjust.holm[i]!, 14);
    });
    benjaminiHochberg(g.padjust.p).forEach((v, i) => {
      expect(v).toBeCloseTo(g.padjust.BH[i]!, 14);
    });
  });
});

describe("ATT by subgroup, parity with lm + sandwich::vcovCL + lmtest::coeftest", () => {
  const frame = Frame.fromObjects(
    g.data.status.map((s, i) => ({
      status: s,
      subclass: g.data.subclass[i]!,
      treat: g.data.treat[i]!,
      y: g.data.y[i]!,
      w: g.data.w[i]!,
    })),
    { levels: { status: ["AE", "TI", "Micro"] } },
  );
  const r = heterogeneity(frame, {
    treatment: "treat",
    outcome: "y",
    subgroup: "status",
    weights: "w",
    cluster: "subclass",
  });

  it("matches estimates, cluster-robust SEs, t CIs, p-values and adjusted p-values to 1e-9", () => {
    expect(r.rows.map((x) => x.level)).toEqual(g.rows.map((x) => x.level));
    r.rows.forEach((row, k) => {
      const ref = g.rows[k]!;
      for (const key of ["estimate", "se", "pValue", "lower", "upper", "pHolm", "pBH"] as const) {
        expect(Math.abs((row[key] as number) - ref[key])).toBeLessThan(
          1e-9 * Math.max(1, Math.abs(ref[key])),
        );
      }
    });
    expect(r.nUsed).toBe(g.data.y.length);
    expect(r.excluded).toEqual({ missing: 0, zeroWeight: 0 });
  });

  it("builds a forest-plot Vega-Lite spec from the rows", () => {
    const spec = forestPlotSpec(r) as {
      data: { values: { label: string; estimate: number }[] };
      layer: unknown[];
    };
    expect(spec.data.values).toHaveLength(3);
    expect(spec.data.values[0]!.label).toBe("AE (n = 70 + 140)");
    expect(spec.data.values[0]!.estimate).toBeCloseTo(g.rows[0]!.estimate, 12);
    expect(spec.layer).toHaveLength(3);
  });

  it("counts exclusions and reports too-small subgroups instead of dropping them", () => {
    const small = Frame.fromObjects([
      { g: "a", t: 1, y: 1 },
      { g: "a", t: 0, y: 0 },
      { g: "a", t: 1, y: 0 },
      { g: "a", t: 0, y: 0 },
      { g: "a", t: 0, y: null },
      { g: "b", t: 1, y: 1 },
      { g: "b", t: 0, y: 1 },
    ]);
    const res = heterogeneity(small, { treatment: "t", outcome: "y", subgroup: "g" });
    expect(res.excluded.missing).toBe(1);
    expect(res.rows[1]!.estimate).toBeNull();
    expect(res.rows[1]!.reason).toMatch(/fewer than 2/);
    expect(res.rows[0]!.estimate).toBeCloseTo(0.5, 14);
    expect(res.rows[0]!.pHolm).toBe(res.rows[0]!.pValue);
  });
});
