import type { Frame } from "@parcours-eval/core";
import { type MatchedEffect, matchedEffect } from "./effects/matchedEffect.js";
import { type TwoProportionWald, twoProportionWald } from "./effects/twoProportion.js";
import { matchUnits } from "./match.js";
import type { MatchOptions, MatchResult } from "./types.js";

/** Options of {@link evaluateMatching}: matching options plus the outcome. */
export interface EvaluateMatchingOptions extends MatchOptions {
  /** Outcome column (numeric, or 0/1). */
  outcome: string;
  /** Covariates for a g-computation ATT (default: none, difference in means). */
  adjustFor?: string | readonly string[];
  /** Confidence level (default 0.95). */
  level?: number;
}

/** Everything a matched evaluation reports (plain data). */
export interface MatchingEvaluation {
  /** The matching: matched sets, weights, subclasses, balance before/after, counts, warnings. */
  match: MatchResult;
  /** ATT on matched data with SE/CI/p and the variance estimator's name; null when nothing matched. */
  effect: MatchedEffect | null;
  /** Unadjusted difference in outcome means, treated − control, over all analysed units. */
  naiveDifference: number;
  /** Whether the outcome is 0/1 (then `effect` is a risk difference). */
  binaryOutcome: boolean;
  /** For a 0/1 outcome: the two-proportion Wald test on the matched samples (as the study printed). */
  twoProportion: TwoProportionWald | null;
  /** Warnings of the matching and of the effect. */
  warnings: string[];
}

/**
 * Matching and its effect in one call, for the `evaluate` pipeline: {@link matchUnits}, then
 * {@link matchedEffect} on `outcome`, plus the naive difference and, for a binary outcome, the
 * two-proportion Wald test. A caliper that leaves nobody matched gives an empty effect and a
 * warning, not an error.
 */
export function evaluateMatching(
  frame: Frame,
  options: EvaluateMatchingOptions,
): MatchingEvaluation {
  const { outcome, adjustFor, level, ...matchOptions } = options;
  const match = matchUnits(frame, matchOptions);
  const warnings = [...match.warnings];
  const y = frame.numeric(outcome);
  let binaryOutcome = true;
  const sums = [0, 0];
  const counts = [0, 0];
  let missingAnalysed = 0;
  const used = match.rowsUsed;
  for (let k = 0; k < used.length; k++) {
    const r = used[k]!;
    const v = y[r]!;
    if (Number.isNaN(v)) {
      missingAnalysed++;
      continue;
    }
    if (v !== 0 && v !== 1) binaryOutcome = false;
    sums[match.treat[r]!]! += v;
    counts[match.treat[r]!]!++;
  }
  if (missingAnalysed > 0)
    warnings.push(`${missingAnalysed} analysed units have no value of "${outcome}"`);
  const naiveDifference = sums[1]! / counts[1]! - sums[0]! / counts[0]!;
  let effect: MatchedEffect | null = null;
  if (match.matchedTreated > 0 && match.matchedControl > 0) {
    effect = matchedEffect(frame, match, { outcome, covariates: adjustFor, level });
  }
  let twoProportion: TwoProportionWald | null = null;
  if (binaryOutcome && effect) {
    let n1 = 0;
    let n0 = 0;
    for (let i = 0; i < frame.nRows; i++) {
      if (match.weights[i]! > 0 && !Number.isNaN(y[i]!)) {
        if (match.treat[i] === 1) n1++;
        else n0++;
      }
    }
    twoProportion = twoProportionWald(
      effect.meanTreated,
      n1,
      effect.meanControl,
      n0,
      level ?? 0.95,
    );
  }
  return { match, effect, naiveDifference, binaryOutcome, twoProportion, warnings };
}
