import { binomialUpperTail, normalCdf, ParcoursError } from "@parcours-eval/core";
import { findCriticalGamma } from "./critical-gamma.js";
import type { Alternative, GammaBoundRow, RosenbaumOptions, RosenbaumResult } from "./types.js";
import { checkChoice, checkGammas, checkUnitInterval, DEFAULT_GAMMAS } from "./validate.js";

/** Discordant pair counts of a matched-pairs binary outcome. */
export interface DiscordantPairs {
  /** Pairs where only the treated unit has the outcome (y_t = 1, y_c = 0). */
  treatedOnly: number;
  /** Pairs where only the control unit has the outcome (y_t = 0, y_c = 1). */
  controlOnly: number;
  /** Concordant pairs (carry no information for McNemar's test). */
  concordant?: number;
}

/** Options of {@link mcnemarBounds}. */
export interface McNemarOptions extends RosenbaumOptions {
  /** "exact" binomial bound (default) or its "normal" approximation. */
  method?: "exact" | "normal";
}

/**
 * One-sided p-value bound of McNemar's test at Γ (Rosenbaum 2002, Observational Studies §4.3.2):
 * among D discordant pairs, the count T of pairs where the treated unit had the event is bounded
 * by Binomial(D, p) with p = Γ/(1+Γ) (upper bound) or 1/(1+Γ) (lower bound).
 * The exact bound is P(B ≥ T); the normal one 1 − Φ((T − Dp)/√(Dp(1−p))).
 */
export function mcnemarPValue(
  t: number,
  d: number,
  gamma: number,
  bound: "upper" | "lower",
  method: "exact" | "normal" = "exact",
): number {
  if (d === 0) return 1;
  const p = bound === "upper" ? gamma / (1 + gamma) : 1 / (1 + gamma);
  if (method === "exact") return binomialUpperTail(t, d, p);
  return normalCdf((d * p - t) / Math.sqrt(d * p * (1 - p)));
}

/** Counts discordant pairs from paired binary outcomes (treated[i] pairs with control[i]). */
export function discordantPairs(
  treated: ArrayLike<number>,
  control: ArrayLike<number>,
): DiscordantPairs {
  if (treated.length !== control.length) {
    throw new ParcoursError(
      "SENSITIVITY_LENGTH_MISMATCH",
      `treated has ${treated.length} outcomes, control ${control.length}; pairs need equal lengths`,
    );
  }
  let treatedOnly = 0;
  let controlOnly = 0;
  let concordant = 0;
  for (let i = 0; i < treated.length; i++) {
    const a = treated[i]!;
    const b = control[i]!;
    if ((a !== 0 && a !== 1) || (b !== 0 && b !== 1)) {
      throw new ParcoursError(
        "SENSITIVITY_NOT_BINARY",
        `pair ${i + 1} has outcomes (${a}, ${b}); McNemar bounds need 0/1 outcomes`,
        { value: [a, b], hint: "use signedRankBounds or mTestBounds for continuous outcomes" },
      );
    }
    if (a === b) concordant++;
    else if (a === 1) treatedOnly++;
    else controlOnly++;
  }
  return { treatedOnly, controlOnly, concordant };
}

/**
 * Rosenbaum bounds for matched pairs with a binary outcome, through McNemar's test on the
 * discordant pairs (Rosenbaum 2002 §4.3.2), with the critical Γ at which the upper p-value bound
 * reaches α. Exact binomial bounds by default.
 */
export function mcnemarBounds(
  pairs: DiscordantPairs,
  options: McNemarOptions = {},
): RosenbaumResult {
  const method = checkChoice(options.method ?? "exact", "method", ["exact", "normal"] as const);
  const alpha = checkUnitInterval(options.alpha ?? 0.05, "alpha");
  const gammas = checkGammas(options.gammas ?? DEFAULT_GAMMAS);
  for (const [name, v] of Object.entries({
    treatedOnly: pairs.treatedOnly,
    controlOnly: pairs.controlOnly,
  })) {
    if (!Number.isInteger(v) || v < 0) {
      throw new ParcoursError(
        "SENSITIVITY_BAD_COUNT",
        `${name} is ${v}; counts must be integers ≥ 0`,
        {
          value: v,
        },
      );
    }
  }
  const requested = checkChoice(options.alternative ?? "auto", "alternative", [
    "auto",
    "greater",
    "less",
  ] as const);
  const alternative: Alternative =
    requested === "auto"
      ? pairs.treatedOnly >= pairs.controlOnly
        ? "greater"
        : "less"
      : requested;
  const d = pairs.treatedOnly + pairs.controlOnly;
  const t = alternative === "greater" ? pairs.treatedOnly : pairs.controlOnly;
  const bounds: GammaBoundRow[] = gammas.map((gamma) => ({
    gamma,
    lower: mcnemarPValue(t, d, gamma, "lower", method),
    upper: mcnemarPValue(t, d, gamma, "upper", method),
  }));
  const warnings: string[] = [];
  if (d === 0) warnings.push("no discordant pairs: McNemar's test carries no information");
  return {
    test: method === "exact" ? "mcnemar-exact" : "mcnemar-normal",
    alternative,
    statistic: t,
    nSets: d + (pairs.concordant ?? 0),
    nInformative: d,
    bounds,
    alpha,
    criticalGamma: findCriticalGamma(
      (g) => mcnemarPValue(t, d, g, "upper", method),
      alpha,
      options.gammaMax ?? 1000,
    ),
    warnings,
  };
}
