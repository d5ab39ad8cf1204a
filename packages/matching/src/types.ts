import type { BalanceRow, SampleSizes } from "./balance/balanceTable.js";
import type { DiscardRule } from "./engine/discard.js";
import type { MatchOrder } from "./engine/treatedOrder.js";

/** The distance units are matched on. */
export type DistanceKind = "logit" | "probit" | "mahalanobis";

/** Options of {@link matchUnits} (names follow MatchIt's, which analysts know). */
export interface MatchOptions {
  /** `treat ~ x1 + x2 + factor_column`: a 0/1 treatment and the covariates. */
  formula: string;
  /** Propensity score by logistic (default) or probit regression, Mahalanobis distance, or a
   * user-supplied score (one number per input row). */
  distance?: DistanceKind | ArrayLike<number>;
  /** Scale of a propensity score: probability (`response`, default) or linear predictor (`linear`). */
  link?: "response" | "linear";
  /** `nearest` neighbour (default), `exact` matching on all covariates, or `subclass`ification. */
  method?: "nearest" | "exact" | "subclass";
  /** Controls per treated unit (k:1), default 1. */
  ratio?: number;
  /** Reuse controls (default false). */
  replace?: boolean;
  /** Caliper on the distance; in SDs of the distance when `stdCaliper` (default true). */
  caliper?: number;
  /** Caliper in standard deviations of the distance (MatchIt's `std.caliper`), default true. */
  stdCaliper?: boolean;
  /** Order in which treated units are matched; default `largest` for a propensity score,
   * `data` for Mahalanobis or with replacement (as MatchIt forces). */
  mOrder?: MatchOrder;
  /** Seed for `mOrder: "random"`. */
  seed?: number | string;
  /**
   * Generator for `mOrder: "random"`: ours (default, any seed) or R's (`"R"`: the order MatchIt
   * uses after `set.seed(seed)`, for an integer seed), to reproduce a MatchIt run exactly.
   */
  rng?: "parcours" | "R";
  /** Explicit matching order: indices (0-based) among the treated units in data order. */
  treatedOrder?: ArrayLike<number>;
  /** Match only within strata of these variables (`"a + b"` or a list). */
  exact?: string | readonly string[];
  /** Mahalanobis distance on these variables, within the propensity caliper. */
  mahvars?: string | readonly string[];
  /** Drop units outside common support of the distance. */
  discard?: DiscardRule;
  /** Number of subclasses for `method: "subclass"` (default 6). */
  subclasses?: number;
  /** Missing values in the formula's variables: error (default) or drop and count. */
  na?: "fail" | "drop";
  /** Balance table settings. */
  balance?: {
    /** SMD denominator: SD of the treated (ATT, default) or pooled. */
    sdDenominator?: "treated" | "pooled";
    /** Binary covariates standardised (`std`, MatchIt summary, default) or raw differences (`raw`, cobalt). */
    binary?: "std" | "raw";
    /** |SMD| above which a covariate is flagged after matching (default 0.1). */
    threshold?: number;
  };
}

/** A matched set: one treated unit and its controls (input rows, 0-based). */
export interface MatchedSet {
  /** Input row of the treated unit. */
  treated: number;
  /** Input rows of its controls, in the order chosen. */
  controls: number[];
}

/** Result of {@link matchUnits}: plain data, JSON-serialisable through {@link matchResultJson}. */
export interface MatchResult {
  /** Method used. */
  method: "nearest" | "exact" | "subclass";
  /** Always ATT. */
  estimand: "ATT";
  /** The distance used (`user` for a supplied score). */
  distanceKind: DistanceKind | "user";
  /** The options, as given. */
  options: MatchOptions;
  /** Input rows. */
  nRows: number;
  /** Rows dropped for missing values (with `na: "drop"`). */
  nDroppedMissing: number;
  /** Missing values per variable. */
  missingByVariable: Record<string, number>;
  /** Treated units analysed. */
  nTreated: number;
  /** Control units analysed. */
  nControl: number;
  /** Treated units with a positive weight. */
  matchedTreated: number;
  /** Control units with a positive weight. */
  matchedControl: number;
  /** Caliper in the distance's units, or null. */
  caliper: number | null;
  /** Distance per input row (NaN where dropped or for Mahalanobis). */
  distance: Float64Array;
  /** Matching weight per input row (0 when unmatched, discarded or dropped). */
  weights: Float64Array;
  /** Subclass (pair) per input row, 0 when none (null in JSON). */
  subclass: Int32Array;
  /** 1 where the row was discarded (common support or empty exact stratum). */
  discarded: Uint8Array;
  /** 1 where the row is treated, per input row (0 for dropped rows). */
  treat: Uint8Array;
  /** Input rows analysed (after dropping missing values). */
  rowsUsed: Int32Array;
  /** Matched sets (nearest neighbour only). */
  matchedSets: MatchedSet[];
  /** Balance before/after for the distance and every covariate column. */
  balance: BalanceRow[];
  /** Sample sizes as MatchIt's `summary()$nn`. */
  sampleSizes: SampleSizes;
  /** Propensity model coefficients, when one was fitted. */
  propensityModel: { term: string; estimate: number; se: number }[] | null;
  /** Warnings (never printed by the library). */
  warnings: string[];
}
