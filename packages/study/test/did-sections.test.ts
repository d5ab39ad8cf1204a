import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ParcoursError } from "@parcours-eval/core";
import { DEFAULT_ROLLOUT, simulateNational } from "@parcours-eval/simulate";
import { type ExtractHandle, loadExtract } from "@parcours-eval/urssaf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultStudyPlan } from "../src/plan/default-plan.js";
import type { StudyPlan } from "../src/plan/types.js";
import type { AnalysisResult } from "../src/results.js";
import type { RunContext } from "../src/run/context.js";
import { DEFAULT_DID_SETTINGS, didSettings } from "../src/run/did-settings.js";
import { regionRollout, semesterNumber, semesterOfDate } from "../src/run/rollout.js";
import { midiPyreneesSection } from "../src/sections/midi-pyrenees.js";
import { staggeredSection } from "../src/sections/staggered.js";

interface Truth {
  att: number | null;
  selectionBias: number | null;
  nTreated: number;
  nControl: number;
  design: Record<string, unknown>;
}

// One seeded 100,000-account national extract shared by every test; both sections run once.
let root = "";
let handle: ExtractHandle;
let truth: Record<string, Truth> = {};
let byId = new Map<string, AnalysisResult>();
let mpTitles: string[] = [];
const ctx = (h: ExtractHandle | undefined, lang: "fr" | "en" = "en"): RunContext => ({
  data: h ? { national: h } : {},
  plan: defaultStudyPlan,
  seed: 3,
  lang,
  progress: () => {},
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "pe-did-"));
  const out = join(root, "national");
  await simulateNational({ out, accounts: 100_000, seed: 21 });
  truth = JSON.parse(await readFile(`${out}.truth.json`, "utf8")).analyses;
  ({ handle } = await loadExtract(out));
  const mp = await midiPyreneesSection(ctx(handle));
  const st = await staggeredSection(ctx(handle));
  mpTitles = mp.section.blocks.flatMap((b) => (b.kind === "chart" ? [b.id] : []));
  byId = new Map([...mp.results, ...st.results].map((r) => [r.id, r]));
}, 120_000);
afterAll(async () => {
  await handle?.close();
  await rm(root, { recursive: true, force: true });
});

const OUTCOMES = ["first_declaration", "first_payment", "acre"] as const;
const get = (id: string): AnalysisResult => {
  const r = byId.get(id);
  if (!r) throw new Error(`no result ${id}`);
  return r;
};

describe("Midi-Pyrénées designs", () => {
  it("reproduce the truth's populations and observed differences exactly", () => {
    for (const o of OUTCOMES) {
      const d = truth[`mp.did.${o}`]!.design as Record<string, number>;
      const ba = get(`mp.before_after.${o}`);
      expect(ba.nTreated, o).toBe(d.nAfter);
      expect(ba.nControl, o).toBe(d.nBefore);
      expect(ba.estimate!, o).toBeCloseTo(d.afterMean! - d.beforeMean!, 12);
      expect(get(`mp.did.${o}`).estimate!, o).toBeCloseTo(d.didObserved!, 12);
      expect(get(`mp.did.${o}.other_regions`).estimate!, o).toBeCloseTo(
        d.didVsOtherRegionsObserved!,
        12,
      );
    }
  });

  it("the placebo-year DiD's CI covers the true effect of deployment", () => {
    for (const o of OUTCOMES) {
      const r = get(`mp.did.${o}`);
      const att = truth[`mp.did.${o}`]!.att!;
      expect(att, o).toBeGreaterThan(0);
      expect(r.ciLower!, `${o} ${r.ciLower} ≤ ${att}`).toBeLessThanOrEqual(att);
      expect(r.ciUpper!, `${o} ${r.ciUpper} ≥ ${att}`).toBeGreaterThanOrEqual(att);
    }
  });

  it("the before/after differs from the DiD by the 2022 H2 − H1 gap (trend + season)", () => {
    for (const o of OUTCOMES) {
      const d = truth[`mp.did.${o}`]!.design as Record<string, number>;
      const gap = get(`mp.before_after.${o}`).estimate! - get(`mp.did.${o}`).estimate!;
      expect(gap, o).toBeCloseTo(d.placebo2022Difference!, 12);
      // Before/after = effect + (trend + season of 2023); DiD = effect + (that − 2022's).
      const t = truth[`mp.did.${o}`]!;
      const sel = t.selectionBias!;
      expect(get(`mp.before_after.${o}`).estimate!, o).toBeCloseTo(t.att! + sel, 12);
      expect(get(`mp.did.${o}`).estimate!, o).toBeCloseTo(t.att! + (d.didWithoutEffect ?? 0), 12);
      expect(get(`mp.did.${o}`).naiveEstimate).toBe(get(`mp.before_after.${o}`).estimate);
    }
  });

  it("reports the wild cluster bootstrap with region clusters for the other-regions DiD", () => {
    const r = get("mp.did.first_declaration.other_regions");
    const wild = r.details?.wildBootstrap as { pValue: number; seed: number; weights: string };
    expect(wild.pValue).toBeGreaterThan(0);
    expect(wild.pValue).toBeLessThanOrEqual(1);
    expect(wild.seed).toBe(3);
    expect(wild.weights).toBe("webb");
    // MP and the 15 regions deployed before 2023 (truth's comparison set).
    const regions = r.details?.comparisonRegions as string[];
    const expected = (truth["mp.did.first_declaration"]!.design.otherRegions as string[]).sort();
    expect([...regions].sort()).toEqual(expected);
    expect(r.details?.clusters).toBe(16);
    expect(r.variance).toMatch(/CR1 by urssaf_region \(16 clusters\)/);
  });

  it("draws the design comparison and one semester chart per outcome", () => {
    expect(mpTitles).toEqual([
      "mp-designs",
      "mp-semester-means-first_declaration",
      "mp-semester-means-first_payment",
      "mp-semester-means-acre",
    ]);
  });
});

