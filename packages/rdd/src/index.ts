export { type AgeUnit, completedAge } from "./age.js";
export type { BwSelect } from "./bandwidth.js";
export { BW_SELECTORS } from "./bandwidth.js";
export type { DensityBwSelect, DensityOptions, DensityResult } from "./density.js";
export { rddensity } from "./density.js";
export type { Kernel } from "./kernel.js";
export { KERNELS } from "./kernel.js";
export { type RdBin, type RdPlotOptions, type RdPlotResult, rdPlot } from "./plot.js";
export { covariateColumns, type RdSpec, rd } from "./rd.js";
export { rdrobust } from "./rdrobust.js";
export type * from "./types.js";
export {
  type GroupSummary,
  rdMde,
  type WindowOptions,
  type WindowResult,
  windowComparison,
} from "./window.js";
