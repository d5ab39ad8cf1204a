import { renderSvg, type VegaLiteSpec } from "@parcours-eval/report";
import type { StaggeredDidResult } from "./staggered.js";
import type { EventStudyResult } from "./twfe/event-study.js";

/** One point of an event-study chart. */
export interface EventPoint {
  /** Event time e = t − g. */
  e: number;
  /** Estimate. */
  estimate: number;
  /** Lower bound of the interval (band). */
  ciLower: number;
  /** Upper bound. */
  ciUpper: number;
}

/** Options of {@link eventStudyChart}. */
export interface EventStudyChartOptions {
  /** Chart title. */
  title?: string;
  /** Label of the y axis. */
  yTitle?: string;
  /** Words for the interval in the subtitle, e.g. "95% uniform band". */
  band?: string;
}

/** The points of either event study: CS dynamic aggregation, or TWFE leads and lags. */
export function eventPoints(result: StaggeredDidResult | EventStudyResult): EventPoint[] {
  if ("coefficients" in result) {
    return result.coefficients.map((c) => ({
      e: c.e,
      estimate: c.estimate,
      ciLower: c.ciLower,
      ciUpper: c.ciUpper,
    }));
  }
  return result.aggregate.dynamic.byEvent
    .filter((b) => b.att !== null && b.ciLower !== null && b.ciUpper !== null)
    .map((b) => ({ e: b.e, estimate: b.att!, ciLower: b.ciLower!, ciUpper: b.ciUpper! }));
}

/**
 * Vega-Lite spec of an event-study plot: estimates by event time with their interval, a zero line
 * and a dashed line at treatment onset; pre-treatment points in grey, post in blue.
 */
export function eventStudyChart(
  points: readonly EventPoint[],
  options: EventStudyChartOptions = {},
): VegaLiteSpec {
  const values = points.map((p) => ({
    ...p,
    phase: p.e < 0 ? "before treatment" : "after treatment",
  }));
  const x = {
    field: "e",
    type: "quantitative",
    title: "periods since treatment (e = t − g)",
    axis: { tickMinStep: 1 },
  };
  const color = {
    field: "phase",
    type: "nominal",
    title: null,
    scale: { domain: ["before treatment", "after treatment"], range: ["#7f7f7f", "#1f5fa8"] },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: options.title ?? "Event study",
      subtitle: options.band ?? "95% confidence intervals",
    },
    width: 480,
    height: 280,
    data: { values },
    layer: [
      { mark: { type: "rule", color: "#444" }, encoding: { y: { datum: 0 } } },
      {
        mark: { type: "rule", strokeDash: [4, 4], color: "#999" },
        encoding: { x: { datum: -0.5 } },
      },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          x,
          y: { field: "ciLower", type: "quantitative", title: options.yTitle ?? "effect" },
          y2: { field: "ciUpper" },
          color,
        },
      },
      {
        mark: { type: "point", filled: true, size: 60 },
        encoding: {
          x,
          y: { field: "estimate", type: "quantitative" },
          color,
          tooltip: [
            { field: "e", type: "quantitative" },
            { field: "estimate", type: "quantitative", format: ".4f" },
            { field: "ciLower", type: "quantitative", format: ".4f" },
            { field: "ciUpper", type: "quantitative", format: ".4f" },
          ],
        },
      },
    ],
  } as VegaLiteSpec;
}

/** The event-study chart of a result, rendered to a standalone SVG string (headless). */
export function renderEventStudySvg(
  result: StaggeredDidResult | EventStudyResult,
  options: EventStudyChartOptions = {},
): Promise<string> {
  const band =
    "coefficients" in result
      ? `${Math.round((1 - result.options.alpha) * 100)}% CI, ${result.variance}`
      : `${Math.round((1 - result.details.options.alpha) * 100)}% ${result.aggregate.dynamic.band} intervals`;
  return renderSvg(eventStudyChart(eventPoints(result), { band, ...options }));
}
