export { renderSvg, type VegaLiteSpec } from "./render-svg.js";
