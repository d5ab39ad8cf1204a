import { normalCdf, normalQuantile, ParcoursError } from "@parcours-eval/core";
import { checkChoice, checkPositive, checkUnitInterval } from "./validate.js";

/** Sidedness of a power calculation (R pwr's `alternative`). */
export type PowerAlternative = "two.sided" | "less" | "greater";

/** Cohen's effect size h = 2·asin(√p1) − 2·asin(√p2) (Cohen 1988, ch. 6). */
export function cohenH(p1: number, p2: number): number {
  for (const [name, p] of [
    ["p1", p1],
    ["p2", p2],
  ] as const) {
    if (!(p >= 0 && p <= 1)) {
      throw new ParcoursError(
        "SENSITIVITY_INVALID_OPTION",
        `${name} is ${p}; a proportion lies in [0, 1]`,
      );
    }
  }
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/** Sample-size description of a two-proportion comparison: equal groups or n1, n2. */
export type GroupSizes = { n: number } | { n1: number; n2: number };

/** Effective per-group size: n for equal groups, n1·n2/(n1+n2)·2 otherwise (pwr.2p2n.test). */
function scaleOf(sizes: GroupSizes): number {
  if ("n" in sizes) return Math.sqrt(checkPositive(sizes.n, "n") / 2);
  const n1 = checkPositive(sizes.n1, "n1");
  const n2 = checkPositive(sizes.n2, "n2");
  return Math.sqrt((n1 * n2) / (n1 + n2));
}

/**
 * Power of the arcsine test of two proportions with effect size h, as R pwr's pwr.2p.test (equal
 * groups of n, scale √(n/2)) and pwr.2p2n.test (n1, n2, scale √(n1·n2/(n1+n2))) compute it:
 * the normal power function of Cohen (1988, §6.2), counting both rejection tails when two-sided.
 */
export function powerTwoProportions(
  h: number,
  sizes: GroupSizes,
  options: { alpha?: number; alternative?: PowerAlternative } = {},
): number {
  const alpha = checkUnitInterval(options.alpha ?? 0.05, "alpha");
  const alt = checkChoice(options.alternative ?? "two.sided", "alternative", [
    "two.sided",
    "less",
    "greater",
  ] as const);
  const shift = h * scaleOf(sizes);
  if (alt === "greater") return 1 - normalCdf(normalQuantile(1 - alpha) - shift);
  if (alt === "less") return normalCdf(normalQuantile(alpha) - shift);
  const z = normalQuantile(1 - alpha / 2);
  return 1 - normalCdf(z - shift) + normalCdf(-z - shift);
}

/** Minimum detectable effect of a two-proportion comparison. */
export interface TwoProportionMde {
  /** Smallest |h| detected with the requested power. */
  h: number;
  /** With a `baseline` proportion p2: the detectable p1 above it (p1 = sin²(asin√p2 + h/2)). */
  p1Above: number | null;
  /** ... and below it. */
  p1Below: number | null;
  /** p1Above − baseline, the detectable increase in percentage points (as a proportion). */
  differenceAbove: number | null;
  /** baseline − p1Below. */
  differenceBelow: number | null;
}

/**
 * Minimum detectable effect size h (and, given a baseline proportion, the detectable proportions)
 * at the given group sizes, level and power: the root of {@link powerTwoProportions} − power,
 * found by bisection to machine precision (pwr solves the same equation with uniroot at its
 * default tolerance, about 1e-4). For "less", h is negative.
 */
export function mdeTwoProportions(
  sizes: GroupSizes,
  options: {
    alpha?: number;
    power?: number;
    alternative?: PowerAlternative;
    baseline?: number;
  } = {},
): TwoProportionMde {
  const power = checkUnitInterval(options.power ?? 0.8, "power");
  const alpha = checkUnitInterval(options.alpha ?? 0.05, "alpha");
  const alternative = options.alternative ?? "two.sided";
  const sign = alternative === "less" ? -1 : 1;
  if (power <= (alternative === "two.sided" ? alpha : alpha)) {
    throw new ParcoursError(
      "SENSITIVITY_INVALID_OPTION",
      `option "power" (${power}) must exceed "alpha" (${alpha})`,
    );
  }
  const f = (absH: number) =>
    powerTwoProportions(sign * absH, sizes, { alpha, alternative }) - power;
  let lo = 0;
  let hi = Math.PI; // |h| ≤ π for proportions
  if (f(hi) < 0) {
    throw new ParcoursError(
      "SENSITIVITY_UNDERPOWERED",
      "no difference between two proportions reaches the requested power at these group sizes",
      { hint: "lower the power or the level, or increase the groups" },
    );
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) >= 0) hi = mid;
    else lo = mid;
  }
  const h = sign * hi;
  const b = options.baseline;
  if (b === undefined) {
    return { h, p1Above: null, p1Below: null, differenceAbove: null, differenceBelow: null };
  }
  checkUnitInterval(b, "baseline");
  const phi = Math.asin(Math.sqrt(b));
  const absH = Math.abs(h);
  const upAngle = phi + absH / 2;
  const downAngle = phi - absH / 2;
  const p1Above = upAngle <= Math.PI / 2 ? Math.sin(upAngle) ** 2 : null;
  const p1Below = downAngle >= 0 ? Math.sin(downAngle) ** 2 : null;
  return {
    h,
    p1Above,
    p1Below,
    differenceAbove: p1Above === null ? null : p1Above - b,
    differenceBelow: p1Below === null ? null : b - p1Below,
  };
}
