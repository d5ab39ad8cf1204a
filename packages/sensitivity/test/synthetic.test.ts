import { createRng } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { contaminationBounds, discordantPairs, mcnemarBounds, robustness } from "../src/index.js";

/**
 * Matched pairs with a hidden binary confounder U: within a pair discordant in U, the unit with
 * U = 1 is the treated one with odds `gamma0` (hidden bias of exactly Γ0), and U raises the
 * outcome probability by `uEffect`. `tau` is the true treatment effect on the probability.
 */
function confoundedPairs(
  seed: number,
  nPairs: number,
  gamma0: number,
  uEffect: number,
  tau: number,
) {
  const rng = createRng(seed);
  const treated = new Float64Array(nPairs);
  const control = new Float64Array(nPairs);
  for (let i = 0; i < nPairs; i++) {
    const uA = rng.bernoulli(0.5);
    const uB = rng.bernoulli(0.5);
    // Unit A treated with probability Γ0^uA / (Γ0^uA + Γ0^uB).
    const wA = gamma0 ** uA;
    const wB = gamma0 ** uB;
    const aTreated = rng.uniform() < wA / (wA + wB);
    const uT = aTreated ? uA : uB;
    const uC = aTreated ? uB : uA;
    treated[i] = rng.bernoulli(Math.min(1, 0.3 + uEffect * uT + tau));
    control[i] = rng.bernoulli(0.3 + uEffect * uC);
  }
  return { treated, control };
}

describe("hidden confounder: Γ analysis moves in the documented direction", () => {
  it("pure hidden bias of Γ0 = 2 is significant naively but explained away before Γ0", () => {
    const { treated, control } = confoundedPairs(11, 20000, 2, 0.3, 0);
    const r = mcnemarBounds(discordantPairs(treated, control));
    expect(r.bounds[0]!.upper).toBeLessThan(1e-6); // naive test fooled by U
    expect(r.criticalGamma.value).toBeGreaterThan(1);
    expect(r.criticalGamma.value).toBeLessThan(2); // bias of Γ0 explains it
    // Bounds are monotone: more allowed bias, larger upper p-value.
    for (let k = 1; k < r.bounds.length; k++) {
      expect(r.bounds[k]!.upper).toBeGreaterThanOrEqual(r.bounds[k - 1]!.upper);
    }
  });

  it("a real effect on top of the same bias survives larger Γ, and more so when larger", () => {
    const gammaAt = (tau: number) => {
      const { treated, control } = confoundedPairs(12, 20000, 2, 0.3, tau);
      return mcnemarBounds(discordantPairs(treated, control)).criticalGamma.value;
    };
    const none = gammaAt(0);
    const small = gammaAt(0.05);
    const large = gammaAt(0.15);
    expect(small).toBeGreaterThan(none);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeGreaterThan(2); // beyond the true hidden bias: a robust finding
  });
});

describe("contaminated controls: correction moves in the documented direction", () => {
  it("recovers the true ATT at the true share and grows away from zero with π", () => {
    const rng = createRng(21);
    const n = 40000;
    const tau = 0.08;
    const pi = 0.2;
    const treat = new Float64Array(2 * n);
    const outcome = new Float64Array(2 * n);
    const setId = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const secretlyTreated = rng.uniform() < pi;
      treat[2 * i] = 1;
      outcome[2 * i] = rng.bernoulli(0.5 + tau);
      treat[2 * i + 1] = 0;
      outcome[2 * i + 1] = rng.bernoulli(0.5 + (secretlyTreated ? tau : 0));
      setId[2 * i] = i;
      setId[2 * i + 1] = i;
    }
    let d = 0;
    for (let i = 0; i < n; i++) d += outcome[2 * i]! - outcome[2 * i + 1]!;
    const est = d / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (outcome[2 * i]! - outcome[2 * i + 1]! - est) ** 2;
    const se = Math.sqrt(v / (n - 1) / n);
    const effect = { estimate: est, lower: est - 1.96 * se, upper: est + 1.96 * se };
    // The observed ATT is attenuated to about (1 − π)·τ = 0.064.
    expect(est).toBeLessThan(tau - 3 * se);
    const rows = contaminationBounds(effect, { shares: [0, 0.1, pi, 0.3] });
    const atTrue = rows[2]!;
    expect(atTrue.lower).toBeLessThan(tau);
    expect(atTrue.upper).toBeGreaterThan(tau);
    for (let k = 1; k < rows.length; k++) {
      expect(rows[k]!.estimate).toBeGreaterThan(rows[k - 1]!.estimate);
      expect(rows[k]!.upper - rows[k]!.lower).toBeGreaterThan(
        rows[k - 1]!.upper - rows[k - 1]!.lower,
      );
    }
    // The one-call summary carries the same table and a critical Γ for these pairs.
    const summary = robustness(
      { treat, outcome, setId, effect: { ...effect, se } },
      { contaminationShares: [0, pi] },
    );
    expect(summary.sensitivity.contamination[1]!.lower).toBeCloseTo(atTrue.lower, 12);
    expect(summary.details.rosenbaum!.test).toBe("mcnemar-exact");
    expect(summary.sensitivity.criticalGamma!).toBeGreaterThan(1.2);
  });
});
