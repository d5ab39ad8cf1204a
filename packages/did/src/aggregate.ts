import { createRng, normalQuantile } from "@parcours-eval/core";
import type { AttGtFit } from "./att-gt.js";
import { multiplierBootstrap } from "./cs/bootstrap.js";
import { cleanSe, influenceSe } from "./cs/variance.js";

/** The aggregations of Callaway & Sant'Anna (2021, section 3). */
export type AggregationType = "simple" | "dynamic" | "group" | "calendar";

/** An estimate with its inference. */
export interface Estimate {
  /** Point estimate; null when undefined. */
  att: number | null;
  /** Standard error; null when unavailable. */
  se: number | null;
  /** Lower bound of the interval. */
  ciLower: number | null;
  /** Upper bound of the interval. */
  ciUpper: number | null;
}

/** One level of an aggregation: an event time e, a cohort g or a period t. */
export interface LevelEstimate extends Estimate {
  /** The level (e for dynamic, g for group, t for calendar). */
  level: number;
}

/** Result of {@link aggregate}. */
export interface Aggregation {
  /** Aggregation type. */
  type: AggregationType;
  /** The overall summary (pointwise normal interval). */
  overall: Estimate;
  /** Estimates by level (empty for `simple`). */
  byLevel: LevelEstimate[];
  /** Critical value of the by-level intervals (uniform band when bootstrapping with cband). */
  criticalValue: number;
  /** Pointwise or uniform by-level intervals. */
  band: "pointwise" | "uniform";
  /** Cells left out because their ATT(g,t) is NA. */
  cellsDropped: number;
  /** Warnings. */
  warnings: string[];
}

/** Options of {@link aggregate} (R's `aggte`). */
export interface AggregateOptions {
  /** Dynamic: keep only cohorts observed at least this many periods after treatment (`balance_e`). */
  balanceE?: number;
  /** Smallest event time kept (`min_e`). */
  minE?: number;
  /** Largest event time kept (`max_e`). */
  maxE?: number;
}

