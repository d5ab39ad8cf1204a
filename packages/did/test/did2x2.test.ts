import { createRng, Frame, lm, numericColumn, vcov } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { did2x2 } from "../src/index.js";

/** Seeded 2×2 data: 8 regions (3 treated), before/after, region-level shocks, true effect 0.5. */
function data(): Frame {
  const rng = createRng(11);
  const y: number[] = [];
  const d: number[] = [];
  const p: number[] = [];
  const r: number[] = [];
  const x: number[] = [];
  for (let region = 0; region < 8; region++) {
    const treated = region < 3 ? 1 : 0;
    const shock = rng.normal();
    for (let post = 0; post <= 1; post++) {
      const shockPost = 0.3 * rng.normal();
      for (let i = 0; i < 40; i++) {
        const xi = rng.normal();
        y.push(1 + shock + 0.4 * post + shockPost + 0.5 * treated * post + 0.2 * xi + rng.normal());
        d.push(treated);
        p.push(post);
        r.push(region);
        x.push(xi);
      }
    }
  }
  return new Frame({
    y: numericColumn(y),
    treated: numericColumn(d),
    post: numericColumn(p),
    region: numericColumn(r),
    x: numericColumn(x),
  });
}

describe("2×2 difference-in-differences", () => {
  const frame = data();

  it("equals the difference of the four cell means without covariates", () => {
    const r = did2x2(frame, { y: "y", treated: "treated", post: "post" });
    const m = r.means;
    expect(r.estimate).toBeCloseTo(
      m.treated.post - m.treated.pre - (m.control.post - m.control.pre),
      12,
    );
  });

  it("clusters with CR1 (core vcov) and t(G − 1) inference", () => {
    const r = did2x2(frame, {
      y: "y",
      treated: "treated",
      post: "post",
      covariates: "~ x",
      cluster: "region",
    });
    const fit = lm(frame, "y ~ treated * post + x");
    const V = vcov(fit, { cluster: "region" });
    const j = fit.names.indexOf("treated:post");
    expect(r.estimate).toBeCloseTo(fit.beta[j]!, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(V[j * fit.names.length + j]!), 12);
    expect(r.df).toBe(7);
    expect(r.counts.clusters).toBe(8);
  });

  it("wild cluster bootstrap (Rademacher, 2^8 enumerated) equals brute-force refits under the null", () => {
    const r = did2x2(frame, {
      y: "y",
      treated: "treated",
      post: "post",
      cluster: "region",
      wildBootstrap: { draws: 999, weights: "rademacher" },
    });
    expect(r.wild!.enumerated).toBe(true);
    expect(r.wild!.draws).toBe(256);
    // Brute force: restricted fit (no interaction), y* = ŷ_r + v_g û_r, refit with core lm + vcovCL.
    const restricted = lm(frame, "y ~ treated + post");
    const region = frame.numeric("region");
    const fit0 = lm(frame, "y ~ treated * post");
    const j = fit0.names.indexOf("treated:post");
    const k = fit0.names.length;
    const t0 = fit0.beta[j]! / Math.sqrt(vcov(fit0, { cluster: "region" })[j * k + j]!);
    let extreme = 0;
    for (let b = 0; b < 256; b++) {
      const ystar = Float64Array.from(restricted.fitted, (f, i) => {
        const v = (b >>> region[i]!) & 1 ? 1 : -1;
        return f + v * (frame.numeric("y")[i]! - f);
      });
      const fit = lm(frame.withColumn("ystar", numericColumn(ystar)), "ystar ~ treated * post");
      const t = fit.beta[j]! / Math.sqrt(vcov(fit, { cluster: "region" })[j * k + j]!);
      if (Math.abs(t) >= Math.abs(t0) * (1 - 1e-9)) extreme++;
    }
    expect(r.statistic).toBeCloseTo(t0, 10);
    expect(r.wild!.pValue).toBe(extreme / 256);
  });

  it("Webb weights are seeded: same seed, same p-value", () => {
    const o = {
      y: "y",
      treated: "treated",
      post: "post",
      cluster: "region",
      wildBootstrap: { draws: 499, weights: "webb" as const, seed: 3 },
    };
    const a = did2x2(frame, o);
    const b = did2x2(frame, o);
    expect(a.wild!.pValue).toBe(b.wild!.pValue);
    expect(a.wild!.enumerated).toBe(false);
    expect(a.wild!.pValue).toBeGreaterThan(0);
    expect(a.wild!.pValue).toBeLessThan(1);
  });
});
