import { describe, expect, it } from "vitest";
import { didMpdta } from "./did-mpdta.js";
import { golden } from "./golden.js";

interface DidGolden {
  cases: {
    name: string;
    aggte: Record<"simple" | "dynamic", { overall_att: number; overall_se: number }>;
  }[];
}

describe("examples/did-mpdta", () => {
  it("gives R did's overall and event-study ATTs (dr, never treated, ~ lpop)", async () => {
    const r = golden<DidGolden>("did/mpdta_cs.json").cases.find(
      (c) => c.name === "dr_lpop_never",
    )!.aggte;
    const ours = await didMpdta();
    expect(ours.aggregate.simple.att!).toBeCloseTo(r.simple.overall_att, 6); // −0.0418
    expect(ours.aggregate.simple.se!).toBeCloseTo(r.simple.overall_se, 4);
    expect(ours.aggregate.dynamic.overall.att!).toBeCloseTo(r.dynamic.overall_att, 6);
  });
});
