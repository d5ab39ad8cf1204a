import type { VegaLiteSpec } from "@parcours-eval/report";

/**
 * Lets a bar chart's category labels run to `px` pixels before being cut (the bar builder's
 * default, 260 px, truncates labels such as "5320Z Autres activités de poste et de courrier").
 */
export function widenLabels(spec: VegaLiteSpec, px = 400): VegaLiteSpec {
  const y = (spec as { encoding?: { y?: { axis?: Record<string, unknown> } } }).encoding?.y;
  if (y) y.axis = { ...y.axis, labelLimit: px };
  return spec;
}
