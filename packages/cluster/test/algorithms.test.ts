import { categoricalColumn, Frame, numericColumn } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import {
  adjustedRandIndex,
  chooseK,
  clara,
  type Dissimilarity,
  distDissimilarity,
  fasterPam,
  gowerDissimilarity,
  kmedoids,
  kmedoidsStability,
  pam,
  prepareClustering,
  prepareGower,
} from "../src/index.js";
import { golden } from "./helpers.js";
import { syntheticPopulation } from "./population.js";

describe("adjusted Rand index", () => {
  it("matches hand-computed values", () => {
    // Contingency [[2,0,0],[0,1,1]]: Σ C(nij,2) = 1, rows 1+1, cols 1+0+0, C(4,2) = 6:
    // E = 2·1/6 = 1/3, max = 1.5 → (1 − 1/3) / (1.5 − 1/3) = 4/7.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 15);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    // Weights count identical units: same as the expanded vectors.
    expect(adjustedRandIndex([0, 1, 1], [0, 1, 2], [2, 1, 1])).toBeCloseTo(4 / 7, 15);
    // Independent partitions give a negative index here: E = 1/3 > Σ C(nij,2) = 0.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 15);
  });
});

/** Average distance to the nearest of `medoids`, by brute force. */
function cost(diss: Dissimilarity, medoids: number[], w?: Float64Array): number {
  const buf = new Float64Array(diss.n);
  const best = new Float64Array(diss.n).fill(Number.POSITIVE_INFINITY);
  for (const m of medoids) {
    const r = diss.row(m, buf);
    for (let j = 0; j < diss.n; j++) best[j] = Math.min(best[j]!, r[j]!);
  }
  let s = 0;
  let t = 0;
  for (let j = 0; j < diss.n; j++) {
    s += (w ? w[j]! : 1) * best[j]!;
    t += w ? w[j]! : 1;
  }
  return s / t;
}

/** True when no single (medoid, non-medoid) swap lowers the cost. */
function isSwapOptimal(diss: Dissimilarity, medoids: number[], w?: Float64Array): boolean {
  const c = cost(diss, medoids, w);
  for (let p = 0; p < medoids.length; p++) {
    for (let h = 0; h < diss.n; h++) {
      if (medoids.includes(h)) continue;
      const next = medoids.slice();
      next[p] = h;
      if (cost(diss, next, w) < c - 1e-12) return false;
    }
  }
  return true;
}

describe("FasterPAM", () => {
  const flower = distDissimilarity(golden.flower.daisy.default!.lower as number[]);
  it("ends in a swap-optimal solution with a consistent objective, reproducible by seed", () => {
    for (const k of [2, 3, 4]) {
      for (const seed of [1, 2, 3, 4, 5]) {
        const r = fasterPam(flower, k, { seed });
        expect(isSwapOptimal(flower, r.medoids)).toBe(true);
        expect(Math.abs(r.objective - cost(flower, r.medoids))).toBeLessThan(1e-12);
        expect(r.objective).toBeLessThanOrEqual(r.objectiveInit);
        expect(fasterPam(flower, k, { seed })).toEqual(r);
      }
    }
  });

  it("weighted: swap-optimal on profiles, close to PAM", () => {
    const frame = syntheticPopulation(3000, 5, 12);
    const vars = ["age", "sex", "naf_div"];
    const res = kmedoids(frame, { vars, k: 5, method: "fasterpam", seed: 9 });
    const exact = kmedoids(frame, { vars, k: 5 });
    expect(res.profiles.used).toBe(true);
    expect(res.seed).toBe(9);
    expect(Math.abs(res.objective / exact.objective - 1)).toBeLessThan(0.05);
    const problem = prepareClustering(frame, { vars });
    const profileOfMedoid = res.medoids.map((m) => problem.profiles!.profileOf[m]!);
    expect(isSwapOptimal(problem.diss, profileOfMedoid, problem.weights)).toBe(true);
  });

  it("PAM itself ends swap-optimal (flower, k = 2…4)", () => {
    for (const k of [2, 3, 4]) expect(isSwapOptimal(flower, pam(flower, k).medoids)).toBe(true);
  });
});

