import { type Frame, normalQuantile, ParcoursError } from "@parcours-eval/core";
import { twoSidedP } from "./normal.js";
import type { RdResult } from "./types.js";

/** Options of {@link windowComparison}. */
export interface WindowOptions {
  /** Outcome column (0/1 indicator or numeric). */
  outcome: string;
  /** Running-variable column, e.g. age in years at creation. */
  running: string;
  /** Half-open window [lo, hi) of the group below the cutoff, e.g. [28, 30) for ages 28–29. */
  below: readonly [number, number];
  /** Half-open window [lo, hi) of the group above the cutoff, e.g. [30, 32) for ages 30–31. */
  above: readonly [number, number];
  /** Which group is treated (default "below": the under-30s were called). */
  treated?: "below" | "above";
  /** Rows to keep (e.g. creation years 2018–2019 and the region); others are counted. */
  keep?: ArrayLike<number | boolean>;
  /** Confidence level in percent (default 95). */
  level?: number;
  /** Power for the minimum detectable effect (default 0.8). */
  power?: number;
}

/** Mean and count of one group. */
export interface GroupSummary {
  n: number;
  mean: number;
}

/** Result of {@link windowComparison}: the study's simple comparison, reproduced as is. */
export interface WindowResult {
  treated: GroupSummary;
  control: GroupSummary;
  /** Treated mean minus control mean. */
  difference: number;
  /** Unpooled standard error and Wald confidence interval. */
  se: number;
  ciLower: number;
  ciUpper: number;
  /** Two-sample z test (pooled variance under H0 for a 0/1 outcome, as prop.test without continuity correction). */
  z: number;
  pValue: number;
  /** Minimum detectable effect at this sample size (two-sided, given level and power). */
  mde: number;
  level: number;
  power: number;
  nInput: number;
  excluded: { notKept: number; missing: number; outsideWindows: number };
  warnings: string[];
}

/**
 * The annex-9 style window comparison: outcome means of two adjacent age windows on either side
 * of the threshold (e.g. 28–29 vs 30–31, creation years 2018–2019), with a two-sample z test and
 * the minimum detectable effect (z_{1−α/2} + z_power)·SE₀ at those group sizes.
 */
export function windowComparison(frame: Frame, options: WindowOptions): WindowResult {
  const level = options.level ?? 95;
  const power = options.power ?? 0.8;
  if (!(level > 0 && level < 100)) {
    throw new ParcoursError("RDD_BAD_OPTION", `option "level" is ${level}`, {
      hint: "a number in (0, 100)",
    });
  }
  if (!(power > 0 && power < 1)) {
    throw new ParcoursError("RDD_BAD_OPTION", `option "power" is ${power}`, {
      hint: "a number in (0, 1)",
    });
  }
  const y = frame.numeric(options.outcome);
  const x = frame.numeric(options.running);
  const keep = options.keep;
  if (keep && keep.length !== frame.nRows) {
    throw new ParcoursError(
      "RDD_LENGTH_MISMATCH",
      `"keep" has ${keep.length} entries, the frame has ${frame.nRows} rows`,
    );
  }
  const groups = { below: [] as number[], above: [] as number[] };
  let notKept = 0;
  let missing = 0;
  let outside = 0;
  for (let i = 0; i < frame.nRows; i++) {
    if (keep && !keep[i]) {
      notKept++;
      continue;
    }
    if (Number.isNaN(y[i]!) || Number.isNaN(x[i]!)) {
      missing++;
      continue;
    }
    const xi = x[i]!;
    if (xi >= options.below[0] && xi < options.below[1]) groups.below.push(y[i]!);
    else if (xi >= options.above[0] && xi < options.above[1]) groups.above.push(y[i]!);
    else outside++;
  }
  const treatedSide = options.treated ?? "below";
  const t = groups[treatedSide];
  const c = groups[treatedSide === "below" ? "above" : "below"];
  if (t.length < 2 || c.length < 2) {
    throw new ParcoursError(
      "RDD_EMPTY_SIDE",
      `the windows hold ${groups.below.length} (below) and ${groups.above.length} (above) observations`,
      { hint: "each window needs at least two observations: check the ranges and the kept rows" },
    );
  }
  const stats = (v: number[]) => {
    const m = v.reduce((s, a) => s + a, 0) / v.length;
    const s2 = v.reduce((s, a) => s + (a - m) ** 2, 0) / (v.length - 1);
    return { n: v.length, mean: m, var: s2 };
  };
  const st = stats(t);
  const sc = stats(c);
  const binary = [...t, ...c].every((v) => v === 0 || v === 1);
  const warnings: string[] = [];
  let se: number;
  let se0: number;
  if (binary) {
    // Proportions: unpooled Wald SE for the interval, pooled SE under H0 for the test.
    se = Math.sqrt((st.mean * (1 - st.mean)) / st.n + (sc.mean * (1 - sc.mean)) / sc.n);
    const pool = (st.mean * st.n + sc.mean * sc.n) / (st.n + sc.n);
    se0 = Math.sqrt(pool * (1 - pool) * (1 / st.n + 1 / sc.n));
  } else {
    se = Math.sqrt(st.var / st.n + sc.var / sc.n);
    se0 = se;
  }
  const diff = st.mean - sc.mean;
  const q = normalQuantile(1 - (1 - level / 100) / 2);
  const z = diff / se0;
  return {
    treated: { n: st.n, mean: st.mean },
    control: { n: sc.n, mean: sc.mean },
    difference: diff,
    se,
    ciLower: diff - q * se,
    ciUpper: diff + q * se,
    z,
    pValue: twoSidedP(z),
    mde: (q + normalQuantile(power)) * se0,
    level,
    power,
    nInput: frame.nRows,
    excluded: { notKept, missing, outsideWindows: outside },
    warnings,
  };
}

/**
 * Minimum detectable jump of an RD estimate at its sample size: (z_{1−α/2} + z_power) times the
 * robust standard error (normal approximation, as in Cattaneo, Titiunik & Vazquez-Bare 2019,
 * Stata Journal 19(1), rdpower).
 */
export function rdMde(result: RdResult, options: { level?: number; power?: number } = {}): number {
  const level = options.level ?? result.level;
  const power = options.power ?? 0.8;
  return (normalQuantile(1 - (1 - level / 100) / 2) + normalQuantile(power)) * result.robust.se;
}
