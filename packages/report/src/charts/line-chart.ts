import type { VegaLiteSpec } from "../render-svg.js";

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  data: Record<string, string | number | null>[];
  /** Ordinal x field (years, semesters, event times). */
  x: string;
  y: string;
  /** Series field (one line each). */
  series?: string;
  xTitle?: string;
  yTitle?: string;
  /** d3-format of the y axis, e.g. `.0%`. */
  yFormat?: string;
  /** Draw a vertical rule at this x value (e.g. a deployment date or event time 0). */
  markX?: string | number;
  width?: number;
  height?: number;
}

/** Trend lines with points (indicator by year and region, event-study coefficients…). */
export function lineChart(options: LineChartOptions): VegaLiteSpec {
  const layer: unknown[] = [
    {
      mark: { type: "line", point: true },
      encoding: {
        x: {
          field: options.x,
          type: "ordinal",
          title: options.xTitle ?? null,
          axis: { labelAngle: 0 },
        },
        y: {
          field: options.y,
          type: "quantitative",
          title: options.yTitle ?? null,
          axis: { format: options.yFormat ?? "~g" },
          scale: { zero: false },
        },
        ...(options.series
          ? { color: { field: options.series, type: "nominal", title: null } }
          : {}),
      },
    },
  ];
  if (options.markX !== undefined) {
    layer.push({
      mark: { type: "rule", color: "#a85a00", strokeDash: [4, 3] },
      encoding: { x: { datum: options.markX, type: "ordinal" } },
    });
  }
  return {
    width: options.width ?? 420,
    height: options.height ?? 220,
    data: { values: options.data },
    layer,
    config: { view: { stroke: null } },
  } as VegaLiteSpec;
}
