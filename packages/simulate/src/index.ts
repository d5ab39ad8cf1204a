export { type AccountRecord, CENSOR_MARGIN, lrEligible, NOTICE_LAG } from "./account-simulator.js";
export * from "./calendar.js";
export { type ByStatus, DEFAULT_EFFECTS, type Effects, resolveEffects } from "./effects.js";
export { type ColumnType, fileColumns, type Scope, type WrittenColumn } from "./files.js";
export type { Intercepts } from "./models.js";
export type { ResolvedOptions, SimulateOptions } from "./options.js";
export { DEFAULT_ROLLOUT, REGIONS, type RegionSpec } from "./reference/regions.js";
export { firstPeriod, laterPeriods, type Period, tiFirstEcheance } from "./schedule.js";
export {
  CONTRACT_VERSION,
  calibratedIntercepts,
  SIMULATE_VERSION,
  type SimulationResult,
  simulateNational,
  simulateRegional,
  type Truth,
  truthPathFor,
} from "./simulate.js";
export type { AnalysisTruth, TwoGroupTruth } from "./truth.js";
