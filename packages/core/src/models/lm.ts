import { designMatrix } from "../design/build.js";
import { ParcoursError } from "../errors.js";
import type { Formula } from "../formula/parse.js";
import type { Frame } from "../frame.js";
import { pivotedCholesky } from "../linalg/cholesky.js";
import { attachInternals, type LinearFit, type VcovSpec } from "./fit.js";
import { coefficientTable, describeVcov } from "./vcov.js";

/** Options of {@link lm}. */
export interface LmOptions {
  /** Prior weights (weighted least squares), one per input row. */
  weights?: ArrayLike<number>;
  /** Variance estimator of the coefficient table (default "classical"). */
  vcov?: VcovSpec;
  /** Missing values: drop and count (default) or fail. */
  na?: "omit" | "fail";
}

/** A fitted linear model (R's `lm`, as plain data). */
export interface LmFit extends LinearFit {
  /** Residuals y − Xβ per design row. */
  residuals: Float64Array;
  /** Residual standard error σ̂. */
  sigma: number;
  /** R² (centred when the model has an intercept, as R). */
  rSquared: number;
  /** Adjusted R². */
  adjRSquared: number;
}

/**
 * Ordinary or weighted least squares, as R's `lm`: solved on the sparse design's normal
 * equations (equilibrated Cholesky plus one step of iterative refinement, which brings the
 * estimates to QR accuracy for well-conditioned designs), aliased columns set aside as R's NA
 * coefficients. `vcov` chooses the standard errors of `coefficients` (see {@link vcov}).
 * @throws ParcoursError MODEL_NO_RESPONSE, MODEL_RESPONSE_NOT_NUMERIC, MODEL_BAD_WEIGHTS,
 *   MODEL_NO_DF, and the design errors of {@link designMatrix}.
 */
export function lm(frame: Frame, formula: Formula | string, options: LmOptions = {}): LmFit {
  const weights = options.weights;
  if (weights !== undefined && weights.length !== frame.nRows) {
    throw new ParcoursError(
      "MODEL_BAD_WEIGHTS",
      `weights has ${weights.length} entries, the data has ${frame.nRows} rows`,
      { hint: "give one weight per input row" },
    );
  }
  const design = designMatrix(frame, formula, {
    na: options.na,
    alsoRequire: weights ? { "(weights)": weights } : undefined,
  });
  const y = design.response;
  if (y === undefined) {
    throw new ParcoursError("MODEL_NO_RESPONSE", "the formula has no response (left of ~)", {
      hint: 'write "response ~ terms"',
    });
  }
  if (design.responseLevels !== undefined) {
    throw new ParcoursError(
      "MODEL_RESPONSE_NOT_NUMERIC",
      `the response "${design.responseLabel}" is categorical`,
      { column: design.responseLabel, hint: "lm needs a numeric response" },
    );
  }
  const n = design.nRows;
  const p = design.p;
  const wt = new Float64Array(n).fill(1);
  if (weights) {
    for (let i = 0; i < n; i++) {
      wt[i] = weights[design.rowsUsed[i]!]!;
      if (!(wt[i]! >= 0 && Number.isFinite(wt[i]!))) {
        throw new ParcoursError(
          "MODEL_BAD_WEIGHTS",
          `weight ${wt[i]} at row ${design.rowsUsed[i]! + 1}`,
          {
            value: wt[i],
            hint: "weights must be finite and non-negative",
          },
        );
      }
    }
  }
  const chol = pivotedCholesky(design.xtwx(wt), p);
  const beta = chol.solve(design.xtwz(wt, y));
  const fitted = design.multiply(beta);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = y[i]! - fitted[i]!;
  // One refinement step: solve for the correction from the residuals' normal equations.
  const delta = chol.solve(design.xtwz(wt, residuals));
  for (let j = 0; j < p; j++) beta[j] += delta[j]!;
  design.multiply(beta, fitted);
  for (let i = 0; i < n; i++) residuals[i] = y[i]! - fitted[i]!;

  let nOk = 0;
  for (let i = 0; i < n; i++) if (wt[i]! > 0) nOk++;
  const rank = chol.kept.length;
  const dfResidual = nOk - rank;
  let rss = 0;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    rss += wt[i]! * residuals[i]! ** 2;
    sw += wt[i]!;
    swy += wt[i]! * y[i]!;
  }
  const ybar = design.intercept ? swy / sw : 0;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += wt[i]! * (y[i]! - ybar) ** 2;
  const sigma2 = dfResidual > 0 ? rss / dfResidual : Number.NaN;
  const rSquared = 1 - rss / tss;
  const dfInt = design.intercept ? 1 : 0;
  const adjRSquared = 1 - (1 - rSquared) * ((nOk - dfInt) / dfResidual);
  const names = [...design.names];
  const aliased = chol.aliased.map((j) => names[j]!);
  const warnings: string[] = [];
  if (aliased.length > 0) {
    warnings.push(
      `${aliased.length} coefficient(s) not defined because of singularities: ${aliased.join(", ")}`,
    );
  }
  if (dfResidual <= 0)
    warnings.push("no residual degrees of freedom: standard errors are not defined");
  const spec = options.vcov ?? "classical";
  const fit: LmFit = {
    coefficients: [],
    beta,
    names,
    covUnscaled: chol.inverse(),
    fitted,
    linearPredictor: fitted,
    rowsUsed: design.rowsUsed,
    n,
    nDropped: design.nDropped,
    missingByVariable: { ...design.missingByVariable },
    rank,
    dfResidual,
    aliased,
    dispersion: sigma2,
    vcovType: describeVcov(spec),
    workingWeights: wt,
    workingResiduals: residuals,
    y,
    priorWeights: wt,
    formula: design.spec.formula.text,
    warnings,
    residuals,
    sigma: Math.sqrt(sigma2),
    rSquared,
    adjRSquared,
  };
  attachInternals(fit, { design, frame });
  fit.coefficients = coefficientTable(fit, spec);
  return fit;
}
