import { ParcoursError } from "@parcours-eval/core";

/** An effect estimate with its confidence interval. */
export interface EffectInterval {
  estimate: number;
  lower: number;
  upper: number;
}

/** One row of a contamination table. */
export interface ContaminationRow {
  /** Assumed share π of the comparison group that was in fact treated. */
  share: number;
  /** Corrected effect. */
  estimate: number;
  /** Corrected CI limits. */
  lower: number;
  upper: number;
}

/** Options of {@link contaminationBounds}. */
export interface ContaminationOptions {
  /** Shares π in [0, 1) to tabulate. Default 0, 0.05, 0.10, 0.15, 0.20, 0.30. */
  shares?: readonly number[];
  /**
   * Fraction κ of the treated units' effect that a contaminated control received (default 1: a
   * contaminated control is as treated as a treated unit; 0.5: it received half the effect).
   */
  effectRatio?: number;
}

/** Default contamination grid. */
export const DEFAULT_SHARES: readonly number[] = [0, 0.05, 0.1, 0.15, 0.2, 0.3];

/**
 * Correction of the ATT for contaminated controls: a share π of the comparison group was in fact
 * treated but unrecorded (annex 9 §44, §121: outbound contacts missing from the extract).
 * If contaminated controls received a fraction κ of the effect τ, the observed control mean is
 * μ0 + πκτ, so the observed difference is (1 − πκ)·τ and τ = observed / (1 − πκ) — the classic
 * non-differential exposure misclassification correction (Rothman, Greenland & Lash, Modern
 * Epidemiology, ch. 19). The same factor applies to the CI limits (the correction is a fixed
 * rescaling for a given π), so both move away from zero as π grows: the observed effect is a
 * lower bound in magnitude, and a null result cannot be produced by contamination alone.
 */
export function contaminationBounds(
  effect: EffectInterval,
  options: ContaminationOptions = {},
): ContaminationRow[] {
  const kappa = options.effectRatio ?? 1;
  if (!(kappa >= 0 && kappa <= 1)) {
    throw new ParcoursError(
      "SENSITIVITY_INVALID_OPTION",
      `option "effectRatio" is ${kappa}; it must lie in [0, 1]`,
      { value: kappa },
    );
  }
  const shares = options.shares ?? DEFAULT_SHARES;
  for (const s of shares) {
    if (!(s >= 0 && s < 1)) {
      throw new ParcoursError(
        "SENSITIVITY_INVALID_OPTION",
        `option "shares" holds ${s}; each share must lie in [0, 1)`,
        { value: s, hint: "a share of 1 would mean every control was treated: nothing to compare" },
      );
    }
  }
  for (const [k, v] of Object.entries(effect)) {
    if (!Number.isFinite(v)) {
      throw new ParcoursError("SENSITIVITY_BAD_ESTIMATE", `effect.${k} is ${v}; need a number`);
    }
  }
  return shares.map((share) => {
    const factor = 1 / (1 - share * kappa);
    return {
      share,
      estimate: effect.estimate * factor,
      lower: effect.lower * factor,
      upper: effect.upper * factor,
    };
  });
}
