import { beforeAll, describe, expect, it } from "vitest";
import { designMatrix, type Frame, glm, lm, numericColumn, predict, vcov } from "../src/index.js";
import { expectRelClose, golden, lalonde } from "./helpers.js";

// Goldens written by fixtures/reference/core/lalonde_models.R (R 4.2.2, sandwich 3.0-2).
interface Coefs {
  term: string[];
  estimate: number[];
  se: number[];
  statistic: number[];
  pValue: number[];
}
interface GlmGolden {
  coefficients: Coefs;
  deviance: number;
  nullDeviance: number;
  aic: number;
  iterations: number;
  dfResidual: number;
  n: number;
  dispersion: number;
}
type Vcovs = Record<"classical" | "HC0" | "HC1" | "HC2" | "HC3" | "cluster_married", number[]>;
interface Golden {
  logit: GlmGolden & {
    vcov: Record<"HC0" | "HC3" | "cluster_married", number[]>;
    predictResponse: number[];
    predictLink: number[];
  };
  probit: GlmGolden;
  logitWeighted: GlmGolden & { HC1: number[]; cluster_married: number[] };
  gaussian: GlmGolden;
  lm: { coefficients: Coefs; sigma: number; rSquared: number; adjRSquared: number; vcov: Vcovs };
  wls: { coefficients: Coefs; sigma: number; vcov: Vcovs };
  logitNa: GlmGolden & { nDropped: number };
  aliased: { coefficients: (number | null)[]; names: string[]; summary: Coefs };
  modelMatrix: {
    formula: string;
    names: string[];
    rows: number[];
    values: number[][];
    coefficients: number[];
  };
}

const G = golden<Golden>("lalonde_models.json");
const PS = "treat ~ age + educ + race + married + nodegree + re74 + re75";
const OLS = "re78 ~ treat + age + educ + race";
let d: Frame;
beforeAll(async () => {
  d = await lalonde();
});

function checkGlm(fit: ReturnType<typeof glm>, g: GlmGolden, tol: number) {
  expect(fit.coefficients.map((c) => c.term)).toEqual(g.coefficients.term);
  expectRelClose(
    fit.coefficients.map((c) => c.estimate),
    g.coefficients.estimate,
    tol,
  );
  expectRelClose(
    fit.coefficients.map((c) => c.se),
    g.coefficients.se,
    tol,
  );
  expectRelClose(
    fit.coefficients.map((c) => c.pValue),
    g.coefficients.pValue,
    1e-5,
  );
  expectRelClose(
    [fit.deviance, fit.nullDeviance, fit.aic],
    [g.deviance, g.nullDeviance, g.aic],
    1e-9,
  );
  expect(fit.iterations).toBe(g.iterations);
  expect(fit.dfResidual).toBe(g.dfResidual);
  expect(fit.n).toBe(g.n);
  expect(fit.converged).toBe(true);
}

describe("glm against R", () => {
  it("logit propensity model: coefficients and SEs within 1e-6", () => {
    const fit = glm(d, PS, { family: "binomial" });
    checkGlm(fit, G.logit, 1e-6);
    expect(fit.warnings).toEqual([]);
    expectRelClose(vcov(fit, "HC0"), G.logit.vcov.HC0, 1e-6);
    expectRelClose(vcov(fit, "HC3"), G.logit.vcov.HC3, 1e-6);
    expectRelClose(vcov(fit, { cluster: "married" }), G.logit.vcov.cluster_married, 1e-6);
    const first5 = d.take([0, 1, 2, 3, 4]);
    expectRelClose(predict(fit, first5, { type: "response" }), G.logit.predictResponse, 1e-8);
    expectRelClose(predict(fit, first5), G.logit.predictLink, 1e-8);
  });

  it("probit propensity model: coefficients and SEs within 1e-6", () => {
    checkGlm(glm(d, PS, { family: "binomial", link: "probit" }), G.probit, 1e-6);
  });

  it("logit with prior weights: estimates, SEs, deviance, AIC and sandwiches", () => {
    const w = Float64Array.from(
      { length: d.nRows },
      (_, i) => 0.5 + 0.5 * d.numeric("nodegree")[i]! + d.numeric("educ")[i]! / 20,
    );
    const fit = glm(d, PS, { family: "binomial", weights: w });
    checkGlm(fit, G.logitWeighted, 1e-6);
    expect(fit.warnings[0]).toContain("non-integer #successes");
    expectRelClose(vcov(fit, "HC1"), G.logitWeighted.HC1, 1e-6);
    expectRelClose(vcov(fit, { cluster: "married" }), G.logitWeighted.cluster_married, 1e-6);
  });

  it("gaussian glm: t tests, dispersion and AIC", () => {
    const fit = glm(d, OLS, { family: "gaussian" });
    checkGlm(fit, G.gaussian, 1e-8);
    expect(fit.dispersion).toBeCloseTo(G.gaussian.dispersion, 0);
    expectRelClose([fit.dispersion], [G.gaussian.dispersion], 1e-10);
  });

  it("omits and counts rows with a missing covariate", () => {
    const age = Float64Array.from(d.numeric("age"));
    for (const i of [4, 16, 299]) age[i] = Number.NaN;
    const fit = glm(d.withColumn("age", numericColumn(age)), PS, { family: "binomial" });
    expect(fit.nDropped).toBe(G.logitNa.nDropped);
    expect(fit.missingByVariable).toEqual({ age: 3 });
    checkGlm(fit, G.logitNa, 1e-6);
    expect(Array.from(fit.rowsUsed).includes(16)).toBe(false);
  });
});

