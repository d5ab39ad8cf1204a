import { designMatrix } from "../design/build.js";
import { cellNormalEquations, cellTables } from "../design/cells.js";
import type { Design } from "../design/design.js";
import { ParcoursError } from "../errors.js";
import type { Formula } from "../formula/parse.js";
import type { Frame } from "../frame.js";
import { pivotedCholesky } from "../linalg/cholesky.js";
import { normalPValue, tPValue } from "../stats/distributions.js";
import { type FamilyName, type LinkName, makeFamily } from "./family.js";
import { attachInternals, type CoefficientRow, type LinearFit } from "./fit.js";
import { fitTotals, irlsPass, irlsState, logitCellSweep, startingEta } from "./irls.js";
import { separationWarnings } from "./separation.js";

/** Options of {@link glm}. */
export interface GlmOptions {
  /** "binomial" (0/1 or proportion response) or "gaussian". */
  family: FamilyName;
  /** Link: logit (default) or probit for binomial, identity for gaussian. */
  link?: LinkName;
  /** Prior weights, one per input row (NaN rows are dropped and counted). */
  weights?: ArrayLike<number>;
  /** Missing values: drop and count (default) or fail. */
  na?: "omit" | "fail";
  /** Convergence tolerance on |dev − devold| / (|dev| + 0.1); R's default 1e-8. */
  epsilon?: number;
  /** Maximum IRLS iterations; R's default 25. */
  maxit?: number;
}

/** A fitted generalized linear model (R's `glm` object, as plain data). */
export interface GlmFit extends LinearFit {
  /** Family. */
  family: FamilyName;
  /** Link. */
  link: LinkName;
  /** Residual deviance. */
  deviance: number;
  /** Null deviance (intercept-only model, or η = 0 without intercept). */
  nullDeviance: number;
  /** Degrees of freedom of the null deviance. */
  dfNull: number;
  /** Akaike information criterion, as R computes it. */
  aic: number;
  /** Whether IRLS met the convergence rule. */
  converged: boolean;
  /** IRLS iterations run. */
  iterations: number;
}

function validWeights(frame: Frame, weights: ArrayLike<number> | undefined) {
  if (weights === undefined) return;
  if (weights.length !== frame.nRows) {
    throw new ParcoursError(
      "MODEL_BAD_WEIGHTS",
      `weights has ${weights.length} entries, the data has ${frame.nRows} rows`,
      { hint: "give one weight per input row" },
    );
  }
  for (let i = 0; i < weights.length; i++) {
    if (weights[i]! < 0 || weights[i] === Number.POSITIVE_INFINITY) {
      throw new ParcoursError("MODEL_BAD_WEIGHTS", `weight ${weights[i]} at row ${i + 1}`, {
        value: weights[i],
        hint: "weights must be finite and non-negative",
      });
    }
  }
}

/** Response and prior weights per design row, checked against the family. */
function responseOf(design: Design, family: FamilyName, weights?: ArrayLike<number>) {
  const y = design.response;
  if (y === undefined) {
    throw new ParcoursError("MODEL_NO_RESPONSE", "the formula has no response (left of ~)", {
      hint: 'write "response ~ terms"',
    });
  }
  const wt = new Float64Array(design.nRows).fill(1);
  if (weights !== undefined)
    for (let i = 0; i < wt.length; i++) wt[i] = weights[design.rowsUsed[i]!]!;
  const label = design.responseLabel!;
  if (family === "binomial") {
    if (design.responseLevels !== undefined && design.responseLevels.length > 2) {
      throw new ParcoursError(
        "GLM_RESPONSE_NOT_BINARY",
        `the binomial response "${label}" has ${design.responseLevels.length} levels (${design.responseLevels.slice(0, 5).join(", ")})`,
        { column: label, hint: "recode it to two values (0/1) first" },
      );
    }
    for (let i = 0; i < y.length; i++) {
      if (!(y[i]! >= 0 && y[i]! <= 1)) {
        throw new ParcoursError(
          "GLM_RESPONSE_NOT_BINARY",
          `the binomial response "${label}" must be 0/1 (or a proportion); it is ${y[i]} at row ${design.rowsUsed[i]! + 1}`,
          {
            column: label,
            value: y[i],
            hint: 'use family "gaussian" for a continuous response, or recode it to 0/1',
          },
        );
      }
    }
  } else if (design.responseLevels !== undefined) {
    throw new ParcoursError(
      "MODEL_RESPONSE_NOT_NUMERIC",
      `the response "${label}" is categorical (${design.responseLevels.slice(0, 5).join(", ")})`,
      { column: label, hint: 'use family "binomial" for a two-level response' },
    );
  }
  return { y, wt };
}

