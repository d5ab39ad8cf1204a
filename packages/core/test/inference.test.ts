import { describe, expect, it } from "vitest";
import {
  bootstrap,
  chiSquareCdf,
  normalCdf,
  normalQuantile,
  ParcoursError,
  quantileSorted,
  tCdf,
  tQuantile,
  twoProportionTest,
} from "../src/index.js";
import { expectRelClose, golden } from "./helpers.js";

// Goldens written by fixtures/reference/core/inference.R (R 4.2.2).
interface G {
  pt: { x: number[]; df: number[]; value: number[] };
  qt: { p: number[]; df: number[]; value: number[] };
  pnorm: { x: number[]; value: number[] };
  qnorm: { p: number[]; value: number[] };
  pchisq: { x: number[]; df: number[]; value: number[] };
  twoProportions: {
    x: number[];
    n: number[];
    statistic: number;
    pValue: number;
    ciLower: number;
    ciUpper: number;
  }[];
  quantile7: { x: number[]; probs: number[]; value: number[] };
}
const g = golden<G>("inference.json");

describe("distributions against R", () => {
  it("pnorm/qnorm to 1e-12, including far tails", () => {
    expectRelClose(g.pnorm.x.map(normalCdf), g.pnorm.value, 1e-12);
    expectRelClose(g.qnorm.p.map(normalQuantile), g.qnorm.value, 1e-12);
  });
  it("pt/qt to 1e-10, pchisq to 1e-9", () => {
    expectRelClose(
      g.pt.x.map((x, i) => tCdf(x, g.pt.df[i]!)),
      g.pt.value,
      1e-10,
    );
    expectRelClose(
      g.qt.p.map((p, i) => tQuantile(p, g.qt.df[i]!)),
      g.qt.value,
      1e-10,
    );
    expectRelClose(
      g.pchisq.x.map((x, i) => chiSquareCdf(x, g.pchisq.df[i]!)),
      g.pchisq.value,
      1e-9,
    );
  });
  it("quantile type 7", () => {
    const sorted = [...g.quantile7.x].sort((a, b) => a - b);
    expectRelClose(
      g.quantile7.probs.map((p) => quantileSorted(sorted, p)),
      g.quantile7.value,
      1e-14,
    );
  });
});

describe("twoProportionTest", () => {
  it("equals prop.test(correct = FALSE): X² = z², p-value, Wald interval", () => {
    for (const t of g.twoProportions) {
      const r = twoProportionTest(t.x[0]!, t.n[0]!, t.x[1]!, t.n[1]!);
      expectRelClose(
        [r.z * r.z, r.pValue, r.ciLower, r.ciUpper],
        [t.statistic, t.pValue, t.ciLower, t.ciUpper],
        1e-10,
      );
      expect(r.difference).toBeCloseTo(t.x[0]! / t.n[0]! - t.x[1]! / t.n[1]!, 15);
    }
  });
  it("rejects impossible counts with a clear error", () => {
    expect(() => twoProportionTest(12, 10, 3, 10)).toThrowError(
      expect.objectContaining({ code: "PROPORTION_BAD_COUNTS" }),
    );
  });
});

describe("bootstrap", () => {
  const x = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i) * 10 + i / 5);
  const mean = (idx: Int32Array) => {
    let s = 0;
    for (const i of idx) s += x[i]!;
    return s / idx.length;
  };
  it("is deterministic for a seed and close to the analytic SE of a mean", () => {
    const a = bootstrap(x.length, mean, { replicates: 2000, seed: 42 });
    const b = bootstrap(x.length, mean, { replicates: 2000, seed: 42 });
    expect(Buffer.from(a.replicates.buffer).equals(Buffer.from(b.replicates.buffer))).toBe(true);
    const c = bootstrap(x.length, mean, { replicates: 2000, seed: 43 });
    expect(c.replicates[0]).not.toBe(a.replicates[0]);
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let ss = 0;
    for (const v of x) ss += (v - m) ** 2;
    const seAnalytic = Math.sqrt(ss / x.length / x.length); // plug-in SE of the mean
    expect(a.estimate).toBeCloseTo(m, 12);
    expect(Math.abs(a.se / seAnalytic - 1)).toBeLessThan(0.08);
    expect(a.ciLower).toBeLessThan(m);
    expect(a.ciUpper).toBeGreaterThan(m);
    expect(a.nNonFinite).toBe(0);
  });
  it("requires a seed", () => {
    expect(() => bootstrap(10, () => 1, { seed: undefined as unknown as number })).toThrow(
      ParcoursError,
    );
  });
});
