import {
  barChart,
  lineChart,
  type ReportBlock,
  type ReportSection,
  type ReportTable,
} from "@parcours-eval/report";
import type { RateRow } from "../descriptives/indicators.js";
import type { IndicatorKey } from "../descriptives/sql.js";
import { INDICATORS } from "../descriptives/sql.js";
import { INDICATOR_NAMES, INDICATOR_SHORT, INDICATOR_WORD } from "../descriptives/vocabulary.js";
import { type RunContext, tr } from "../run/context.js";
import { widenLabels } from "./chart-labels.js";

/** What the indicator subsection shows (computed by the section from DuckDB). */
export interface IndicatorData {
  overall: RateRow;
  byStatus: RateRow[];
  byAge: RateRow[];
  byRegion: RateRow[];
  byCode: RateRow[];
  /** Minimum observations of a NAF code. */
  nafMin: number;
  /** LR indicators by registration year and where each came from. */
  lr?: { declaration?: RateRow[]; payment?: RateRow[]; sources: string[] };
  /** The regions deployed in `year`, by region × registration year. */
  wave?: { year: number; regions: string[]; rows: (RateRow & { region: string })[] };
}

/** Table of the three indicators by group: n and rate of each (null below `minN`). */
export function rateTable(
  ctx: RunContext,
  id: string,
  title: string,
  header: string,
  rows: readonly RateRow[],
  name: (group: string | null) => string,
  minN = 0,
  note?: string,
): ReportTable {
  return {
    id,
    title,
    columns: [
      { key: "group", label: header },
      ...INDICATORS.flatMap((k) => [
        { key: `n_${k}`, label: `${tr(ctx, INDICATOR_WORD[k])} n`, format: "integer" as const },
        { key: `rate_${k}`, label: `${tr(ctx, INDICATOR_WORD[k])} %`, format: "percent" as const },
      ]),
    ],
    rows: rows.map((r) => ({
      group: name(r.group),
      ...Object.fromEntries(
        INDICATORS.flatMap((k) => {
          const ok = r.rates[k].n > minN;
          return [
            [`n_${k}`, r.rates[k].n],
            [`rate_${k}`, ok ? r.rates[k].rate : null],
          ];
        }),
      ),
    })),
    ...(note ? { note } : {}),
  };
}

/** Grouped bars: one bar per indicator and group (rates only where observed and above `minN`). */
function rateChart(
  ctx: RunContext,
  id: string,
  title: string,
  rows: readonly RateRow[],
  name: (group: string | null) => string,
  indicators: readonly IndicatorKey[] = INDICATORS,
  minN = 0,
  sort: "data" | "descending" = "data",
): ReportBlock | undefined {
  const data = rows.flatMap((r) =>
    indicators
      .filter((k) => r.rates[k].rate !== null && r.rates[k].n > minN)
      .map((k) => ({
        group: name(r.group),
        indicator: tr(ctx, INDICATOR_SHORT[k]),
        rate: r.rates[k].rate!,
      })),
  );
  if (!data.length) return undefined;
  // Sorting here rather than by the chart ("-x") avoids vega-lite's sort-union warning.
  if (sort === "descending") data.sort((a, b) => b.rate - a.rate);
  return {
    kind: "chart",
    id,
    title,
    spec: widenLabels(
      barChart({
        data,
        category: "group",
        value: "rate",
        valueFormat: ".0%",
        sort: "data",
        ...(indicators.length > 1 ? { color: "indicator" } : {}),
      }),
    ),
  };
}

/** Trend lines of indicators by year (one line per series). */
function trendChart(
  id: string,
  title: string,
  data: { year: string; series: string; rate: number }[],
  yTitle: string,
): ReportBlock | undefined {
  if (new Set(data.map((d) => d.year)).size < 2) return undefined;
  return {
    kind: "chart",
    id,
    title,
    spec: lineChart({ data, x: "year", y: "rate", series: "series", yFormat: ".0%", yTitle }),
  };
}

