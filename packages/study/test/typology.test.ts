import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ReportTable, renderSvg } from "@parcours-eval/report";
import { simulateNational } from "@parcours-eval/simulate";
import { type ExtractHandle, loadExtract } from "@parcours-eval/urssaf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/descriptives/sql.js";
import { defaultStudyPlan } from "../src/plan/default-plan.js";
import type { RunContext } from "../src/run/context.js";
import { runTypology, type TypologyRun } from "../src/run/typology.js";
import { typologySection } from "../src/sections/typology.js";

const YEAR = defaultStudyPlan.studyYear;
const K_MIN = 4;
const K_MAX = 8;
let dir: string;
let national: ExtractHandle;
let ctx: RunContext;
let aeInYear: string[];
let run: TypologyRun;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pe-typology-"));
  await simulateNational({ out: join(dir, "national"), accounts: 20_000, seed: 5 });
  national = (await loadExtract(join(dir, "national"))).handle;
  const [head, ...lines] = (await readFile(join(dir, "national", "accounts.csv"), "utf8"))
    .trimEnd()
    .split("\n");
  const col = head!.split(";");
  const [id, status, reg] = ["account_id", "legal_status", "registration_date"].map((c) =>
    col.indexOf(c),
  ) as [number, number, number];
  aeInYear = lines
    .map((l) => l.split(";"))
    .filter((f) => f[status] === "AE" && f[reg]!.startsWith(`${YEAR}-`))
    .map((f) => f[id]!);
  ctx = {
    data: { national },
    plan: { ...defaultStudyPlan, typology: { kMin: K_MIN, kMax: K_MAX } },
    seed: 3,
    lang: "en",
    progress: () => {},
  };
  run = await runTypology(national, {
    year: YEAR,
    kMin: K_MIN,
    kMax: K_MAX,
    method: "fasterpam",
    seed: 3,
    viewName: "typology_test",
  });
}, 60_000);

afterAll(async () => {
  await national?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("typology", () => {
  it("clusters every AE of the study year and picks the k with the best silhouette", () => {
    const excluded = Object.values(run.excluded).reduce((s, n) => s + n, 0);
    expect(run.nClustered + excluded).toBe(aeInYear.length);
    expect(run.best.sizes.reduce((s, n) => s + n, 0)).toBe(run.nClustered);
    expect(run.best.k).toBeGreaterThanOrEqual(K_MIN);
    expect(run.best.k).toBeLessThanOrEqual(K_MAX);
    expect(run.kRows.map((r) => r.k)).toEqual([4, 5, 6, 7, 8]);
    const bestSil = Math.max(...run.kRows.map((r) => r.silhouette));
    expect(run.best.silhouette).toBe(bestSil);
    // Clusters are numbered by decreasing size.
    for (let c = 1; c < run.best.k; c++)
      expect(run.best.sizes[c]!).toBeLessThanOrEqual(run.best.sizes[c - 1]!);
    expect(run.profiles.clusters.map((p) => p.size)).toEqual(run.best.sizes);
  });

  it("exposes the partition as a per-account view whose indicators match tableau 12", async () => {
    const sizes = await queryRows(
      national.connection,
      "SELECT cluster, count(*) AS n FROM typology_test GROUP BY 1 ORDER BY 1",
    );
    expect(sizes.map((r) => r.n)).toEqual(run.best.sizes);
    // On-time first declaration by cluster, recomputed in SQL from the view and units.
    const rates = await queryRows(
      national.connection,
      `SELECT c.cluster, avg(CASE u.first_decl_status WHEN 'ON_TIME' THEN 1 WHEN 'LATE' THEN 0 WHEN 'NOT_FILED' THEN 0 END) AS rate
      FROM typology_test c JOIN units u USING (account_id) GROUP BY 1 ORDER BY 1`,
    );
    for (const r of rates) {
      const row = run.indicators.find(
        (x) =>
          x.cluster === String(r.cluster) &&
          x.indicator === "first_decl_on_time" &&
          x.group === "all",
      )!;
      expect(row.share).toBeCloseTo(r.rate as number, 12);
    }
    // Contact / no contact split adds up to the cluster.
    const g1 = run.indicators.filter(
      (x) => x.cluster === "1" && x.indicator === "first_decl_on_time",
    );
    const all = g1.find((x) => x.group === "all")!;
    expect(g1.filter((x) => x.group !== "all").reduce((s, x) => s + x.n + x.nMissing, 0)).toBe(
      all.n + all.nMissing,
    );
  });

  it("builds the section: summary, profiles, indicators and readable charts", async () => {
    const { section, results } = await typologySection(ctx);
    expect(results).toEqual([]);
    expect(ctx.typology?.k).toBeGreaterThanOrEqual(K_MIN);
    expect(ctx.typology?.labels).toHaveLength(ctx.typology!.k);
    const tables = section.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []));
    const byId = (id: string): ReportTable => tables.find((t) => t.id === id)!;
    const k = ctx.typology!.k;
    expect(byId("typology-profiles").rows).toHaveLength(k);
    expect(byId("typology-indicators").rows).toHaveLength(k);
    const summary = byId("typology-summary").rows;
    expect(summary.find((r) => r.item === "Chosen k")!.value).toBe(k);
    const sizes = byId("typology-profiles").rows.map((r) => r.n as number);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(
      summary.find((r) => r.item === "AE clustered")!.value,
    );
    const charts = section.blocks.flatMap((b) => (b.kind === "chart" ? [b] : []));
    const svg = async (id: string) => renderSvg(charts.find((c) => c.id === id)!.spec);
    const count = (s: string, role: string) =>
      s.match(new RegExp(`aria-roledescription="${role}"`, "g"))?.length ?? 0;
    expect(count(await svg("typology-sizes"), "bar")).toBe(k);
    expect(count(await svg("typology-indicators"), "bar")).toBe(2 * k);
    expect(count(await svg("typology-silhouette"), "line mark")).toBe(1);
    expect(count(await svg("typology-contact-declaration"), "bar")).toBe(
      byId("typology-indicators").rows.filter((r) => r.decl_1 !== null).length +
        byId("typology-indicators").rows.filter((r) => r.decl_0 !== null).length,
    );
  });

  it("gives the same partition for the same seed", async () => {
    const again = await runTypology(national, {
      year: YEAR,
      kMin: K_MIN,
      kMax: K_MAX,
      method: "fasterpam",
      seed: 3,
      viewName: "typology_again",
    });
    expect(again.best.sizes).toEqual(run.best.sizes);
    expect(Array.from(again.best.assignment)).toEqual(Array.from(run.best.assignment));
  });

  it("rejects a bad k range and reports a range the data cannot support", async () => {
    await expect(
      typologySection({ ...ctx, plan: { ...defaultStudyPlan, typology: { kMin: 9, kMax: 4 } } }),
    ).rejects.toMatchObject({ code: "STUDY_BAD_PLAN_OPTION" });
    const { section } = await typologySection({
      ...ctx,
      plan: { ...defaultStudyPlan, typology: { kMin: 4, kMax: 100_000 } },
    });
    const callout = section.blocks.find((b) => b.kind === "callout");
    expect(callout?.kind === "callout" && callout.text).toContain("KMEDOIDS_K_TOO_LARGE");
  });
});
