import type { Frame } from "@parcours-eval/core";
import type { MatchingEvaluation } from "@parcours-eval/matching";
import { type RobustnessResult, robustness } from "@parcours-eval/sensitivity";

/**
 * Sensitivity of a matched ATT (Rosenbaum bounds, E-values, contaminated controls, MDE), from the
 * matched units of an evaluation: their treatment, outcome, pair (subclass) and weight. Matched
 * sets are left out after matching with replacement, where Rosenbaum bounds do not apply.
 * Null when nothing was matched.
 */
export function matchingRobustness(
  frame: Frame,
  evaluation: MatchingEvaluation,
  outcome: string,
): RobustnessResult | null {
  const { match: m, effect } = evaluation;
  if (!effect) return null;
  const matched: number[] = [];
  for (let i = 0; i < frame.nRows; i++) if (m.weights[i]! > 0) matched.push(i);
  const y = frame.numeric(outcome);
  return robustness(
    {
      treat: matched.map((i) => m.treat[i]!),
      outcome: matched.map((i) => y[i]!),
      setId: m.options.replace ? null : matched.map((i) => m.subclass[i]!),
      weight: matched.map((i) => m.weights[i]!),
      effect: {
        estimate: effect.estimate,
        lower: effect.ciLower,
        upper: effect.ciUpper,
        se: effect.se,
      },
    },
    {},
  );
}
