import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** A Vega-Lite specification, as a plain JSON-serialisable object. */
export type VegaLiteSpec = TopLevelSpec;

/**
 * Renders a Vega-Lite spec to a standalone SVG string, headless (no browser, no canvas: vega's
 * SVG renderer with its built-in text-width estimate), so the same spec can be shown interactively
 * in a notebook and inlined in the HTML report. Deterministic for a given spec.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const { spec: vegaSpec } = compile(spec);
  const view = new View(parse(vegaSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
