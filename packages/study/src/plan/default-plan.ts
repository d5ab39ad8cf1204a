import type { MatchingAnalysisPlan, StudyPlan } from "./types.js";

const STUDY_COVARIATES = ["urssaf_region", "naf_division", "sex", "age", "activity_start_month"];
/** LR is one region: the propensity model cannot use the region (annex 9 §104). */
const LR_COVARIATES = ["naf_division", "sex", "age", "activity_start_month"];
const LR_MOTIVES = [
  ["ASSISTANCE_COMPTE_EN_LIGNE", "assistance compte en ligne", "online account assistance"],
  ["GESTION_DU_COMPTE", "gestion du compte", "account management"],
  ["RELATION_USAGERS", "relation usagers", "user relations"],
] as const;

const national: MatchingAnalysisPlan[] = [
  {
    id: "national.first_declaration.ae",
    title: {
      fr: "Première déclaration dans les délais (AE)",
      en: "On-time first declaration (AE)",
    },
    dataset: "national",
    cohort: "N1",
    population: {
      fr: "AE primo-créateurs de l'année d'étude dont la première échéance est passée",
      en: "AE first-time creators of the study year whose first due date has passed",
    },
    outcome: "first_decl_on_time",
    subgroups: ["sex", "urssaf_region"],
  },
  {
    id: "national.first_payment.all",
    title: {
      fr: "Premier versement conforme (AE et TI au réel)",
      en: "First payment conforme (AE and TI au réel)",
    },
    dataset: "national",
    cohort: "N2",
    population: {
      fr: "AE et TI au réel de l'année d'étude avec une première échéance due et passée",
      en: "AE and TI au réel of the study year with a first échéance due and passed",
    },
    outcome: "first_payment_conforme",
    matching: { exact: ["legal_status"] },
    studySpec: { exact: [] },
    subgroups: ["legal_status"],
  },
  {
    id: "national.first_payment.ae",
    title: { fr: "Premier versement conforme (AE)", en: "First payment conforme (AE)" },
    dataset: "national",
    cohort: "N2",
    filters: [{ column: "legal_status", in: ["AE"] }],
    population: {
      fr: "AE avec une première échéance due et passée",
      en: "AE with a first échéance due and passed",
    },
    outcome: "first_payment_conforme",
  },
  {
    id: "national.first_payment.ti",
    title: {
      fr: "Premier versement conforme (TI au réel)",
      en: "First payment conforme (TI au réel)",
    },
    dataset: "national",
    cohort: "N2",
    filters: [{ column: "legal_status", in: ["TI_REEL"] }],
    population: {
      fr: "TI au réel avec une première échéance passée",
      en: "TI au réel with a first échéance passed",
    },
    outcome: "first_payment_conforme",
  },
  {
    id: "national.acre.under26",
    title: { fr: "Bénéfice de l'ACRE (moins de 26 ans)", en: "ACRE uptake (under 26)" },
    dataset: "national",
    cohort: "N3",
    population: {
      fr: "AE et TI au réel de 25 ans au plus au début d'activité ; contact dans les 45 jours",
      en: "AE and TI au réel aged 25 or less at activity start; contact within 45 days",
    },
    outcome: "acre",
    matching: { exact: ["legal_status"] },
    // The study matched ACRE on age, sex, region and NAF only (annex 9 fn428).
    studySpec: { exact: [], covariates: ["urssaf_region", "naf_division", "sex", "age"] },
    subgroups: ["legal_status"],
  },
  {
    id: "national.taxation_office.ae",
    title: {
      fr: "Taxations d'office dans les 12 premiers mois (AE)",
      en: "Taxations d'office in the first 12 months (AE)",
    },
    dataset: "national",
    cohort: "TO12",
    population: { fr: "AE avec 12 mois de recul", en: "AE with 12 months of follow-up" },
    outcome: "taxation_office_events",
  },
  {
    id: "national.later_contacts.all",
    title: {
      fr: "Contacts entrants après la première échéance, jusqu'au 12e mois",
      en: "Inbound contacts after the first due date, up to month 12",
    },
    dataset: "national",
    cohort: "LATER_CONTACTS",
    population: {
      fr: "AE et TI au réel avec 12 mois de recul",
      en: "AE and TI au réel with 12 months of follow-up",
    },
    outcome: "later_inbound_contacts",
    matching: { exact: ["legal_status"] },
    studySpec: { exact: [] },
  },
];

const lrYears = [2019, 2022];
const languedoc: MatchingAnalysisPlan[] = [
  ...lrYears.map(
    (year): MatchingAnalysisPlan => ({
      id: `lr.outbound.first_declaration.${year}`,
      title: {
        fr: `Appels sortants et première déclaration, Languedoc-Roussillon ${year}`,
        en: `Outbound calls and first declaration, Languedoc-Roussillon ${year}`,
      },
      dataset: "regional",
      cohort: "R2",
      params: { cohortYears: [year] },
      population: { fr: `AE immatriculés en ${year}`, en: `AE registered in ${year}` },
      outcome: "first_decl_on_time",
      matching: { covariates: LR_COVARIATES },
    }),
  ),
  ...LR_MOTIVES.flatMap(([code, fr, en]) =>
    lrYears.map(
      (year): MatchingAnalysisPlan => ({
        id: `lr.outbound.first_declaration.${code}.${year}`,
        title: {
          fr: `Appels sortants « ${fr} », Languedoc-Roussillon ${year}`,
          en: `Outbound calls "${en}", Languedoc-Roussillon ${year}`,
        },
        dataset: "regional",
        cohort: `R3_${code}`,
        params: { cohortYears: [year] },
        population: {
          fr: `AE immatriculés en ${year} ; témoins jamais appelés`,
          en: `AE registered in ${year}; controls never called`,
        },
        outcome: "first_decl_on_time",
        matching: { covariates: LR_COVARIATES },
      }),
    ),
  ),
  {
    id: "lr.outbound.acre.under26.2022",
    title: {
      fr: "Appel sortant dans les 9 mois et ACRE (AE de moins de 26 ans, 2022)",
      en: "Outbound call within 9 months and ACRE (AE under 26, 2022)",
    },
    dataset: "regional",
    cohort: "R4",
    params: { cohortYears: [2022] },
    population: {
      fr: "AE de 25 ans au plus immatriculés en 2022",
      en: "AE aged 25 or less registered in 2022",
    },
    outcome: "acre",
    matching: { covariates: ["naf_division", "sex", "age"] },
  },
];

/**
 * The default plan: annex 9 redone (DESIGN.md "default study plan"), with exact matching on legal
 * status wherever AE and TI au réel are pooled and the study's own specification beside it.
 */
export const defaultStudyPlan: StudyPlan = {
  title: {
    fr: "Évaluation du parcours « Mes premiers mois avec l'Urssaf »",
    en: 'Evaluation of the "Mes premiers mois avec l\'Urssaf" journey',
  },
  studyYear: 2023,
  matchingDefaults: {
    covariates: STUDY_COVARIATES,
    caliper: 0.5,
    ratio: 1,
    replace: false,
    mOrder: "largest",
  },
  matching: [...national, ...languedoc],
};
