import type { HeterogeneityResult } from "./heterogeneity.js";

/** Options of {@link forestPlotSpec}. */
export interface ForestPlotOptions {
  /** Axis title of the effect. Default "ATT". */
  effectTitle?: string;
  /** d3-format of the effect axis. Default "+.1%" (percentage points of a proportion). */
  effectFormat?: string;
  /** Chart width in pixels. Default 420. */
  width?: number;
  /** Chart title. Default: "ATT by <subgroup>". */
  title?: string;
}

/**
 * Forest plot of subgroup ATTs as a Vega-Lite spec (a plain object; the report package renders
 * it to SVG): one point and CI bar per subgroup, a dashed rule at zero, and the Holm and BH
 * adjusted p-values in the tooltip. Subgroups without an estimate are left out of the marks.
 */
export function forestPlotSpec(
  result: HeterogeneityResult,
  options: ForestPlotOptions = {},
): Record<string, unknown> {
  const fmt = options.effectFormat ?? "+.1%";
  const values = result.rows
    .filter((r) => r.estimate !== null)
    .map((r) => ({
      label: `${r.level} (n = ${r.nTreated} + ${r.nControl})`,
      estimate: r.estimate,
      lower: r.lower,
      upper: r.upper,
      pValue: r.pValue,
      pHolm: r.pHolm,
      pBH: r.pBH,
    }));
  const y = { field: "label", type: "nominal", title: null, sort: null, axis: { labelLimit: 320 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: options.title ?? `ATT by ${result.subgroup}`,
    width: options.width ?? 420,
    height: { step: 22 },
    data: { values },
    layer: [
      { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } },
      {
        mark: { type: "rule", strokeWidth: 2, color: "#1f5fa8" },
        encoding: {
          y,
          x: {
            field: "lower",
            type: "quantitative",
            title: options.effectTitle ?? `ATT (${Math.round(result.level * 100)}% CI)`,
            axis: { format: fmt },
          },
          x2: { field: "upper" },
        },
      },
      {
        mark: { type: "point", filled: true, size: 60, color: "#1f5fa8" },
        encoding: {
          y,
          x: { field: "estimate", type: "quantitative" },
          tooltip: [
            { field: "label", type: "nominal", title: result.subgroup },
            { field: "estimate", type: "quantitative", format: fmt },
            { field: "lower", type: "quantitative", format: fmt },
            { field: "upper", type: "quantitative", format: fmt },
            { field: "pValue", type: "quantitative", format: ".3g", title: "p" },
            { field: "pHolm", type: "quantitative", format: ".3g", title: "p (Holm)" },
            { field: "pBH", type: "quantitative", format: ".3g", title: "p (BH)" },
          ],
        },
      },
    ],
    config: { view: { stroke: null } },
  };
}
