export type { BalanceSettings, BalanceStats } from "./balance/balanceStats.js";
export {
  balanceOf,
  ecdfDistance,
  effectiveSampleSize,
  weightedVariance,
} from "./balance/balanceStats.js";
export type { BalanceRow, SampleSizes } from "./balance/balanceTable.js";
export type { DiscardRule } from "./engine/discard.js";
export type { MatchMatrix } from "./engine/matchMatrix.js";
export { type NearestVectorSpec, nearestOnDistance } from "./engine/nearestVector.js";
export type { MatchOrder } from "./engine/treatedOrder.js";
export { matchUnits } from "./match.js";
export type { DistanceKind, MatchedSet, MatchOptions, MatchResult } from "./types.js";
