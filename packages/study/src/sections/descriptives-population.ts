import {
  barChart,
  type ReportBlock,
  type ReportSection,
  type ReportTable,
} from "@parcours-eval/report";
import { codeLabel, divisionLabel } from "../descriptives/naf-labels.js";
import { type Cell, type PopulationCounts, topWithRest } from "../descriptives/population.js";
import { regionName, regionOrder } from "../descriptives/regions.js";
import { studyAgeBands } from "../descriptives/tabulate.js";
import { missingName, sexName, statusName } from "../descriptives/vocabulary.js";
import { L } from "../labels.js";
import { type RunContext, tr } from "../run/context.js";
import { widenLabels } from "./chart-labels.js";

const STATUSES = ["AE", "TI_REEL"] as const;

/** Sums of a cell list by its `by` category. */
function totalsBy(cells: readonly Cell[]): Map<string | null, number> {
  const out = new Map<string | null, number>();
  for (const c of cells) out.set(c.by, (out.get(c.by) ?? 0) + c.n);
  return out;
}

/** Tableau 5: accounts by region and registration year, with a total row and column. */
function regionYearTable(ctx: RunContext, cells: readonly Cell[]): ReportTable {
  const fr = ctx.lang === "fr";
  const years = [...new Set(cells.map((c) => c.by))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a < b ? -1 : 1,
  );
  const col = (y: string | null): string => (y === null ? "year_na" : `y${y}`);
  const regions = [...new Set(cells.map((c) => c.key))].sort(
    (a, b) => regionOrder(a) - regionOrder(b),
  );
  const rows = regions.map((r) => {
    const row: Record<string, string | number> = { region: regionName(r, ctx.lang), total: 0 };
    for (const y of years) row[col(y)] = 0;
    for (const c of cells) {
      if (c.key !== r) continue;
      row[col(c.by)] = (row[col(c.by)] as number) + c.n;
      row.total = (row.total as number) + c.n;
    }
    return row;
  });
  const total: Record<string, string | number> = { region: "Total", total: 0 };
  for (const y of years) total[col(y)] = rows.reduce((s, r) => s + (r[col(y)] as number), 0);
  total.total = rows.reduce((s, r) => s + (r.total as number), 0);
  return {
    id: "desc-region-year",
    title: fr
      ? "Primo-créateurs par région et année d'immatriculation (tableau 5)"
      : "First-time creators by region and registration year (tableau 5)",
    columns: [
      { key: "region", label: fr ? "Région" : "Region" },
      ...years.map((y) => ({
        key: col(y),
        label: y ?? missingName(ctx.lang),
        format: "integer" as const,
      })),
      { key: "total", label: "Total", format: "integer" },
    ],
    rows: [...rows, total],
    note: fr
      ? "Une région n'apparaît dans l'extraction qu'à partir de l'année où elle a déployé le parcours ; la dernière année peut être partielle."
      : "A region appears in the extract from the year it deployed the journey on; the last year may be partial.",
  };
}

/** A two-way count table (category × legal status) with shares within each status. */
function byStatusTable(
  ctx: RunContext,
  id: string,
  title: string,
  header: string,
  cells: readonly Cell[],
  order: readonly (string | null)[],
  name: (key: string | null) => string,
): ReportTable {
  const totals = totalsBy(cells);
  const all = [...totals.values()].reduce((s, n) => s + n, 0);
  const rows = order.map((key) => {
    const row: Record<string, string | number | null> = { category: name(key) };
    let total = 0;
    for (const s of STATUSES) {
      const n = cells.filter((c) => c.key === key && c.by === s).reduce((a, c) => a + c.n, 0);
      row[`n_${s}`] = n;
      row[`share_${s}`] = totals.get(s) ? n / totals.get(s)! : null;
    }
    for (const c of cells) if (c.key === key) total += c.n;
    row.n = total;
    row.share = all ? total / all : null;
    return row;
  });
  const cols = STATUSES.flatMap((s) => [
    {
      key: `n_${s}`,
      label: `${statusName(s, ctx.lang)} — ${tr(ctx, L.count).toLowerCase()}`,
      format: "integer" as const,
    },
    {
      key: `share_${s}`,
      label: `${statusName(s, ctx.lang)} — ${tr(ctx, L.share).toLowerCase()}`,
      format: "percent" as const,
    },
  ]);
  return {
    id,
    title,
    columns: [
      { key: "category", label: header },
      ...cols,
      { key: "n", label: "Total", format: "integer" },
      { key: "share", label: tr(ctx, L.share), format: "percent" },
    ],
    rows,
  };
}

