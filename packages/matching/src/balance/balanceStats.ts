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

function weightedMean(x: ArrayLike<number>, w: ArrayLike<number> | null): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * x[i]!;
    sw += wi;
  }
  return s / sw;
}

/**
 * Mean and maximum distance between the two groups' weighted empirical CDFs, evaluated at each
 * distinct value (weights normalised to sum to 1 within each group).
 */
export function ecdfDistance(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  w: ArrayLike<number> | null,
): { mean: number; max: number } {
  const n = x.length;
  const sum = [0, 0];
  for (let i = 0; i < n; i++) sum[treat[i]!]! += w ? w[i]! : 1;
  const idx = [...Array(n).keys()].sort((a, b) => x[a]! - x[b]! || a - b);
  let cum = 0;
  let total = 0;
  let max = 0;
  let count = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const wi = (w ? w[i]! : 1) / sum[treat[i]!]!;
    cum += treat[i] === 1 ? wi : -wi;
    if (k === n - 1 || x[idx[k + 1]!] !== x[i]) {
      const d = Math.abs(cum);
      total += d;
      count++;
      if (d > max) max = d;
    }
  }
  return { mean: total / count, max };
}

/**
 * Balance of one covariate, with MatchIt `summary.matchit` / cobalt `bal.tab` semantics.
 * `weights` null means the unadjusted sample; the SMD denominator always comes from the
 * unadjusted sample (`x`, `treat` over all analysed units), so before/after SMDs are comparable.
 */
export function balanceOf(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  settings: BalanceSettings,
): BalanceStats {
  const n = x.length;
  let binary = true;
  for (let i = 0; i < n; i++) if (x[i] !== 0 && x[i] !== 1) binary = false;
  const x1: number[] = [];
  const x0: number[] = [];
  const w1: number[] = [];
  const w0: number[] = [];
  let nz1 = 0;
  let nz0 = 0;
  for (let i = 0; i < n; i++) {
    const wi = weights ? weights[i]! : 1;
    if (treat[i] === 1) {
      x1.push(x[i]!);
      w1.push(wi);
      if (wi !== 0) nz1++;
    } else {
      x0.push(x[i]!);
      w0.push(wi);
      if (wi !== 0) nz0++;
    }
  }
  const tooSmall = nz1 < 2 && nz0 < 2;
  const meanTreated = weightedMean(x1, w1);
  const meanControl = weightedMean(x0, w0);
  const diff = meanTreated - meanControl;
  let smd: number | null = diff;
  const standardize = !(binary && settings.binary === "raw");
  if (standardize && Math.abs(diff) > SQRT_EPS) {
    if (tooSmall) smd = null;
    else {
      const v1 = weightedVariance(x1, null, binary);
      const v0 = weightedVariance(x0, null, binary);
      let sd = settings.sdDenominator === "treated" ? Math.sqrt(v1) : Math.sqrt((v1 + v0) / 2);
      if (!Number.isFinite(sd) || sd < SQRT_EPS) sd = Math.sqrt((v1 + v0) / 2);
      smd = diff / sd;
    }
  }
  if (binary) {
    return {
      meanTreated,
      meanControl,
      smd,
      varRatio: null,
      ecdfMean: Math.abs(diff),
      ecdfMax: Math.abs(diff),
    };
  }
  if (tooSmall)
    return { meanTreated, meanControl, smd, varRatio: null, ecdfMean: null, ecdfMax: null };
  const varRatio = weightedVariance(x1, w1, false) / weightedVariance(x0, w0, false);
  const e = ecdfDistance(x, treat, weights);
  return { meanTreated, meanControl, smd, varRatio, ecdfMean: e.mean, ecdfMax: e.max };
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
