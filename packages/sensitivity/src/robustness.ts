import { ParcoursError } from "@parcours-eval/core";
import {
  type ContaminationRow,
  contaminationBounds,
  DEFAULT_SHARES,
  type EffectInterval,
} from "./contamination.js";
import { type EValueResult, eValues } from "./evalue.js";
import { matchedSetsFromUnits } from "./matched-sets.js";
import { mdeDifference, mdeFromSe } from "./power-normal.js";
import { mdeTwoProportions } from "./power-two-proportions.js";
import { mTestBounds } from "./rosenbaum-m-test.js";
import { discordantPairs, mcnemarBounds } from "./rosenbaum-mcnemar.js";
import { signedRankBounds } from "./rosenbaum-signed-rank.js";
import type { RosenbaumResult } from "./types.js";
import { checkUnitInterval, DEFAULT_GAMMAS } from "./validate.js";

/** Plain data of one matching analysis (per matched unit), as the matching package returns it. */
export interface MatchedAnalysisData {
  /** 1 treated, 0 control, per matched unit. */
  treat: ArrayLike<number>;
  /** Outcome per matched unit (NaN = missing). */
  outcome: ArrayLike<number>;
  /** Matched set (subclass) per unit; omit (or null) after matching with replacement. */
  setId?: ArrayLike<number | string> | null;
  /** Unit identifiers, to detect a control reused across sets. */
  unitId?: ArrayLike<number | string> | null;
  /** Matching weights per unit (default 1). */
  weight?: ArrayLike<number> | null;
  /** ATT with its CI (and SE when known) on the outcome scale. */
  effect: EffectInterval & { se?: number };
  /** "binary" (0/1 outcome) or "continuous"; default: binary when every outcome is 0 or 1. */
  outcomeType?: "binary" | "continuous";
}

/** Options of {@link robustness}. */
export interface RobustnessOptions {
  /** Level of the tests and of the critical Γ (one-sided for Γ, two-sided for the MDE). Default 0.05. */
  alpha?: number;
  /** Power for the minimum detectable effect. Default 0.8. */
  power?: number;
  /** Γ grid of the Rosenbaum table. */
  gammas?: readonly number[];
  /** Contamination shares π. Default 0, 0.05, 0.10, 0.15, 0.20, 0.30. */
  contaminationShares?: readonly number[];
  /** Share κ of the effect a contaminated control received (default 1). */
  effectRatio?: number;
}

/** The `sensitivity` object of results.json. */
export interface SensitivitySummary {
  /** Γ at which the one-sided upper p-value bound reaches α; null when not computable. */
  criticalGamma: number | null;
  /** E-value of the point estimate (RR scale); null when not computable. */
  eValue: number | null;
  /** E-value of the CI limit closest to the null (1 when the CI includes it). */
  eValueCi: number | null;
  /** Corrected CI of the ATT for each contamination share. */
  contamination: { share: number; lower: number; upper: number }[];
}

/** The `mde` object of results.json. */
export interface MdeSummary {
  /** Minimum detectable |ATT| on the outcome scale (proportion points for a binary outcome). */
  value: number | null;
  /** How it was computed. */
  method: "standard-error" | "two-proportions" | "difference-of-means";
  alpha: number;
  power: number;
  nTreated: number;
  nControl: number;
}

/** Everything {@link robustness} computes. */
export interface RobustnessResult {
  sensitivity: SensitivitySummary;
  mde: MdeSummary;
  /** Full tables behind the summary. */
  details: {
    rosenbaum: RosenbaumResult | null;
    eValue: EValueResult | null;
    contamination: ContaminationRow[];
    treatedMean: number;
    controlMean: number;
    excluded: { missingOutcome: number; incompleteSets: number };
  };
  warnings: string[];
}

function finiteOrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

/**
 * Robustness of one matching analysis in one call — the `sensitivity` and `mde` fields of
 * results.json: critical Γ of Rosenbaum bounds (McNemar exact for binary pairs, Wilcoxon
 * signed rank for continuous pairs, M-tests with the separable approximation for 1:k sets),
 * E-values of the ATT and its CI, the ATT corrected for contaminated controls over a grid of
 * shares, and the minimum detectable effect at the analysis' size. Parts that cannot be computed
 * (e.g. Rosenbaum bounds after matching with replacement) are null with a warning; invalid input
 * throws a ParcoursError.
 */