/** Keys present in a cell list, in a preferred order, unknown ones after, missing last. */
function keysInOrder(cells: readonly Cell[], preferred: readonly string[]): (string | null)[] {
  const present = new Set(cells.map((c) => c.key));
  const out: (string | null)[] = preferred.filter((k) => present.has(k));
  const rest = [...present].filter((k): k is string => k !== null && !preferred.includes(k)).sort();
  out.push(...rest);
  if (present.has(null)) out.push(null);
  return out;
}

/** Top NAF codes of one status (graphique 4), with the rest gathered in one row. */
function topCodesTable(
  ctx: RunContext,
  cells: readonly Cell[],
  status: string,
  top: number,
): { table: ReportTable; chart: { code: string; share: number }[] } {
  const fr = ctx.lang === "fr";
  const rows = topWithRest(
    cells.filter((c) => c.by === status),
    [status],
    top,
  );
  const total = rows.reduce((s, r) => s + r.total, 0);
  const chart = rows
    .filter((r) => !r.other && total > 0)
    .map((r) => ({ code: codeLabel(r.key, ctx.lang), share: r.total / total }));
  const table: ReportTable = {
    id: `desc-naf-codes-${status.toLowerCase().replace("_", "-")}`,
    title: fr
      ? `Les ${top} codes NAF les plus fréquents : ${statusName(status, ctx.lang)} (graphique 4)`
      : `The ${top} most frequent NAF codes: ${statusName(status, ctx.lang)} (graphique 4)`,
    columns: [
      { key: "code", label: fr ? "Code NAF" : "NAF code" },
      { key: "n", label: tr(ctx, L.count), format: "integer" },
      { key: "share", label: tr(ctx, L.share), format: "percent" },
    ],
    rows: rows.map((r) => ({
      code: r.other
        ? fr
          ? "Autres codes et non renseigné"
          : "Other codes and missing"
        : codeLabel(r.key, ctx.lang),
      n: r.total,
      share: total ? r.total / total : null,
    })),
  };
  return { table, chart };
}

/** Accounts by NAF division and status: the top divisions, then the rest. */
function divisionsTable(ctx: RunContext, cells: readonly Cell[], top: number): ReportTable {
  const fr = ctx.lang === "fr";
  const rows = topWithRest(cells, STATUSES, top);
  const totals = totalsBy(cells);
  return {
    id: "desc-naf-divisions",
    title: fr
      ? `Les ${top} divisions NAF les plus fréquentes, par statut`
      : `The ${top} most frequent NAF divisions, by status`,
    columns: [
      { key: "division", label: fr ? "Division NAF" : "NAF division" },
      ...STATUSES.flatMap((s) => [
        {
          key: `n_${s}`,
          label: `${statusName(s, ctx.lang)} — ${tr(ctx, L.count).toLowerCase()}`,
          format: "integer" as const,
        },
        {
          key: `share_${s}`,
          label: `${statusName(s, ctx.lang)} — ${tr(ctx, L.share).toLowerCase()}`,
          format: "percent" as const,
        },
      ]),
      { key: "n", label: "Total", format: "integer" },
    ],
    rows: rows.map((r) => ({
      division: r.other
        ? fr
          ? "Autres divisions et non renseigné"
          : "Other divisions and missing"
        : divisionLabel(r.key, ctx.lang),
      ...Object.fromEntries(
        STATUSES.flatMap((s) => [
          [`n_${s}`, r.n[s]!],
          [`share_${s}`, totals.get(s) ? r.n[s]! / totals.get(s)! : null],
        ]),
      ),
      n: r.total,
    })),
  };
}

/** Shares within each status as chart rows (category, status, share). */
function shareRows(
  cells: readonly Cell[],
  order: readonly (string | null)[],
  name: (key: string | null) => string,
  lang: "fr" | "en",
): Record<string, string | number>[] {
  const totals = totalsBy(cells);
  return order.flatMap((key) =>
    STATUSES.map((s) => {
      const n = cells.filter((c) => c.key === key && c.by === s).reduce((a, c) => a + c.n, 0);
      return {
        category: name(key),
        status: statusName(s, lang),
        share: totals.get(s) ? n / totals.get(s)! : 0,
      };
    }),
  );
}

