import { describe, expect, it } from "vitest";
import { type CategoricalColumn, createRng, Frame, glm, lm, vcov } from "../src/index.js";

/** A seeded national-shape sample: factors, an integer age, a month number, a 0/1 response. */
function sample(n: number): Frame {
  const rng = createRng(17);
  const cat = (k: number, prefix: string): CategoricalColumn => ({
    kind: "categorical",
    codes: Int32Array.from({ length: n }, () => rng.int(k)),
    levels: Array.from({ length: k }, (_, i) => `${prefix}${i}`),
  });
  const region = cat(6, "r");
  const naf = cat(9, "n");
  const age = Float64Array.from({ length: n }, () => 18 + rng.int(40));
  const month = Float64Array.from({ length: n }, () => 1 + rng.int(12));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const eta = -1 + 0.2 * region.codes[i]! - 0.1 * naf.codes[i]! + 0.02 * (age[i]! - 40);
    return rng.bernoulli(1 / (1 + Math.exp(-eta)));
  });
  return new Frame({
    y: { kind: "numeric", values: y },
    region,
    naf,
    age: { kind: "numeric", values: age },
    month: { kind: "numeric", values: month },
    zero: { kind: "numeric", values: new Float64Array(n) },
    w1: { kind: "numeric", values: new Float64Array(n).fill(1) },
  });
}

describe("IRLS fast paths give the general path's fit", () => {
  const d = sample(4000);
  // Tabulated exp() (cells + two small-integer slots) against the per-row exp() path, which a
  // third, all-zero (aliased) numeric column forces: the same model.
  const fast = glm(d, "y ~ region + naf + age + month", { family: "binomial" });
  const slow = glm(d, "y ~ region + naf + age + month + zero", { family: "binomial" });
  // No cell layout at all (a factor × number term), through the generic sparse kernels.
  const generic = glm(d, "y ~ region + naf + age + month + naf:zero", { family: "binomial" });

  it("same coefficients, SEs, deviance and iterations", () => {
    for (const other of [slow, generic]) {
      expect(other.iterations).toBe(fast.iterations);
      expect(Math.abs(other.deviance / fast.deviance - 1)).toBeLessThan(1e-13);
      expect(Math.abs(other.nullDeviance / fast.nullDeviance - 1)).toBeLessThan(1e-13);
      for (const c of fast.coefficients) {
        const o = other.coefficients.find((r) => r.term === c.term)!;
        expect(Math.abs(o.estimate - c.estimate)).toBeLessThan(
          1e-11 * Math.max(1, Math.abs(c.estimate)),
        );
        expect(Math.abs(o.se / c.se - 1)).toBeLessThan(1e-11);
      }
    }
    expect(slow.aliased).toEqual(["zero"]);
  });
  it("same fitted probabilities and working weights", () => {
    let maxRel = 0;
    for (let i = 0; i < fast.fitted.length; i++) {
      maxRel = Math.max(maxRel, Math.abs(generic.fitted[i]! / fast.fitted[i]! - 1));
    }
    expect(maxRel).toBeLessThan(1e-12);
  });
  it("unit prior weights (the non-Bernoulli-flagged path) agree too", () => {
    const weighted = glm(d, "y ~ region + naf + age + month", {
      family: "binomial",
      weights: new Float64Array(d.nRows).fill(1),
    });
    expect(Math.abs(weighted.deviance / fast.deviance - 1)).toBeLessThan(1e-13);
    expect(weighted.iterations).toBe(fast.iterations);
  });
  it("X'WX through cells equals the sparse sum (lm with HC0 on the same design)", () => {
    const a = lm(d, "age ~ region + naf + month", {});
    const b = lm(d, "age ~ region + naf + month + naf:zero", {});
    const va = vcov(a, "HC0");
    const vb = vcov(b, "HC0");
    const ia = a.names.indexOf("month");
    const ib = b.names.indexOf("month");
    expect(Math.abs(a.beta[ia]! / b.beta[ib]! - 1)).toBeLessThan(1e-12);
    expect(
      Math.abs(va[ia * a.names.length + ia]! / vb[ib * b.names.length + ib]! - 1),
    ).toBeLessThan(1e-10);
  });
});
