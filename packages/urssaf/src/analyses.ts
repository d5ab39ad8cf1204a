import type {
  CohortSpec,
  EventRule,
  PopulationStep,
  TreatmentBranch,
  VariableSpec,
} from "@parcours-eval/cohort";
import { literalList } from "@parcours-eval/cohort";
import { DOM_REGIONS } from "./departements.js";

/** Identifiers of the annex-9 analyses (domain §6). */
export const ANALYSIS_IDS = [
  "N1",
  "N2",
  "N3",
  "R2",
  "R3_ASSISTANCE_COMPTE_EN_LIGNE",
  "R3_GESTION_DU_COMPTE",
  "R3_RELATION_USAGERS",
  "R4",
  "MP",
] as const;

/** One of {@link ANALYSIS_IDS}. */
export type AnalysisId = (typeof ANALYSIS_IDS)[number];

/** Parameters of the analyses, with the documented defaults (domain §6, §11). */
export interface AnalysisParams {
  /** Cohort years (registration year) kept; default: N1–N3 all, R2/R3 [2019, 2022], R4 [2022], MP [2023]. */
  cohortYears?: readonly number[];
  /** Contact channels that count as treatment (default PHONE and APPOINTMENT, §4.4). */
  channels?: readonly string[];
  /** Apply the channel restriction to non-filers too (default true; the report says "un contact"). */
  restrictNonFilerChannels?: boolean;
  /** Months after activity start for non-filers / non-payers (default 6). */
  nonFilerWindowMonths?: number;
  /** Days after activity start of the ACRE request window (default 45, AE 2020–2025). */
  acreWindowDays?: number;
  /** Months after activity start for R4 outbound calls (default 9). */
  r4WindowMonths?: number;
  /** Include DOM in the population (default false, contract §5). */
  includeDom?: boolean;
  /** MP outcome: on-time first declaration (default), first payment conforme, or ACRE. */
  mpOutcome?: "declaration" | "payment" | "acre";
}

const COVARIATES: VariableSpec[] = [
  { name: "urssaf_region", expr: "u.urssaf_region", type: "categorical" },
  { name: "naf_division", expr: "u.naf_division", type: "categorical" },
  { name: "sex", expr: "CASE WHEN u.sex IN ('F', 'M') THEN u.sex END", type: "categorical" },
  { name: "age", expr: "u.age_at_activity_start", type: "numeric" },
  {
    name: "activity_start_month",
    expr: "CAST(u.activity_start_month AS VARCHAR)",
    type: "categorical",
    levels: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
  },
];
const STATUS: VariableSpec = {
  name: "legal_status",
  expr: "u.legal_status",
  type: "categorical",
  levels: ["AE", "TI_REEL"],
};

const OUTCOME_DECL: VariableSpec = {
  name: "first_decl_on_time",
  expr: "CASE u.first_decl_status WHEN 'ON_TIME' THEN 1 WHEN 'LATE' THEN 0 WHEN 'NOT_FILED' THEN 0 END",
  type: "numeric",
};
const OUTCOME_PAY: VariableSpec = {
  name: "first_payment_conforme",
  expr: "CASE u.first_payment_status WHEN 'CONFORME' THEN 1 WHEN 'DEBITEUR' THEN 0 WHEN 'CREDITEUR' THEN 0 END",
  type: "numeric",
};
const OUTCOME_ACRE: VariableSpec = {
  name: "acre",
  expr: "CAST(u.acre AS INTEGER)",
  type: "numeric",
};

function yearsStep(years: readonly number[] | undefined): PopulationStep[] {
  return years?.length
    ? [
        {
          code: "OUTSIDE_COHORT_YEARS",
          label: `registered in ${years.join(", ")}`,
          keep: `u.cohort_year IN (${years.map((y) => Math.trunc(y)).join(", ")})`,
        },
      ]
    : [];
}

function domStep(p: AnalysisParams): PopulationStep[] {
  return p.includeDom
    ? []
    : [
        {
          code: "DOM_EXCLUDED",
          label: "overseas départements excluded (contract §5)",
          keep: `coalesce(u.urssaf_region NOT IN ${literalList(DOM_REGIONS)}, true)`,
        },
      ];
}

function contactRule(
  where: string,
  to: EventRule["window"] extends infer W ? W : never,
): EventRule {
  return { source: "contacts", where, window: to };
}

