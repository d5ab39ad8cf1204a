import type { MdeSummary, SensitivitySummary } from "@parcours-eval/sensitivity";

/** The design that produced an analysis' estimate. */
export type AnalysisDesign =
  | "matching"
  | "before_after"
  | "did"
  | "staggered_did"
  | "threshold"
  | "rdd"
  | "rdd_fuzzy";

/** The `sensitivity` and `mde` fields, as the sensitivity package computes them. */
export type { MdeSummary, SensitivitySummary } from "@parcours-eval/sensitivity";

/**
 * One analysis of `results.json`. The fields named in the `evaluate` issue are a public interface:
 * never rename them; add fields freely.
 */
export interface AnalysisResult {
  /** Stable identifier, e.g. `national.first_declaration.ae`. */
  id: string;
  title: string;
  design: AnalysisDesign;
  /** Why the analysis could not run on these data (then the estimate fields are null). */
  disabled?: string;
  /** Who is analysed, in words (e.g. "AE, 2023 cohort, first due date reached"). */
  population: string;
  /** Outcome column. */
  outcome: string;
  /** Effect: treated minus control (difference in proportions for binary outcomes). */
  estimate: number | null;
  se: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  pValue: number | null;
  /** The unadjusted difference (treated minus control, before matching/adjustment). */
  naiveEstimate: number | null;
  nTreated: number;
  nControl: number;
  /** Units excluded, by reason (censored, missing covariate, unmatched…). */
  excluded: Record<string, number>;
  warnings: string[];
  /** Which variance estimator produced `se` (e.g. "two-proportion Wald", "vcovCL by pair"). */
  variance?: string;
  /** Mean outcome among treated and controls as analysed. */
  meanTreated?: number | null;
  meanControl?: number | null;
  /** Minimum detectable effect at 80 % power and 5 % level for these group sizes. */
  mde?: MdeSummary;
  sensitivity?: SensitivitySummary;
  /** Design-specific details (balance, event-study coefficients, bandwidths…). */
  details?: Record<string, unknown>;
}

/** The whole `results.json`. */
export interface StudyResults {
  /** parcours-eval version that produced the file. */
  version: string;
  seed: number;
  data: {
    paths: string[];
    manifests: unknown[];
    validation: unknown[];
  };
  analyses: AnalysisResult[];
}

/** What identifies an analysis, before it runs. */
export type AnalysisHead = Pick<
  AnalysisResult,
  "id" | "title" | "design" | "population" | "outcome"
>;

/** An analysis with no estimate yet (nothing computed, nothing excluded), to be filled or disabled. */
export function pendingResult(head: AnalysisHead): AnalysisResult {
  return {
    ...head,
    estimate: null,
    se: null,
    ciLower: null,
    ciUpper: null,
    pValue: null,
    naiveEstimate: null,
    nTreated: 0,
    nControl: 0,
    excluded: {},
    warnings: [],
  };
}
