import type { Design } from "../design/design.js";
import { ParcoursError } from "../errors.js";
import type { Frame } from "../frame.js";

/** One row of a coefficient table (R's `summary()$coefficients`). */
export interface CoefficientRow {
  /** Column name, as R's model.matrix. */
  term: string;
  /** Estimate. */
  estimate: number;
  /** Standard error (from the fit's variance estimator). */
  se: number;
  /** Estimate / se: a z value (binomial, or robust glm) or a t value (gaussian, lm). */
  statistic: number;
  /** Two-sided p-value (normal for z, Student t with the residual df for t). */
  pValue: number;
}

/** Which variance estimator produced standard errors. */
export type VcovSpec =
  | "classical"
  | "HC0"
  | "HC1"
  | "HC2"
  | "HC3"
  | {
      /** A column name of the fitted frame, or cluster ids per input row (or per row used). */
      readonly cluster: ArrayLike<number> | ArrayLike<string> | string;
      /** Small-sample type: vcovCL's default is "HC1" for lm and "HC0" for GLMs. */
      readonly type?: "HC0" | "HC1";
    };

/** What every fitted linear model carries (shared by {@link GlmFit} and {@link LmFit}). */
export interface LinearFit {
  /** Coefficient table of the non-aliased columns (aliased ones are in `aliased`). */
  coefficients: CoefficientRow[];
  /** Estimates for every column; NaN for aliased columns (R's NA). */
  beta: Float64Array;
  /** Column names (length p). */
  names: string[];
  /** (X'WX)⁻¹, p × p row-major, with W the final working weights; NaN rows/cols when aliased. */
  covUnscaled: Float64Array;
  /** Fitted means per design row. */
  fitted: Float64Array;
  /** Linear predictor per design row. */
  linearPredictor: Float64Array;
  /** Input row of each design row. */
  rowsUsed: Int32Array;
  /** Number of rows used. */
  n: number;
  /** Rows dropped for missing values. */
  nDropped: number;
  /** Rows missing per variable (a row may count for several). */
  missingByVariable: Record<string, number>;
  /** Number of non-aliased columns. */
  rank: number;
  /** Residual degrees of freedom (rows with positive weight − rank). */
  dfResidual: number;
  /** Names of aliased (collinear) columns, whose coefficients are NaN. */
  aliased: string[];
  /** Dispersion: 1 for binomial, the residual variance for gaussian/lm. */
  dispersion: number;
  /** Variance estimator behind `coefficients[].se`. */
  vcovType: string;
  /** Working weights per design row (prior weights for lm). */
  workingWeights: Float64Array;
  /** Working residuals per design row (plain residuals for lm). */
  workingResiduals: Float64Array;
  /** Response per design row. */
  y: Float64Array;
  /** Prior weights per design row (ones when none were given). */
  priorWeights: Float64Array;
  /** The formula text. */
  formula: string;
  /** Warnings (never printed by the library). */
  warnings: string[];
}

/** Non-enumerable attachments of a fit (kept out of JSON): its design and source frame. */
export interface FitInternals {
  readonly design: Design;
  readonly frame: Frame;
}

const INTERNALS = new WeakMap<object, FitInternals>();

/** Attaches the design and frame to a fit without making them part of its JSON. */
export function attachInternals<T extends object>(fit: T, internals: FitInternals): T {
  INTERNALS.set(fit, internals);
  return fit;
}

/** The design and frame a fit was computed on. */
export function internalsOf(fit: object): FitInternals {
  const got = INTERNALS.get(fit);
  if (got === undefined) {
    throw new ParcoursError("FIT_UNKNOWN", "this object is not a fit returned by glm() or lm()", {
      hint: "pass the fit object itself (a copy made with {...fit} or JSON loses its design)",
    });
  }
  return got;
}
