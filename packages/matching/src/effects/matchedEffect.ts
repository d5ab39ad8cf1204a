import {
  designMatrix,
  Frame,
  lm,
  numericColumn,
  ParcoursError,
  tPValue,
  tQuantile,
  type VcovSpec,
  vcov,
} from "@parcours-eval/core";
import { covariateColumns, covariateValues } from "../balance/covariates.js";
import type { MatchResult } from "../types.js";
import { variableList } from "../validate.js";
import { differenceInMeansCL } from "./pairClustered.js";

/** Options of {@link matchedEffect}. */
export interface MatchedEffectOptions {
  /** Outcome column (numeric; 0/1 for a binary outcome). */
  outcome: string;
  /**
   * Covariates for a regression-adjusted (g-computation) ATT: `y ~ treat * (x − x̄_treated)` on
   * the matched data, whose `treat` coefficient is the average effect among the treated.
   */
  covariates?: string | readonly string[];
  /** Confidence level (default 0.95). */
  level?: number;
}

/** An average treatment effect on the treated, with the estimator of its variance. */
export interface MatchedEffect {
  /** Always ATT. */
  estimand: "ATT";
  /** `difference in means` (y ~ treat) or `g-computation` (with covariates). */
  method: "difference in means" | "g-computation";
  /** Point estimate (for a 0/1 outcome: a risk difference). */
  estimate: number;
  /** Standard error. */
  se: number;
  /** Lower end of the confidence interval (Student t, residual df, as `coeftest`). */
  ciLower: number;
  /** Upper end. */
  ciUpper: number;
  /** Two-sided p-value (Student t). */
  pValue: number;
  /** Confidence level. */
  level: number;
  /** Residual degrees of freedom. */
  df: number;
  /** Variance estimator: `CL:subclass` (sandwich::vcovCL by pair/subclass, HC1) or `HC3`. */
  vcov: string;
  /** Weighted outcome mean among matched treated units. */
  meanTreated: number;
  /** Weighted outcome mean among matched controls. */
  meanControl: number;
  /** Matched units used (outcome not missing). */
  nObs: number;
  /** Matched units dropped because the outcome is missing. */
  nMissingOutcome: number;
  /** Number of clusters (pairs/subclasses) when clustered. */
  nClusters: number | null;
}

/** Input rows with positive weight and an outcome; matched rows without one; treated count. */
function matchedRows(weights: Float64Array, treat: Uint8Array, y: Float64Array) {
  let nRowsUsed = 0;
  let nMissingOutcome = 0;
  let n1 = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i]! > 0)) continue;
    if (Number.isNaN(y[i]!)) nMissingOutcome++;
    else {
      nRowsUsed++;
      n1 += treat[i]!;
    }
  }
  const rows = new Int32Array(nRowsUsed);
  for (let i = 0, k = 0; i < weights.length; i++) {
    if (weights[i]! > 0 && !Number.isNaN(y[i]!)) rows[k++] = i;
  }
  return { rows, nMissingOutcome, n1 };
}

/** Σw·y and Σw among treated (mt, wt) and controls (mc, wc), in row order. */
function weightedSums(t: Float64Array, w: Float64Array, y: Float64Array) {
  let mt = 0;
  let wt = 0;
  let mc = 0;
  let wc = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === 1) {
      mt += w[i]! * y[i]!;
      wt += w[i]!;
    } else {
      mc += w[i]! * y[i]!;
      wc += w[i]!;
    }
  }
  return { mt, wt, mc, wc };
}

/** Outcome, treatment, weight and subclass of the given rows. */
function gather(rows: Int32Array, y: Float64Array, match: MatchResult) {
  const m = rows.length;
  const yUsed = new Float64Array(m);
  const tUsed = new Float64Array(m);
  const w = new Float64Array(m);
  const subclass = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const r = rows[k]!;
    yUsed[k] = y[r]!;
    tUsed[k] = match.treat[r]!;
    w[k] = match.weights[r]!;
    subclass[k] = match.subclass[r]!;
  }
  return { yUsed, tUsed, w, subclass };
}