export function robustness(
  data: MatchedAnalysisData,
  options: RobustnessOptions = {},
): RobustnessResult {
  const alpha = checkUnitInterval(options.alpha ?? 0.05, "alpha");
  const power = checkUnitInterval(options.power ?? 0.8, "power");
  const n = data.treat.length;
  if (data.outcome.length !== n) {
    throw new ParcoursError(
      "SENSITIVITY_LENGTH_MISMATCH",
      `treat has ${n} units, outcome ${data.outcome.length}`,
    );
  }
  const warnings: string[] = [];
  // Weighted group means and counts (units with a missing outcome or zero weight excluded).
  let w1 = 0;
  let w0 = 0;
  let s1 = 0;
  let s0 = 0;
  let q0 = 0;
  let q1 = 0;
  let nT = 0;
  let nC = 0;
  let allBinary = true;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const y = data.outcome[i]!;
    const w = data.weight ? data.weight[i]! : 1;
    if (!Number.isFinite(y)) {
      missing++;
      continue;
    }
    if (!(w > 0)) continue;
    if (y !== 0 && y !== 1) allBinary = false;
    if (data.treat[i] === 1) {
      w1 += w;
      s1 += w * y;
      q1 += w * y * y;
      nT++;
    } else {
      w0 += w;
      s0 += w * y;
      q0 += w * y * y;
      nC++;
    }
  }
  if (nT === 0 || nC === 0) {
    throw new ParcoursError(
      "SENSITIVITY_NO_SETS",
      "the matched data need treated and control units with an outcome",
    );
  }
  const outcomeType = data.outcomeType ?? (allBinary ? "binary" : "continuous");
  const m1 = s1 / w1;
  const m0 = s0 / w0;
  // Pooled outcome SD (weighted), the scale of the standardised difference for E-values.
  const sd = Math.sqrt((q1 - w1 * m1 * m1 + (q0 - w0 * m0 * m0)) / (w1 + w0));
  const effect = data.effect;

  // Rosenbaum bounds.
  let rosenbaum: RosenbaumResult | null = null;
  let excludedSets = { missingOutcome: missing, incompleteSets: 0 };
  if (!data.setId) {
    warnings.push(
      "no matched sets (matching with replacement?): Rosenbaum bounds need disjoint sets; critical Γ not computed",
    );
  } else {
    try {
      const ms = matchedSetsFromUnits({
        treat: data.treat,
        outcome: data.outcome,
        setId: data.setId,
        ...(data.unitId ? { unitId: data.unitId } : {}),
      });
      excludedSets = ms.excluded;
      const common = {
        alpha,
        gammas: options.gammas ?? DEFAULT_GAMMAS,
        alternative: effect.estimate >= 0 ? ("greater" as const) : ("less" as const),
      };
      if (outcomeType === "binary" && ms.pairs) {
        rosenbaum = mcnemarBounds(
          discordantPairs(
            ms.sets.map((s) => s[0]!),
            ms.sets.map((s) => s[1]!),
          ),
          common,
        );
      } else if (outcomeType === "binary") {
        rosenbaum = mTestBounds(ms.sets, { ...common, method: "t" });
      } else if (ms.pairs) {
        rosenbaum = signedRankBounds(
          ms.sets.map((s) => s[0]! - s[1]!),
          common,
        );
      } else {
        rosenbaum = mTestBounds(ms.sets, { ...common, method: "h" });
      }
    } catch (e) {
      if (
        e instanceof ParcoursError &&
        [
          "SENSITIVITY_REPLACEMENT_UNSUPPORTED",
          "SENSITIVITY_MULTIPLE_TREATED",
          "SENSITIVITY_ZERO_SCALE",
        ].includes(e.code)
      ) {
        warnings.push(`Rosenbaum bounds not computed: ${e.message}`);
      } else throw e;
    }
  }
  if (rosenbaum?.criticalGamma.censored) {
    warnings.push(`critical Γ exceeds ${rosenbaum.criticalGamma.value}; reported as that value`);
  }

  // E-values.
  let ev: EValueResult | null = null;
  try {
    ev =
      outcomeType === "binary"
        ? eValues({ measure: "RD", ...pick(effect), treatedRisk: m1 })
        : sd > 0
          ? eValues({
              measure: "SMD",
              estimate: effect.estimate / sd,
              lower: effect.lower / sd,
              upper: effect.upper / sd,
            })
          : null;
  } catch (e) {
    if (e instanceof ParcoursError) warnings.push(`E-value not computed: ${e.message}`);
    else throw e;
  }

  const contamination = contaminationBounds(pick(effect), {
    shares: options.contaminationShares ?? DEFAULT_SHARES,
    effectRatio: options.effectRatio ?? 1,
  });

  // Minimum detectable effect.
  let mdeValue: number | null = null;
  let method: MdeSummary["method"];
  if (effect.se !== undefined && effect.se > 0) {
    method = "standard-error";
    mdeValue = mdeFromSe(effect.se, { alpha, power });
  } else if (outcomeType === "binary") {
    method = "two-proportions";
    const base = Math.min(Math.max(m0, 1e-9), 1 - 1e-9);
    const r = mdeTwoProportions({ n1: nT, n2: nC }, { alpha, power, baseline: base });
    mdeValue = effect.estimate >= 0 ? r.differenceAbove : r.differenceBelow;
  } else {
    method = "difference-of-means";
    mdeValue =
      sd > 0 ? mdeDifference({ n1: nT, n0: nC, sd1: sd, sd0: sd }, { alpha, power }) : null;
  }

  return {
    sensitivity: {
      criticalGamma: rosenbaum ? rosenbaum.criticalGamma.value : null,
      eValue: finiteOrNull(ev?.eValue),
      eValueCi: finiteOrNull(ev?.eValueCi),
      contamination: contamination.map((r) => ({ share: r.share, lower: r.lower, upper: r.upper })),
    },
    mde: { value: finiteOrNull(mdeValue), method, alpha, power, nTreated: nT, nControl: nC },
    details: {
      rosenbaum,
      eValue: ev,
      contamination,
      treatedMean: m1,
      controlMean: m0,
      excluded: excludedSets,
    },
    warnings,
  };
}

function pick(e: EffectInterval): EffectInterval {
  return { estimate: e.estimate, lower: e.lower, upper: e.upper };
}
