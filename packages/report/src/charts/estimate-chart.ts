import type { VegaLiteSpec } from "../render-svg.js";

/** One estimate with its confidence interval. */
export interface EstimateRow {
  /** Row label (analysis or subgroup). */
  label: string;
  /** Series, e.g. "naive" vs "matched"; drawn in different colours. */
  series?: string;
  estimate: number;
  ciLower: number;
  ciUpper: number;
}

/** Options of {@link estimateChart}. */
export interface EstimateChartOptions {
  rows: EstimateRow[];
  /** Axis title of the effect. */
  effectTitle?: string;
  /** d3-format of the effect axis, default `+.1%` (percentage points for proportions). */
  effectFormat?: string;
  width?: number;
}

/**
 * Forest-style chart: one point and CI bar per estimate, a vertical rule at zero. Used for naive
 * vs adjusted estimates and for heterogeneity. Returns a Vega-Lite spec.
 */
export function estimateChart(options: EstimateChartOptions): VegaLiteSpec {
  const fmt = options.effectFormat ?? "+.1%";
  const data = options.rows.map((r) => ({ ...r, series: r.series ?? "estimate" }));
  const hasSeries = new Set(data.map((d) => d.series)).size > 1;
  const y = { field: "label", type: "nominal", title: null, sort: null, axis: { labelLimit: 320 } };
  const color = hasSeries
    ? { field: "series", type: "nominal", title: null, legend: { orient: "bottom" } }
    : { value: "#1f5fa8" };
  const yOffset = hasSeries ? { yOffset: { field: "series", type: "nominal" } } : {};
  return {
    width: options.width ?? 420,
    height: { step: hasSeries ? 30 : 22 } as unknown as number,
    data: { values: data },
    layer: [
      { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y,
          ...yOffset,
          x: {
            field: "ciLower",
            type: "quantitative",
            title: options.effectTitle ?? null,
            axis: { format: fmt },
          },
          x2: { field: "ciUpper" },
          color,
        },
      },
      {
        mark: { type: "point", filled: true, size: 60 },
        encoding: { y, ...yOffset, x: { field: "estimate", type: "quantitative" }, color },
      },
    ],
    config: { view: { stroke: null }, axis: { labelLimit: 360 } },
  } as VegaLiteSpec;
}