describe("lm and sandwich variances against R", () => {
  it("OLS estimates, sigma, R²", () => {
    const fit = lm(d, OLS);
    expectRelClose(
      fit.coefficients.map((c) => c.estimate),
      G.lm.coefficients.estimate,
      1e-10,
    );
    expectRelClose(
      fit.coefficients.map((c) => c.pValue),
      G.lm.coefficients.pValue,
      1e-8,
    );
    expectRelClose(
      [fit.sigma, fit.rSquared, fit.adjRSquared],
      [G.lm.sigma, G.lm.rSquared, G.lm.adjRSquared],
      1e-10,
    );
  });

  for (const [label, golden, weights] of [
    ["OLS", () => G.lm, undefined],
    ["WLS", () => G.wls, true],
  ] as const) {
    it(`${label}: classical, HC0–HC3 and vcovCL(cluster = ~married) within 1e-8`, () => {
      const w = weights
        ? Float64Array.from(
            { length: d.nRows },
            (_, i) => 0.5 + 0.5 * d.numeric("nodegree")[i]! + d.numeric("educ")[i]! / 20,
          )
        : undefined;
      const fit = lm(d, OLS, { weights: w });
      const g = golden();
      expectRelClose(vcov(fit, "classical"), g.vcov.classical, 1e-8);
      for (const t of ["HC0", "HC1", "HC2", "HC3"] as const)
        expectRelClose(vcov(fit, t), g.vcov[t], 1e-8);
      expectRelClose(vcov(fit, { cluster: "married" }), g.vcov.cluster_married, 1e-8);
      expectRelClose([fit.sigma], [g.sigma], 1e-10);
      // The same cluster ids given as an array give the same matrix.
      expectRelClose(vcov(fit, { cluster: d.numeric("married") }), g.vcov.cluster_married, 1e-8);
      const robust = lm(d, OLS, { weights: w, vcov: "HC3" });
      const p = robust.names.length;
      expectRelClose(
        robust.coefficients.map((c) => c.se),
        Array.from({ length: p }, (_, j) => Math.sqrt(g.vcov.HC3[j * p + j]!)),
        1e-8,
      );
      expect(robust.vcovType).toBe("HC3");
    });
  }

  it("sets aliased columns aside as R's NA coefficients", () => {
    const fit = lm(d, "re78 ~ treat + I(2 * treat) + age");
    expect(fit.names).toEqual(G.aliased.names);
    expect(fit.aliased).toEqual(["I(2 * treat)"]);
    expectRelClose(fit.beta, G.aliased.coefficients, 1e-10);
    expect(fit.coefficients.map((c) => c.term)).toEqual(G.aliased.summary.term);
    expectRelClose(
      fit.coefficients.map((c) => c.se),
      G.aliased.summary.se,
      1e-10,
    );
    expect(fit.warnings[0]).toContain("I(2 * treat)");
  });
});

describe("model.matrix against R", () => {
  it("names, values and fit of a factor()/interaction/I()/log/-1 formula", () => {
    const mm = G.modelMatrix;
    const D = designMatrix(d, mm.formula);
    expect(D.names).toEqual(mm.names);
    const dense = D.toDense();
    mm.rows.forEach((r, k) => {
      const row = Array.from(dense.subarray((r - 1) * D.p, r * D.p));
      expectRelClose(row, mm.values[k]!, 1e-14);
    });
    expectRelClose(lm(d, mm.formula).beta, mm.coefficients, 1e-8);
  });
});
