export type { BalanceSettings, BalanceStats } from "./balance/balanceStats.js";
export {
  balanceOf,
  ecdfDistance,
  effectiveSampleSize,
  weightedVariance,
} from "./balance/balanceStats.js";
export type { BalanceRow, SampleSizes } from "./balance/balanceTable.js";
export {
  type MatchedEffect,
  type MatchedEffectOptions,
  matchedEffect,
} from "./effects/matchedEffect.js";
export { type TwoProportionWald, twoProportionWald } from "./effects/twoProportion.js";
export type { DiscardRule } from "./engine/discard.js";
export type { MatchMatrix } from "./engine/matchMatrix.js";
export { type NearestVectorSpec, nearestOnDistance } from "./engine/nearestVector.js";
export type { MatchOrder } from "./engine/treatedOrder.js";
export {
  type EvaluateMatchingOptions,
  evaluateMatching,
  type MatchingEvaluation,
} from "./evaluate.js";
export { matchResultJson } from "./json.js";
export {
  type LovePlotOptions,
  type LovePlotPoint,
  lovePlotData,
  lovePlotSpec,
} from "./lovePlot.js";
export { matchUnits } from "./match.js";
export type { DistanceKind, MatchedSet, MatchOptions, MatchResult } from "./types.js";
