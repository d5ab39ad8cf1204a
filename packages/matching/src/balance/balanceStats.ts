import { valueBuckets } from "../engine/order.js";

/** Balance statistics of one covariate in one sample (before or after matching). */
export interface BalanceStats {
  /** (Weighted) mean among treated units. */
  meanTreated: number;
  /** (Weighted) mean among control units. */
  meanControl: number;
  /**
   * Standardised mean difference (treated − control) / SD, the SD being that of the treated in
   * the unmatched sample (ATT) or the pooled one; the raw difference for binary covariates when
   * `binary = "raw"` (cobalt's default) or when the difference is ~0 (as MatchIt).
   */
  smd: number | null;
  /** Ratio of (weighted) variances treated / control; null for binary covariates. */
  varRatio: number | null;
  /** Mean absolute difference between the groups' (weighted) empirical CDFs. */
  ecdfMean: number | null;
  /** Maximum of that difference (Kolmogorov–Smirnov statistic). */
  ecdfMax: number | null;
}

/** How the SMD denominator and binary covariates are handled. */
export interface BalanceSettings {
  /** SD in the denominator: the treated group's (ATT; default) or pooled over both groups. */
  sdDenominator: "treated" | "pooled";
  /** Binary covariates: standardised like the others (MatchIt `summary`) or raw differences (cobalt). */
  binary: "std" | "raw";
}

const SQRT_EPS = Math.sqrt(Number.EPSILON);

/** Per-group totals of a weighting (shared by every covariate). */
export interface GroupTotals {
  /** Σw among treated / controls. */
  sumW: [number, number];
  /** Σw² among treated / controls. */
  sumW2: [number, number];
  /** Units with non-zero weight, controls / treated. */
  nonZero: [number, number];
  /** Units, controls / treated. */
  count: [number, number];
}

/** Totals of `weights` (null = unit weights) per treatment group. */
export function groupTotals(
  treat: ArrayLike<number>,
  weights: ArrayLike<number> | null,
): GroupTotals {
  const t: GroupTotals = { sumW: [0, 0], sumW2: [0, 0], nonZero: [0, 0], count: [0, 0] };
  for (let i = 0; i < treat.length; i++) {
    const g = treat[i]!;
    const w = weights ? weights[i]! : 1;
    t.sumW[g]! += w;
    t.sumW2[g]! += w * w;
    if (w !== 0) t.nonZero[g]!++;
    t.count[g]!++;
  }
  return t;
}

/**
 * Weighted variance as MatchIt's `wvar`: p(1 − p) for a binary variable, else the
 * reliability-weights variance Σw(x − m)² / (1 − Σw²) with weights normalised to sum to 1
 * (the ordinary n − 1 variance for unit weights).
 */
export function weightedVariance(
  x: ArrayLike<number>,
  w: ArrayLike<number> | null,
  binary: boolean,
): number {
  const n = x.length;
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w ? w[i]! : 1;
  let m = 0;
  let sw2 = 0;
  for (let i = 0; i < n; i++) {
    const wi = (w ? w[i]! : 1) / sw;
    m += wi * x[i]!;
    sw2 += wi * wi;
  }
  if (binary) return m * (1 - m);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((w ? w[i]! : 1) / sw) * (x[i]! - m) ** 2;
  return ss / (1 - sw2);
}

/** Weighted mean and `wvar`-style variance of `x` within group `g`, in two passes. */
function groupMoments(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  w: ArrayLike<number> | null,
  g: number,
  totals: GroupTotals,
): { mean: number; variance: number } {
  const sw = totals.sumW[g]!;
  let m = 0;
  for (let i = 0; i < x.length; i++) if (treat[i] === g) m += (w ? w[i]! : 1) * x[i]!;
  m /= sw;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (treat[i] === g) ss += (w ? w[i]! : 1) * (x[i]! - m) ** 2;
  const sw2 = totals.sumW2[g]! / (sw * sw);
  return { mean: m, variance: ss / sw / (1 - sw2) };
}

/** Distinct values of a covariate and each unit's value index: computed once per covariate. */
export interface SortedValues {
  /** Number of distinct values. */
  count: number;
  /** Index of each unit's value among the distinct values (ascending). */
  bucket: Int32Array;
}

/** {@link SortedValues} of `x`. */
export function sortValues(x: ArrayLike<number>, order?: ArrayLike<number>): SortedValues {
  const { values, bucket } = valueBuckets(x, order);
  return { count: values.length, bucket };
}

/**
 * Mean and maximum distance between the two groups' weighted empirical CDFs, evaluated at each
 * distinct value (weights normalised to sum to 1 within each group).
 */
export function ecdfDistance(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  w: ArrayLike<number> | null,
  sorted: SortedValues = sortValues(x),
  totals: GroupTotals = groupTotals(treat, w),
): { mean: number; max: number } {
  const { count, bucket } = sorted;
  const mass = new Float64Array(count);
  const s1 = totals.sumW[1]!;
  const s0 = totals.sumW[0]!;
  for (let i = 0; i < x.length; i++) {
    const wi = w ? w[i]! : 1;
    mass[bucket[i]!]! += treat[i] === 1 ? wi / s1 : -wi / s0;
  }
  let cum = 0;
  let total = 0;
  let max = 0;
  for (let b = 0; b < count; b++) {
    cum += mass[b]!;
    const d = Math.abs(cum);
    total += d;
    if (d > max) max = d;
  }
  return { mean: total / count, max };
}

