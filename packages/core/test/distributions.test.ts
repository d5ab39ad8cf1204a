import { describe, expect, it } from "vitest";
import {
  binomialLogPmf,
  binomialUpperTail,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  tCdf,
  tQuantile,
} from "../src/index.js";
import { expectRelClose, golden } from "./helpers.js";

// Log-scale values are compared in absolute terms (relative once above 1): an absolute error ε
// in log Γ is a relative error ε in Γ, and log Γ(1) = 0 has no relative scale.
function expectLogClose(actual: number[], expected: number[], tol: number): void {
  actual.forEach((a, i) => {
    const e = expected[i]!;
    expect(Math.abs(a - e), `entry ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(
      tol * Math.max(1, Math.abs(e)),
    );
  });
}

// Goldens written by fixtures/reference/core/distributions.R (R 4.2.2).
interface G {
  pnorm: { x: number[]; value: number[] };
  qnorm: { p: number[]; value: number[] };
  pt: { x: number[]; df: number[]; value: number[] };
  qt: { p: number[]; df: number[]; value: number[] };
  lgamma: { x: number[]; value: number[] };
  lbeta: { a: number[]; b: number[]; value: number[] };
  dbinom: { x: number[]; n: number[]; p: number[]; value: number[] };
  upperTail: { k: number[]; n: number[]; p: number[]; value: number[] };
}
const g = golden<G>("distributions.json");

describe("distribution tails against R", () => {
  it("pnorm down to 1e-307 to 1e-12, qnorm down to p = 1e-300 to 1e-13", () => {
    expectRelClose(g.pnorm.x.map(normalCdf), g.pnorm.value, 1e-12);
    expectRelClose(g.qnorm.p.map(normalQuantile), g.qnorm.value, 1e-13);
  });

  it("pt and qt up to df = 1e5 to 1e-11", () => {
    const { pt, qt } = g;
    expectRelClose(
      pt.x.map((x, i) => tCdf(x, pt.df[i]!)),
      pt.value,
      1e-11,
    );
    expectRelClose(
      qt.p.map((p, i) => tQuantile(p, qt.df[i]!)),
      qt.value,
      1e-11,
    );
  });

  it("lgamma to 1e-14 and lbeta to 1e-13 (absolute below 1), up to arguments of 1e7", () => {
    expectLogClose(g.lgamma.x.map(logGamma), g.lgamma.value, 1e-14);
    expectLogClose(
      g.lbeta.a.map((a, i) => logBeta(a, g.lbeta.b[i]!)),
      g.lbeta.value,
      1e-13,
    );
  });

  it("dbinom(log = TRUE) to 1e-14 (absolute below 1) and binomial upper tails to 1e-12, down to 1e-250", () => {
    const { dbinom, upperTail } = g;
    expectLogClose(
      dbinom.x.map((x, i) => binomialLogPmf(x, dbinom.n[i]!, dbinom.p[i]!)),
      dbinom.value,
      1e-14,
    );
    expectRelClose(
      upperTail.k.map((k, i) => binomialUpperTail(k, upperTail.n[i]!, upperTail.p[i]!)),
      upperTail.value,
      1e-12,
    );
  });
});

describe("binomial edge cases", () => {
  it("handles empty tails, degenerate p and invalid n", () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(3, 10, 0)).toBe(0);
    expect(binomialUpperTail(3, 10, 1)).toBe(1);
    expect(binomialUpperTail(3, 2.5, 0.5)).toBeNaN();
    expect(binomialLogPmf(0, 10, 0)).toBe(0);
    expect(binomialLogPmf(11, 10, 0.3)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("the upper tail is a sum of pmf terms: P(X ≥ k) − P(X ≥ k + 1) = P(X = k)", () => {
    const diff = binomialUpperTail(21, 60, 0.35) - binomialUpperTail(22, 60, 0.35);
    expect(diff).toBeCloseTo(Math.exp(binomialLogPmf(21, 60, 0.35)), 14);
  });
});
