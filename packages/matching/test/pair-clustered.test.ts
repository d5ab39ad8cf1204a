import { createRng, Frame, lm, vcov } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { differenceInMeansCL } from "../src/effects/pairClustered.js";

describe("closed-form y ~ treat with cluster-robust SE", () => {
  it("equals lm + vcov(cluster) (sandwich::vcovCL, HC1) on weighted, clustered data", () => {
    const rng = createRng(7);
    const n = 900;
    const y = new Float64Array(n);
    const treat = new Float64Array(n);
    const w = new Float64Array(n);
    const cluster = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      treat[i] = i % 3 === 0 ? 1 : 0;
      // Subclasses of one treated unit and two controls, some controls weighted differently.
      cluster[i] = 1 + Math.floor(i / 3);
      w[i] = treat[i] === 1 ? 1 : 0.5 + (i % 2) * 0.25;
      y[i] = 2 + 0.7 * treat[i]! + rng.normal();
    }
    const fit = lm(
      new Frame({ y: { kind: "numeric", values: y }, treat: { kind: "numeric", values: treat } }),
      "y ~ treat",
      { weights: w },
    );
    const V = vcov(fit, { cluster });
    const got = differenceInMeansCL(y, treat, w, cluster, n);
    expect(got.estimate).toBeCloseTo(fit.beta[1]!, 12);
    expect(Math.abs(got.se / Math.sqrt(V[3]!) - 1)).toBeLessThan(1e-12);
    expect(got.df).toBe(fit.dfResidual);
    expect(got.nClusters).toBe(300);
  });
});
