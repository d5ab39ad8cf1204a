import { createRng, type Frame, normalQuantile } from "@parcours-eval/core";
import { estimateCells } from "./cs/att-gt-loop.js";
import { type InfluenceMatrix, multiplierBootstrap } from "./cs/bootstrap.js";
import type { LogitFitter } from "./cs/cell.js";
import { type Exclusion, type Prepared, prepare } from "./cs/prepare.js";
import { type PreTest, preTest } from "./cs/pretest.js";
import { coreLogit } from "./cs/propensity.js";
import { cleanSe, influenceVcov } from "./cs/variance.js";
import { type AttGtOptions, type ResolvedAttGtOptions, resolveAttGtOptions } from "./options.js";

/** One group-time average treatment effect ATT(g,t). */
export interface AttGtRow {
  /** Cohort g: the period the units were first treated. */
  group: number;
  /** Period t. */
  time: number;
  /** Period the change is measured from. */
  basePeriod: number;
  /** t ≥ g. */
  post: boolean;
  /** ATT(g,t); null when the cell could not be estimated (see warnings). */
  att: number | null;
  /** Standard error; null when unavailable. */
  se: number | null;
  /** Lower bound of the (pointwise or uniform, see `band`) confidence interval. */
  ciLower: number | null;
  /** Upper bound. */
  ciUpper: number | null;
  /** Treated units (panel) or observations (RC) in the cell. */
  nTreated: number;
  /** Comparison units or observations in the cell. */
  nControl: number;
}

/** JSON-serialisable result of {@link attGt}. */
export interface AttGtResult {
  /** Estimator name. */
  estimator: "callaway-santanna-2021";
  /** Options with defaults filled in. */
  options: ResolvedAttGtOptions;
  /** Units (panel) or observations (RC): the n of the influence functions. */
  n: number;
  /** Periods. */
  periods: number[];
  /** Cohorts evaluated. */
  cohorts: number[];
  /** The ATT(g,t), by cohort then period. */
  attgt: AttGtRow[];
  /** Critical value of the intervals. */
  criticalValue: number;
  /** Pointwise normal intervals, or uniform (sup-t) multiplier-bootstrap bands. */
  band: "pointwise" | "uniform";
  /** Which variance estimator produced the standard errors. */
  variance: string;
  /** Analytic covariance of the ATT(g,t) (influence function), row-major by `attgt` order. */
  vcov: number[][];
  /** Wald pre-test of parallel trends; null with a warning when it cannot be computed. */
  pretest: PreTest | null;
  /** Counts of rows and units used and left out. */
  counts: { rowsIn: number; rowsUsed: number; excluded: Exclusion[] };
  /** Everything worth knowing that did not stop the run. */
  warnings: string[];
}

/** {@link attGt}'s output: the result plus what aggregations need (not JSON). */
export interface AttGtFit {
  /** The serialisable result. */
  result: AttGtResult;
  /** Influence functions of the cells (n × cells). */
  influence: InfluenceMatrix;
  /** The prepared data (cohort and weight of each unit, clusters). */
  data: Prepared;
}

/** Internal hooks (tests inject a logit when needed). */
export interface AttGtHooks {
  /** Logistic regression used by IPW and DR. Defaults to core's `glm`. */
  fitLogit?: LogitFitter;
}

function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * Group-time average treatment effects of Callaway & Sant'Anna (2021) with the estimators of
 * Sant'Anna & Zhao (2020): the equivalent of R's `did::att_gt` (did 2.3), with analytic
 * influence-function or seeded multiplier-bootstrap inference, uniform bands and the pre-test.
 * Cells that cannot be estimated (empty, too small, singular) are NA with a warning.
 */
export function attGt(frame: Frame, options: AttGtOptions, hooks: AttGtHooks = {}): AttGtFit {
  const o = resolveAttGtOptions(options);
  const data = prepare(frame, o);
  const warnings = [...data.warnings];
  const loop = estimateCells(data, {
    controlGroup: o.controlGroup,
    anticipation: o.anticipation,
    estMethod: o.estMethod,
    basePeriod: o.basePeriod,
    fitLogit: hooks.fitLogit ?? coreLogit,
    xformla: o.xformla,
  });
  warnings.push(...loop.warnings);
  const k = loop.cells.length;
  const influence: InfluenceMatrix = { values: loop.inf, n: data.n, k };
  const vcov =
    data.cluster === undefined && loop.crossprod !== undefined
      ? loop.crossprod.map((v) => v / (data.n * data.n))
      : influenceVcov(influence, data.cluster, loop.blocks);
  const se = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    se[j] = Number.isNaN(loop.cells[j]!.att) ? Number.NaN : cleanSe(Math.sqrt(vcov[j * k + j]!));
  }
  let crit = normalQuantile(1 - o.alpha / 2);
  let band: "pointwise" | "uniform" = "pointwise";
  let variance = `analytic influence function${o.cluster ? ` clustered by ${o.cluster}` : " (unit level)"}`;
  if (o.bootstrap > 0) {
    const boot = multiplierBootstrap(
      influence,
      o.bootstrap,
      o.alpha,
      createRng(`${o.seed}:attgt`),
      data.cluster,
    );
    for (let j = 0; j < k; j++) if (!Number.isNaN(se[j]!)) se[j] = cleanSe(boot.se[j]!);
    variance = `multiplier bootstrap (Rademacher, ${o.bootstrap} draws, seed ${o.seed}${o.cluster ? `, clustered by ${o.cluster}` : ""})`;
    if (o.cband && data.tlist.length > 2) {
      crit = boot.crit;
      band = "uniform";
      if (crit >= 7)
        warnings.push(
          "the simultaneous critical value is large (≥ 7): cells are probably too small",
        );
    }
  }
  const rows: AttGtRow[] = loop.cells.map((c, j) => {
    const s = se[j]!;
    return {
      group: c.group,
      time: c.time,
      basePeriod: c.basePeriod,
      post: c.post,
      att: nullable(c.att),
      se: nullable(s),
      ciLower: nullable(c.att - crit * s),
      ciUpper: nullable(c.att + crit * s),
      nTreated: c.nTreated,
      nControl: c.nControl,
    };
  });
  const pt = preTest(
    loop.cells.map((c, j) => ({ group: c.group, time: c.time, att: c.att, se: se[j]! })),
    vcov,
  );
  let pretest: PreTest | null = null;
  if ("reason" in pt) warnings.push(`pre-test not computed: ${pt.reason}`);
  else pretest = pt;
  const vcovRows: number[][] = [];
  for (let a = 0; a < k; a++) vcovRows.push(Array.from(vcov.subarray(a * k, (a + 1) * k)));
  return {
    result: {
      estimator: "callaway-santanna-2021",
      options: o,
      n: data.n,
      periods: data.tlist,
      cohorts: data.glist,
      attgt: rows,
      criticalValue: crit,
      band,
      variance,
      vcov: vcovRows,
      pretest,
      counts: { rowsIn: data.rowsIn, rowsUsed: data.rowsUsed, excluded: data.excluded },
      warnings,
    },
    influence,
    data,
  };
}
