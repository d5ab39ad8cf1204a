import { normalCdf, normalQuantile, ParcoursError } from "@parcours-eval/core";
import { checkPositive, checkUnitInterval } from "./validate.js";

/** Level, power and sidedness of a normal-approximation power calculation. */
export interface NormalPowerOptions {
  /** Significance level. Default 0.05. */
  alpha?: number;
  /** Target power. Default 0.8. */
  power?: number;
  /** Two-sided (default) or one-sided test. */
  sides?: 1 | 2;
}

/**
 * Minimum detectable effect of an estimator with standard error `se` (Bloom 1995, Evaluation
 * Review 19:547–556): MDE = (z_{1−α/s} + z_{power})·se. Used on any estimate whose SE is known
 * (a matched ATT, a discontinuity), so a null result can be read as "effects above the MDE would
 * probably have been seen".
 */
export function mdeFromSe(se: number, options: NormalPowerOptions = {}): number {
  checkPositive(se, "se");
  const alpha = checkUnitInterval(options.alpha ?? 0.05, "alpha");
  const power = checkUnitInterval(options.power ?? 0.8, "power");
  const sides = options.sides ?? 2;
  return (normalQuantile(1 - alpha / sides) + normalQuantile(power)) * se;
}

/**
 * Power to detect `effect` with an estimator of standard error `se` (normal approximation;
 * two-sided power counts both rejection regions).
 */
export function powerFromSe(
  effect: number,
  se: number,
  options: Omit<NormalPowerOptions, "power"> = {},
): number {
  checkPositive(se, "se");
  const alpha = checkUnitInterval(options.alpha ?? 0.05, "alpha");
  const sides = options.sides ?? 2;
  const z = normalQuantile(1 - alpha / sides);
  const shift = effect / se;
  if (sides === 1) return 1 - normalCdf(z - Math.abs(shift));
  return 1 - normalCdf(z - shift) + normalCdf(-z - shift);
}

/** Group sizes and spread of a difference of two means or proportions. */
export interface DifferenceDesign {
  /** Units on each side (e.g. aged 28–29 and 30–31 in a discontinuity window). */
  n1: number;
  n0: number;
  /** Outcome standard deviations; for a proportion give `baseline` instead. */
  sd1?: number;
  sd0?: number;
  /** Baseline proportion p: both sides get SD √(p(1−p)). */
  baseline?: number;
}

/**
 * Standard error of a difference of means (or proportions) between two independent groups,
 * √(σ1²/n1 + σ0²/n0); with `baseline` p, σ² = p(1−p) on both sides.
 */
export function differenceSe(design: DifferenceDesign): number {
  const n1 = checkPositive(design.n1, "n1");
  const n0 = checkPositive(design.n0, "n0");
  let v1: number;
  let v0: number;
  if (design.baseline !== undefined) {
    const p = checkUnitInterval(design.baseline, "baseline");
    v1 = p * (1 - p);
    v0 = v1;
  } else if (design.sd1 !== undefined && design.sd0 !== undefined) {
    v1 = checkPositive(design.sd1, "sd1") ** 2;
    v0 = checkPositive(design.sd0, "sd0") ** 2;
  } else {
    throw new ParcoursError(
      "SENSITIVITY_MISSING_OPTION",
      'a difference needs either "baseline" (a proportion) or both "sd1" and "sd0"',
    );
  }
  return Math.sqrt(v1 / n1 + v0 / n0);
}

/**
 * Minimum detectable difference of means or proportions at given group sizes — e.g. the age-30
 * discontinuity window of annex 9 §99–102 (28–29 vs 30–31 year-olds): MDE = (z + z_power)·SE.
 */
export function mdeDifference(design: DifferenceDesign, options: NormalPowerOptions = {}): number {
  return mdeFromSe(differenceSe(design), options);
}