/** Coefficient table rows for the non-aliased columns, from a covariance matrix. */
export function coefficientRows(
  names: readonly string[],
  beta: Float64Array,
  cov: Float64Array,
  kept: readonly number[],
  df: number,
): CoefficientRow[] {
  const p = names.length;
  return kept.map((j) => {
    const se = Math.sqrt(cov[j * p + j]!);
    const statistic = beta[j]! / se;
    const pValue = Number.isFinite(df) ? tPValue(statistic, df) : normalPValue(statistic);
    return { term: names[j]!, estimate: beta[j]!, se, statistic, pValue };
  });
}

/**
 * Fits a GLM by iteratively reweighted least squares exactly as R's `glm.fit`: starting values
 * μ = (w y + 0.5)/(w + 1) for binomial and μ = y for gaussian, convergence when
 * |dev − devold| / (|dev| + 0.1) < ε (1e-8) within `maxit` (25) iterations, step halving on a
 * non-finite deviance, aliased columns set aside (NaN coefficients, named in `aliased`). The
 * normal equations are formed on the sparse design, never a dense copy.
 * @throws ParcoursError GLM_BAD_FAMILY, GLM_BAD_LINK, GLM_RESPONSE_NOT_BINARY, MODEL_NO_RESPONSE,
 *   MODEL_BAD_WEIGHTS, and the design errors of {@link designMatrix}.
 */
