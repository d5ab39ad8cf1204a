export {
  type AggregateOptions,
  type Aggregation,
  type AggregationType,
  aggregate,
  type Estimate,
  type LevelEstimate,
} from "./aggregate.js";
export {
  type AttGtFit,
  type AttGtHooks,
  type AttGtResult,
  type AttGtRow,
  attGt,
} from "./att-gt.js";
export {
  type EventPoint,
  type EventStudyChartOptions,
  eventPoints,
  eventStudyChart,
  renderEventStudySvg,
} from "./chart.js";
export type { InfluenceMatrix } from "./cs/bootstrap.js";
export type { LogitFitter } from "./cs/cell.js";
export type { Exclusion } from "./cs/prepare.js";
export type { PreTest } from "./cs/pretest.js";
export type { AttGtOptions, BasePeriod, ControlGroup, ResolvedAttGtOptions } from "./options.js";
export { type SimulateStaggeredOptions, simulateStaggeredPanel } from "./simulate.js";
export { type Leveled, type StaggeredDidResult, staggeredDid } from "./staggered.js";
export {
  type EventCoefficient,
  type EventStudyOptions,
  type EventStudyResult,
  eventStudy,
} from "./twfe/event-study.js";
export { type Did2x2Options, type Did2x2Result, did2x2 } from "./twobytwo/did2x2.js";
export type { WildWeights } from "./twobytwo/wild-bootstrap.js";