/** Subsection 3.3: the indicators' levels and trends (annex 9 §52–62, graphiques 7–13, T9.18–21). */
export function indicatorsSubsection(
  ctx: RunContext,
  d: IndicatorData,
  names: {
    age: (g: string | null) => string;
    region: (g: string | null) => string;
    code: (g: string | null) => string;
    status: (g: string | null) => string;
  },
): ReportSection {
  const fr = ctx.lang === "fr";
  const year = ctx.plan.studyYear;
  const blocks: ReportBlock[] = [
    {
      kind: "figures",
      figures: INDICATORS.map((k) => ({
        label: tr(ctx, INDICATOR_NAMES[k]),
        value: d.overall.rates[k].rate,
        format: "percent" as const,
        detail: `n = ${d.overall.rates[k].n.toLocaleString(fr ? "fr-FR" : "en-GB")}`,
      })),
    },
    {
      kind: "paragraph",
      text: fr
        ? `Indicateurs des primo-créateurs immatriculés en ${year}, extraction nationale. Première déclaration : AE dont la première échéance est passée (non déposée = hors délai). Premier versement : AE et TI au réel dont la première échéance comportait un montant dû. ACRE : 25 ans au plus au début d'activité.`
        : `Indicators of the first-time creators registered in ${year}, national extract. First declaration: AE whose first due date has passed (not filed = not on time). First payment: AE and TI au réel whose first échéance had an amount due. ACRE: aged 25 or less at activity start.`,
    },
    {
      kind: "table",
      table: rateTable(
        ctx,
        "desc-indicators-status",
        fr ? `Indicateurs par statut, ${year}` : `Indicators by status, ${year}`,
        fr ? "Statut" : "Status",
        d.byStatus,
        names.status,
      ),
    },
    {
      kind: "table",
      table: rateTable(
        ctx,
        "desc-indicators-age",
        fr
          ? `Indicateurs par âge, ${year} (graphiques 7 et 10)`
          : `Indicators by age, ${year} (graphiques 7 and 10)`,
        fr ? "Âge" : "Age",
        d.byAge,
        names.age,
      ),
    },
  ];
  const age = rateChart(
    ctx,
    "desc-indicators-age",
    fr ? "Indicateurs par âge" : "Indicators by age",
    d.byAge,
    names.age,
  );
  if (age) blocks.push(age);
  blocks.push({
    kind: "table",
    table: rateTable(
      ctx,
      "desc-indicators-region",
      fr
        ? `Indicateurs par région, ${year} (graphiques 8, 11 et 13)`
        : `Indicators by region, ${year} (graphiques 8, 11 and 13)`,
      fr ? "Région" : "Region",
      d.byRegion,
      names.region,
    ),
  });
  const region = rateChart(
    ctx,
    "desc-indicators-region",
    fr ? "Indicateurs par région" : "Indicators by region",
    d.byRegion,
    names.region,
  );
  if (region) blocks.push(region);
  const nafNote = fr
    ? `Codes NAF comptant plus de ${d.nafMin.toLocaleString("fr-FR")} observations pour au moins un indicateur (l'étude : plus de 5 000 sur 630 007 primo-créateurs, seuil ramené à la taille des données) ; taux non affiché en deçà.`
    : `NAF codes with more than ${d.nafMin.toLocaleString("en-GB")} observations for at least one indicator (the study: more than 5,000 of 630,007 creators, threshold scaled to the data); rate not shown below it.`;
  blocks.push({
    kind: "table",
    table: rateTable(
      ctx,
      "desc-indicators-naf",
      fr
        ? `Indicateurs par code NAF, ${year} (graphiques 9 et 12)`
        : `Indicators by NAF code, ${year} (graphiques 9 and 12)`,
      fr ? "Code NAF" : "NAF code",
      d.byCode,
      names.code,
      d.nafMin,
      nafNote,
    ),
  });
  for (const k of ["declaration", "payment"] as const) {
    const c = rateChart(
      ctx,
      `desc-indicators-naf-${k}`,
      `${tr(ctx, INDICATOR_NAMES[k])} ${fr ? "par code NAF" : "by NAF code"}`,
      d.byCode,
      names.code,
      [k],
      d.nafMin,
      "descending",
    );
    if (c) blocks.push(c);
  }
  if (d.lr) {
    const years = [
      ...new Set([...(d.lr.declaration ?? []), ...(d.lr.payment ?? [])].map((r) => r.group)),
    ]
      .filter((y): y is string => y !== null)
      .sort();
    const find = (rows: RateRow[] | undefined, y: string) => rows?.find((r) => r.group === y);
    blocks.push({
      kind: "table",
      table: {
        id: "desc-lr-trends",
        title: fr
          ? "Languedoc-Roussillon : indicateurs par année d'immatriculation (tableaux 18 et 19)"
          : "Languedoc-Roussillon: indicators by registration year (tableaux 18 and 19)",
        columns: [
          { key: "year", label: fr ? "Année" : "Year", format: "text" },
          {
            key: "n_declaration",
            label: `${tr(ctx, INDICATOR_WORD.declaration)} n`,
            format: "integer",
          },
          {
            key: "rate_declaration",
            label: `${tr(ctx, INDICATOR_WORD.declaration)} %`,
            format: "percent",
          },
          { key: "n_payment", label: `${tr(ctx, INDICATOR_WORD.payment)} n`, format: "integer" },
          {
            key: "rate_payment",
            label: `${tr(ctx, INDICATOR_WORD.payment)} %`,
            format: "percent",
          },
        ],
        rows: years.map((y) => ({
          year: y,
          n_declaration: find(d.lr?.declaration, y)?.rates.declaration.n ?? null,
          rate_declaration: find(d.lr?.declaration, y)?.rates.declaration.rate ?? null,
          n_payment: find(d.lr?.payment, y)?.rates.payment.n ?? null,
          rate_payment: find(d.lr?.payment, y)?.rates.payment.rate ?? null,
        })),
        note: d.lr.sources.join(" "),
      },
    });
    const lrData = years.flatMap((y) =>
      (["declaration", "payment"] as const).flatMap((k) => {
        const r = find(d.lr?.[k], y)?.rates[k];
        return r?.rate != null
          ? [{ year: y, series: tr(ctx, INDICATOR_SHORT[k]), rate: r.rate }]
          : [];
      }),
    );
    const c = trendChart(
      "desc-lr-trends",
      fr
        ? "Languedoc-Roussillon : évolution des indicateurs"
        : "Languedoc-Roussillon: indicator trends",
      lrData,
      fr ? "taux" : "rate",
    );
    if (c) blocks.push(c);
  }
  if (d.wave?.regions.length) {
    const w = d.wave;
    const years = [...new Set(w.rows.map((r) => r.group))]
      .filter((y): y is string => y !== null)
      .sort();
    for (const k of ["declaration", "payment"] as const) {
      const table: ReportTable = {
        id: `desc-wave${w.year}-${k}`,
        title: fr
          ? `${tr(ctx, INDICATOR_NAMES[k])} dans les régions déployées en ${w.year} (tableau ${k === "declaration" ? 20 : 21})`
          : `${tr(ctx, INDICATOR_NAMES[k])} in the regions deployed in ${w.year} (tableau ${k === "declaration" ? 20 : 21})`,
        columns: [
          { key: "region", label: fr ? "Région" : "Region" },
          ...years.map((y) => ({ key: `y${y}`, label: y, format: "percent" as const })),
        ],
        rows: w.regions.map((reg) => ({
          region: names.region(reg),
          ...Object.fromEntries(
            years.map((y) => [
              `y${y}`,
              w.rows.find((r) => r.region === reg && r.group === y)?.rates[k].rate ?? null,
            ]),
          ),
        })),
      };
      blocks.push({ kind: "table", table });
      const c = trendChart(
        table.id,
        table.title,
        w.rows.flatMap((r) =>
          r.group !== null && r.rates[k].rate !== null
            ? [{ year: r.group, series: names.region(r.region), rate: r.rates[k].rate! }]
            : [],
        ),
        fr ? "taux" : "rate",
      );
      if (c) blocks.push(c);
    }
  }
  return {
    id: "descriptives-indicators",
    title: fr ? "Les indicateurs" : "The indicators",
    blocks,
  };
}
