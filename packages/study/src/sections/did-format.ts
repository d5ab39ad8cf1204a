import { formatValue, type TableColumn } from "@parcours-eval/report";
import type { RunContext } from "../run/context.js";

/** "estimate [low ; high]" in the report's language, or null when the estimate is missing. */
export function estimateWithCi(
  ctx: RunContext,
  estimate: number | null | undefined,
  low: number | null | undefined,
  high: number | null | undefined,
): string | null {
  if (estimate === null || estimate === undefined) return null;
  const f = (v: number | null | undefined) => formatValue(v ?? null, "estimate", ctx.lang);
  const sep = ctx.lang === "fr" ? " ; " : ", ";
  return `${f(estimate)} [${f(low)}${sep}${f(high)}]`;
}

/**
 * Columns of one design in a wide table: the estimate with its CI (HTML), the p-value, and the
 * raw estimate and bounds for the CSV.
 */
export function designColumns(key: string, label: string, pLabel: string): TableColumn[] {
  return [
    { key: `${key}Ci`, label, htmlOnly: true },
    { key: `${key}P`, label: pLabel, format: "pvalue" },
    { key: `${key}Estimate`, label: `${key}Estimate`, format: "estimate", csvOnly: true },
    { key: `${key}Low`, label: `${key}Low`, format: "estimate", csvOnly: true },
    { key: `${key}High`, label: `${key}High`, format: "estimate", csvOnly: true },
  ];
}

/** The row cells of {@link designColumns} for one estimate. */
export function designCells(
  ctx: RunContext,
  key: string,
  r: {
    estimate: number | null;
    ciLower: number | null;
    ciUpper: number | null;
    pValue: number | null;
  },
): Record<string, string | number | null> {
  return {
    [`${key}Ci`]: estimateWithCi(ctx, r.estimate, r.ciLower, r.ciUpper),
    [`${key}P`]: r.pValue,
    [`${key}Estimate`]: r.estimate,
    [`${key}Low`]: r.ciLower,
    [`${key}High`]: r.ciUpper,
  };
}
