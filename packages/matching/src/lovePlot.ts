import type { VegaLiteSpec } from "@parcours-eval/report";
import type { BalanceRow } from "./balance/balanceTable.js";

/** One point of a Love plot: a covariate's SMD in one sample. */
export interface LovePlotPoint {
  /** Covariate. */
  term: string;
  /** `Unadjusted` (before) or `Matched` (after). */
  sample: "Unadjusted" | "Matched";
  /** Standardised mean difference (raw difference for binaries with `binary: "raw"`). */
  smd: number;
  /** |smd|. */
  absSmd: number;
}

/** The Love plot's data, in balance-table order (null SMDs left out). */
export function lovePlotData(balance: readonly BalanceRow[]): LovePlotPoint[] {
  const out: LovePlotPoint[] = [];
  for (const row of balance) {
    for (const [sample, stats] of [
      ["Unadjusted", row.before],
      ["Matched", row.after],
    ] as const) {
      if (stats.smd === null || !Number.isFinite(stats.smd)) continue;
      out.push({ term: row.term, sample, smd: stats.smd, absSmd: Math.abs(stats.smd) });
    }
  }
  return out;
}

/** Options of {@link lovePlotSpec}. */
export interface LovePlotOptions {
  /** Plot |SMD| (default, as cobalt's `love.plot(abs = TRUE)`) or signed SMDs. */
  absolute?: boolean;
  /** Threshold line(s), default 0.1. */
  threshold?: number;
  /** Chart title. */
  title?: string;
  /** Width in pixels (default 420). */
  width?: number;
}

/**
 * Love plot (graphique 14 of the study; cobalt's `love.plot`): one row per covariate, its SMD
 * before and after matching, and the balance threshold as dashed rules. A Vega-Lite spec built
 * from the balance table, to render with `renderSvg` from `@parcours-eval/report` or interactively.
 */
export function lovePlotSpec(
  balance: readonly BalanceRow[],
  options: LovePlotOptions = {},
): VegaLiteSpec {
  const absolute = options.absolute ?? true;
  const threshold = options.threshold ?? 0.1;
  const field = absolute ? "absSmd" : "smd";
  const terms = balance.map((b) => b.term);
  const rules = absolute ? [threshold] : [-threshold, threshold];
  return {
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 420,
    height: { step: 16 } as unknown as number,
    data: { values: lovePlotData(balance) },
    layer: [
      {
        data: { values: rules.map((x) => ({ x })) },
        mark: { type: "rule", color: "#888", strokeDash: [4, 3] },
        encoding: { x: { field: "x", type: "quantitative" } },
      },
      ...(absolute
        ? []
        : [{ mark: { type: "rule", color: "#bbb" }, encoding: { x: { datum: 0 } } }]),
      {
        mark: { type: "point", filled: true, size: 50 },
        encoding: {
          y: {
            field: "term",
            type: "nominal",
            sort: terms,
            title: null,
            axis: { labelLimit: 240 },
          },
          x: {
            field,
            type: "quantitative",
            title: absolute
              ? "Absolute standardized mean difference"
              : "Standardized mean difference",
          },
          color: {
            field: "sample",
            type: "nominal",
            title: null,
            scale: { domain: ["Unadjusted", "Matched"], range: ["#c0392b", "#1f5fa8"] },
            legend: { orient: "bottom" },
          },
          tooltip: [
            { field: "term", type: "nominal" },
            { field: "sample", type: "nominal" },
            { field: "smd", type: "quantitative", format: ".3f" },
          ],
        },
      },
    ],
  } as VegaLiteSpec;
}
