import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ReportBlock,
  type ReportSection,
  type ReportTable,
  renderSvg,
} from "@parcours-eval/report";
import { simulateNational, simulateRegional } from "@parcours-eval/simulate";
import { type ExtractHandle, loadExtract } from "@parcours-eval/urssaf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultStudyPlan } from "../src/plan/default-plan.js";
import type { RunContext } from "../src/run/context.js";
import { descriptivesSection } from "../src/sections/descriptives.js";

/** Rows of a `;`-separated canonical CSV as objects (no quoted separators in simulated files). */
async function readCsv(path: string): Promise<Record<string, string>[]> {
  const [head, ...lines] = (await readFile(path, "utf8")).trimEnd().split("\n");
  const names = head!.split(";");
  return lines.map((l) => Object.fromEntries(l.split(";").map((v, i) => [names[i]!, v])));
}

/** Completed years between two ISO dates. */
function completedYears(birth: string, at: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [ay, am, ad] = at.split("-").map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

const ACCOUNTS = 20_000;
const YEAR = defaultStudyPlan.studyYear;
let dir: string;
let national: ExtractHandle;
let regional: ExtractHandle;
let accounts: Record<string, string>[];
let section: ReportSection;
let ctx: RunContext;

const blocks = (): ReportBlock[] => [
  ...section.blocks,
  ...(section.subsections ?? []).flatMap((s) => s.blocks),
];
const table = (id: string): ReportTable => {
  const b = blocks().find((x) => x.kind === "table" && x.table.id === id);
  if (b?.kind !== "table") throw new Error(`no table ${id}`);
  return b.table;
};
const chart = (id: string) => {
  const b = blocks().find((x) => x.kind === "chart" && x.id === id);
  if (b?.kind !== "chart") throw new Error(`no chart ${id}`);
  return b;
};
const marks = (svg: string, role: string): number =>
  svg.match(new RegExp(`aria-roledescription="${role}"`, "g"))?.length ?? 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pe-descriptives-"));
  await simulateNational({ out: join(dir, "national"), accounts: ACCOUNTS, seed: 11 });
  await simulateRegional({ out: join(dir, "regional"), accounts: 4000, seed: 11 });
  national = (await loadExtract(join(dir, "national"))).handle;
  regional = (await loadExtract(join(dir, "regional"))).handle;
  accounts = await readCsv(join(dir, "national", "accounts.csv"));
  ctx = {
    data: { national, regional },
    plan: defaultStudyPlan,
    seed: 1,
    lang: "fr",
    progress: () => {},
  };
  section = (await descriptivesSection(ctx)).section;
}, 60_000);

