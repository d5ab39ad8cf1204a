import { describe, expect, it } from "vitest";
import {
  type Dissimilarity,
  distDissimilarity,
  gowerDissimilarity,
  pam,
  prepareGower,
  silhouette,
} from "../src/index.js";
import { golden, type PamGolden, readFixtureCsv } from "./helpers.js";

/** Compares our PAM with a `pam_summary()` golden (1-based R indices). */
function expectSameAsR(diss: Dissimilarity, r: PamGolden, medoids?: number[]): void {
  const ours = pam(diss, r.k, medoids ? { medoids } : {});
  expect(ours.medoids.map((m) => m + 1)).toEqual(r.medoids);
  expect(Math.abs(ours.objectiveBuild - r.objective[0])).toBeLessThan(1e-12);
  expect(Math.abs(ours.objective - r.objective[1])).toBeLessThan(1e-12);
  expect(Array.from(ours.assignment, (c) => c + 1)).toEqual(r.clustering);
  const sil = silhouette(diss, ours.assignment, ours.k);
  const s = r.silhouette;
  (s.object as number[]).forEach((obj, t) => {
    expect(Math.abs(sil.widths[obj - 1]! - s.width[t])).toBeLessThan(1e-12);
    expect(sil.neighbor[obj - 1]! + 1).toBe(s.neighbor[t]);
  });
  sil.clusterAverages.forEach((a, c) => {
    expect(Math.abs(a - s.clusAvg[c])).toBeLessThan(1e-12);
  });
  expect(Math.abs(sil.average - s.avg)).toBeLessThan(1e-12);
}

describe("PAM = cluster::pam (BUILD + SWAP, silhouette)", () => {
  const flowerDiss = distDissimilarity(golden.flower.daisy.default!.lower as number[]);
  for (const r of golden.flower.pam) {
    it(`flower, k = ${r.k}`, () => expectSameAsR(flowerDiss, r));
  }

  const mixed = readFixtureCsv("mixed2000.csv", {
    sex: ["F", "M"],
    naf: Array.from({ length: 12 }, (_, i) => `N${String(i + 1).padStart(2, "0")}`),
    size: golden.mixed.sizeLevels,
  });
  const model = prepareGower(mixed, mixed.names, { types: { size: "ordered", online: "asymm" } });
  const diss = gowerDissimilarity(model);
  it("synthetic 2,000 mixed rows, k = 10", () => expectSameAsR(diss, golden.mixed.pam));
  it("synthetic 2,000 mixed rows, k = 10 from medoids 1…10 (SWAP at work)", () =>
    expectSameAsR(diss, golden.mixed.pamFrom1to10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));

  it("the large-problem path (incremental BUILD, FastPAM1 SWAP, 'first' ties) agrees with R on the 2,000 rows", () => {
    const r = golden.mixed.pam;
    const ours = pam(diss, 10, { ties: "first" });
    expect(Math.abs(ours.objectiveBuild - r.objective[0])).toBeLessThan(1e-12);
    expect(Math.abs(ours.objective - r.objective[1])).toBeLessThan(1e-12);
    expect(ours.medoids.map((m) => m + 1)).toEqual(r.medoids);
    const fromStart = pam(diss, 10, { ties: "first", medoids: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(fromStart.medoids.map((m) => m + 1)).toEqual(golden.mixed.pamFrom1to10.medoids);
    expect(Math.abs(fromStart.objective - golden.mixed.pamFrom1to10.objective[1])).toBeLessThan(
      1e-12,
    );
  });
});
