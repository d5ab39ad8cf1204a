import type { CohortSpec, VariableSpec } from "@parcours-eval/cohort";
import { literalList } from "@parcours-eval/cohort";
import type { Frame } from "@parcours-eval/core";
import { analysisSpec } from "@parcours-eval/urssaf";
import { laterContactsSpec, taxationOfficeSpec } from "../plan/journey-specs.js";
import { analysisCohort } from "./cohort-frame.js";
import type { RunContext } from "./context.js";

/** Outcomes of the Midi-Pyrénées designs (the urssaf "MP" cohort's `mpOutcome`). */
export const MP_OUTCOMES = {
  first_declaration: { mpOutcome: "declaration", column: "first_decl_on_time" },
  first_payment: { mpOutcome: "payment", column: "first_payment_conforme" },
  acre: { mpOutcome: "acre", column: "acre" },
} as const;

/** One of {@link MP_OUTCOMES}. */
export type MpOutcome = keyof typeof MP_OUTCOMES;

/** Outcomes of the staggered design: the study's cohorts of the same outcomes, every year. */
export const STAGGERED_OUTCOMES = {
  contacts: { column: "later_inbound_contacts", count: true },
  first_payment: { column: "first_payment_conforme", count: false },
  taxation_office: { column: "taxation_office_events", count: true },
} as const;

/** One of {@link STAGGERED_OUTCOMES}. */
export type StaggeredOutcome = keyof typeof STAGGERED_OUTCOMES;

const REGION: VariableSpec = {
  name: "urssaf_region",
  expr: "u.urssaf_region",
  type: "categorical",
};
const YEAR: VariableSpec = { name: "cohort_year", expr: "u.cohort_year", type: "numeric" };
const SEMESTER: VariableSpec = {
  name: "cohort_semester",
  expr: "u.cohort_semester",
  type: "numeric",
};

/** A DiD frame: one row per account with region, registration year and semester, the outcome. */
export interface DidFrame {
  frame: Frame;
  excluded: Record<string, number>;
  /** Outcome column of the frame. */
  outcome: string;
}

/**
 * Midi-Pyrénées and comparison regions, registration years `years`: the urssaf "MP" cohort (same
 * population, censoring and outcome as the study's before/after), with the region step widened to
 * `regions` and the registration year added. Column `treated` is the second semester.
 */
export async function mpDidFrame(
  ctx: RunContext,
  outcome: MpOutcome,
  regions: readonly string[],
  years: readonly number[],
): Promise<DidFrame> {
  const o = MP_OUTCOMES[outcome];
  const mp = analysisSpec("MP", { mpOutcome: o.mpOutcome, cohortYears: years });
  const spec: CohortSpec = {
    ...mp,
    id: `MP_DID_${outcome}`,
    population: mp.population.map((s) =>
      s.code === "NOT_MIDI_PYRENEES"
        ? {
            code: "OUTSIDE_STUDY_REGIONS",
            label: "Midi-Pyrénées and its comparison regions only",
            keep: `u.urssaf_region IN ${literalList(regions)}`,
          }
        : s,
    ),
    covariates: [REGION, YEAR],
    dropMissingCovariates: true,
  };
  const { frame, excluded } = await analysisCohort(ctx, "national", spec, {});
  return { frame, excluded, outcome: o.column };
}

/** The cohort spec of a staggered outcome over every registration year (DOM excluded). */
function staggeredSpec(ctx: RunContext, outcome: StaggeredOutcome): CohortSpec {
  const extractDate = ctx.data.national?.manifest?.extract_date ?? "";
  const base =
    outcome === "first_payment"
      ? analysisSpec("N2", {})
      : outcome === "contacts"
        ? laterContactsSpec(ctx.plan.studyYear, extractDate)
        : taxationOfficeSpec(ctx.plan.studyYear, extractDate);
  // The study's cohorts are one year; here every year, without the contact treatment.
  const { treatment: _unused, ...rest } = base;
  return {
    ...rest,
    id: `STAGGERED_${outcome}`,
    population: base.population.filter((s) => s.code !== "OUTSIDE_COHORT_YEARS"),
    covariates: [REGION, YEAR, SEMESTER],
    dropMissingCovariates: true,
  };
}

/**
 * One row per account of every registration year for a staggered outcome: later inbound contacts
 * (as `national.later_contacts.all`), first-payment conformity (as `national.first_payment.all`),
 * taxations d'office within 12 months (as `national.taxation_office.ae`).
 */
export async function staggeredFrame(
  ctx: RunContext,
  outcome: StaggeredOutcome,
): Promise<DidFrame> {
  const spec = staggeredSpec(ctx, outcome);
  const { frame, excluded } = await analysisCohort(ctx, "national", spec, {});
  return { frame, excluded, outcome: STAGGERED_OUTCOMES[outcome].column };
}