describe("staggered rollout", () => {
  const KEYS = ["contacts", "first_payment", "taxation_office"] as const;

  it("uses the truth's populations and covers the true ATT", () => {
    for (const k of KEYS) {
      const r = get(`staggered.did.${k}`);
      const t = truth[`staggered.did.${k}`]!;
      const excluded = Object.values(r.excluded).reduce((a, b) => a + b, 0);
      // Every account of the truth's population is used or counted as excluded by the design.
      const designExcluded =
        (r.excluded.PERIODS_WITHOUT_COMPARISON ?? 0) +
        Object.entries(r.excluded)
          .filter(([c]) => c.startsWith("NO_COMPARISON") || c.startsWith("SMALL_COMPARISON"))
          .reduce((a, [, n]) => a + n, 0);
      expect(r.nTreated + r.nControl + designExcluded, k).toBe(t.nTreated + t.nControl);
      expect(excluded, k).toBeGreaterThan(designExcluded);
      expect(r.ciLower!, `${k} ${r.ciLower} ≤ ${t.att}`).toBeLessThanOrEqual(t.att!);
      expect(r.ciUpper!, `${k} ${r.ciUpper} ≥ ${t.att}`).toBeGreaterThanOrEqual(t.att!);
      expect(Math.sign(r.estimate!), k).toBe(Math.sign(t.att!));
    }
  });

  it("estimates ATT(g,t) cells whose truth is in the file, with the generator's groups", () => {
    const r = get("staggered.did.first_payment");
    const design = truth["staggered.did.first_payment"]!.design as {
      groupOfRegion: Record<string, number>;
      attgt: { group: number; time: number; att: number }[];
    };
    // Truth semesters: 2017-S1 = 1.
    const toNumber = (s: number) => semesterNumber(2017, 1) + s - 1;
    const groups = r.details?.groups as Record<string, string | null>;
    for (const [region, g] of Object.entries(design.groupOfRegion)) {
      const label = groups[region];
      expect(label, region).toBe(`${Math.floor(toNumber(g) / 2)}-S${(toNumber(g) % 2) + 1}`);
    }
    const cells = (
      (r.details?.attgt ?? []) as { group: number; time: number; att: number | null }[]
    ).filter((c) => c.att !== null && c.time >= c.group);
    const truthCells = new Map(
      design.attgt.map((c) => [`${toNumber(c.group)}|${toNumber(c.time)}`, c.att]),
    );
    expect(cells.length).toBeGreaterThan(5);
    for (const c of cells) expect(truthCells.has(`${c.group}|${c.time}`)).toBe(true);
  });

  it("reports the dynamic aggregation, the pre-test status and TWFE beside", () => {
    const r = get("staggered.did.contacts");
    const dyn = r.details?.dynamic as { e: number; estimate: number | null }[];
    expect(dyn.some((d) => d.e === 0 && d.estimate !== null)).toBe(true);
    // Each region's data start in its deployment year: one pre-semester at most, nothing to test.
    expect(r.details?.pretest).toBeNull();
    const twfe = r.details?.twfe as { estimate: number; clusters: number };
    expect(twfe.clusters).toBe(21);
    expect(Number.isFinite(twfe.estimate)).toBe(true);
    expect(r.excluded.NO_COMPARISON_REGION_FIRST_YEAR_2017).toBeGreaterThan(0);
  });
});

describe("timing rule and missing data", () => {
  it("the default rule (T9.5 first year, mid-year, T6.3 correction) gives the generator's dates", () => {
    const first = Object.fromEntries(
      Object.keys(DEFAULT_ROLLOUT).map((r) => [r, r === "LANGUEDOC_ROUSSILLON" ? 2017 : 2021]),
    );
    Object.assign(first, handle.manifest?.regions_first_year);
    for (const r of regionRollout(first, DEFAULT_DID_SETTINGS.rollout)) {
      expect(r.group, r.region).toBe(semesterOfDate(DEFAULT_ROLLOUT[r.region]!));
    }
  });

  it("the plan option changes the timing and bad values are named", () => {
    const plan = {
      ...defaultStudyPlan,
      did: { rollout: { rule: "dates" as const, dates: { CORSE: "2022-03-01" } } },
    };
    const s = didSettings(plan);
    const rows = regionRollout({ CORSE: 2021, BRETAGNE: 2021 }, s.rollout);
    expect(rows.map((r) => [r.region, r.group])).toEqual([
      ["BRETAGNE", null],
      ["CORSE", semesterNumber(2022, 1)],
    ]);
    // A plan file is JSON: a wrong value reaches the reader untyped.
    const bad = { ...defaultStudyPlan, did: { rollout: { semester: 3 } } } as unknown as StudyPlan;
    expect(() => didSettings(bad)).toThrowError(ParcoursError);
    try {
      didSettings(bad);
    } catch (e) {
      expect((e as ParcoursError).code).toBe("STUDY_BAD_DID_OPTION");
      expect((e as ParcoursError).message).toContain("did.rollout.semester");
    }
  });

  it("without a national extract every result is disabled, none is skipped", async () => {
    const mp = await midiPyreneesSection(ctx(undefined, "fr"));
    const st = await staggeredSection(ctx(undefined, "fr"));
    const ids = [...mp.results, ...st.results].map((r) => r.id);
    expect(ids).toHaveLength(12);
    for (const r of [...mp.results, ...st.results]) {
      expect(r.disabled, r.id).toMatch(/national/);
      expect(r.estimate).toBeNull();
    }
  });
});
