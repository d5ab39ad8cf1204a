import { createRng } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { rdrobust } from "../src/index.js";

// Synthetic sharp RD on a discrete running variable: age in months (24-36 years, 145 mass
// points), cutoff 30 years, smooth quadratic trend, known jump.
function draw(seed: number, n: number, jump: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const months = 24 * 12 + rng.int(12 * 12 + 1);
    const age = months / 12;
    x[i] = age;
    const t = age - 30;
    y[i] = 0.4 + 0.03 * t - 0.004 * t * t + (age >= 30 ? jump : 0) + 0.3 * rng.normal();
  }
  return { x, y };
}

describe("coverage on synthetic data with a discrete age", () => {
  it("covers a known jump of 0.25 at 30", () => {
    const { x, y } = draw(42, 4000, 0.25);
    const r = rdrobust({ y, x }, { c: 30 });
    expect(r.robust.ciLower).toBeLessThan(0.25);
    expect(r.robust.ciUpper).toBeGreaterThan(0.25);
    expect(r.robust.pValue).toBeLessThan(0.01);
  });

  // 200 seeded replications of n = 600. Tolerance: the binomial SD of a 5% rate over 200 draws
  // is 1.5 points, so the robust test must reject between 1% and 10% under no jump, and the
  // robust 95% CI must cover a jump in at least 90% of replications.
  it("rejects at about its nominal 5% rate without a jump, and covers with one", () => {
    let reject = 0;
    let cover = 0;
    const reps = 200;
    for (let s = 0; s < reps; s++) {
      const { x, y } = draw(1000 + s, 600, 0);
      const r = rdrobust({ y, x }, { c: 30 });
      if (r.robust.pValue < 0.05) reject++;
      const j = draw(5000 + s, 600, 0.2);
      const rj = rdrobust({ y: j.y, x: j.x }, { c: 30 });
      if (rj.robust.ciLower <= 0.2 && rj.robust.ciUpper >= 0.2) cover++;
    }
    expect(reject / reps).toBeGreaterThanOrEqual(0.01);
    expect(reject / reps).toBeLessThanOrEqual(0.1);
    expect(cover / reps).toBeGreaterThanOrEqual(0.9);
  });
});
