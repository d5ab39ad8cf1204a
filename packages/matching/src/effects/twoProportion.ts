import { normalPValue, normalQuantile } from "@parcours-eval/core";

/** Wald comparison of two proportions, as printed in the annex-9 tables (estimate, CI, p). */
export interface TwoProportionWald {
  /** Proportion among (matched) treated units. */
  pTreated: number;
  /** Proportion among (matched) controls. */
  pControl: number;
  /** Units behind each proportion. */
  nTreated: number;
  /** Units behind the control proportion. */
  nControl: number;
  /** pTreated − pControl. */
  difference: number;
  /** Unpooled Wald SE √(p₁(1−p₁)/n₁ + p₀(1−p₀)/n₀). */
  se: number;
  /** Wald confidence interval (normal). */
  ciLower: number;
  /** Upper end. */
  ciUpper: number;
  /** z = difference / se. */
  statistic: number;
  /** Two-sided normal p-value. */
  pValue: number;
  /** Confidence level. */
  level: number;
}

/**
 * Two-sample Wald test and interval for a difference of proportions (Agresti, Categorical Data
 * Analysis, 3rd ed., §1.4 / §2.2.3): independent samples, unpooled standard error. It ignores the
 * pairing of matched samples, which is why the matched risk difference is also reported with a
 * pair-clustered SE; it is kept because the study printed it.
 */
export function twoProportionWald(
  p1: number,
  n1: number,
  p0: number,
  n0: number,
  level = 0.95,
): TwoProportionWald {
  const difference = p1 - p0;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0);
  const z = normalQuantile(1 - (1 - level) / 2);
  const statistic = difference / se;
  return {
    pTreated: p1,
    pControl: p0,
    nTreated: n1,
    nControl: n0,
    difference,
    se,
    ciLower: difference - z * se,
    ciUpper: difference + z * se,
    statistic,
    pValue: normalPValue(statistic),
    level,
  };
}
