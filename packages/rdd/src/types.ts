import type { BwSelect } from "./bandwidth.js";
import type { Kernel } from "./kernel.js";

/** How mass points (repeated values) of the running variable are handled (rdrobust's option). */
export type MassPoints = "adjust" | "check" | "off";

/** Variance estimator: nearest neighbours, HC0–HC3, or clustered (CR1) on a column/array. */
export type VceOption = "nn" | "hc0" | "hc1" | "hc2" | "hc3";

/** Options of {@link rdrobust} (rdrobust's names and defaults). */
export interface RdOptions {
  /** Cutoff (default 0). Units with x >= c are treated. */
  c?: number;
  /** Order of the local polynomial (default 1). */
  p?: number;
  /** Order of the bias-correction polynomial (default p + 1). */
  q?: number;
  /** Order of the derivative estimated (default 0; 1 = kink design). */
  deriv?: number;
  /** Main bandwidth: one value or [left, right]. Default: data-driven (`bwselect`). */
  h?: number | readonly [number, number];
  /** Bias bandwidth: one value or [left, right]. Default: h when h is given. */
  b?: number | readonly [number, number];
  /** Ratio h/b when h is given without b. */
  rho?: number;
  /** Kernel (default triangular). */
  kernel?: Kernel;
  /** Bandwidth selector (default mserd). */
  bwselect?: BwSelect;
  /** Variance estimator (default nn; hc1 under clustering is CR1). */
  vce?: VceOption;
  /** Neighbours of the nn variance (default 3). */
  nnmatch?: number;
  /** Confidence level in percent (default 95). */
  level?: number;
  /** Mass-point handling (default adjust). */
  masspoints?: MassPoints;
  /** Minimum number of unique x values on each side inside the bandwidths (default none). */
  bwcheck?: number;
  /** Cap bandwidths at the range of the data (default true). */
  bwrestrict?: boolean;
  /** Weight of the regularisation term of the selectors (default 1). */
  scaleregul?: number;
  /** Fuzzy designs: select bandwidths as if sharp (default false). */
  sharpbw?: boolean;
}

/** Arrays given to {@link rdrobust}; rows with a missing value in any of them are excluded. */
export interface RdData {
  /** Outcome. */
  y: ArrayLike<number>;
  /** Running variable. */
  x: ArrayLike<number>;
  /** Treatment received (fuzzy design), 0/1 or any numeric dose. */
  fuzzy?: ArrayLike<number>;
  /** Covariates, by name. */
  covs?: Readonly<Record<string, ArrayLike<number>>>;
  /** Cluster identifiers (clustered CR1 variance). */
  cluster?: ArrayLike<number | string | null>;
  /** Non-negative frequency weights. */
  weights?: ArrayLike<number>;
}

/** One row of estimates: point estimate, standard error, z, p-value and confidence interval. */
export interface RdEstimate {
  coef: number;
  se: number;
  z: number;
  pValue: number;
  ciLower: number;
  ciUpper: number;
}

/** A pair of values for the left (x < c) and right (x >= c) sides. */
export interface LeftRight {
  left: number;
  right: number;
}

/** Result of {@link rdrobust}: plain JSON-serialisable data. */
export interface RdResult {
  /** Conventional local-polynomial estimate with conventional SE. */
  conventional: RdEstimate;
  /** Bias-corrected estimate with conventional SE. */
  biasCorrected: RdEstimate;
  /** Bias-corrected estimate with robust SE (the one to report: CCT 2014). */
  robust: RdEstimate;
  /** Fuzzy designs: the first stage (jump in treatment) in the same three rows. */
  firstStage?: { conventional: RdEstimate; biasCorrected: RdEstimate; robust: RdEstimate };
  h: LeftRight;
  b: LeftRight;
  /** Observations used on each side (after exclusions). */
  n: LeftRight;
  /** Observations inside h on each side. */
  nEffective: LeftRight;
  /** Observations inside b on each side. */
  nBias: LeftRight;
  /** Unique values of the running variable on each side. */
  nUnique: LeftRight;
  /** Clusters on each side, when clustered. */
  nClusters?: LeftRight;
  /** Conventional and bias-corrected intercepts at the cutoff on each side. */
  boundary: { conventional: LeftRight; biasCorrected: LeftRight };
  /** Local-polynomial coefficients (order p, in powers of x - c) of each side. */
  coefficients: { left: number[]; right: number[] };
  /** Covariate coefficients γ̂ (covariate-adjusted designs). */
  covariates?: { names: string[]; gamma: number[] };
  design: "sharp" | "fuzzy";
  cutoff: number;
  p: number;
  q: number;
  deriv: number;
  kernel: string;
  bwselect: string;
  vce: string;
  level: number;
  masspoints: string;
  /** Rows given, and rows excluded for a missing value (any of y, x, fuzzy, covs, cluster). */
  nInput: number;
  excluded: { missing: number; negativeWeight: number };
  warnings: string[];
}