afterAll(async () => {
  await national?.close();
  await regional?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("descriptives section", () => {
  it("counts every account once in tableau 5, by region and year", () => {
    const t = table("desc-region-year");
    const total = t.rows.at(-1)!;
    expect(total.region).toBe("Total");
    expect(total.total).toBe(ACCOUNTS);
    // Column sums recomputed from accounts.csv.
    const y2023 = accounts.filter((a) => a.registration_date!.startsWith(`${YEAR}-`)).length;
    expect(total[`y${YEAR}`]).toBe(y2023);
    const lr = t.rows.find((r) => r.region === "Languedoc-Roussillon")!;
    expect(lr.total).toBe(
      accounts.filter((a) => a.urssaf_region === "LANGUEDOC_ROUSSILLON").length,
    );
  });

  it("splits the study year by age band, sex and NAF with counts adding up", () => {
    const inYear = accounts.filter((a) => a.registration_date!.startsWith(`${YEAR}-`));
    const ae = inYear.filter((a) => a.legal_status === "AE").length;
    const age = table("desc-age-status");
    expect(age.rows.reduce((s, r) => s + (r.n as number), 0)).toBe(inYear.length);
    expect(age.rows.reduce((s, r) => s + (r.n_AE as number), 0)).toBe(ae);
    const sex = table("desc-sex-status");
    const women = inYear.filter((a) => a.sex === "F").length;
    expect(sex.rows.find((r) => r.category === "Femmes")!.n).toBe(women);
    const codes = table("desc-naf-codes-ae");
    expect(codes.rows).toHaveLength(21); // top 20 + the rest
    expect(codes.rows.reduce((s, r) => s + (r.n as number), 0)).toBe(ae);
    const top = new Map<string, number>();
    for (const a of inYear.filter((x) => x.legal_status === "AE"))
      top.set(a.ape_code!, (top.get(a.ape_code!) ?? 0) + 1);
    const first = [...top.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    expect(String(codes.rows[0]!.code).startsWith(first[0])).toBe(true);
    expect(codes.rows[0]!.n).toBe(first[1]);
    const divisions = table("desc-naf-divisions");
    expect(divisions.rows.reduce((s, r) => s + (r.n as number), 0)).toBe(inYear.length);
  });

  it("reports inbound contacts by channel as in contacts.csv", async () => {
    const inYear = new Set(
      accounts.filter((a) => a.registration_date!.startsWith(`${YEAR}-`)).map((a) => a.account_id),
    );
    const contacts = (await readCsv(join(dir, "national", "contacts.csv"))).filter(
      (c) => c.direction === "IN" && inYear.has(c.account_id!),
    );
    const t = table("desc-inbound-channels");
    expect(t.rows.reduce((s, r) => s + (r.contacts as number), 0)).toBe(contacts.length);
    const phone = t.rows.find((r) => r.channel === "Téléphone")!;
    expect(phone.contacts).toBe(contacts.filter((c) => c.channel === "PHONE").length);
    expect(phone.people).toBe(
      new Set(contacts.filter((c) => c.channel === "PHONE").map((c) => c.account_id)).size,
    );
  });

  it("computes ACRE among under-26 by status as recomputed from accounts.csv", () => {
    const young = accounts.filter(
      (a) =>
        a.registration_date!.startsWith(`${YEAR}-`) &&
        completedYears(a.birth_date!, a.activity_start_date!) <= 25,
    );
    const t = table("desc-indicators-status");
    for (const [status, label] of [
      ["AE", "AE"],
      ["TI_REEL", "TI au réel"],
    ] as const) {
      const group = young.filter((a) => a.legal_status === status);
      const rate = group.filter((a) => a.acre_start_date !== "").length / group.length;
      const row = t.rows.find((r) => r.group === label)!;
      expect(row.n_acre).toBe(group.length);
      expect(row.rate_acre).toBeCloseTo(rate, 12);
    }
    // TI au réel have no periodic declaration: the indicator does not apply.
    expect(t.rows.find((r) => r.group === "TI au réel")!.n_declaration).toBe(0);
  });

  it("shows only NAF codes above the scaled threshold", () => {
    const inYear = accounts.filter((a) => a.registration_date!.startsWith(`${YEAR}-`)).length;
    const min = Math.max(30, Math.round((5000 * inYear) / 630_007));
    const t = table("desc-indicators-naf");
    expect(t.rows.length).toBeGreaterThan(0);
    for (const r of t.rows) {
      const ns = ["n_declaration", "n_payment", "n_acre"].map((k) => r[k] as number);
      expect(Math.max(...ns)).toBeGreaterThan(min);
      if ((r.n_acre as number) <= min) expect(r.rate_acre).toBeNull();
    }
    expect(t.note).toContain(`plus de ${min.toLocaleString("fr-FR")} observations`);
  });

  it("counts LR outbound contacts once per account, day and channel", async () => {
    const out = (await readCsv(join(dir, "regional", "contacts.csv"))).filter(
      (c) => c.direction === "OUT",
    );
    const calls = new Set(out.map((c) => `${c.account_id}|${c.contact_date}|${c.channel}`));
    const t = table("desc-lr-outbound");
    const sum = t.rows.reduce(
      (s, r) =>
        s + Object.entries(r).reduce((a, [k, v]) => a + (k.startsWith("y") ? (v as number) : 0), 0),
      0,
    );
    expect(sum).toBe(calls.size);
  });

  it("renders its charts with one mark per category", async () => {
    const bands = table("desc-age-status"); // 6 age bands × 2 statuses
    const age = await renderSvg(chart("desc-age-status").spec);
    expect(marks(age, "bar")).toBe(bands.rows.length * 2);
    const channels = await renderSvg(chart("desc-inbound-channels").spec);
    expect(marks(channels, "bar")).toBe(table("desc-inbound-channels").rows.length);
    const trends = await renderSvg(chart("desc-lr-trends").spec);
    expect(marks(trends, "line mark")).toBe(2);
    expect(trends).toContain("Déclaration à temps");
  });

  it("rejects a bad plan option", async () => {
    await expect(
      descriptivesSection({ ...ctx, plan: { ...defaultStudyPlan, descriptives: { top: 0 } } }),
    ).rejects.toMatchObject({ code: "STUDY_BAD_PLAN_OPTION" });
  });
});
