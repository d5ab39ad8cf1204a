import type { CohortSpec, PopulationStep } from "@parcours-eval/cohort";
import { analysisSpec } from "@parcours-eval/urssaf";

/** Population step: 12 months of follow-up after the activity start before the extract date. */
function followUp(extractDate: string): PopulationStep {
  return {
    code: "FOLLOW_UP_UNDER_12_MONTHS",
    label: "less than 12 months between activity start and the extract date",
    keep: `u.activity_start_date + INTERVAL 12 MONTH <= DATE '${extractDate}'`,
  };
}

const yearStep = (year: number): PopulationStep => ({
  code: "OUTSIDE_COHORT_YEARS",
  label: `registered in ${year}`,
  keep: `u.cohort_year = ${Math.trunc(year)}`,
});

const DOM_STEP: PopulationStep = {
  code: "DOM_EXCLUDED",
  label: "overseas départements excluded (contract §5)",
  keep: "coalesce(u.urssaf_region NOT IN ('GUADELOUPE', 'MARTINIQUE', 'GUYANE', 'LA_REUNION', 'MAYOTTE'), true)",
};

/**
 * Taxations d'office in the first 12 months (the journey's workload objective, domain §5.4): AE
 * with 12 months of follow-up, treated by the N1 rule (a phone/RDV contact before the first
 * declaration and its due date, or within 6 months for non-filers), outcome the number of TO
 * events notified within 12 months of the activity start.
 */
export function taxationOfficeSpec(year: number, extractDate: string): CohortSpec {
  const n1 = analysisSpec("N1", { cohortYears: [year] });
  return {
    ...n1,
    id: "TO12",
    description:
      "National: taxation-d'office events within 12 months (AE) by inbound phone/RDV contact",
    events: { ...n1.events, to: { relation: "to_events", key: "account_id", date: "event_date" } },
    population: [
      { code: "NOT_AE", label: "auto-entrepreneurs only", keep: "u.legal_status = 'AE'" },
      yearStep(year),
      DOM_STEP,
      followUp(extractDate),
    ],
    outcomes: [
      {
        name: "taxation_office_events",
        count: {
          source: "to",
          window: {
            from: [{ date: "u.activity_start_date" }],
            to: [{ date: "u.activity_start_date", offset: { months: 12 } }],
          },
        },
      },
    ],
  };
}

/**
 * Inbound contacts after the first due date up to month 12 (the journey's promise of fewer later
 * contacts): AE and TI au réel with 12 months of follow-up, treated by a phone/RDV contact on or
 * before the first due date (AE: first declaration; TI: first échéance).
 */
export function laterContactsSpec(year: number, extractDate: string): CohortSpec {
  const n2 = analysisSpec("N2", { cohortYears: [year] });
  const due = "coalesce(u.first_decl_due_date, u.first_payment_due_date)";
  return {
    ...n2,
    id: "LATER_CONTACTS",
    description:
      "National: inbound contacts after the first due date up to month 12, by early phone/RDV contact",
    population: [
      yearStep(year),
      DOM_STEP,
      followUp(extractDate),
      { code: "NO_FIRST_DUE_DATE", label: "no first due date", keep: `${due} IS NOT NULL` },
    ],
    treatment: {
      name: "treated",
      anyOf: [
        {
          label: "phone/RDV contact on or before the first due date",
          rule: {
            source: "contacts",
            where: "e.direction = 'IN' AND e.channel IN ('PHONE', 'APPOINTMENT')",
            window: {
              from: [{ date: "u.registration_date", ifMissing: "unbounded" }],
              to: [{ date: due }],
            },
          },
        },
      ],
    },
    outcomes: [
      {
        name: "later_inbound_contacts",
        count: {
          source: "contacts",
          where: "e.direction = 'IN'",
          window: {
            from: [{ date: due, strict: true }],
            to: [{ date: "u.activity_start_date", offset: { months: 12 } }],
          },
        },
      },
    ],
  };
}
