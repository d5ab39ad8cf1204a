import { describe, expect, it } from "vitest";
import { simulateStaggeredPanel, staggeredDid } from "../src/index.js";
import { demeanTwoWay } from "../src/twfe/demean.js";

// Effects grow with exposure and differ by cohort: the case where static TWFE goes wrong
// (Goodman-Bacon 2021; Callaway & Sant'Anna 2021).
const effect = (e: number, g: number): number => (e + 1) * (g === 3 ? 1 : 0.5);

describe("staggered adoption with known effects", () => {
  const frame = simulateStaggeredPanel({
    units: 1500,
    periods: 8,
    cohorts: [3, 5, 7],
    effect,
    seed: 42,
  });
  const r = staggeredDid(frame, { y: "y", t: "t", id: "id", g: "g", estMethod: "reg" });

  // Truth of the simple aggregation: post cells weighted by cohort size.
  const g = frame.numeric("g");
  const size = new Map<number, number>();
  for (let i = 0; i < g.length; i += 8) size.set(g[i]!, (size.get(g[i]!) ?? 0) + 1);
  let num = 0;
  let den = 0;
  for (const c of [3, 5, 7]) {
    for (let t = c; t <= 8; t++) {
      num += size.get(c)! * effect(t - c, c);
      den += size.get(c)!;
    }
  }
  const truth = num / den;

  it("the Callaway–Sant'Anna simple ATT's 95% CI covers the truth", () => {
    const s = r.aggregate.simple;
    expect(s.ciLower!).toBeLessThan(truth);
    expect(s.ciUpper!).toBeGreaterThan(truth);
  });

  it("event-time effects are recovered and the pre-test does not reject", () => {
    for (const ev of r.aggregate.dynamic.byEvent) {
      if (ev.e < 0) expect(Math.abs(ev.att!)).toBeLessThan(4 * ev.se!);
    }
    expect(r.pretest!.pValue).toBeGreaterThan(0.01);
  });

  it("static TWFE is biased under heterogeneous, dynamic effects", () => {
    const n = frame.nRows;
    const unit = Int32Array.from(frame.numeric("id"), (v) => v - 1);
    const period = Int32Array.from(frame.numeric("t"), (v) => v - 1);
    const t = frame.numeric("t");
    const d = Float64Array.from(g, (gi, i) => (gi > 0 && t[i]! >= gi ? 1 : 0));
    const yd = demeanTwoWay(frame.numeric("y"), unit, 1500, period, 8);
    const dd = demeanTwoWay(d, unit, 1500, period, 8);
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += dd[i]! * yd[i]!;
      sxx += dd[i]! * dd[i]!;
    }
    const twfe = sxy / sxx;
    const se = r.aggregate.simple.se!;
    // TWFE misses the truth by many standard errors of the staggered estimator.
    expect(Math.abs(twfe - truth)).toBeGreaterThan(5 * se);
    expect(Math.abs(r.aggregate.simple.att! - truth)).toBeLessThan(3 * se);
  });
});
