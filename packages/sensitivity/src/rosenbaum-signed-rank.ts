import { normalCdf, ParcoursError } from "@parcours-eval/core";
import { findCriticalGamma } from "./critical-gamma.js";
import { averageRanks } from "./ranks.js";
import type { Alternative, GammaBoundRow, RosenbaumOptions, RosenbaumResult } from "./types.js";
import { checkChoice, checkGammas, checkUnitInterval, DEFAULT_GAMMAS } from "./validate.js";

/**
 * Rosenbaum bounds for matched pairs with a continuous outcome through Wilcoxon's signed-rank
 * statistic (Rosenbaum 2002, Observational Studies §4.3.3). Zero differences are dropped, tied
 * absolute differences get average ranks. With p = Γ/(1+Γ) the statistic T = Σ ranks of positive
 * differences is bounded by a sum of independent r_s·Bernoulli(p): mean pΣr_s, variance
 * p(1−p)Σr_s², and the bound uses the normal approximation, as in the textbook tables.
 *
 * @param differences treated-minus-control outcome differences, one per pair (NaN refused).
 */
export function signedRankBounds(
  differences: ArrayLike<number>,
  options: RosenbaumOptions = {},
): RosenbaumResult {
  const alpha = checkUnitInterval(options.alpha ?? 0.05, "alpha");
  const gammas = checkGammas(options.gammas ?? DEFAULT_GAMMAS);
  const requested = checkChoice(options.alternative ?? "auto", "alternative", [
    "auto",
    "greater",
    "less",
  ] as const);
  const nonZero: number[] = [];
  for (let i = 0; i < differences.length; i++) {
    const d = differences[i]!;
    if (!Number.isFinite(d)) {
      throw new ParcoursError(
        "SENSITIVITY_MISSING_OUTCOME",
        `pair ${i + 1} has a missing or infinite difference (${d})`,
        { value: d, hint: "drop pairs with a missing outcome before the sensitivity analysis" },
      );
    }
    if (d !== 0) nonZero.push(d);
  }
  const ranks = averageRanks(nonZero.map(Math.abs));
  let tPos = 0;
  let tNeg = 0;
  let sumR = 0;
  let sumR2 = 0;
  for (let i = 0; i < nonZero.length; i++) {
    const r = ranks[i]!;
    if (nonZero[i]! > 0) tPos += r;
    else tNeg += r;
    sumR += r;
    sumR2 += r * r;
  }
  const alternative: Alternative =
    requested === "auto" ? (tPos >= tNeg ? "greater" : "less") : requested;
  const t = alternative === "greater" ? tPos : tNeg;
  const pValue = (gamma: number, bound: "upper" | "lower"): number => {
    if (nonZero.length === 0) return 1;
    const p = bound === "upper" ? gamma / (1 + gamma) : 1 / (1 + gamma);
    return normalCdf((p * sumR - t) / Math.sqrt(p * (1 - p) * sumR2));
  };
  const bounds: GammaBoundRow[] = gammas.map((gamma) => ({
    gamma,
    lower: pValue(gamma, "lower"),
    upper: pValue(gamma, "upper"),
  }));
  const warnings: string[] = [];
  const zeros = differences.length - nonZero.length;
  if (zeros > 0)
    warnings.push(`${zeros} pair(s) with a zero difference dropped, as in the textbook`);
  return {
    test: "signed-rank",
    alternative,
    statistic: t,
    nSets: differences.length,
    nInformative: nonZero.length,
    bounds,
    alpha,
    criticalGamma: findCriticalGamma((g) => pValue(g, "upper"), alpha, options.gammaMax ?? 1000),
    warnings,
  };
}
