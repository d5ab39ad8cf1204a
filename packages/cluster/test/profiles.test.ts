import { describe, expect, it } from "vitest";
import {
  distinctProfiles,
  gowerDissimilarity,
  kmedoids,
  pam,
  prepareGower,
  silhouette,
} from "../src/index.js";
import { syntheticPopulation } from "./population.js";

describe("exact population k-medoids on weighted distinct profiles", () => {
  const frame = syntheticPopulation(700, 11, 6);
  const vars = ["age", "sex", "naf_div"];

  it("groups identical rows and counts them", () => {
    const model = prepareGower(frame, vars);
    const p = distinctProfiles(model);
    expect(p.count).toBe(302);
    expect(p.weights.reduce((s, w) => s + w, 0)).toBe(700);
    for (let i = 0; i < 700; i += 37) {
      const r = p.rows[p.profileOf[i]!]!;
      expect(frame.row(r)).toEqual(frame.row(i));
    }
  });

  const model = prepareGower(frame, vars);
  const fullDiss = gowerDissimilarity(model);

  // PAM on the 700 rows and PAM on the weighted profiles minimise the same objective.
  for (const k of [2, 3, 4, 6, 8, 10]) {
    it(`k = ${k}: same BUILD and SWAP objectives as PAM on all 700 rows`, () => {
      const full = pam(fullDiss, k);
      const viaProfiles = kmedoids(frame, { vars, k, profiles: "on" });
      expect(viaProfiles.profiles).toEqual({ used: true, count: 302 });
      expect(Math.abs(viaProfiles.objective - full.objective)).toBeLessThan(1e-12);
      expect(Math.abs(viaProfiles.objectiveBuild! - full.objectiveBuild)).toBeLessThan(1e-12);
    });
  }

  // Where no exact tie between two medoid candidates arises, the partitions are identical too.
  // (With integer ages, k = 10 has equal-cost alternatives such as ages 43 and 44: the objective
  // is the same but either may be picked.)
  for (const k of [3, 6]) {
    it(`k = ${k}: same medoid profiles, assignment and silhouette as on all rows`, () => {
      const full = pam(fullDiss, k);
      const fullSil = silhouette(fullDiss, full.assignment, k);
      const viaProfiles = kmedoids(frame, { vars, k, profiles: "on" });
      expect(viaProfiles.medoids.map((m) => frame.row(m))).toEqual(
        full.medoids.map((m) => frame.row(m)),
      );
      expect(viaProfiles.sizes).toEqual(full.sizes);
      expect(Array.from(viaProfiles.assignment)).toEqual(Array.from(full.assignment));
      expect(Math.abs(viaProfiles.silhouette! - fullSil.average)).toBeLessThan(1e-12);
      viaProfiles.clusterSilhouettes!.forEach((s, c) => {
        expect(Math.abs(s - fullSil.clusterAverages[c]!)).toBeLessThan(1e-12);
      });
    });
  }
});
