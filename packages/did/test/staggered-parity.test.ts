import type { Frame } from "@parcours-eval/core";
import { beforeAll, describe, expect, it } from "vitest";
import { type AttGtOptions, staggeredDid } from "../src/index.js";
import { golden, maxAbsDiff, maxRelDiff, mpdta } from "./helpers.js";

interface Agg {
  overall_att: number;
  overall_se: number;
  level?: number[];
  att?: number[];
  se?: number[];
}
interface Case {
  name: string;
  n: number;
  group: number[];
  t: number[];
  att: (number | null)[];
  se: (number | null)[];
  V: (number | null)[][];
  pretest: { W: number; df: number; p: number } | null;
  aggte: Record<"simple" | "dynamic" | "group" | "calendar", Agg>;
}
const gold = golden<{ cases: Case[] }>("mpdta_cs");

const base = { y: "lemp", t: "year", id: "countyreal", g: "first.treat" } as const;
const options: Record<string, AttGtOptions> = {
  reg_nocov_never: { ...base, estMethod: "reg" },
  dr_lpop_never: { ...base, xformla: "~ lpop", estMethod: "dr" },
  dr_lpop_notyet: { ...base, xformla: "~ lpop", estMethod: "dr", controlGroup: "notyettreated" },
  ipw_lpop_never: { ...base, xformla: "~ lpop", estMethod: "ipw" },
  reg_lpop_notyet: { ...base, xformla: "~ lpop", estMethod: "reg", controlGroup: "notyettreated" },
  reg_nocov_notyet_antic1: {
    ...base,
    estMethod: "reg",
    controlGroup: "notyettreated",
    anticipation: 1,
  },
  dr_lpop_never_universal: { ...base, xformla: "~ lpop", estMethod: "dr", basePeriod: "universal" },
  rc_dr_lpop_never: { ...base, xformla: "~ lpop", estMethod: "dr", panel: false },
  rc_reg_nocov_notyet: { ...base, estMethod: "reg", panel: false, controlGroup: "notyettreated" },
  rc_ipw_lpop_never: { ...base, xformla: "~ lpop", estMethod: "ipw", panel: false },
  rc_reg_lpop_never: { ...base, xformla: "~ lpop", estMethod: "reg", panel: false },
};

let frame: Frame;
beforeAll(async () => {
  frame = await mpdta();
});

describe("Callaway & Sant'Anna parity with R did 2.3 on mpdta", () => {
  for (const c of gold.cases) {
    it(c.name, () => {
      const opts = options[c.name];
      expect(opts, `options for ${c.name}`).toBeDefined();
      const r = staggeredDid(frame, opts!);
      expect(r.details.n).toBe(c.n);
      expect(r.attgt.map((x) => x.group)).toEqual(c.group);
      expect(r.attgt.map((x) => x.time)).toEqual(c.t);
      // ATT(g,t) within 1e-6 absolute, analytic SEs within 1e-4 relative.
      expect(
        maxAbsDiff(
          r.attgt.map((x) => x.att),
          c.att,
        ),
      ).toBeLessThan(1e-6);
      expect(
        maxRelDiff(
          r.attgt.map((x) => x.se),
          c.se,
        ),
      ).toBeLessThan(1e-4);
      // did's V_analytical is IF'IF/n, ours is its /n.
      const V = r.details.vcov.map((row) => row.map((v) => v * c.n));
      expect(maxAbsDiff(V.flat(), c.V.flat())).toBeLessThan(1e-6);
      if (c.pretest === null) expect(r.pretest).toBeNull();
      else {
        expect(r.pretest!.df).toBe(c.pretest.df);
        expect(r.pretest!.statistic).toBeCloseTo(c.pretest.W, 5);
        expect(r.pretest!.pValue).toBeCloseTo(c.pretest.p, 6);
      }
      const agg = r.aggregate;
      const check = (
        mine: { att: number | null; se: number | null },
        ref: { att: number; se: number },
      ) => {
        expect(Math.abs(mine.att! - ref.att)).toBeLessThan(1e-6);
        expect(Math.abs(mine.se! / ref.se - 1)).toBeLessThan(1e-4);
      };
      check(agg.simple, { att: c.aggte.simple.overall_att, se: c.aggte.simple.overall_se });
      const levels = {
        dynamic: agg.dynamic.byEvent.map((x) => ({ level: x.e, att: x.att, se: x.se })),
        group: agg.group.byGroup.map((x) => ({ level: x.group, att: x.att, se: x.se })),
        calendar: agg.calendar.byTime.map((x) => ({ level: x.time, att: x.att, se: x.se })),
      };
      for (const type of ["dynamic", "group", "calendar"] as const) {
        const ref = c.aggte[type];
        check(agg[type].overall, { att: ref.overall_att, se: ref.overall_se });
        expect(levels[type].map((x) => x.level)).toEqual(ref.level);
        expect(
          maxAbsDiff(
            levels[type].map((x) => x.att),
            ref.att!,
          ),
        ).toBeLessThan(1e-6);
        expect(
          maxRelDiff(
            levels[type].map((x) => x.se),
            ref.se!,
          ),
        ).toBeLessThan(1e-4);
      }
    });
  }
});
