import { describe, expect, it } from "vitest";
import {
  cohenH,
  differenceSe,
  mdeDifference,
  mdeFromSe,
  mdeMcNemar,
  mdeTwoProportions,
  powerFromSe,
  powerMcNemar,
  powerTwoProportions,
} from "../src/index.js";
import { golden } from "./helpers.js";

type Alt = "two.sided" | "less" | "greater";
interface PowerGolden {
  cohen_h: { p1: number; p2: number; h: number };
  power_2p: { h: number; n: number; alternative: Alt; alpha: number; power: number }[];
  power_2p2n: {
    h: number;
    n1: number;
    n2: number;
    alternative: Alt;
    alpha: number;
    power: number;
  }[];
  mde: {
    n?: number;
    n1?: number;
    n2?: number;
    power: number;
    alpha: number;
    h: number;
    h_pwr_default_tol: number;
  }[];
}
const g = golden<PowerGolden>("power");

describe("two proportions, parity with R pwr 1.3-0", () => {
  it("Cohen's h equals pwr::ES.h", () => {
    expect(Math.abs(cohenH(g.cohen_h.p1, g.cohen_h.p2) - g.cohen_h.h)).toBeLessThan(1e-14);
  });
  it.each(g.power_2p)("pwr.2p.test power h=$h n=$n $alternative", (k) => {
    const p = powerTwoProportions(k.h, { n: k.n }, { alpha: k.alpha, alternative: k.alternative });
    expect(Math.abs(p - k.power)).toBeLessThan(1e-12);
  });
  it.each(g.power_2p2n)("pwr.2p2n.test power h=$h n1=$n1 n2=$n2 $alternative", (k) => {
    const p = powerTwoProportions(
      k.h,
      { n1: k.n1, n2: k.n2 },
      { alpha: k.alpha, alternative: k.alternative },
    );
    expect(Math.abs(p - k.power)).toBeLessThan(1e-12);
  });
  it.each(g.mde)(
    "minimum detectable h within 1e-6 of pwr's power equation (n=$n n1=$n1 n2=$n2)",
    (k) => {
      const sizes = k.n !== undefined ? { n: k.n } : { n1: k.n1!, n2: k.n2! };
      const r = mdeTwoProportions(sizes, { power: k.power, alpha: k.alpha });
      expect(Math.abs(r.h - k.h)).toBeLessThan(1e-6);
      // pwr's own solve stops at uniroot's default tolerance.
      expect(Math.abs(r.h - k.h_pwr_default_tol)).toBeLessThan(1e-3);
    },
  );
  it("turns h into detectable proportions around a baseline", () => {
    const r = mdeTwoProportions({ n: 200 }, { baseline: 0.5 });
    expect(cohenH(r.p1Above!, 0.5)).toBeCloseTo(r.h, 12);
    expect(cohenH(0.5, r.p1Below!)).toBeCloseTo(r.h, 12);
    expect(r.differenceAbove).toBeGreaterThan(0.13);
    expect(r.differenceAbove).toBeLessThan(0.15);
  });
});

describe("normal-approximation MDE and power", () => {
  it("MDE = 2.8 SE at 5% two-sided and 80% power, and power at the MDE is 80%", () => {
    const mde = mdeFromSe(0.0154);
    expect(mde).toBeCloseTo((1.959963984540054 + 0.8416212335729143) * 0.0154, 12);
    // Two-sided power at the MDE: 80% plus the far rejection tail Φ(−1.96 − 2.80) ≈ 9.6e-7.
    const far = powerFromSe(mde, 0.0154) - 0.8;
    expect(far).toBeCloseTo(9.6056e-7, 10);
  });
  it("annex 9 §100: CI ±0.030 around +1.9 points means the study could only see ≥ 4.3 points", () => {
    const se = (0.0493 - -0.0109) / 2 / 1.959963984540054;
    const mde = mdeFromSe(se);
    expect(mde).toBeGreaterThan(0.0425);
    expect(mde).toBeLessThan(0.0435);
  });
  it("difference design: SE √(p(1−p)(1/n1 + 1/n0)) for a proportion", () => {
    expect(differenceSe({ n1: 400, n0: 600, baseline: 0.5 })).toBeCloseTo(
      Math.sqrt(0.25 * (1 / 400 + 1 / 600)),
      15,
    );
    expect(mdeDifference({ n1: 100, n0: 100, sd1: 1, sd0: 1 })).toBeCloseTo(
      2.801585218 * Math.sqrt(0.02),
      8,
    );
  });
});

describe("McNemar power for matched binary pairs (Connor 1987)", () => {
  it("agrees with Connor's sample-size formula n = (z_a√ψ + z_b√(ψ−δ²))²/δ²", () => {
    const psi = 0.3;
    const delta = 0.05;
    const za = 1.959963984540054;
    const zb = 0.8416212335729143;
    const n = (za * Math.sqrt(psi) + zb * Math.sqrt(psi - delta * delta)) ** 2 / delta ** 2;
    expect(powerMcNemar(delta, psi, n)).toBeCloseTo(0.8, 10);
    expect(mdeMcNemar(psi, n)).toBeCloseTo(delta, 10);
  });
  it("more pairs detect smaller differences", () => {
    expect(mdeMcNemar(0.3, 5000)).toBeLessThan(mdeMcNemar(0.3, 500));
  });
});
