import type { ReportLang } from "./document.js";
import type { VegaLiteSpec } from "./render-svg.js";

/** d3-format number locale of French readers: `12 345,6` and `45,2 %`. */
const FRENCH_NUMBERS = {
  decimal: ",",
  thousands: "\u202f",
  grouping: [3],
  currency: ["", "\u00a0€"],
  percent: "\u202f%",
};

/**
 * The spec with its number formats in the report's language (Vega-Lite `config.locale`), so axis
 * labels read like the tables. English keeps Vega's defaults.
 */
export function localizeSpec(spec: VegaLiteSpec, lang: ReportLang): VegaLiteSpec {
  if (lang !== "fr") return spec;
  const s = spec as VegaLiteSpec & { config?: Record<string, unknown> };
  return {
    ...s,
    config: { ...(s.config ?? {}), locale: { number: FRENCH_NUMBERS } },
  } as VegaLiteSpec;
}
