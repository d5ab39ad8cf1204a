import { formatValue, type ReportTable } from "@parcours-eval/report";
import { L } from "../labels.js";
import type { AnalysisResult } from "../results.js";
import { type RunContext, tr } from "../run/context.js";

/**
 * The effects of several analyses side by side (tables 14–17 of annex 9, with the naive
 * difference and group sizes added). `proportions` formats means as percentages.
 */
export function effectTable(
  ctx: RunContext,
  id: string,
  title: string,
  results: readonly AnalysisResult[],
  proportions = true,
): ReportTable {
  const mean = proportions ? "percent" : "number";
  return {
    id,
    title,
    columns: [
      { key: "title", label: tr(ctx, L.analysis) },
      { key: "nTreated", label: tr(ctx, L.nTreated), format: "integer" },
      { key: "nControl", label: tr(ctx, L.nControl), format: "integer" },
      { key: "meanTreated", label: tr(ctx, L.meanTreated), format: mean },
      { key: "meanControl", label: tr(ctx, L.meanControl), format: mean },
      { key: "naiveEstimate", label: tr(ctx, L.naive), format: "estimate" },
      { key: "estimate", label: tr(ctx, L.estimate), format: "estimate" },
      { key: "ci", label: ctx.lang === "fr" ? "IC à 95 %" : "95% CI", htmlOnly: true },
      { key: "ciLower", label: tr(ctx, L.ciLower), format: "estimate", csvOnly: true },
      { key: "ciUpper", label: tr(ctx, L.ciUpper), format: "estimate", csvOnly: true },
      { key: "pValue", label: tr(ctx, L.pValue), format: "pvalue" },
      { key: "id", label: "id", format: "text", csvOnly: true },
    ],
    rows: results.map((r) => ({
      id: r.id,
      title: r.disabled ? `${r.title} — ${tr(ctx, L.disabled)} : ${r.disabled}` : r.title,
      nTreated: r.nTreated,
      nControl: r.nControl,
      meanTreated: r.meanTreated ?? null,
      meanControl: r.meanControl ?? null,
      naiveEstimate: r.naiveEstimate,
      estimate: r.estimate,
      ci:
        r.ciLower === null || r.ciUpper === null
          ? null
          : `[${formatValue(r.ciLower, "estimate", ctx.lang)} ; ${formatValue(r.ciUpper, "estimate", ctx.lang)}]`,
      ciLower: r.ciLower,
      ciUpper: r.ciUpper,
      pValue: r.pValue,
    })),
  };
}
