import { normalCdf, ParcoursError } from "@parcours-eval/core";
import { findCriticalGamma } from "./critical-gamma.js";
import { type MScoreOptions, mScores } from "./m-scores.js";
import { separableMoments } from "./separable.js";
import type { Alternative, GammaBoundRow, RosenbaumOptions, RosenbaumResult } from "./types.js";
import { checkChoice, checkGammas, checkUnitInterval, DEFAULT_GAMMAS } from "./validate.js";

/** Options of {@link mTestBounds}. */
export interface MTestOptions extends RosenbaumOptions, MScoreOptions {
  /**
   * Preset of sensitivitymv: "h" (Huber, trim 2.5; the default), "i" (inner 0.5, trim 2.5) or
   * "t" (permutational t-test on the ATT-type mean difference: no trimming, tonT). Explicit
   * `trim`/`inner`/`lambda`/`tonT` override the preset.
   */
  method?: "h" | "i" | "t";
}

/** Deviate and moments of the M-test at one Γ (exposed for tests and reports). */
export interface MTestPoint {
  /** Observed statistic: sum of the treated units' scores. */
  statistic: number;
  /** Maximum null expectation at Γ. */
  expectation: number;
  /** Variance at that expectation (the largest among ties). */
  variance: number;
  /** (statistic − expectation)/√variance. */
  deviate: number;
  /** Upper bound on the one-sided p-value, 1 − Φ(deviate). */
  pValue: number;
}

const PRESETS: Record<"h" | "i" | "t", Required<MScoreOptions>> = {
  h: { trim: 2.5, inner: 0, lambda: 0.5, tonT: false },
  i: { trim: 2.5, inner: 0.5, lambda: 0.5, tonT: false },
  t: { trim: Number.POSITIVE_INFINITY, inner: 0, lambda: 0.5, tonT: true },
};

/**
 * Rosenbaum bounds for matched sets with one treated unit and one or more controls (pairs, 1:k
 * or variable ratio), through Huber–Maritz M-tests (Rosenbaum 2007, Biometrics 63:456–464) and
 * the separable approximation of Gastwirth, Krieger & Rosenbaum (2000). Reproduces R
 * sensitivitymv::senmv. Each set lists the treated response first, then its controls.
 */
export function mTestBounds(
  sets: ReadonlyArray<ArrayLike<number>>,
  options: MTestOptions = {},
): RosenbaumResult & { scale: number } {
  const alpha = checkUnitInterval(options.alpha ?? 0.05, "alpha");
  const gammas = checkGammas(options.gammas ?? DEFAULT_GAMMAS);
  const preset = PRESETS[checkChoice(options.method ?? "h", "method", ["h", "i", "t"] as const)];
  const requested = checkChoice(options.alternative ?? "auto", "alternative", [
    "auto",
    "greater",
    "less",
  ] as const);
  sets.forEach((s, i) => {
    if (s.length < 2) {
      throw new ParcoursError(
        "SENSITIVITY_SET_TOO_SMALL",
        `matched set ${i + 1} has ${s.length} unit(s); each needs a treated unit and a control`,
      );
    }
    for (let j = 0; j < s.length; j++) {
      if (!Number.isFinite(s[j]!)) {
        throw new ParcoursError(
          "SENSITIVITY_MISSING_OUTCOME",
          `matched set ${i + 1} has a missing or infinite response (${s[j]})`,
          { hint: "drop units with a missing outcome (and sets left without a control) first" },
        );
      }
    }
  });
  const scoreOptions: MScoreOptions = {
    trim: options.trim ?? preset.trim,
    inner: options.inner ?? preset.inner,
    lambda: options.lambda ?? preset.lambda,
    tonT: options.tonT ?? preset.tonT,
  };
  // Testing "less" is testing "greater" on the negated responses.
  const direction = (alt: Alternative): ReadonlyArray<ArrayLike<number>> =>
    alt === "greater" ? sets : sets.map((s) => Array.from(s, (v) => -v));
  let alternative: Alternative = requested === "auto" ? "greater" : requested;
  let scored = mScores(direction(alternative), scoreOptions);
  if (requested === "auto" && statisticOf(scored.scores) < randomExpectation(scored.scores)) {
    alternative = "less";
    scored = mScores(direction(alternative), scoreOptions);
  }
  const sorted = scored.scores.map((s) => Float64Array.from(s).sort());
  const statistic = statisticOf(scored.scores);
  const at = (gamma: number, side: "max" | "min"): MTestPoint => {
    let e = 0;
    let v = 0;
    for (const s of sorted) {
      const m = separableMoments(s, gamma, side);
      e += m.expectation;
      v += m.variance;
    }
    const deviate = v > 0 ? (statistic - e) / Math.sqrt(v) : Number.NaN;
    return {
      statistic,
      expectation: e,
      variance: v,
      deviate,
      pValue: v > 0 ? normalCdf(-deviate) : 1,
    };
  };
  const bounds: GammaBoundRow[] = gammas.map((gamma) => ({
    gamma,
    lower: at(gamma, "min").pValue,
    upper: at(gamma, "max").pValue,
  }));
  return {
    test: "m-test",
    alternative,
    statistic,
    nSets: sets.length,
    nInformative: sorted.filter((s) => s[s.length - 1]! !== s[0]!).length,
    bounds,
    alpha,
    criticalGamma: findCriticalGamma((g) => at(g, "max").pValue, alpha, options.gammaMax ?? 1000),
    warnings: [],
    scale: scored.scale,
  };
}

/** Moments and p-value bound of the M-test at one Γ, as senmv prints them. */
export function mTestAt(
  sets: ReadonlyArray<ArrayLike<number>>,
  gamma: number,
  options: Omit<MTestOptions, "gammas" | "alternative"> & { alternative?: Alternative } = {},
): MTestPoint {
  const preset = PRESETS[options.method ?? "h"];
  const alt = options.alternative ?? "greater";
  const data = alt === "greater" ? sets : sets.map((s) => Array.from(s, (v) => -v));
  const { scores } = mScores(data, {
    trim: options.trim ?? preset.trim,
    inner: options.inner ?? preset.inner,
    lambda: options.lambda ?? preset.lambda,
    tonT: options.tonT ?? preset.tonT,
  });
  const statistic = statisticOf(scores);
  let e = 0;
  let v = 0;
  for (const s of scores) {
    const m = separableMoments(Float64Array.from(s).sort(), gamma, "max");
    e += m.expectation;
    v += m.variance;
  }
  const deviate = (statistic - e) / Math.sqrt(v);
  return { statistic, expectation: e, variance: v, deviate, pValue: normalCdf(-deviate) };
}

/** Sum of the treated units' scores (the first of each set). */
function statisticOf(scores: readonly Float64Array[]): number {
  let t = 0;
  for (const s of scores) t += s[0]!;
  return t;
}

/** Null expectation of the statistic under randomisation within sets (Γ = 1). */
function randomExpectation(scores: readonly Float64Array[]): number {
  let e = 0;
  for (const s of scores) {
    let m = 0;
    for (const q of s) m += q;
    e += m / s.length;
  }
  return e;
}
