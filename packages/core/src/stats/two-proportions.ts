import { ParcoursError } from "../errors.js";
import { normalCdf, normalQuantile } from "./distributions.js";

/** Result of {@link twoProportionTest}. */
export interface TwoProportionResult {
  /** Successes / trials in group 1 and group 2. */
  p1: number;
  p2: number;
  /** p1 − p2. */
  difference: number;
  /** Unpooled (Wald) standard error √(p1(1−p1)/n1 + p2(1−p2)/n2), used for the interval. */
  se: number;
  /** Wald confidence interval of the difference. */
  ciLower: number;
  ciUpper: number;
  /** Confidence level of the interval. */
  conf: number;
  /** z statistic of H0: p1 = p2, with the pooled standard error (z² = prop.test's X², no correction). */
  z: number;
  /** Two-sided p-value of that test. */
  pValue: number;
  /** Trials per group. */
  n1: number;
  n2: number;
}

function checkCounts(x: number, n: number, which: string) {
  if (!(Number.isInteger(n) && n > 0 && Number.isInteger(x) && x >= 0 && x <= n)) {
    throw new ParcoursError(
      "PROPORTION_BAD_COUNTS",
      `group ${which}: ${x} successes out of ${n} trials is not a valid count`,
      {
        hint: "successes and trials must be whole numbers with 0 ≤ successes ≤ trials, trials > 0",
      },
    );
  }
}

/**
 * Difference of two independent proportions: Wald interval p1 − p2 ± z·SE with the unpooled SE,
 * and the two-sided z test with the pooled SE (equal to R's `prop.test(correct = FALSE)`).
 * @param x1 successes in group 1; @param n1 trials in group 1 (same for group 2).
 * @throws ParcoursError PROPORTION_BAD_COUNTS, PROPORTION_BAD_CONF.
 */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: { conf?: number } = {},
): TwoProportionResult {
  checkCounts(x1, n1, "1");
  checkCounts(x2, n2, "2");
  const conf = options.conf ?? 0.95;
  if (!(conf > 0 && conf < 1)) {
    throw new ParcoursError("PROPORTION_BAD_CONF", `conf = ${conf} is not in (0, 1)`, {
      value: conf,
      hint: "use e.g. 0.95",
    });
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const q = normalQuantile(1 - (1 - conf) / 2);
  const pooled = (x1 + x2) / (n1 + n2);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = sePooled > 0 ? difference / sePooled : difference === 0 ? 0 : Number.NaN;
  return {
    p1,
    p2,
    difference,
    se,
    ciLower: difference - q * se,
    ciUpper: difference + q * se,
    conf,
    z,
    pValue: sePooled > 0 ? 2 * normalCdf(-Math.abs(z)) : 1,
    n1,
    n2,
  };
}
