import type { CohortSpec } from "@parcours-eval/cohort";
import type { AnalysisId, AnalysisParams } from "@parcours-eval/urssaf";
import type { DidPlan } from "../run/did-settings.js";

/** A label in the report's two languages. */
export interface Localized {
  fr: string;
  en: string;
}

/** Which extract an analysis reads. */
export type DatasetRole = "national" | "regional";

/** Cohorts the study adds to the urssaf package's: workload outcomes with 12 months of follow-up. */
export type StudyCohortId = "TO12" | "LATER_CONTACTS";

/** Keeps the cohort rows whose column value is one of `in`. */
export interface RowFilter {
  column: string;
  in: readonly (string | number)[];
}

/** Propensity-score matching settings (MatchIt's names). */
export interface MatchingSettings {
  /** Covariates of the propensity score (cohort columns). */
  covariates: string[];
  /** Match only within strata of these columns. */
  exact?: string[];
  /** Caliper in SDs of the propensity score (the study: 0.5). */
  caliper: number;
  /** Controls per treated unit. */
  ratio: number;
  replace: boolean;
  mOrder: "largest" | "smallest" | "data" | "random";
}

/** A matched treated-versus-control analysis. */
export interface MatchingAnalysisPlan {
  id: string;
  title: Localized;
  dataset: DatasetRole;
  /**
   * An annex-9 cohort of the urssaf package (N1, N2, N3, R2, R3_…, R4), one of the study's own
   * outcome cohorts (TO12, LATER_CONTACTS), or a full cohort spec.
   */
  cohort: AnalysisId | StudyCohortId | CohortSpec;
  /** Parameters of the annex-9 cohort (years, channels, windows…). */
  params?: AnalysisParams;
  /** Extra row filters on the built cohort (e.g. legal status). */
  filters?: RowFilter[];
  /** Population in words, for the report and results.json. */
  population: Localized;
  /** Outcome column of the cohort. */
  outcome: string;
  /** Overrides of the plan's matching defaults. */
  matching?: Partial<MatchingSettings>;
  /**
   * The study's own specification, reported beside as `<id>.study_spec` (e.g. without exact
   * matching on legal status).
   */
  studySpec?: Partial<MatchingSettings>;
  /** Heterogeneity: subgroup columns of the cohort for which the ATT is also reported. */
  subgroups?: string[];
}

/** Options of the descriptive section (annex 9 part 3). */
export interface DescriptivesPlan {
  /**
   * Minimum observations for a NAF code to be shown in the indicator tables (the study: more
   * than 5,000 of 630,007). Default: 5,000 scaled to the study year's accounts, at least 30.
   */
  nafMinCount?: number;
  /** Number of NAF codes and divisions listed before "other" (default 20). */
  top?: number;
}

/** Options of the typology section (annex 9 §63–79). */
export interface TypologyPlan {
  /** Range of k tried; the k with the best average silhouette is kept (default 4 to 14). */
  kMin?: number;
  kMax?: number;
  /** k-medoids algorithm (default fasterpam, seeded with the run's seed). */
  method?: "pam" | "fasterpam";
}

/** A study plan: the whole evaluation as data. `parcours evaluate --plan FILE` reads one. */
export interface StudyPlan {
  title: Localized;
  /** Registration year of the national analyses (the study: 2023). */
  studyYear: number;
  /** Matching settings used unless an analysis overrides them. */
  matchingDefaults: MatchingSettings;
  /** Matched analyses, national and regional, in report order. */
  matching: MatchingAnalysisPlan[];
  /** Descriptive section options (defaults when absent). */
  descriptives?: DescriptivesPlan;
  /** Typology section options (defaults when absent). */
  typology?: TypologyPlan;
  /** Options of the Midi-Pyrénées and staggered difference-in-differences (rollout timing…). */
  did?: DidPlan;
}