/**
 * The "N1 rule" of domain §6, for a given contact filter: filers are treated by a matching
 * contact on or after registration, strictly before the first declaration and on or before its
 * due date (tie rule [ours]); non-filers by a contact within `months` of the activity start.
 */
function filerRule(
  filter: string,
  nonFilerFilter: string,
  months: number,
  firstDate: string,
  dueDate: string,
): TreatmentBranch[] {
  const fromReg = { date: "u.registration_date", ifMissing: "unbounded" as const };
  return [
    {
      label: "filers: contact before the first declaration and its due date",
      when: `${firstDate} IS NOT NULL`,
      rule: contactRule(filter, {
        from: [fromReg],
        to: [{ date: firstDate, strict: true }, { date: dueDate }],
      }),
    },
    {
      label: `non-filers: contact within ${months} months of activity start`,
      when: `${firstDate} IS NULL`,
      rule: contactRule(nonFilerFilter, {
        from: [fromReg],
        to: [{ date: "u.activity_start_date", offset: { months } }],
      }),
    },
  ];
}

/** The cohort spec of an annex-9 analysis (domain §6), with the given parameters. */
export function analysisSpec(id: AnalysisId, params: AnalysisParams = {}): CohortSpec {
  const channels = params.channels ?? ["PHONE", "APPOINTMENT"];
  const inbound = `e.direction = 'IN' AND e.channel IN ${literalList(channels)}`;
  const anyInbound = params.restrictNonFilerChannels === false ? "e.direction = 'IN'" : inbound;
  const months = params.nonFilerWindowMonths ?? 6;
  const base = {
    units: { relation: "units", key: "account_id" },
    events: { contacts: { relation: "contact_events", key: "account_id", date: "contact_date" } },
  };
  const ae: PopulationStep = {
    code: "NOT_AE",
    label: "auto-entrepreneurs only",
    keep: "u.legal_status = 'AE'",
  };
  const declObservable: PopulationStep[] = [
    {
      code: "PERIODICITY_UNKNOWN",
      label: "first due date cannot be computed",
      keep: "u.first_decl_status IS NOT NULL",
    },
    {
      code: "CENSORED",
      label: "first due date (+ margin) after the extract date",
      keep: "u.first_decl_status <> 'CENSORED'",
    },
  ];
  const payObservable: PopulationStep[] = [
    {
      code: "NO_PAYMENT_DATA",
      label: "no échéance in the accounting entries",
      keep: "u.first_payment_status IS NOT NULL",
    },
    {
      code: "CENSORED",
      label: "first échéance (+ margin) after the extract date",
      keep: "u.first_payment_status <> 'CENSORED'",
    },
    {
      code: "NO_DUE",
      label: "nothing due on the first échéance",
      keep: "u.first_payment_status <> 'NO_DUE'",
    },
  ];
  switch (id) {
    case "N1":
      return {
        ...base,
        id,
        description:
          "National: on-time first declaration (AE) by inbound phone/RDV contact (domain §6 N1)",
        population: [ae, ...yearsStep(params.cohortYears), ...domStep(params), ...declObservable],
        indexDate: { name: "activity_start_date", expr: "u.activity_start_date" },
        treatment: {
          name: "treated",
          anyOf: filerRule(
            inbound,
            anyInbound,
            months,
            "u.first_decl_date",
            "u.first_decl_due_date",
          ),
        },
        outcomes: [OUTCOME_DECL],
        covariates: COVARIATES,
      };
    case "N2":
      return {
        ...base,
        id,
        description:
          "National: first payment conforme (AE + TI) by inbound phone/RDV contact (domain §6 N2)",
        population: [...yearsStep(params.cohortYears), ...domStep(params), ...payObservable],
        indexDate: { name: "activity_start_date", expr: "u.activity_start_date" },
        treatment: {
          name: "treated",
          anyOf: filerRule(
            inbound,
            anyInbound,
            months,
            "u.first_payment_date",
            "u.first_payment_due_date",
          ),
        },
        outcomes: [OUTCOME_PAY],
        covariates: [STATUS, ...COVARIATES],
      };
    case "N3":
      return {
        ...base,
        id,
        description:
          "National: ACRE among under-26 by inbound phone/RDV contact in the request window (domain §6 N3)",
        population: [
          {
            code: "NOT_UNDER_26",
            label: "aged 25 or less at activity start",
            keep: "u.acre_eligible_age",
          },
          ...yearsStep(params.cohortYears),
          ...domStep(params),
        ],
        indexDate: { name: "activity_start_date", expr: "u.activity_start_date" },
        treatment: {
          name: "treated",
          anyOf: [
            {
              label: `contact within ${params.acreWindowDays ?? 45} days of activity start`,
              rule: contactRule(inbound, {
                from: [{ date: "u.registration_date", ifMissing: "unbounded" }],
                to: [
                  { date: "u.activity_start_date", offset: { days: params.acreWindowDays ?? 45 } },
                ],
              }),
            },
          ],
        },
        outcomes: [OUTCOME_ACRE],
        // The start month is kept as a column: ACRE uptake and contacts both vary with the season.
        covariates: [STATUS, ...COVARIATES],
      };
    case "R2":
    case "R3_ASSISTANCE_COMPTE_EN_LIGNE":
    case "R3_GESTION_DU_COMPTE":
    case "R3_RELATION_USAGERS": {
      const motive = id === "R2" ? undefined : id.slice(3);
      const out = `e.direction = 'OUT' AND e.channel = 'PHONE'${motive ? ` AND e.motive_category = '${motive}'` : ""}`;
      return {
        ...base,
        id,
        description: motive
          ? `LR: on-time first declaration by outbound calls with motive ${motive}; controls never called (domain §6 R3)`
          : "LR: on-time first declaration (AE) by outbound phone calls (domain §6 R2)",
        population: [ae, ...yearsStep(params.cohortYears ?? [2019, 2022]), ...declObservable],
        indexDate: { name: "activity_start_date", expr: "u.activity_start_date" },
        treatment: {
          name: "treated",
          anyOf: filerRule(out, out, months, "u.first_decl_date", "u.first_decl_due_date"),
          ...(motive
            ? {
                controlExclusion: {
                  code: "CONTROL_CALLED",
                  label: "controls must never have been called",
                  rule: { source: "contacts", where: "e.direction = 'OUT'" },
                },
              }
            : {}),
        },
        outcomes: [OUTCOME_DECL],
        covariates: COVARIATES.filter((c) => c.name !== "urssaf_region"),
      };
    }
    case "R4":
      return {
        ...base,
        id,
        description:
          "LR: ACRE among AE under 26 by an outbound call within 9 months of activity start (domain §6 R4)",
        population: [
          ae,
          {
            code: "NOT_UNDER_26",
            label: "aged 25 or less at activity start",
            keep: "u.acre_eligible_age",
          },
          ...yearsStep(params.cohortYears ?? [2022]),
        ],
        indexDate: { name: "activity_start_date", expr: "u.activity_start_date" },
        treatment: {
          name: "treated",
          anyOf: [
            {
              label: "outbound call within the first months",
              rule: contactRule("e.direction = 'OUT' AND e.channel = 'PHONE'", {
                from: [{ date: "u.activity_start_date" }],
                to: [
                  { date: "u.activity_start_date", offset: { months: params.r4WindowMonths ?? 9 } },
                ],
              }),
            },
          ],
        },
        outcomes: [OUTCOME_ACRE],
        covariates: COVARIATES.filter(
          (c) => c.name !== "urssaf_region" && c.name !== "activity_start_month",
        ),
      };
    case "MP": {
      const outcome =
        params.mpOutcome === "payment"
          ? OUTCOME_PAY
          : params.mpOutcome === "acre"
            ? OUTCOME_ACRE
            : OUTCOME_DECL;
      const pop: PopulationStep[] =
        params.mpOutcome === "payment"
          ? payObservable
          : params.mpOutcome === "acre"
            ? [
                {
                  code: "NOT_UNDER_26",
                  label: "aged 25 or less at activity start",
                  keep: "u.acre_eligible_age",
                },
              ]
            : [ae, ...declObservable];
      return {
        ...base,
        id,
        description:
          "Midi-Pyrénées: H2 2023 (after) vs H1 2023 (before) registrations (domain §6 MP)",
        population: [
          {
            code: "NOT_MIDI_PYRENEES",
            label: "Midi-Pyrénées accounts only",
            keep: "u.urssaf_region = 'MIDI_PYRENEES'",
          },
          ...yearsStep(params.cohortYears ?? [2023]),
          ...pop,
        ],
        indexDate: { name: "registration_date", expr: "u.registration_date" },
        treatment: { name: "treated", expr: "u.cohort_semester = 2" },
        outcomes: [outcome],
        covariates: COVARIATES.filter((c) => c.name !== "urssaf_region"),
      };
    }
  }
}
