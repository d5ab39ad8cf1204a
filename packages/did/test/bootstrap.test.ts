import type { Frame } from "@parcours-eval/core";
import { beforeAll, describe, expect, it } from "vitest";
import { attGt, staggeredDid } from "../src/index.js";
import { golden, mpdta } from "./helpers.js";

const gold = golden<{ bootstrap: { se: number[]; crit_val: number; biters: number } }>("mpdta_cs");
const opts = {
  y: "lemp",
  t: "year",
  id: "countyreal",
  g: "first.treat",
  xformla: "~ lpop",
  estMethod: "dr",
  bootstrap: 10_000,
  seed: 7,
} as const;

let frame: Frame;
beforeAll(async () => {
  frame = await mpdta();
});

describe("multiplier bootstrap", () => {
  it("agrees with R did's bootstrap SEs and sup-t critical value within Monte Carlo error", () => {
    const r = attGt(frame, opts).result;
    expect(r.band).toBe("uniform");
    // A 10,000-draw and a 20,000-draw IQR-based SE differ by about 1.5% (sd); allow 5%.
    r.attgt.forEach((row, j) => {
      expect(Math.abs(row.se! / gold.bootstrap.se[j]! - 1)).toBeLessThan(0.05);
    });
    expect(Math.abs(r.criticalValue - gold.bootstrap.crit_val)).toBeLessThan(0.08);
  });

  it("is byte-identical for the same seed and differs for another", () => {
    const small = { ...opts, bootstrap: 199 };
    const a = JSON.stringify(staggeredDid(frame, small));
    const b = JSON.stringify(staggeredDid(frame, small));
    const c = JSON.stringify(staggeredDid(frame, { ...small, seed: 8 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("clusters: bootstrap by cluster of whole units", () => {
    // Clusters of 25 counties: SEs change but stay of the same order.
    const cl = Float64Array.from(frame.numeric("countyreal"), (v) => Math.floor(v / 1000) % 20);
    const f = frame.withColumn("cl", { kind: "numeric", values: cl });
    const r = staggeredDid(f, { ...opts, bootstrap: 199, cluster: "cl" });
    expect(r.details.variance).toContain("clustered by cl");
    for (const row of r.attgt) expect(row.se!).toBeGreaterThan(0);
  });
});