/**
 * The ATT on matched data, as MatchIt's documentation recommends ("Estimating effects after
 * matching"): a weighted regression of the outcome on treatment (and, optionally, covariates
 * centred at the treated means, which makes the `treat` coefficient the g-computation ATT) over
 * matched units, with standard errors clustered by pair/subclass (`sandwich::vcovCL`) when
 * controls are not reused, and HC3 when they are.
 * @throws ParcoursError MATCH_NOTHING_MATCHED, MATCH_OUTCOME_*, and core's model errors.
 */
export function matchedEffect(
  frame: Frame,
  match: MatchResult,
  options: MatchedEffectOptions,
): MatchedEffect {
  const level = options.level ?? 0.95;
  const y = frame.numeric(options.outcome);
  const { rows, nMissingOutcome, n1 } = matchedRows(match.weights, match.treat, y);
  if (n1 === 0 || n1 === rows.length) {
    throw new ParcoursError(
      "MATCH_NOTHING_MATCHED",
      "no matched treated and control units with an outcome",
      {
        column: options.outcome,
        hint: "loosen the caliper or check the outcome's missing values",
      },
    );
  }
  const replaced = match.options.replace === true && match.method === "nearest";
  const { yUsed, tUsed, w, subclass } = gather(rows, y, match);
  const covs = variableList(options.covariates);
  const { mt, wt, mc, wc } = weightedSums(tUsed, w, yUsed);
  // Fields in their documented order (the JSON output is byte-stable).
  const result = (
    method: MatchedEffect["method"],
    estimate: number,
    se: number,
    df: number,
    vcovName: string,
    nClusters: number | null,
  ): MatchedEffect => {
    const q = tQuantile(1 - (1 - level) / 2, df);
    return {
      estimand: "ATT",
      method,
      estimate,
      se,
      ciLower: estimate - q * se,
      ciUpper: estimate + q * se,
      pValue: tPValue(estimate / se, df),
      level,
      df,
      vcov: vcovName,
      meanTreated: mt / wt,
      meanControl: mc / wc,
      nObs: rows.length,
      nMissingOutcome,
      nClusters,
    };
  };
  if (!covs.length && !replaced && rows.length > 2) {
    let maxSub = 0;
    for (let i = 0; i < subclass.length; i++) if (subclass[i]! > maxSub) maxSub = subclass[i]!;
    const cl = differenceInMeansCL(yUsed, tUsed, w, subclass, maxSub);
    // One cluster: left to vcov, which reports it as an error.
    if (cl.nClusters >= 2) {
      return result("difference in means", cl.estimate, cl.se, cl.df, "CL:subclass", cl.nClusters);
    }
  }
  const cols: Record<string, ReturnType<typeof numericColumn>> = {
    y: { kind: "numeric", values: yUsed },
    treat: { kind: "numeric", values: tUsed },
  };
  let formula = "y ~ treat";
  if (covs.length) {
    const sub = frame.take(Int32Array.from(rows));
    const design = designMatrix(sub, `${options.outcome} ~ ${covs.join(" + ")}`, { na: "fail" });
    const names: string[] = [];
    covariateColumns(design)
      .filter((c) => c.column >= 0)
      .forEach((c, j) => {
        const x = covariateValues(design, c);
        let sw = 0;
        let sx = 0;
        for (let i = 0; i < x.length; i++) {
          if (cols.treat!.values[i] !== 1) continue;
          sw += w[i]!;
          sx += w[i]! * x[i]!;
        }
        const centre = sx / sw;
        cols[`x${j}`] = numericColumn(Array.from(x, (v) => v - centre));
        names.push(`x${j}`);
      });
    formula = `y ~ treat * (${names.join(" + ")})`;
  }
  const data = new Frame(cols);
  const spec: VcovSpec = replaced ? "HC3" : { cluster: subclass };
  const fit = lm(data, formula, { weights: w });
  const V = vcov(fit, spec);
  const j = fit.names.indexOf("treat");
  const p = fit.names.length;
  const estimate = fit.beta[j]!;
  const se = Math.sqrt(V[j * p + j]!);
  return result(
    covs.length ? "g-computation" : "difference in means",
    estimate,
    se,
    fit.dfResidual,
    replaced ? "HC3" : "CL:subclass",
    replaced ? null : new Set(subclass).size,
  );
}
