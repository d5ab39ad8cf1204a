import type { MatchingEvaluation } from "./evaluate.js";
import type { MatchResult } from "./types.js";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The documented JSON form of a matching (the CLI's `--json`, a public interface: fields are
 * only ever added): counts, caliper, per-input-row distance / weights / subclass (null when
 * unmatched), balance before/after, the effect when an outcome was given, warnings. Rows are
 * indexed from 0 in input order.
 */
export function matchResultJson(
  match: MatchResult,
  evaluation?: MatchingEvaluation,
): Record<string, unknown> {
  const e = evaluation?.effect ?? null;
  return {
    method: match.method,
    estimand: match.estimand,
    distanceKind: match.distanceKind,
    nTreated: match.nTreated,
    nControl: match.nControl,
    matchedTreated: match.matchedTreated,
    matchedControl: match.matchedControl,
    nRows: match.nRows,
    nDroppedMissing: match.nDroppedMissing,
    caliper: match.caliper,
    distance: Array.from(match.distance, num),
    weights: Array.from(match.weights),
    subclass: Array.from(match.subclass, (s) => (s === 0 ? null : s)),
    discarded: Array.from(match.discarded, (d) => d === 1),
    matchedSets: match.matchedSets,
    balance: match.balance,
    sampleSizes: match.sampleSizes,
    propensityModel: match.propensityModel,
    effect: e
      ? {
          estimand: e.estimand,
          method: e.method,
          estimate: e.estimate,
          se: e.se,
          ciLower: e.ciLower,
          ciUpper: e.ciUpper,
          pValue: e.pValue,
          vcov: e.vcov,
          level: e.level,
          df: e.df,
          meanTreated: e.meanTreated,
          meanControl: e.meanControl,
          nObs: e.nObs,
          nMissingOutcome: e.nMissingOutcome,
          nClusters: e.nClusters,
        }
      : null,
    naiveDifference: evaluation ? num(evaluation.naiveDifference) : null,
    binaryOutcome: evaluation?.binaryOutcome ?? null,
    twoProportion: evaluation?.twoProportion ?? null,
    warnings: evaluation?.warnings ?? match.warnings,
  };
}
