/**
 * The declarative cohort specification. Every expression is DuckDB SQL: unit-level expressions
 * see the unit relation as `u`, event-level expressions see the event relation as `e`. Nothing in
 * here knows about a particular caisse: a domain package writes its analyses as specs.
 */

/** A date a window bound is computed from: `date` (a unit-level SQL expression) plus an offset. */
export interface DateBound {
  /** Unit-level SQL expression giving a DATE, e.g. `u.activity_start_date`. */
  date: string;
  /** Offset added to the date (months first, then days); negative to go back. */
  offset?: { months?: number; days?: number };
  /** Strict comparison (`<` / `>`) instead of `<=` / `>=`. Default false. */
  strict?: boolean;
  /**
   * What a missing (NULL) bound date means: `"fail"` (no event can satisfy it, the default) or
   * `"unbounded"` (the bound is ignored).
   */
  ifMissing?: "fail" | "unbounded";
}

/** A time window relative to dates of the unit. Every bound must hold. */
export interface EventWindow {
  /** The event date must be on or after each bound (after, when strict). */
  from?: readonly DateBound[];
  /** The event date must be on or before each bound (before, when strict). */
  to?: readonly DateBound[];
}

/** A rule over one event source: events that match `where` inside `window`, at least `minCount`. */
export interface EventRule {
  /** Name of a source in {@link CohortSpec.events}. */
  source: string;
  /** Event-level SQL predicate (alias `e`), e.g. `e.channel IN ('PHONE', 'APPOINTMENT')`. */
  where?: string;
  /** Window relative to the unit's dates. */
  window?: EventWindow;
  /** Minimum number of matching events. Default 1. */
  minCount?: number;
}

/** One way of being treated: a unit-level condition and an event rule. */
export interface TreatmentBranch {
  /** Short label, shown in the cohort description. */
  label: string;
  /** Unit-level SQL predicate selecting the units this branch applies to (default: all). */
  when?: string;
  /** The events that make a unit treated. */
  rule: EventRule;
}

/** Treatment defined by events: a unit is treated when any branch holds. */
export interface EventTreatment {
  /** Name of the 0/1 treatment column in the output. */
  name: string;
  /** Branches, combined with OR. */
  anyOf: readonly TreatmentBranch[];
  /**
   * Untreated units that satisfy this rule are excluded from the control pool (and counted), e.g.
   * "controls must never have been called".
   */
  controlExclusion?: { code: string; label: string; rule: EventRule };
}

/** Treatment defined directly by a unit-level SQL predicate (e.g. a cohort comparison). */
export interface ExpressionTreatment {
  /** Name of the 0/1 treatment column in the output. */
  name: string;
  /** Unit-level SQL predicate: true = treated, false = control, NULL = excluded. */
  expr: string;
}

/** The treatment rule of a cohort. */
export type TreatmentSpec = EventTreatment | ExpressionTreatment;

/** An event source: a relation with one row per event. */
export interface EventSource {
  /** Relation (table or view) name. */
  relation: string;
  /** Column holding the unit key. */
  key: string;
  /** Column holding the event date (DATE). */
  date: string;
}

/** One population filter. Units failing it are excluded and counted under `code`. */
export interface PopulationStep {
  /** Stable exclusion code, e.g. `NOT_AE`. */
  code: string;
  /** Human label, e.g. "auto-entrepreneurs only". */
  label: string;
  /** Unit-level SQL predicate: units where it is not true (false or NULL) are excluded. */
  keep: string;
}

/** A column of the output computed from the unit row. */
export interface VariableSpec {
  /** Output column name. */
  name: string;
  /** Unit-level SQL expression. */
  expr: string;
  /** Column kind in the output frame. */
  type: "numeric" | "categorical" | "date";
  /** Level order for a categorical column (first = reference). Default: sorted values. */
  levels?: readonly string[];
}

/** An output column counting events of a rule (e.g. contacts after the parcours window). */
export interface EventCountSpec {
  /** Output column name. */
  name: string;
  /** The events to count (its `minCount` is ignored). */
  count: EventRule;
}

/** A complete cohort: one output row per kept unit. */
export interface CohortSpec {
  /** Identifier, e.g. `N1`. */
  id: string;
  /** What the cohort is for. */
  description: string;
  /** The unit relation, one row per unit. */
  units: { relation: string; key: string };
  /** Event sources the treatment and outcomes refer to. */
  events?: Readonly<Record<string, EventSource>>;
  /** Population filters, applied in order (first failing filter gives the exclusion code). */
  population: readonly PopulationStep[];
  /** Index date of each unit (unit-level SQL expression), output as column `name`. */
  indexDate?: { name: string; expr: string };
  /** The treatment rule. */
  treatment?: TreatmentSpec;
  /** Outcome columns; a unit with a NULL outcome is excluded unless `allowMissingOutcome`. */
  outcomes: readonly (VariableSpec | EventCountSpec)[];
  /** Covariate columns. */
  covariates: readonly VariableSpec[];
  /** Exclude (and count) units with a missing covariate. Default true. */
  dropMissingCovariates?: boolean;
  /** Keep units whose outcome is NULL (default false: they are excluded and counted). */
  allowMissingOutcome?: boolean;
}

/** One row of an exclusion table. */
export interface ExclusionRow {
  /** Stable code. */
  code: string;
  /** Human label. */
  label: string;
  /** The outcome or covariate concerned, for missing-value steps. */
  column?: string;
  /** Units excluded at this step. */
  excluded: number;
  /** Units remaining after this step. */
  remaining: number;
}