/** Subsection 3.1: who the primo-créateurs are (annex 9 §37–43, tableau 5, graphiques 1–6). */
export function populationSubsection(
  ctx: RunContext,
  counts: PopulationCounts,
  top: number,
): ReportSection {
  const fr = ctx.lang === "fr";
  const year = ctx.plan.studyYear;
  const s = counts.summary;
  const growth = s.previousYear ? s.accounts / s.previousYear - 1 : null;
  const meanAge = (v: number | null): string =>
    v === null
      ? missingName(ctx.lang)
      : new Intl.NumberFormat(fr ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 }).format(v);
  const blocks: ReportBlock[] = [
    {
      kind: "figures",
      figures: [
        {
          label: fr ? `Primo-créateurs ${year}` : `First-time creators ${year}`,
          value: s.accounts,
          format: "integer",
          ...(growth !== null
            ? {
                detail: `${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)} % ${fr ? `par rapport à ${year - 1}` : `on ${year - 1}`}`,
              }
            : {}),
        },
        {
          label: fr ? "Part des AE" : "AE share",
          value: s.accounts ? s.ae / s.accounts : null,
          format: "percent",
        },
        {
          label: fr ? "Part des femmes" : "Women's share",
          value: s.sexKnown ? s.women / s.sexKnown : null,
          format: "percent",
        },
        {
          label: fr ? "Âge moyen au début d'activité" : "Mean age at activity start",
          value: `${meanAge(s.meanAgeAe)} / ${meanAge(s.meanAgeTi)}`,
          detail: fr ? "AE / TI au réel (ans)" : "AE / TI au réel (years)",
        },
      ],
    },
    { kind: "table", table: regionYearTable(ctx, counts.regionYear) },
  ];
  const regionKeys = keysInOrder(counts.regionStatus, []).sort(
    (a, b) => regionOrder(a) - regionOrder(b),
  );
  blocks.push({
    kind: "chart",
    id: "desc-region-status",
    title: fr
      ? `Primo-créateurs par région et statut, ${year} (graphiques 1–2)`
      : `First-time creators by region and status, ${year} (graphiques 1–2)`,
    spec: barChart({
      data: regionKeys.flatMap((r) =>
        STATUSES.map((st) => ({
          region: regionName(r, ctx.lang),
          status: statusName(st, ctx.lang),
          n: counts.regionStatus
            .filter((c) => c.key === r && c.by === st)
            .reduce((a, c) => a + c.n, 0),
        })),
      ),
      category: "region",
      value: "n",
      color: "status",
      valueFormat: ",d",
      sort: "data",
    }),
  });
  const bands = keysInOrder(
    counts.ageStatus,
    studyAgeBands.map((b) => b.label),
  );
  const bandName = (k: string | null): string => (k === null ? missingName(ctx.lang) : k);
  blocks.push({
    kind: "table",
    table: byStatusTable(
      ctx,
      "desc-age-status",
      fr
        ? `Âge au début d'activité par statut, ${year}`
        : `Age at activity start by status, ${year}`,
      fr ? "Âge" : "Age",
      counts.ageStatus,
      bands,
      bandName,
    ),
  });
  blocks.push({
    kind: "chart",
    id: "desc-age-status",
    title: fr
      ? `Répartition par âge selon le statut, ${year} (graphique 3)`
      : `Age distribution by status, ${year} (graphique 3)`,
    spec: barChart({
      data: shareRows(counts.ageStatus, bands, bandName, ctx.lang),
      category: "category",
      value: "share",
      color: "status",
      valueFormat: ".0%",
      sort: "data",
    }),
    note: fr
      ? "Part de chaque tranche d'âge parmi les AE et parmi les TI au réel."
      : "Share of each age band among AE and among TI au réel.",
  });
  blocks.push({
    kind: "table",
    table: byStatusTable(
      ctx,
      "desc-sex-status",
      fr ? `Sexe par statut, ${year}` : `Sex by status, ${year}`,
      fr ? "Sexe" : "Sex",
      counts.sexStatus,
      keysInOrder(counts.sexStatus, ["F", "M"]),
      (k) => sexName(k, ctx.lang),
    ),
  });
  for (const st of STATUSES) {
    const { table, chart } = topCodesTable(ctx, counts.codeStatus, st, top);
    blocks.push({ kind: "table", table });
    if (chart.length) {
      blocks.push({
        kind: "chart",
        id: table.id,
        title: table.title,
        // Already largest first; "data" order avoids vega-lite's sort-union warning.
        spec: widenLabels(
          barChart({
            data: chart,
            category: "code",
            value: "share",
            valueFormat: ".1%",
            sort: "data",
          }),
        ),
      });
    }
  }
  blocks.push({ kind: "table", table: divisionsTable(ctx, counts.divisionStatus, top) });
  return {
    id: "descriptives-population",
    title: fr ? "Les primo-créateurs" : "The first-time creators",
    blocks,
  };
}
