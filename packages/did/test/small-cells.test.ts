import { describe, expect, it } from "vitest";
import { staggeredDid } from "../src/index.js";
import { mpdta } from "./helpers.js";

describe("small or empty cells", () => {
  it("are NA with a warning, and the run and aggregations go on", async () => {
    const full = await mpdta();
    const g = full.numeric("first.treat");
    const year = full.numeric("year");
    // Repeated cross-sections without any 2006-cohort observation in 2005.
    const frame = full.filter(Array.from(g, (gi, i) => !(gi === 2006 && year[i] === 2005)));
    const r = staggeredDid(frame, {
      y: "lemp",
      t: "year",
      id: "countyreal",
      g: "first.treat",
      estMethod: "reg",
      panel: false,
    });
    const na = r.attgt.filter((c) => c.att === null).map((c) => `${c.group}/${c.time}`);
    // 2005 is the current period of ATT(2006, 2005) and the base period of every post cell of 2006.
    expect(na).toEqual(["2006/2005", "2006/2006", "2006/2007"]);
    expect(
      r.warnings.some((w) =>
        w.startsWith("ATT(2006, 2005) not estimated: no treated observations"),
      ),
    ).toBe(true);
    expect(r.warnings.some((w) => w.includes("left out of the dynamic aggregation"))).toBe(true);
    // The other cells are estimated and aggregated.
    expect(r.attgt.filter((c) => c.att !== null)).toHaveLength(9);
    expect(r.aggregate.simple.att).not.toBeNull();
    // Cohort 2006 has no post-treatment cell left: it drops out of the group aggregation.
    expect(r.aggregate.group.byGroup.map((x) => x.group)).toEqual([2004, 2007]);
    expect(r.details.counts.rowsUsed).toBe(2500 - 40); // the 40 counties of cohort 2006, in 2005
  });

  it("bad options name the option and the allowed values", async () => {
    const frame = await mpdta();
    expect(() =>
      staggeredDid(frame, {
        y: "lemp",
        t: "year",
        id: "countyreal",
        g: "first.treat",
        controlGroup: "never" as never,
      }),
    ).toThrow(/controlGroup/);
    expect(() => staggeredDid(frame, { y: "lemp", t: "year", g: "first.treat" })).toThrow(
      /option id is required/,
    );
  });
});
