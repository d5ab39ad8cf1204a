import { type Frame, ParcoursError } from "@parcours-eval/core";
import { attDifference } from "./att-difference.js";
import { benjaminiHochberg, holm } from "./multiplicity.js";
import { checkUnitInterval } from "./validate.js";

/** Options of {@link heterogeneity}. */
export interface HeterogeneityOptions {
  /** 0/1 treatment column. */
  treatment: string;
  /** Outcome column (numeric; 0/1 for proportions). */
  outcome: string;
  /** Subgroup column (status, age band, region, cluster...). */
  subgroup: string;
  /** Matching weights column (MatchIt's `weights`). Default: all 1. */
  weights?: string;
  /** Matched-set column (MatchIt's `subclass`) for cluster-robust SEs. Default: HC1 by unit. */
  cluster?: string;
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Smallest number of treated and of control units for a subgroup estimate. Default 2. */
  minGroup?: number;
}

/** One subgroup's ATT. */
export interface SubgroupEffect {
  /** Subgroup level. */
  level: string;
  /** Units used (weight > 0, complete), treated and control. */
  nTreated: number;
  nControl: number;
  /** Null when the subgroup is too small; `reason` then says why. */
  estimate: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
  pValue: number | null;
  /** Holm-adjusted p-value over the estimable subgroups (family-wise error). */
  pHolm: number | null;
  /** Benjamini–Hochberg adjusted p-value (false discovery rate). */
  pBH: number | null;
  reason?: string;
}

/** Result of {@link heterogeneity}. */
export interface HeterogeneityResult {
  subgroup: string;
  rows: SubgroupEffect[];
  /** Variance estimator of every row. */
  variance: string;
  level: number;
  nUsed: number;
  /** Rows left out, by reason. */
  excluded: { missing: number; zeroWeight: number };
  warnings: string[];
}

/** Reads a grouping column as string labels per row (null = missing). */
function labelsOf(frame: Frame, name: string): (string | null)[] {
  const col = frame.column(name);
  const out = new Array<string | null>(frame.nRows);
  if (col.kind === "categorical") {
    for (let i = 0; i < out.length; i++) {
      const c = col.codes[i]!;
      out[i] = c < 0 ? null : col.levels[c]!;
    }
  } else {
    const v = frame.numeric(name);
    for (let i = 0; i < out.length; i++) out[i] = Number.isNaN(v[i]!) ? null : String(v[i]);
  }
  return out;
}

/**
 * ATT by subgroup on matched data (annex 9 §118: where is the effect largest?), each with a
 * cluster-robust SE by matched set, a t-based CI and p-value as `lm` + `lmtest::coeftest` with
 * `sandwich::vcovCL` give them, and Holm and Benjamini–Hochberg adjusted p-values across
 * subgroups. The matched data are one row per unit: treatment, outcome, weight, set.
 */
export function heterogeneity(frame: Frame, options: HeterogeneityOptions): HeterogeneityResult {
  const level = checkUnitInterval(options.level ?? 0.95, "level");
  const minGroup = options.minGroup ?? 2;
  const treat = frame.numeric(options.treatment);
  const y = frame.numeric(options.outcome);
  const groups = labelsOf(frame, options.subgroup);
  const weights = options.weights ? frame.numeric(options.weights) : null;
  let cluster: Float64Array | null = null;
  if (options.cluster) {
    const labels = labelsOf(frame, options.cluster);
    const ids = new Map<string, number>();
    cluster = new Float64Array(frame.nRows);
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i];
      if (l === null) cluster[i] = Number.NaN;
      else {
        if (!ids.has(l)) ids.set(l, ids.size);
        cluster[i] = ids.get(l)!;
      }
    }
  }
  const byLevel = new Map<string, number[]>();
  let missing = 0;
  let zeroWeight = 0;
  for (let i = 0; i < frame.nRows; i++) {
    const t = treat[i]!;
    if (!Number.isNaN(t) && t !== 0 && t !== 1) {
      throw new ParcoursError(
        "SENSITIVITY_NOT_BINARY",
        `treatment "${options.treatment}" has value ${t} in row ${i + 1}; it must be 0 or 1`,
        { column: options.treatment, value: t },
      );
    }
    const w = weights ? weights[i]! : 1;
    const g = groups[i];
    if (
      Number.isNaN(t) ||
      Number.isNaN(y[i]!) ||
      g === null ||
      Number.isNaN(w) ||
      (cluster && Number.isNaN(cluster[i]!))
    ) {
      missing++;
      continue;
    }
    if (w < 0) {
      throw new ParcoursError(
        "SENSITIVITY_NEGATIVE_WEIGHT",
        `weight ${w} in row ${i + 1} is negative`,
        {
          column: options.weights,
          value: w,
        },
      );
    }
    if (w === 0) {
      zeroWeight++;
      continue;
    }
    let list = byLevel.get(g);
    if (!list) {
      list = [];
      byLevel.set(g, list);
    }
    list.push(i);
  }
  // Levels in the column's own order (categorical levels, else sorted as R's factor would).
  const col = frame.column(options.subgroup);
  const order =
    col.kind === "categorical"
      ? col.levels.filter((l) => byLevel.has(l))
      : [...byLevel.keys()].sort((a, b) => Number(a) - Number(b));
  const rows: SubgroupEffect[] = order.map((lvl) => {
    const idx = byLevel.get(lvl)!;
    let nT = 0;
    for (const i of idx) if (treat[i] === 1) nT++;
    const nC = idx.length - nT;
    const empty = {
      level: lvl,
      nTreated: nT,
      nControl: nC,
      estimate: null,
      se: null,
      lower: null,
      upper: null,
      pValue: null,
      pHolm: null,
      pBH: null,
    };
    if (nT < minGroup || nC < minGroup) {
      return { ...empty, reason: `fewer than ${minGroup} treated or control units` };
    }
    const r = attDifference(idx, treat, y, weights, cluster, level);
    if (!(r.se > 0) || r.nClusters < 2) {
      return { ...empty, reason: "no variation to estimate a standard error" };
    }
    return {
      ...empty,
      estimate: r.estimate,
      se: r.se,
      lower: r.lower,
      upper: r.upper,
      pValue: r.pValue,
    };
  });
  const estimable = rows.filter((r) => r.pValue !== null);
  const pH = holm(estimable.map((r) => r.pValue!));
  const pB = benjaminiHochberg(estimable.map((r) => r.pValue!));
  estimable.forEach((r, k) => {
    r.pHolm = pH[k]!;
    r.pBH = pB[k]!;
  });
  const warnings: string[] = [];
  const skipped = rows.length - estimable.length;
  if (skipped > 0) warnings.push(`${skipped} subgroup(s) too small for an estimate (see reason)`);
  return {
    subgroup: options.subgroup,
    rows,
    variance: options.cluster
      ? `cluster-robust by "${options.cluster}" (sandwich::vcovCL, HC1), t with n − 2 df`
      : "heteroskedasticity-robust HC1, t with n − 2 df",
    level,
    nUsed: rows.reduce((s, r) => s + r.nTreated + r.nControl, 0),
    excluded: { missing, zeroWeight },
    warnings,
  };
}
