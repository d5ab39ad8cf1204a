import { ParcoursError } from "@parcours-eval/core";
import type { ReportBlock, ReportSection } from "@parcours-eval/report";
import { DEFAULT_REGIONS_FIRST_YEAR } from "@parcours-eval/urssaf";
import { inboundContacts, outboundContacts } from "../descriptives/contacts.js";
import { nafThreshold, overallRates, ratesBy } from "../descriptives/indicators.js";
import { codeLabel } from "../descriptives/naf-labels.js";
import { populationCounts } from "../descriptives/population.js";
import { regionName, regionOrder } from "../descriptives/regions.js";
import { ageBandSql, sqlText } from "../descriptives/sql.js";
import { studyAgeBands } from "../descriptives/tabulate.js";
import { missingName, statusName } from "../descriptives/vocabulary.js";
import type { RunContext } from "../run/context.js";
import { contactsSubsection } from "./descriptives-contacts.js";
import { type IndicatorData, indicatorsSubsection } from "./descriptives-indicators.js";
import { populationSubsection } from "./descriptives-population.js";
import type { SectionOutput } from "./section.js";

const LR = "LANGUEDOC_ROUSSILLON";
/** The deployment wave of tableaux 20–21. */
const WAVE_YEAR = 2021;

function options(ctx: RunContext): { top: number; nafMinCount?: number } {
  const o = ctx.plan.descriptives ?? {};
  const top = o.top ?? 20;
  if (!Number.isInteger(top) || top < 1) {
    throw new ParcoursError(
      "STUDY_BAD_PLAN_OPTION",
      `descriptives.top must be a positive integer, got ${top}`,
      {
        hint: 'e.g. "descriptives": { "top": 20 }',
      },
    );
  }
  if (o.nafMinCount !== undefined && !(Number.isInteger(o.nafMinCount) && o.nafMinCount >= 0)) {
    throw new ParcoursError(
      "STUDY_BAD_PLAN_OPTION",
      `descriptives.nafMinCount must be a non-negative integer, got ${o.nafMinCount}`,
      { hint: 'e.g. "descriptives": { "nafMinCount": 5000 } (the study\'s threshold)' },
    );
  }
  return { top, ...(o.nafMinCount !== undefined ? { nafMinCount: o.nafMinCount } : {}) };
}

/** The indicator levels and trends, all aggregated in DuckDB. */
async function indicatorData(
  ctx: RunContext,
  nafMinCount: number | undefined,
): Promise<IndicatorData | undefined> {
  const national = ctx.data.national;
  if (!national) return undefined;
  const conn = national.connection;
  const y = Math.trunc(ctx.plan.studyYear);
  const inYear = `cohort_year = ${y}`;
  const overall = await overallRates(conn, inYear);
  const data: IndicatorData = {
    overall,
    byStatus: await ratesBy(conn, "legal_status", inYear),
    byAge: await ratesBy(conn, ageBandSql("age_at_activity_start"), inYear),
    byRegion: (await ratesBy(conn, "urssaf_region", inYear)).sort(
      (a, b) => regionOrder(a.group) - regionOrder(b.group),
    ),
    byCode: [],
    nafMin: nafThreshold(overall.accounts, nafMinCount),
  };
  data.byCode = (await ratesBy(conn, "ape_code", inYear)).filter(
    (r) => r.group !== null && Object.values(r.rates).some((x) => x.n > data.nafMin),
  );
  // Bands sort as text ("26–29" < "< 26"): put them back in the study's order.
  const bandOrder = studyAgeBands.map((b) => b.label);
  data.byAge.sort((a, b) => {
    const ia = a.group === null ? 99 : bandOrder.indexOf(a.group);
    const ib = b.group === null ? 99 : bandOrder.indexOf(b.group);
    return ia - ib;
  });
  const fr = ctx.lang === "fr";
  const sources: string[] = [];
  const lr: NonNullable<IndicatorData["lr"]> = { sources };
  const regional = ctx.data.regional;
  if (regional) {
    lr.declaration = await ratesBy(
      regional.connection,
      "CAST(cohort_year AS VARCHAR)",
      `cohort_year <= ${y}`,
    );
    sources.push(
      fr ? "Première déclaration : extraction régionale." : "First declaration: regional extract.",
    );
  } else {
    lr.declaration = await ratesBy(
      conn,
      "CAST(cohort_year AS VARCHAR)",
      `urssaf_region = '${LR}' AND cohort_year <= ${y}`,
    );
    sources.push(
      fr
        ? "Première déclaration : extraction nationale, comptes du Languedoc-Roussillon."
        : "First declaration: national extract, Languedoc-Roussillon accounts.",
    );
  }
  if (national.manifest?.payments_usable !== false) {
    lr.payment = await ratesBy(
      conn,
      "CAST(cohort_year AS VARCHAR)",
      `urssaf_region = '${LR}' AND cohort_year <= ${y}`,
    );
    sources.push(
      fr
        ? "Premier versement : extraction nationale restreinte au Languedoc-Roussillon (les versements de l'extraction régionale sont inexploitables, §28)."
        : "First payment: national extract restricted to Languedoc-Roussillon (the regional extract's payments are unusable, §28).",
    );
  }
  data.lr = lr;
  const firstYear = national.manifest?.regions_first_year ?? DEFAULT_REGIONS_FIRST_YEAR;
  const regions = Object.entries(firstYear)
    .filter(([, yr]) => yr === WAVE_YEAR)
    .map(([r]) => r)
    .sort((a, b) => regionOrder(a) - regionOrder(b));
  if (regions.length && y >= WAVE_YEAR) {
    const rows: (IndicatorData["byCode"][number] & { region: string })[] = [];
    for (const r of regions) {
      const byYear = await ratesBy(
        conn,
        "CAST(cohort_year AS VARCHAR)",
        `urssaf_region = ${sqlText(r)} AND cohort_year BETWEEN ${WAVE_YEAR} AND ${y}`,
      );
      rows.push(...byYear.map((x) => ({ ...x, region: r })));
    }
    data.wave = { year: WAVE_YEAR, regions, rows };
  }
  return data;
}

