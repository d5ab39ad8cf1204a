import {
  type BalanceSettings,
  type BalanceStats,
  balanceOf,
  effectiveSampleSize,
} from "./balanceStats.js";

/** One row of the balance table: a covariate before and after matching. */
export interface BalanceRow {
  /** Covariate name (`distance` for the propensity score). */
  term: string;
  /** Unadjusted sample (all analysed units, discarded ones included, as MatchIt). */
  before: BalanceStats;
  /** Matched sample (matching weights). */
  after: BalanceStats;
  /** |SMD| after matching above the threshold. */
  flagged: boolean;
}

/** Sample sizes as MatchIt's `summary()$nn`. */
export interface SampleSizes {
  /** Units per group. */
  all: { treated: number; control: number };
  /** Effective sample sizes after matching, (Σw)²/Σw². */
  matchedEss: { treated: number; control: number };
  /** Units with positive weight. */
  matched: { treated: number; control: number };
  /** Units neither matched nor discarded. */
  unmatched: { treated: number; control: number };
  /** Units discarded for lack of common support (or an empty exact stratum). */
  discarded: { treated: number; control: number };
}

/** Balance of every named column before/after matching, with threshold flags. */
export function balanceTable(
  columns: { term: string; values: () => Float64Array }[],
  treat: Uint8Array,
  weights: Float64Array,
  settings: BalanceSettings & { threshold: number },
): BalanceRow[] {
  return columns.map(({ term, values }) => {
    const x = values();
    const before = balanceOf(x, treat, null, settings);
    const after = balanceOf(x, treat, weights, settings);
    const flagged = after.smd !== null && Math.abs(after.smd) > settings.threshold;
    return { term, before, after, flagged };
  });
}

/** Sample sizes from treatment, weights and the discarded flags. */
export function sampleSizes(
  treat: Uint8Array,
  weights: Float64Array,
  discarded: Uint8Array,
): SampleSizes {
  const count = (pred: (i: number) => boolean, g: 0 | 1) => {
    let k = 0;
    for (let i = 0; i < treat.length; i++) if (treat[i] === g && pred(i)) k++;
    return k;
  };
  const both = (pred: (i: number) => boolean) => ({
    treated: count(pred, 1),
    control: count(pred, 0),
  });
  return {
    all: both(() => true),
    matchedEss: {
      treated: effectiveSampleSize(weights, treat, 1),
      control: effectiveSampleSize(weights, treat, 0),
    },
    matched: both((i) => weights[i]! > 0),
    unmatched: both((i) => weights[i] === 0 && !discarded[i]),
    discarded: both((i) => discarded[i] === 1),
  };
}
