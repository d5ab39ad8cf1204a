export * from "./charts/index.js";
export { tableToCsv } from "./csv.js";
export * from "./document.js";
export { escapeHtml, formatValue } from "./format.js";
export { localizeSpec } from "./locale.js";
export { renderHtml } from "./render-html.js";
export { renderSvg, type VegaLiteSpec } from "./render-svg.js";