/**
 * Section: descriptives (annex 9 part 3) — who the primo-créateurs are (tableau 5, graphiques
 * 1–6), their contacts (tableaux 6–9) and the indicators by status, age, region and NAF code with
 * their trends (graphiques 7–13, tableaux 18–21). Everything is aggregated in DuckDB.
 */
export async function descriptivesSection(ctx: RunContext): Promise<SectionOutput> {
  const fr = ctx.lang === "fr";
  const { top, nafMinCount } = options(ctx);
  const national = ctx.data.national;
  const subsections: ReportSection[] = [];
  const blocks: ReportBlock[] = [];
  if (national) {
    const counts = await populationCounts(national.connection, ctx.plan.studyYear);
    subsections.push(populationSubsection(ctx, counts, top));
  } else {
    blocks.push({
      kind: "callout",
      tone: "warning",
      text: fr
        ? "Pas d'extraction nationale : les descriptifs nationaux ne sont pas produits."
        : "No national extract: the national descriptives are not produced.",
    });
  }
  ctx.progress("descriptives: population");
  const inbound = national
    ? await inboundContacts(national.connection, ctx.plan.studyYear)
    : undefined;
  const outbound = ctx.data.regional
    ? await outboundContacts(ctx.data.regional.connection)
    : undefined;
  subsections.push(contactsSubsection(ctx, inbound, outbound));
  ctx.progress("descriptives: contacts");
  const ind = await indicatorData(ctx, nafMinCount);
  if (ind) {
    subsections.push(
      indicatorsSubsection(ctx, ind, {
        age: (g) => g ?? missingName(ctx.lang),
        region: (g) => regionName(g, ctx.lang),
        code: (g) => codeLabel(g, ctx.lang),
        status: (g) => statusName(g, ctx.lang),
      }),
    );
  }
  ctx.progress("descriptives: indicators");
  blocks.unshift({
    kind: "paragraph",
    text: fr
      ? `Qui sont les primo-créateurs de ${ctx.plan.studyYear}, comment contactent-ils l'Urssaf, et comment réussissent-ils leurs premières démarches ? Ces tableaux refont la partie 3 de l'annexe 9 ; ils décrivent, ils ne mesurent pas d'effet.`
      : `Who the ${ctx.plan.studyYear} first-time creators are, how they contact the Urssaf, and how well they manage their first steps. These tables redo part 3 of annex 9; they describe, they do not measure effects.`,
  });
  return {
    section: {
      id: "descriptives",
      title: fr ? "Descriptifs" : "Descriptives",
      blocks,
      subsections,
    },
    results: [],
  };
}
