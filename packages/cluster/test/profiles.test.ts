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

  // PAM on the 700 rows and PAM on the weighted profiles minimise the same objective and, with
  // the representation-free "first" tie rule, take the same path: same medoid profiles, same
  // partition, same silhouette.
  for (const k of [2, 3, 4, 6, 8, 10, 15]) {
    it(`k = ${k}: PAM on 302 weighted profiles = PAM on all 700 rows`, () => {
      const full = pam(fullDiss, k, { ties: "first" });
      const fullSil = silhouette(fullDiss, full.assignment, k);
      const viaProfiles = kmedoids(frame, { vars, k, profiles: "on" });
      expect(viaProfiles.profiles).toEqual({ used: true, count: 302 });
      expect(Math.abs(viaProfiles.objective - full.objective)).toBeLessThan(1e-12);
      expect(Math.abs(viaProfiles.objectiveBuild! - full.objectiveBuild)).toBeLessThan(1e-12);
      expect(viaProfiles.swaps).toBe(full.swaps);
      // The first row of each medoid profile is the medoid row chosen on the full data.
      expect(viaProfiles.medoids).toEqual(full.medoids);
      expect(viaProfiles.sizes).toEqual(full.sizes);
      expect(Array.from(viaProfiles.assignment)).toEqual(Array.from(full.assignment));
      expect(Math.abs(viaProfiles.silhouette! - fullSil.average)).toBeLessThan(1e-12);
      viaProfiles.clusterSilhouettes!.forEach((s, c) => {
        expect(Math.abs(s - fullSil.clusterAverages[c]!)).toBeLessThan(1e-12);
      });
    });
  }

  it("R's tie rule reaches the same objective here too (k = 3, 6)", () => {
    for (const k of [3, 6]) {
      const r = pam(fullDiss, k);
      const viaProfiles = kmedoids(frame, { vars, k, profiles: "on" });
      expect(Math.abs(viaProfiles.objective - r.objective)).toBeLessThan(1e-12);
    }
  });
});
