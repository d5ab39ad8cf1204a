import type { VegaLiteSpec } from "../render-svg.js";

/** Options of {@link barChart}. */
export interface BarChartOptions {
  /** Rows to plot. */
  data: Record<string, string | number | null>[];
  /** Category field (one bar each). */
  category: string;
  /** Value field (bar length). */
  value: string;
  /** Axis titles. */
  categoryTitle?: string;
  valueTitle?: string;
  /** d3-format of the value axis and labels, e.g. `.0%` or `,d`. */
  valueFormat?: string;
  /** Optional field coloured by (e.g. legal status); bars are grouped by it. */
  color?: string;
  colorTitle?: string;
  /** Sort categories by descending value (default) or keep data order. */
  sort?: "descending" | "data";
  /** Longest category label in pixels before it is cut with an ellipsis (default 260). */
  labelLimit?: number;
  width?: number;
}

/**
 * Horizontal bar chart: the most readable form for long French category labels (regions, NAF
 * codes, motives). Returns a Vega-Lite spec; render it with `renderSvg`.
 */
export function barChart(options: BarChartOptions): VegaLiteSpec {
  const fmt = options.valueFormat ?? ",d";
  const nColors = options.color
    ? new Set(options.data.map((d) => String(d[options.color!]))).size
    : 1;
  const step = options.color ? Math.max(8, 18 / nColors) : 18;
  // Categories in order of their total value, computed here: Vega-Lite's "-x" sort conflicts
  // with the grouped (yOffset) layout.
  const order: string[] = [];
  const totals = new Map<string, number>();
  for (const d of options.data) {
    const c = String(d[options.category]);
    if (!totals.has(c)) order.push(c);
    totals.set(c, (totals.get(c) ?? 0) + (Number(d[options.value]) || 0));
  }
  if (options.sort !== "data") order.sort((a, b) => totals.get(b)! - totals.get(a)!);
  const y = {
    field: options.category,
    type: "nominal" as const,
    title: options.categoryTitle ?? null,
    sort: order,
    axis: { labelLimit: options.labelLimit ?? 260 },
  };
  return {
    width: options.width ?? 420,
    height: { step: step * (options.color ? nColors : 1) } as unknown as number,
    data: { values: options.data },
    encoding: {
      y,
      x: {
        field: options.value,
        type: "quantitative",
        title: options.valueTitle ?? null,
        axis: { format: fmt },
      },
      ...(options.color
        ? {
            color: { field: options.color, type: "nominal", title: options.colorTitle ?? null },
            yOffset: { field: options.color, type: "nominal" },
          }
        : {}),
    },
    layer: [
      { mark: { type: "bar", color: options.color ? undefined : "#1f5fa8" } },
      {
        mark: { type: "text", align: "left", dx: 3, fontSize: 10 },
        encoding: {
          text: { field: options.value, type: "quantitative", format: fmt },
          color: { value: "#1d2433" },
        },
      },
    ],
    config: { view: { stroke: null }, axis: { labelLimit: 360 } },
  } as VegaLiteSpec;
}
