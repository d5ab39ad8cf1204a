/**
 * The séparation journey's cohorts, written with the generic cohort package only: a CAF's tables
 * (loaded as DuckDB views by {@link loadSeparationExtract}) and two declarative specs.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CohortSpec, EventRule } from "@parcours-eval/cohort";
import { SEPARATION_TABLES } from "./extract-files.js";

/** Days after the declared separation within which a « rendez-vous des droits » counts as treatment. */
export const RDV_DAYS = 30;

/** Loads the extract's CSV files of `dir` as DuckDB views named after the tables. */
export async function loadSeparationExtract(
  connection: DuckDBConnection,
  dir: string,
): Promise<void> {
  for (const table of SEPARATION_TABLES) {
    const path = `${dir}/${table}.csv`.replaceAll("'", "''");
    await connection.run(
      `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_csv('${path}', delim = ';', header = true)`,
    );
  }
}

// Take-up: a claim, within 6 months of the separation, of a benefit the caisse computed the
// allocataire was entitled to.
const TAKE_UP = `EXISTS (SELECT 1 FROM demandes d JOIN droits r
  ON r.allocataire_id = d.allocataire_id AND r.prestation = d.prestation
  WHERE d.allocataire_id = u.allocataire_id
    AND d.date_demande BETWEEN u.date_separation AND u.date_separation + INTERVAL 6 MONTH)`;

// Repeated contacts: contacts other than rendez-vous, after the first month and within 6 months.
const REPEATED_CONTACTS: EventRule = {
  source: "contacts",
  where: "e.canal <> 'RDV_DROITS'",
  window: {
    from: [{ date: "u.date_separation", offset: { days: RDV_DAYS + 1 } }],
    to: [{ date: "u.date_separation", offset: { months: 6 } }],
  },
};

const POPULATION = [
  {
    code: "NOT_ENTITLED",
    label: "entitled to at least one benefit",
    keep: "EXISTS (SELECT 1 FROM droits r WHERE r.allocataire_id = u.allocataire_id)",
  },
] as const;

const PROFILE = [
  { name: "enfants", expr: "u.nb_enfants > 0", type: "numeric" },
  { name: "nb_enfants", expr: "u.nb_enfants", type: "numeric" },
  { name: "age", expr: "u.age", type: "numeric" },
  { name: "rsa_avant", expr: "u.rsa_avant", type: "numeric" },
  { name: "compte_en_ligne", expr: "u.compte_en_ligne", type: "numeric" },
  { name: "caf", expr: "u.caf", type: "categorical" },
  // Quarter of the declaration, 1 = 2021-Q1.
  {
    name: "trimestre",
    expr: "(year(u.date_separation) - 2021) * 4 + quarter(u.date_separation)",
    type: "numeric",
  },
] as const;

const OUTCOMES = [
  { name: "recours_6m", expr: TAKE_UP, type: "numeric" },
  { name: "recontacts", count: REPEATED_CONTACTS },
] as const;

/**
 * The individual cohort for matching: treated = a rendez-vous des droits within {@link RDV_DAYS}
 * days of the declared separation; controls must have had no rendez-vous within the 6 months
 * (a later one would contaminate them: excluded and counted).
 */
export const RDV_COHORT: CohortSpec = {
  id: "SEP_RDV",
  description: "Séparations déclarées, rendez-vous des droits dans les 30 jours ou non",
  units: { relation: "allocataires", key: "allocataire_id" },
  events: { contacts: { relation: "contacts", key: "allocataire_id", date: "date_contact" } },
  population: POPULATION,
  indexDate: { name: "date_separation", expr: "u.date_separation" },
  treatment: {
    name: "rdv",
    anyOf: [
      {
        label: `rendez-vous des droits within ${RDV_DAYS} days`,
        rule: {
          source: "contacts",
          where: "e.canal = 'RDV_DROITS'",
          window: {
            from: [{ date: "u.date_separation" }],
            to: [{ date: "u.date_separation", offset: { days: RDV_DAYS } }],
          },
        },
      },
    ],
    controlExclusion: {
      code: "CONTROL_LATER_RDV",
      label: "controls with a rendez-vous des droits within 6 months",
      rule: {
        source: "contacts",
        where: "e.canal = 'RDV_DROITS'",
        window: {
          from: [{ date: "u.date_separation" }],
          to: [{ date: "u.date_separation", offset: { months: 6 } }],
        },
      },
    },
  },
  outcomes: OUTCOMES,
  covariates: PROFILE,
};

/**
 * The cohort for the difference-in-differences: every entitled separation, whatever happened
 * next, with its CAF and quarter (the CAF's deployment date is joined in the evaluation).
 */
export const DEPLOYMENT_COHORT: CohortSpec = {
  id: "SEP_DEPLOY",
  description: "Séparations déclarées, par CAF et trimestre",
  units: { relation: "allocataires", key: "allocataire_id" },
  events: RDV_COHORT.events,
  population: POPULATION,
  outcomes: OUTCOMES,
  covariates: [
    ...PROFILE,
    {
      name: "trimestre_deploiement",
      // Quarter of the CAF's deployment; 0 when after the study window (never treated).
      expr: `(SELECT CASE WHEN c.date_deploiement > DATE '2023-12-31' THEN 0
        ELSE (year(c.date_deploiement) - 2021) * 4 + quarter(c.date_deploiement) END
        FROM cafs c WHERE c.caf = u.caf)`,
      type: "numeric",
    },
  ],
};
