import { ParcoursError } from "@parcours-eval/core";
import { checkChoice } from "./validate.js";

/** Effect measures accepted by {@link eValues}. */
export type EffectMeasure = "RR" | "OR" | "HR" | "RD" | "SMD";

/** Input of {@link eValues}: an estimate on its own scale, with optional CI limits. */
export interface EValueInput {
  /** Scale of `estimate`, `lower`, `upper`. */
  measure: EffectMeasure;
  /** Point estimate on the `measure` scale. */
  estimate: number;
  /** Lower CI limit on the same scale. */
  lower?: number;
  /** Upper CI limit on the same scale. */
  upper?: number;
  /**
   * OR and HR only: whether the outcome is rare (under about 15% at the end of follow-up), in
   * which case OR ≈ RR and HR ≈ RR. Default false (the common-outcome conversions).
   */
  rare?: boolean;
  /**
   * RD only: the outcome proportion in the treated group (p1). The RD becomes RR = p1/(p1 − RD),
   * the ratio of the treated risk to the counterfactual risk, on which the ATT's bias bound acts.
   */
  treatedRisk?: number;
  /** SMD only: standard error of the standardised difference, used for its CI when given. */
  se?: number;
  /** The true RR to shift the estimate to (default 1: explain the effect away). */
  trueRR?: number;
}

/** E-values of an estimate and of its confidence limit closest to the null. */
export interface EValueResult {
  /** Risk ratio (or its approximation) the E-values were computed from. */
  rr: { estimate: number; lower: number | null; upper: number | null };
  /** Conversion applied, in words. */
  conversion: string;
  /** E-value of the point estimate. */
  eValue: number;
  /** E-value of the CI limit closest to the null (1 when the CI includes the null); null without a CI. */
  eValueCi: number | null;
}

/**
 * E-value of a risk ratio (VanderWeele & Ding 2017, Ann Intern Med 167:268–274, eq. 1):
 * RR + √(RR·(RR − 1)) for RR ≥ 1, and the same on 1/RR for RR < 1.
 */
export function eValueRR(rr: number, trueRR = 1): number {
  if (!(rr > 0)) {
    throw new ParcoursError("SENSITIVITY_BAD_ESTIMATE", `risk ratio ${rr} is not positive`, {
      value: rr,
    });
  }
  let r = rr / trueRR;
  if (r < 1) r = 1 / r;
  if (!Number.isFinite(r)) return Number.POSITIVE_INFINITY;
  return r + Math.sqrt(r * (r - 1));
}

/** Common-outcome HR → RR conversion of VanderWeele & Ding 2017 (Table): (1−0.5^√HR)/(1−0.5^√(1/HR)). */
function hrToRR(hr: number): number {
  return (1 - 0.5 ** Math.sqrt(hr)) / (1 - 0.5 ** Math.sqrt(1 / hr));
}

/**
 * E-values for an estimate and its CI limit closest to the null (VanderWeele & Ding 2017).
 * Conversions to the RR scale follow the paper's table: OR → √OR and HR → (1−0.5^√HR)/(1−0.5^√(1/HR))
 * for common outcomes, unchanged when rare; a standardised mean difference d → exp(0.91·d) with CI
 * exp(0.91·d ± 1.78·se); a risk difference → RR = p1/(p1 − RD) at the treated risk p1, applied
 * to the estimate and to each CI limit (the treated risk held fixed).
 */
export function eValues(input: EValueInput): EValueResult {
  const measure = checkChoice(input.measure, "measure", ["RR", "OR", "HR", "RD", "SMD"] as const);
  const trueRR = input.trueRR ?? 1;
  let toRR: (x: number) => number;
  let conversion: string;
  switch (measure) {
    case "RR":
      toRR = (x) => x;
      conversion = "none (risk ratio)";
      break;
    case "OR":
      toRR = input.rare ? (x) => x : (x) => Math.sqrt(x);
      conversion = input.rare ? "OR ≈ RR (rare outcome)" : "RR ≈ √OR (common outcome)";
      break;
    case "HR":
      toRR = input.rare ? (x) => x : hrToRR;
      conversion = input.rare
        ? "HR ≈ RR (rare outcome)"
        : "RR ≈ (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)) (common outcome)";
      break;
    case "SMD":
      toRR = (x) => Math.exp(0.91 * x);
      conversion = "RR ≈ exp(0.91 × standardised difference)";
      break;
    case "RD": {
      const p1 = input.treatedRisk;
      if (p1 === undefined || !(p1 > 0 && p1 <= 1)) {
        throw new ParcoursError(
          "SENSITIVITY_MISSING_OPTION",
          `a risk difference needs "treatedRisk", the outcome proportion among the treated, in (0, 1]; got ${p1}`,
          { hint: "pass the treated group's mean outcome (the matched treated proportion)" },
        );
      }
      toRR = (x) => {
        const p0 = p1 - x;
        if (p0 <= 0) return Number.POSITIVE_INFINITY;
        // A CI limit may imply a counterfactual risk above 1; a risk is capped at 1.
        return p1 / Math.min(p0, 1);
      };
      conversion = `RR = p1/(p1 − RD) at the treated risk p1 = ${p1}`;
      break;
    }
  }
  const est = toRR(input.estimate);
  let lo: number | null = null;
  let hi: number | null = null;
  if (measure === "SMD" && input.se !== undefined && input.lower === undefined) {
    lo = Math.exp(0.91 * input.estimate - 1.78 * input.se);
    hi = Math.exp(0.91 * input.estimate + 1.78 * input.se);
  } else {
    if (input.lower !== undefined) lo = toRR(input.lower);
    if (input.upper !== undefined) hi = toRR(input.upper);
  }
  if (!(est > 0) || (lo !== null && !(lo > 0)) || (hi !== null && !(hi > 0))) {
    throw new ParcoursError(
      "SENSITIVITY_BAD_ESTIMATE",
      `the ${measure} estimate or CI converts to a non-positive risk ratio`,
      { value: [input.estimate, input.lower, input.upper] },
    );
  }
  const eValue = eValueRR(est, trueRR);
  let eValueCi: number | null = null;
  if (lo !== null || hi !== null) {
    // The limit closest to the null: the lower one for a harmful/positive RR, else the upper one.
    if (est >= trueRR) eValueCi = lo === null ? null : lo <= trueRR ? 1 : eValueRR(lo, trueRR);
    else eValueCi = hi === null ? null : hi >= trueRR ? 1 : eValueRR(hi, trueRR);
  }
  return { rr: { estimate: est, lower: lo, upper: hi }, conversion, eValue, eValueCi };
}