/** SMD from the difference and the unadjusted group variances, with MatchIt's guards. */
export function standardised(
  diff: number,
  v1: number,
  v0: number,
  tooSmall: boolean,
  standardize: boolean,
  settings: BalanceSettings,
): number | null {
  if (!standardize || Math.abs(diff) <= SQRT_EPS) return diff;
  if (tooSmall) return null;
  let sd = settings.sdDenominator === "treated" ? Math.sqrt(v1) : Math.sqrt((v1 + v0) / 2);
  if (!Number.isFinite(sd) || sd < SQRT_EPS) sd = Math.sqrt((v1 + v0) / 2);
  return diff / sd;
}

/**
 * Balance of a binary (0/1) covariate from its sums: Σwx per group under the weighting, and the
 * unweighted proportions that give the SD denominator.
 */
export function binaryBalance(
  sumWX: [number, number],
  unweightedMean: [number, number],
  totals: GroupTotals,
  settings: BalanceSettings,
): BalanceStats {
  const meanTreated = sumWX[1]! / totals.sumW[1]!;
  const meanControl = sumWX[0]! / totals.sumW[0]!;
  const diff = meanTreated - meanControl;
  const tooSmall = totals.nonZero[1]! < 2 && totals.nonZero[0]! < 2;
  const p1 = unweightedMean[1]!;
  const p0 = unweightedMean[0]!;
  const smd = standardised(
    diff,
    p1 * (1 - p1),
    p0 * (1 - p0),
    tooSmall,
    settings.binary === "std",
    settings,
  );
  return {
    meanTreated,
    meanControl,
    smd,
    varRatio: null,
    ecdfMean: Math.abs(diff),
    ecdfMax: Math.abs(diff),
  };
}

/** Whether every value is 0 or 1 (MatchIt's test for a binary covariate). */
export function isBinary(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0 && x[i] !== 1) return false;
  return true;
}

/**
 * Balance of one covariate, with MatchIt `summary.matchit` / cobalt `bal.tab` semantics.
 * `weights` null means the unadjusted sample; the SMD denominator always comes from the
 * unadjusted sample (`x`, `treat` over all analysed units), so before/after SMDs are comparable.
 * `sorted` (from `sortValues`) and `totals` may be passed to share work between samples.
 */
export function balanceOf(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  settings: BalanceSettings,
  prepared: {
    binary?: boolean;
    sorted?: SortedValues;
    totals?: GroupTotals;
    unitTotals?: GroupTotals;
  } = {},
): BalanceStats {
  const binary = prepared.binary ?? isBinary(x);
  const totals = prepared.totals ?? groupTotals(treat, weights);
  const unit = prepared.unitTotals ?? (weights ? groupTotals(treat, null) : totals);
  if (binary) {
    const sumWX: [number, number] = [0, 0];
    const sumX: [number, number] = [0, 0];
    for (let i = 0; i < x.length; i++) {
      const g = treat[i]!;
      sumWX[g]! += (weights ? weights[i]! : 1) * x[i]!;
      sumX[g]! += x[i]!;
    }
    return binaryBalance(
      sumWX,
      [sumX[0]! / unit.count[0]!, sumX[1]! / unit.count[1]!],
      totals,
      settings,
    );
  }
  const tooSmall = totals.nonZero[1]! < 2 && totals.nonZero[0]! < 2;
  const a1 = groupMoments(x, treat, weights, 1, totals);
  const a0 = groupMoments(x, treat, weights, 0, totals);
  const u1 = weights ? groupMoments(x, treat, null, 1, unit) : a1;
  const u0 = weights ? groupMoments(x, treat, null, 0, unit) : a0;
  const diff = a1.mean - a0.mean;
  const smd = standardised(diff, u1.variance, u0.variance, tooSmall, true, settings);
  if (tooSmall)
    return {
      meanTreated: a1.mean,
      meanControl: a0.mean,
      smd,
      varRatio: null,
      ecdfMean: null,
      ecdfMax: null,
    };
  const e = ecdfDistance(x, treat, weights, prepared.sorted ?? sortValues(x), totals);
  return {
    meanTreated: a1.mean,
    meanControl: a0.mean,
    smd,
    varRatio: a1.variance / a0.variance,
    ecdfMean: e.mean,
    ecdfMax: e.max,
  };
}

/** Kish effective sample size (Σw)² / Σw² of the units with the given treatment. */
export function effectiveSampleSize(
  weights: ArrayLike<number>,
  treat: ArrayLike<number>,
  group: 0 | 1,
): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    if (treat[i] !== group) continue;
    s += weights[i]!;
    s2 += weights[i]! ** 2;
  }
  return s2 === 0 ? 0 : (s * s) / s2;
}
