import { lm, vcov } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { eventStudy } from "../src/index.js";
import { golden, maxAbsDiff, maxRelDiff, mpdta } from "./helpers.js";

const gold = golden<{
  e: number[];
  estimate: number[];
  se: number[];
  pretrend: { W: number; df: number; p: number };
}>("mpdta_twfe_event_study");

describe("TWFE event study", () => {
  it("matches lm with unit and year dummies and sandwich::vcovCL (R golden)", async () => {
    const frame = await mpdta();
    const r = eventStudy(frame, { y: "lemp", id: "countyreal", t: "year", g: "first.treat" });
    const est = r.coefficients.filter((c) => !c.reference);
    expect(est.map((c) => c.e)).toEqual(gold.e);
    expect(
      maxAbsDiff(
        est.map((c) => c.estimate),
        gold.estimate,
      ),
    ).toBeLessThan(1e-9);
    expect(
      maxRelDiff(
        est.map((c) => c.se),
        gold.se,
      ),
    ).toBeLessThan(1e-6);
    expect(r.pretrend!.df).toBe(gold.pretrend.df);
    expect(r.pretrend!.statistic).toBeCloseTo(gold.pretrend.W, 6);
    expect(r.pretrend!.pValue).toBeCloseTo(gold.pretrend.p, 8);
    const ref = r.coefficients.find((c) => c.reference)!;
    expect(ref.e).toBe(-1);
    expect(ref.estimate).toBe(0);
  });

  it("equals core lm on explicit dummies (independent check)", async () => {
    // 100 counties keep the dummy regression small.
    const full = await mpdta();
    const ids = [...new Set(full.numeric("countyreal"))].sort((a, b) => a - b).slice(0, 100);
    const keep = new Set(ids);
    const frame = full.filter(Array.from(full.numeric("countyreal"), (v) => keep.has(v)));
    const g = frame.numeric("first.treat");
    const t = frame.numeric("year");
    const lead2 = Float64Array.from(g, (gi, i) => (gi > 0 && t[i]! - gi <= -2 ? 1 : 0));
    const lag0 = Float64Array.from(g, (gi, i) => (gi > 0 && t[i]! - gi >= 0 ? 1 : 0));
    // Binned window [-2, 0]: leads ≤ −2 pooled, lags ≥ 0 pooled, −1 the reference.
    const r = eventStudy(frame, {
      y: "lemp",
      id: "countyreal",
      t: "year",
      g: "first.treat",
      window: [-2, 0],
    });
    const withDummies = frame
      .withColumn("lead2", { kind: "numeric", values: lead2 })
      .withColumn("lag0", { kind: "numeric", values: lag0 });
    const fit = lm(withDummies, "lemp ~ lead2 + lag0 + factor(countyreal) + factor(year)");
    const V = vcov(fit, { cluster: "countyreal" });
    const p = fit.names.length;
    const j = fit.names.indexOf("lag0");
    const est = r.coefficients.find((c) => c.e === 0)!;
    expect(est.estimate).toBeCloseTo(fit.beta[j]!, 10);
    expect(est.se / Math.sqrt(V[j * p + j]!)).toBeCloseTo(1, 8);
  });
});
