import { describe, expect, it } from "vitest";
import { golden } from "./golden.js";
import { kmedoidsGower } from "./kmedoids-gower.js";

interface PamGolden {
  mixed: {
    pam: {
      medoids: number[];
      objective: number[];
      clustering: number[];
      silhouette: { avg: number };
    };
  };
}

describe("examples/kmedoids-gower", () => {
  it("finds cluster::pam's medoids, objective and silhouette on daisy's Gower distance", async () => {
    const r = golden<PamGolden>("cluster/pam-gower.json").mixed.pam;
    const ours = await kmedoidsGower(10);
    // R numbers rows and clusters from 1; R's cluster c is the one of medoid c.
    expect(ours.medoids.map((m) => m + 1)).toEqual(r.medoids);
    expect(ours.objective).toBeCloseTo(r.objective[1]!, 10);
    expect(ours.silhouette!).toBeCloseTo(r.silhouette.avg, 10);
    const clusterOfMedoid = new Map(ours.medoids.map((m, c) => [ours.assignment[m]!, c + 1]));
    expect(Array.from(ours.assignment, (c) => clusterOfMedoid.get(c))).toEqual(r.clustering);
  });
});