describe("CLARA", () => {
  it("samples units, keeps the best medoids and is reproducible", () => {
    const frame = syntheticPopulation(4000, 3, 10);
    const model = prepareGower(frame, ["age", "sex", "naf_div"]);
    // Rows computed on the fly (no 4,000 × 4,000 matrix): exercises the blocked kernel path.
    const diss = gowerDissimilarity(model, undefined, { cacheBytes: 0 });
    const a = clara(diss, 4, { seed: 42, samples: 4, sampleSize: 200 });
    const b = clara(diss, 4, { seed: 42, samples: 4, sampleSize: 200 });
    expect(a.medoids).toEqual(b.medoids);
    expect(a.sampleObjectives).toHaveLength(4);
    expect(a.objective).toBe(Math.min(...a.sampleObjectives));
    expect(Math.abs(a.objective - cost(diss, a.medoids))).toBeLessThan(1e-12);
    const full = kmedoids(frame, { vars: ["age", "sex", "naf_div"], k: 4 });
    expect(Math.abs(a.objective / full.objective - 1)).toBeLessThan(0.15);
  });
});

describe("choosing and checking k", () => {
  const frame = syntheticPopulation(2000, 8, 10);
  const vars = ["age", "sex", "naf_div"];
  it("tabulates the weighted silhouette over a k range", () => {
    const choice = chooseK(frame, { vars, kMin: 2, kMax: 6 });
    expect(choice.rows.map((r) => r.k)).toEqual([2, 3, 4, 5, 6]);
    const best = choice.rows.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    expect(choice.bestK).toBe(best.k);
    // Each row is the kmedoids result at that k.
    const at4 = kmedoids(frame, { vars, k: 4 });
    expect(choice.rows[2]!.silhouette).toBe(at4.silhouette);
    expect(choice.rows[2]!.objective).toBe(at4.objective);
    // More medoids never raise PAM's objective here.
    for (let i = 1; i < 5; i++)
      expect(choice.rows[i]!.objective).toBeLessThan(choice.rows[i - 1]!.objective);
  });

  it("measures stability across seeds and samples with the ARI", () => {
    const s = kmedoidsStability(frame, { vars, k: 3, seeds: [1, 2], samples: 2, sampleSize: 500 });
    expect(s.reference.k).toBe(3);
    expect(s.seedAri).toHaveLength(2);
    expect(s.sampleAri).toHaveLength(2);
    for (const a of [...s.seedAri, ...s.sampleAri]) {
      expect(a).toBeLessThanOrEqual(1 + 1e-12);
      expect(a).toBeGreaterThan(0.3);
    }
    expect(s.minAri).toBe(Math.min(...s.seedAri, ...s.sampleAri));
    // Rerunning with the reference's own algorithm and data reproduces it exactly: ARI 1.
    const again = kmedoids(frame, { vars, k: 3 });
    expect(adjustedRandIndex(again.assignment, s.reference.assignment)).toBe(1);
  });
});

describe("kmedoids bad input", () => {
  const frame = new Frame({
    age: numericColumn([20, 30, 20, 30, 20, 40]),
    sex: categoricalColumn(["F", "M", "F", "M", "F", "F"]),
    region: categoricalColumn(["A", "A", "A", "A", "A", "A"]),
  });
  it("k larger than the number of distinct profiles", () => {
    expect(() => kmedoids(frame, { vars: ["age", "sex"], k: 4 })).toThrow(
      expect.objectContaining({
        code: "KMEDOIDS_K_TOO_LARGE",
        message: expect.stringMatching(/distinct profiles .*\(3\)/),
      }),
    );
  });
  it("a constant variable", () => {
    expect(() => kmedoids(frame, { vars: ["age", "region"], k: 2 })).toThrow(
      expect.objectContaining({ code: "GOWER_CONSTANT_VARIABLE", column: "region" }),
    );
  });
  it("an unknown method, a bad k, an unknown column", () => {
    expect(() => kmedoids(frame, { vars: ["age"], k: 2, method: "kmeans" as "pam" })).toThrow(
      expect.objectContaining({ code: "KMEDOIDS_BAD_METHOD" }),
    );
    expect(() => kmedoids(frame, { vars: ["age"], k: 0 })).toThrow(
      expect.objectContaining({ code: "KMEDOIDS_BAD_K" }),
    );
    expect(() => kmedoids(frame, { vars: ["agee"], k: 2 })).toThrow(
      expect.objectContaining({ code: "FRAME_UNKNOWN_COLUMN" }),
    );
  });
});