function nn(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * Aggregates ATT(g,t) into the simple, dynamic (event-study), group or calendar summaries of
 * Callaway & Sant'Anna (2021, eqs. 3.x), weighting cells by cohort shares and including in the
 * influence function the estimation effect of those shares, as R's `did::aggte` (did 2.3) does.
 * Cells whose ATT is NA are left out (`na.rm = TRUE`) and counted.
 */
export function aggregate(
  fit: AttGtFit,
  type: AggregationType,
  options: AggregateOptions = {},
): Aggregation {
  const { result, influence, data } = fit;
  const o = result.options;
  const n = data.n;
  const minE = options.minE ?? Number.NEGATIVE_INFINITY;
  const maxE = options.maxE ?? Number.POSITIVE_INFINITY;
  const warnings: string[] = [];
  const z = normalQuantile(1 - o.alpha / 2);

  // Cells kept (non-missing), with their influence columns.
  const all = result.attgt.map((r, j) => ({ ...r, j }));
  const cells = all.filter((c) => c.att !== null);
  const cellsDropped = all.length - cells.length;
  if (cellsDropped > 0)
    warnings.push(`${cellsDropped} ATT(g,t) cells are NA and left out of the ${type} aggregation`);
  const att = cells.map((c) => c.att!);
  const group = cells.map((c) => c.group);
  const time = cells.map((c) => c.time);
  const col = (idx: number): Float64Array =>
    influence.values.subarray(cells[idx]!.j * n, (cells[idx]!.j + 1) * n);

  // P(G = g) with sampling weights, over all units (never-treated included).
  const share = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const g = data.group[i]!;
    share.set(g, (share.get(g) ?? 0) + data.weight[i]!);
  }
  const pgOf = (g: number): number => (share.get(g) ?? 0) / n;
  const pg = group.map(pgOf);

  const seOf = (psi: Float64Array, tag: string): number => {
    if (o.bootstrap > 0) {
      const rng = createRng(`${o.seed}:${type}:${tag}`);
      const b = multiplierBootstrap(
        { values: psi, n, k: 1 },
        o.bootstrap,
        o.alpha,
        rng,
        data.cluster,
      );
      return cleanSe(b.se[0]!);
    }
    return cleanSe(influenceSe(psi, data.cluster));
  };

  /** Σ_k weights_k ψ_k (+ estimation effect of the cohort-share weights when `withWif`). */
  const combine = (which: number[], withWif: boolean): { est: number; psi: Float64Array } => {
    let sumPg = 0;
    for (const k of which) sumPg += pg[k]!;
    const psi = new Float64Array(n);
    let est = 0;
    for (const k of which) {
      const wk = pg[k]! / sumPg;
      est += wk * att[k]!;
      const c = col(k);
      for (let i = 0; i < n; i++) psi[i]! += wk * c[i]!;
    }
    if (withWif) addWeightEffect(psi, which, sumPg, est);
    return { est, psi };
  };

  /**
   * Influence of estimating the weights p_g / Σ p_g (did's `wif`): for unit i,
   * Σ_k (w_i 1{G_i = g_k} − p_k) att_k / S − Σ_k (w_i 1{G_i = g_k} − p_k) · Σ_k p_k att_k / S².
   */
  const addWeightEffect = (
    psi: Float64Array,
    which: number[],
    sumPg: number,
    est: number,
  ): void => {
    const attSum = new Map<number, number>();
    const count = new Map<number, number>();
    let pgAtt = 0;
    let pgSum = 0;
    for (const k of which) {
      attSum.set(group[k]!, (attSum.get(group[k]!) ?? 0) + att[k]!);
      count.set(group[k]!, (count.get(group[k]!) ?? 0) + 1);
      pgAtt += pg[k]! * att[k]!;
      pgSum += pg[k]!;
    }
    const weighted = est * sumPg; // Σ p_k att_k
    void pgAtt;
    for (let i = 0; i < n; i++) {
      const g = data.group[i]!;
      const w = data.weight[i]!;
      const a = w * (attSum.get(g) ?? 0) - weighted;
      const b = w * (count.get(g) ?? 0) - pgSum;
      psi[i]! += a / sumPg - (b * weighted) / (sumPg * sumPg);
    }
  };

  const pointwise = (est: number, se: number): Estimate => ({
    att: nn(est),
    se: nn(se),
    ciLower: nn(est - z * se),
    ciUpper: nn(est + z * se),
  });

  /** By-level intervals: uniform band from one joint bootstrap when asked, else pointwise. */
  const levels = (
    lv: number[],
    ests: number[],
    psis: Float64Array[],
  ): {
    byLevel: LevelEstimate[];
    crit: number;
    band: "pointwise" | "uniform";
  } => {
    const ses = psis.map((p, k) => seOf(p, `level${lv[k]}`));
    let crit = z;
    let band: "pointwise" | "uniform" = "pointwise";
    if (o.bootstrap > 0 && o.cband && psis.length > 0) {
      const values = new Float64Array(n * psis.length);
      for (const [k, p] of psis.entries()) values.set(p, k * n);
      const rng = createRng(`${o.seed}:${type}:band`);
      const b = multiplierBootstrap(
        { values, n, k: psis.length },
        o.bootstrap,
        o.alpha,
        rng,
        data.cluster,
      );
      if (!Number.isFinite(b.crit)) {
        warnings.push("the simultaneous critical value is NA: pointwise intervals reported");
      } else if (b.crit < z) {
        warnings.push(
          "the simultaneous band is narrower than the pointwise one: pointwise intervals reported",
        );
      } else {
        crit = b.crit;
        band = "uniform";
        if (crit >= 7)
          warnings.push(
            "the simultaneous critical value is large (≥ 7): cells are probably too small",
          );
      }
    }
    const byLevel = lv.map((level, k) => ({
      level,
      att: nn(ests[k]!),
      se: nn(ses[k]!),
      ciLower: nn(ests[k]! - crit * ses[k]!),
      ciUpper: nn(ests[k]! + crit * ses[k]!),
    }));
    return { byLevel, crit, band };
  };

  /** The aggregation's result: its overall estimate, and its by-level rows when it has levels. */
  const summary = (
    est: number,
    psi: Float64Array,
    lv: ReturnType<typeof levels> = { byLevel: [], crit: z, band: "pointwise" },
  ): Aggregation => ({
    type,
    overall: pointwise(est, seOf(psi, "overall")),
    byLevel: lv.byLevel,
    criticalValue: lv.crit,
    band: lv.band,
    cellsDropped,
    warnings,
  });

  const idx = cells.map((_, k) => k);
  const isPost = (k: number): boolean => group[k]! <= time[k]! && time[k]! - group[k]! <= maxE;

  if (type === "simple") {
    const keep = idx.filter(isPost);
    const { est, psi } = combine(keep, true);
    return summary(est, psi);
  }

  if (type === "group") {
    const glist = [...new Set(group)]
      .sort((a, b) => a - b)
      .filter((g) => idx.some((k) => group[k] === g && isPost(k)));
    const ests: number[] = [];
    const psis: Float64Array[] = [];
    for (const g of glist) {
      const which = idx.filter((k) => group[k] === g && isPost(k));
      const { est, psi } = combine(which, false);
      ests.push(est);
      psis.push(psi);
    }
    const lv = levels(glist, ests, psis);
    // Overall: cohort effects weighted by cohort shares, with the weights' estimation effect.
    const pgg = glist.map(pgOf);
    const sumPg = pgg.reduce((a, b) => a + b, 0);
    const psi = new Float64Array(n);
    let est = 0;
    glist.forEach((_, k) => {
      const wk = pgg[k]! / sumPg;
      est += wk * ests[k]!;
      for (let i = 0; i < n; i++) psi[i]! += wk * psis[k]![i]!;
    });
    const gIndex = new Map(glist.map((g, k) => [g, k]));
    for (let i = 0; i < n; i++) {
      const k = gIndex.get(data.group[i]!);
      const w = data.weight[i]!;
      const a = (k === undefined ? 0 : w * ests[k]!) - est * sumPg;
      const b = (k === undefined ? 0 : w) - sumPg;
      psi[i]! += a / sumPg - (b * est) / sumPg;
    }
    return summary(est, psi, lv);
  }

  if (type === "dynamic") {
    let include = idx.map(() => true);
    let eseq = [...new Set(idx.map((k) => time[k]! - group[k]!))].sort((a, b) => a - b);
    if (options.balanceE !== undefined) {
      const be = options.balanceE;
      const tMax = Math.max(...time);
      const tMin = Math.min(...data.tlist);
      include = idx.map((k) => tMax - group[k]! >= be);
      eseq = [...new Set(idx.filter((k) => include[k]).map((k) => time[k]! - group[k]!))]
        .sort((a, b) => a - b)
        .filter((e) => e <= be && e >= be - tMax + tMin);
    }
    eseq = eseq.filter((e) => e >= minE && e <= maxE);
    const ests: number[] = [];
    const psis: Float64Array[] = [];
    for (const e of eseq) {
      const which = idx.filter((k) => include[k] && time[k]! - group[k]! === e);
      const { est, psi } = combine(which, true);
      ests.push(est);
      psis.push(psi);
    }
    const lv = levels(eseq, ests, psis);
    const pos = eseq.map((e, k) => ({ e, k })).filter(({ e }) => e >= 0);
    const psi = new Float64Array(n);
    let est = 0;
    for (const { k } of pos) {
      est += ests[k]! / pos.length;
      for (let i = 0; i < n; i++) psi[i]! += psis[k]![i]! / pos.length;
    }
    if (pos.length === 0) est = Number.NaN;
    return summary(est, psi, lv);
  }

  // Calendar time: periods from the first cohort on, post-treatment cells of each period.
  const minG = Math.min(...group);
  const tlist = [...new Set(time)].sort((a, b) => a - b).filter((t) => t >= minG);
  const ests: number[] = [];
  const psis: Float64Array[] = [];
  for (const t of tlist) {
    const which = idx.filter((k) => time[k] === t && group[k]! <= t);
    const { est, psi } = combine(which, true);
    ests.push(est);
    psis.push(psi);
  }
  const lv = levels(tlist, ests, psis);
  const psi = new Float64Array(n);
  let est = 0;
  tlist.forEach((_, k) => {
    est += ests[k]! / tlist.length;
    for (let i = 0; i < n; i++) psi[i]! += psis[k]![i]! / tlist.length;
  });
  return summary(est, psi, lv);
}
