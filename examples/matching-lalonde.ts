/**
 * Propensity-score matching on LaLonde's job-training data (the MatchIt vignette's example):
 * 1:1 nearest-neighbour matching on a logistic propensity score, the balance table, then the
 * effect of the programme on 1978 earnings among the trained (ATT).
 *
 * Run: `npx tsx --conditions=source examples/matching-lalonde.ts`
 */
import { readCsv } from "@parcours-eval/core";
import { evaluateMatching, type MatchingEvaluation } from "@parcours-eval/matching";
import { fixture, isMain } from "./paths.js";

/** The covariates of Dehejia & Wahba (1999), as in MatchIt's documentation. */
export const LALONDE_FORMULA = "treat ~ age + educ + race + married + nodegree + re74 + re75";

/** Matches lalonde 1:1 (MatchIt's `matchit(f, data = lalonde)`) and estimates the ATT on re78. */
export async function matchingLalonde(): Promise<MatchingEvaluation> {
  const frame = await readCsv(fixture("data/lalonde.csv"));
  // `race` is read as a categorical column: the formula expands it to dummies, as R does.
  return evaluateMatching(frame, { formula: LALONDE_FORMULA, outcome: "re78" });
}

if (isMain(import.meta.url)) {
  const { match, effect, naiveDifference } = await matchingLalonde();
  console.log(`matched ${match.matchedTreated} treated with ${match.matchedControl} controls`);
  for (const row of match.balance) {
    console.log(
      `${row.term.padEnd(12)} SMD before ${row.before.smd?.toFixed(3)}  after ${row.after.smd?.toFixed(3)}`,
    );
  }
  console.log(`naive difference ${naiveDifference.toFixed(1)}`);
  console.log(
    `ATT ${effect!.estimate.toFixed(1)} (SE ${effect!.se.toFixed(1)}, ${effect!.vcov}), ` +
      `95% CI [${effect!.ciLower.toFixed(1)}, ${effect!.ciUpper.toFixed(1)}]`,
  );
}