export function glm(frame: Frame, formula: Formula | string, options: GlmOptions): GlmFit {
  const fam = makeFamily(options?.family, options?.link);
  validWeights(frame, options.weights);
  const epsilon = options.epsilon ?? 1e-8;
  const maxit = options.maxit ?? 25;
  const design = designMatrix(frame, formula, {
    na: options.na,
    alsoRequire: options.weights ? { "(weights)": options.weights } : undefined,
  });
  const { y, wt } = responseOf(design, fam.family, options.weights);
  const binomial = fam.family === "binomial";
  const n = design.nRows;
  const p = design.p;
  const warnings: string[] = [];

  const st = irlsState(y, wt);
  const { eta, mu } = st;
  if (startingEta(fam, st)) {
    warnings.push("non-integer #successes in a binomial glm (as R warns)");
  }
  // Each pass gives μ, μ', the deviance and the next iteration's working weights/response (and,
  // fused for logit models on designs with a cell layout, the next normal equations' tables).
  const layout = binomial && fam.link === "logit" && st.bernoulli ? design.cellLayout() : null;
  const tables = layout !== null ? cellTables(layout) : null;
  let fromTables = false;
  const pass = (beta: Float64Array): number => {
    if (layout !== null) {
      fromTables = true;
      return logitCellSweep(layout, st, tables!, beta);
    }
    design.multiply(beta, eta);
    return irlsPass(fam, st);
  };
  const normalEquations = () => {
    if (layout === null || !fromTables) return design.xtwxz(st.w, st.z);
    const { upper, xtwz } = cellNormalEquations(layout, tables!, p, true);
    for (let a = 0; a < p; a++)
      for (let b = a + 1; b < p; b++) upper[b * p + a] = upper[a * p + b]!;
    return { xtwx: upper, xtwz };
  };
  let devold = irlsPass(fam, st);
  let dev = devold;
  // The weights of the last solve are reported; the next pass writes into the spare buffers.
  let w = st.w;
  let spareW: Float64Array = new Float64Array(n);
  let spareZ: Float64Array = new Float64Array(n);
  let coef: Float64Array = new Float64Array(p);
  let coefold: Float64Array | null = null;
  let chol = pivotedCholesky(new Float64Array(p * p).fill(0), p);
  let converged = false;
  let iter = 0;
  for (iter = 1; iter <= maxit; iter++) {
    const normal = normalEquations();
    chol = pivotedCholesky(normal.xtwx, p);
    const start = chol.solve(normal.xtwz);
    w = st.w;
    [st.w, spareW] = [spareW, st.w];
    [st.z, spareZ] = [spareZ, st.z];
    dev = pass(start);
    if (!Number.isFinite(dev)) {
      if (coefold === null) {
        throw new ParcoursError(
          "GLM_NO_VALID_START",
          "no valid set of coefficients found: please supply starting values",
          { hint: "check the response and covariates for extreme values" },
        );
      }
      // R's step halving towards the previous coefficients.
      for (let h = 0; h < maxit && !Number.isFinite(dev); h++) {
        for (let j = 0; j < p; j++) start[j] = (start[j]! + coefold[j]!) / 2;
        dev = pass(start);
      }
      warnings.push(`step size truncated due to divergence at iteration ${iter}`);
    }
    coef = start;
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
    coefold = start;
  }
  iter = Math.min(iter, maxit);
  if (!converged)
    warnings.push(
      `IRLS did not converge in ${maxit} iterations (glm.fit: algorithm did not converge)`,
    );

  const names = [...design.names];
  const aliased = chol.aliased.map((j) => names[j]!);
  if (aliased.length > 0) {
    warnings.push(
      `${aliased.length} coefficient(s) not defined because of singularities: ${aliased.join(", ")}`,
    );
  }
  const totals = fitTotals(fam, st, design.intercept, w);
  if (binomial) {
    if (totals.boundary) {
      warnings.push("fitted probabilities numerically 0 or 1 occurred (possible separation)");
    }
    warnings.push(...separationWarnings(design, y, wt));
  }
  const { residuals, nOk, nullDeviance } = totals;
  const rank = chol.kept.length;
  const dfResidual = nOk - rank;
  let dispersion = 1;
  if (!fam.fixedDispersion) {
    dispersion = dfResidual > 0 ? totals.weightedRss / dfResidual : Number.NaN;
  }
  const covUnscaled = chol.inverse();
  const cov = covUnscaled.map((v) => v * dispersion);
  const coefficients = coefficientRows(
    names,
    coef,
    cov,
    chol.kept,
    fam.fixedDispersion ? Number.POSITIVE_INFINITY : dfResidual,
  );
  const fit: GlmFit = {
    coefficients,
    beta: coef,
    names,
    covUnscaled,
    fitted: mu,
    linearPredictor: eta,
    rowsUsed: design.rowsUsed,
    n,
    nDropped: design.nDropped,
    missingByVariable: { ...design.missingByVariable },
    rank,
    dfResidual,
    aliased,
    dispersion,
    vcovType: "classical",
    workingWeights: w,
    workingResiduals: residuals,
    y,
    priorWeights: wt,
    formula: design.spec.formula.text,
    warnings,
    family: fam.family,
    link: fam.link,
    deviance: dev,
    nullDeviance,
    dfNull: nOk - (design.intercept ? 1 : 0),
    // For 0/1 rows with unit weights R's binomial AIC term, −2 Σ log dbinom(y; 1, μ), is the
    // deviance itself (the saturated log-likelihood is 0): no second pass of logs.
    aic: (binomial && st.bernoulli ? dev : fam.aic(y, mu, wt, dev)) + 2 * rank,
    converged,
    iterations: iter,
  };
  return attachInternals(fit, { design, frame });
}
