import { describe, expect, it } from "vitest";
import { rddensity } from "../src/index.js";
import { golden, rel, senate } from "./helpers.js";

// Parity with R rddensity 3.0 / lpdensity 2.5 (fixtures/reference/rdd/rdrobust_senate.R).
const TOL = 1e-8;
const d = senate();
const g = golden();
const x = d.num.margin!;
const xi = x.map((v) => Math.round(v));

const cases = {
  density_default: () => rddensity(x),
  density_nomass: () => rddensity(x, { massPoints: false }),
  density_int: () => rddensity(xi),
  density_h: () => rddensity(x, { h: [15, 20] }),
};

describe("rddensity parity (rddensity 3.0, Senate margin)", () => {
  for (const [name, run] of Object.entries(cases)) {
    it(`matches ${g.rddensity[name]!.call}`, () => {
      const G = g.rddensity[name]!;
      const r = run();
      expect(rel(r.h.left, G.h[0])).toBeLessThan(TOL);
      expect(rel(r.h.right, G.h[1])).toBeLessThan(TOL);
      expect([r.n.left, r.n.right]).toEqual(G.N);
      expect([r.nEffective.left, r.nEffective.right]).toEqual(G.N_h);
      expect(rel(r.density.left, G.hat[0])).toBeLessThan(TOL);
      expect(rel(r.density.right, G.hat[1])).toBeLessThan(TOL);
      expect(rel(r.se.diff, G.se_jk[2])).toBeLessThan(TOL);
      expect(rel(r.statistic, G.t_jk)).toBeLessThan(TOL);
      expect(rel(r.pValue, G.p_jk)).toBeLessThan(TOL);
    });
  }

  it("gives the issue's default statistic and p-value to 1e-3", () => {
    const r = rddensity(x);
    expect(r.statistic).toBeCloseTo(-0.8753, 3);
    expect(r.pValue).toBeCloseTo(0.3814, 3);
  });

  it("rejects a cutoff outside the data", () => {
    expect(() => rddensity(x, { c: 500 })).toThrow(/cutoff/);
  });
});
