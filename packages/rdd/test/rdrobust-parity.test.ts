import { describe, expect, it } from "vitest";
import { type RdResult, rdrobust } from "../src/index.js";
import { golden, rel, senate } from "./helpers.js";

// Parity with R rdrobust 4.0.0 (fixtures/reference/rdd/rdrobust_senate.R) on the Senate data.
const TOL = 1e-8;
const d = senate();
const g = golden();
const y = d.num.vote!;
const x = d.num.margin!;
const xi = x.map((v) => Math.round(v));
const treat = x.map((v, i) => (d.year[i]! % 10 === 0 ? (v < 0 ? 1 : 0) : v >= 0 ? 1 : 0));
const covs = {
  class: d.num.class!,
  termshouse: d.num.termshouse!,
  termssenate: d.num.termssenate!,
};

const cases: Record<string, () => RdResult> = {
  default: () => rdrobust({ y, x }),
  p2: () => rdrobust({ y, x }, { p: 2 }),
  uniform: () => rdrobust({ y, x }, { kernel: "uniform" }),
  epanechnikov: () => rdrobust({ y, x }, { kernel: "epanechnikov" }),
  cerrd: () => rdrobust({ y, x }, { bwselect: "cerrd" }),
  msetwo: () => rdrobust({ y, x }, { bwselect: "msetwo" }),
  msesum: () => rdrobust({ y, x }, { bwselect: "msesum" }),
  certwo: () => rdrobust({ y, x }, { bwselect: "certwo" }),
  cersum: () => rdrobust({ y, x }, { bwselect: "cersum" }),
  msecomb1: () => rdrobust({ y, x }, { bwselect: "msecomb1" }),
  msecomb2: () => rdrobust({ y, x }, { bwselect: "msecomb2" }),
  covs: () => rdrobust({ y, x, covs }),
  hc0: () => rdrobust({ y, x }, { vce: "hc0" }),
  hc1: () => rdrobust({ y, x }, { vce: "hc1" }),
  hc2: () => rdrobust({ y, x }, { vce: "hc2" }),
  hc3: () => rdrobust({ y, x }, { vce: "hc3" }),
  cluster: () => rdrobust({ y, x, cluster: d.state }),
  manual: () => rdrobust({ y, x }, { h: 10, b: 20 }),
  manual_two: () => rdrobust({ y, x }, { h: [8, 12] }),
  int_adjust: () => rdrobust({ y, x: xi }, { masspoints: "adjust" }),
  int_off: () => rdrobust({ y, x: xi }, { masspoints: "off" }),
  int_check_hc1: () => rdrobust({ y, x: xi }, { masspoints: "check", vce: "hc1" }),
  fuzzy: () => rdrobust({ y, x, fuzzy: treat }),
  fuzzy_covs: () => rdrobust({ y, x, fuzzy: treat, covs }),
  covs_hc1: () => rdrobust({ y, x, covs }, { vce: "hc1" }),
  p2_cluster: () => rdrobust({ y, x, cluster: d.state }, { p: 2 }),
};

describe("rdrobust parity (rdrobust 4.0.0, Senate data)", () => {
  it("reproduces the shared golden of the default call", () => {
    const r = rdrobust({ y, x });
    expect(r.h.left).toBeCloseTo(17.754, 3);
    expect(r.b.left).toBeCloseTo(28.028, 3);
    expect(r.conventional.coef).toBeCloseTo(7.4141, 4);
    expect(r.conventional.se).toBeCloseTo(1.4587, 4);
    expect(r.robust.ciLower).toBeCloseTo(4.0937, 4);
    expect(r.robust.ciUpper).toBeCloseTo(10.9193, 4);
    expect(r.n).toEqual({ left: 595, right: 702 });
    expect(r.excluded.missing).toBe(93);
  });

  for (const [name, run] of Object.entries(cases)) {
    it(`matches ${g.rdrobust[name]!.call} within ${TOL} relative`, () => {
      const G = g.rdrobust[name]!;
      const r = run();
      expect(rel(r.h.left, G.h[0])).toBeLessThan(TOL);
      expect(rel(r.h.right, G.h[1])).toBeLessThan(TOL);
      expect(rel(r.b.left, G.b[0])).toBeLessThan(TOL);
      expect(rel(r.b.right, G.b[1])).toBeLessThan(TOL);
      for (const key of ["conventional", "biasCorrected", "robust"] as const) {
        expect(rel(r[key].coef, G[key].coef)).toBeLessThan(TOL);
        expect(rel(r[key].se, G[key].se)).toBeLessThan(TOL);
        expect(rel(r[key].ciLower, G[key].ci_lower)).toBeLessThan(TOL);
        expect(rel(r[key].ciUpper, G[key].ci_upper)).toBeLessThan(TOL);
        expect(rel(r[key].pValue, G[key].pv)).toBeLessThan(1e-6);
      }
      expect([r.n.left, r.n.right]).toEqual(G.N);
      expect([r.nEffective.left, r.nEffective.right]).toEqual(G.N_h);
      expect([r.nBias.left, r.nBias.right]).toEqual(G.N_b);
      expect(rel(r.boundary.conventional.left, G.tau_cl[0])).toBeLessThan(TOL);
      expect(rel(r.boundary.biasCorrected.right, G.tau_bc[1])).toBeLessThan(TOL);
      r.coefficients.left.forEach((v, j) => {
        expect(rel(v, G.beta_Y_p_l[j]!)).toBeLessThan(1e-6);
      });
      if (G.firstStage) {
        expect(rel(r.firstStage!.conventional.coef, G.firstStage.coef[0]!)).toBeLessThan(TOL);
        expect(rel(r.firstStage!.robust.se, G.firstStage.se[2]!)).toBeLessThan(TOL);
      }
      const warns = ([] as string[]).concat(G.warnings);
      expect(r.warnings).toEqual(warns);
    });
  }

  it("counts unique values of a discrete running variable", () => {
    const r = cases.int_adjust!();
    expect([r.nUnique.left, r.nUnique.right]).toEqual(g.rdrobust.int_adjust!.M);
  });
});
