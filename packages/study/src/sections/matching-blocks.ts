import { type BalanceRow, lovePlotSpec } from "@parcours-eval/matching";
import {
  estimateChart,
  type ReportBlock,
  type ReportTable,
  type VegaLiteSpec,
} from "@parcours-eval/report";
import { L } from "../labels.js";
import type { AnalysisResult } from "../results.js";
import { type RunContext, tr } from "../run/context.js";

/** Naive vs adjusted estimate with CIs, one row per analysis that ran. */
export function naiveVersusAdjustedChart(
  ctx: RunContext,
  id: string,
  title: string,
  results: readonly AnalysisResult[],
  effectFormat = "+.1%",
): ReportBlock | undefined {
  const rows = results.flatMap((r) =>
    r.estimate === null || r.ciLower === null || r.ciUpper === null
      ? []
      : [
          // The naive difference is drawn as a point (its CI is not the design's).
          ...(r.naiveEstimate === null
            ? []
            : [
                {
                  label: r.title,
                  series: tr(ctx, L.naiveSeries),
                  estimate: r.naiveEstimate,
                  ciLower: r.naiveEstimate,
                  ciUpper: r.naiveEstimate,
                },
              ]),
          {
            label: r.title,
            series: tr(ctx, L.adjustedSeries),
            estimate: r.estimate,
            ciLower: r.ciLower,
            ciUpper: r.ciUpper,
          },
        ],
  );
  if (!rows.length) return undefined;
  return {
    kind: "chart",
    id,
    title,
    spec: estimateChart({ rows, effectFormat, effectTitle: tr(ctx, L.estimate) }),
    note:
      ctx.lang === "fr"
        ? "Point : estimation ; trait : intervalle de confiance à 95 %. L'écart brut compare tous les traités à tous les non-traités."
        : "Dot: estimate; bar: 95% confidence interval. The naive difference compares all treated with all untreated units.",
  };
}

interface BalanceDetail {
  term: string;
  before: { smd: number | null };
  after: { smd: number | null };
  flagged: boolean;
}

/** The balance table (standardised mean differences before and after matching) of one analysis. */
export function balanceTable(ctx: RunContext, result: AnalysisResult): ReportTable | undefined {
  const balance = result.details?.balance as BalanceDetail[] | undefined;
  if (!balance?.length) return undefined;
  return {
    id: `balance-${result.id}`,
    title:
      ctx.lang === "fr"
        ? `Équilibre des covariables — ${result.title}`
        : `Covariate balance — ${result.title}`,
    columns: [
      { key: "term", label: tr(ctx, L.term) },
      { key: "smdBefore", label: tr(ctx, L.smdBefore), format: "proportion" },
      { key: "smdAfter", label: tr(ctx, L.smdAfter), format: "proportion" },
      { key: "flagged", label: "|SMD| > 0.1" },
    ],
    rows: [...balance]
      .sort((a, b) => Math.abs(b.before.smd ?? 0) - Math.abs(a.before.smd ?? 0))
      .map((b) => ({
        term: b.term,
        smdBefore: b.before.smd,
        smdAfter: b.after.smd,
        flagged: b.flagged,
      })),
    note:
      ctx.lang === "fr"
        ? "Différence moyenne standardisée (écart-type des traités au dénominateur), comme le graphique 14 de l'annexe 9 ; au-delà de 0,1 en valeur absolue, l'équilibre est jugé insuffisant."
        : "Standardised mean difference (treated SD as denominator), as graphique 14 of annex 9; above 0.1 in absolute value balance is deemed insufficient.",
  };
}

/** Counts of excluded units by reason for a list of analyses (one row per analysis and reason). */
export function exclusionTable(
  ctx: RunContext,
  id: string,
  results: readonly AnalysisResult[],
): ReportTable {
  return {
    id,
    title: ctx.lang === "fr" ? "Exclusions par motif" : "Exclusions by reason",
    columns: [
      { key: "id", label: tr(ctx, L.analysis), format: "text" },
      { key: "reason", label: tr(ctx, L.reason) },
      { key: "count", label: tr(ctx, L.count), format: "integer" },
    ],
    rows: results.flatMap((r) =>
      Object.entries(r.excluded).map(([reason, count]) => ({ id: r.id, reason, count })),
    ),
  };
}

/**
 * The Love plot of one analysis (graphique 14 of annex 9): |SMD| before and after matching of the
 * `top` covariate columns most imbalanced before matching (all of them when fewer).
 */
export function lovePlot(
  ctx: RunContext,
  result: AnalysisResult,
  top = 40,
): ReportBlock | undefined {
  const balance = result.details?.balance as BalanceDetail[] | undefined;
  if (!balance?.length) return undefined;
  const rows = [...balance]
    .filter((b) => b.term !== "distance")
    .sort((a, b) => Math.abs(b.before.smd ?? 0) - Math.abs(a.before.smd ?? 0))
    .slice(0, top);
  return {
    kind: "chart",
    id: `love-${result.id}`,
    title:
      ctx.lang === "fr"
        ? `Équilibre avant et après appariement — ${result.title}`
        : `Balance before and after matching — ${result.title}`,
    spec: lovePlotSpec(rows as unknown as BalanceRow[], { title: "" }) as VegaLiteSpec,
    note:
      ctx.lang === "fr"
        ? `Différence moyenne standardisée absolue des ${rows.length} modalités les plus déséquilibrées avant appariement (Unadjusted : avant ; Matched : après) ; trait pointillé : 0,1.`
        : `Absolute standardised mean difference of the ${rows.length} most imbalanced columns before matching (Unadjusted: before; Matched: after); dashed line: 0.1.`,
  };
}
