import type { DuckDBConnection } from "@duckdb/node-api";
import { literal } from "@parcours-eval/cohort";
import { FILED, periodKey } from "./date-keys.js";
import { derivePayments } from "./derive-payments.js";
import { createEventViews } from "./event-views.js";
import type { UrssafOptions } from "./options.js";
import { completedYears } from "./rules.js";

/** What the derivation needs to know about the dataset. */
export interface DeriveContext {
  /** Extract date (ISO). */
  extractDate: string;
  /** The declarations file is present. */
  hasDeclarations: boolean;
  /** Payments usable (manifest) and accounting entries present. */
  hasPayments: boolean;
  /** Contacts present. */
  hasContacts: boolean;
  /** TO file present. */
  hasTo: boolean;
  /** Entries present (TO fallback a). */
  hasEntries: boolean;
}

const d = (x: string): string => `CAST(${x} AS DATE)`;

/** Monthly and quarterly first-period end and due date of an activity start (domain §5.1). */
export function theoreticalSql(start: string, periodicity: string): { end: string; due: string } {
  const m0 = `date_trunc('month', ${start})`;
  const q0 = `date_trunc('quarter', ${start})`;
  return {
    end: `CASE ${periodicity} WHEN 'M' THEN ${d(`last_day(${m0} + INTERVAL 3 MONTH)`)} WHEN 'T' THEN ${d(`last_day(${q0} + INTERVAL 5 MONTH)`)} END`,
    due: `CASE ${periodicity} WHEN 'M' THEN ${d(`last_day(${m0} + INTERVAL 4 MONTH)`)} WHEN 'T' THEN ${d(`last_day(${q0} + INTERVAL 6 MONTH)`)} END`,
  };
}

/** Region of an account: the shipped département table, else the supplied region (§5). */
const REGION =
  "coalesce(dr.urssaf_region, CASE WHEN a.departement IS NULL THEN NULL ELSE a.urssaf_region END)";

/**
 * The filed declarations with their account's rowid (`arow`), activity start and monthly and
 * quarterly theoretical first-period ends (`__dec`): the one text join of the declarations to
 * the accounts, whose integer key the clues, the first declaration and the échéance reuse.
 * Every clean declaration has its account (orphans and rows of excluded accounts are gone).
 */
async function filedDeclarations(conn: DuckDBConnection, has: boolean): Promise<void> {
  const m = theoreticalSql("s", "'M'").end;
  const q = theoreticalSql("s", "'T'").end;
  await conn.run(
    has
      ? `CREATE OR REPLACE TEMP TABLE __dec AS SELECT a.arow, a.s, a.m, a.q, d.period_start, d.period_end,
          d.declaration_date, d.late_flag, d.due_date, d.tolerated_due_date, d.computed_contribution
        FROM (SELECT account_id, period_start, period_end, declaration_date, late_flag, due_date, tolerated_due_date,
            computed_contribution FROM declarations WHERE ${FILED}) d
        JOIN (SELECT arow, account_id, s, ${m} AS m, ${q} AS q
          FROM (SELECT rowid AS arow, account_id, activity_start_date AS s FROM accounts
            -- Always true for an id that can join, but of unknown selectivity to the planner: without
            -- it, the filtered declarations look smaller than the accounts and DuckDB hashes them.
            WHERE length(account_id) >= 0)) a USING (account_id)`
      : `CREATE OR REPLACE TEMP TABLE __dec (arow BIGINT, s DATE, m DATE, q DATE, period_start DATE, period_end DATE,
          declaration_date DATE, late_flag BOOLEAN, due_date DATE, tolerated_due_date DATE, computed_contribution DOUBLE)`,
  );
}

/**
 * Per account, one pass over the filed declarations (`__inf`): the periodicity clues (regular 1-
 * or 3-month periods; a period ending at the monthly or quarterly theoretical end) and, under
 * each periodicity, the key of the first declared period — the one containing the activity start
 * or ending at the theoretical end, else the earliest; ties by earliest filing, then end.
 * Keyed by the account's rowid (`arow`, from `__dec`): no join, and grouping on an integer.
 */
async function declarationClues(conn: DuckDBConnection): Promise<void> {
  const contains = "(period_start <= s AND period_end >= s)";
  // The rank bit on top of a shared (start, filing, span) key: one key per periodicity.
  const ranked = (end: string | undefined): string =>
    `(CAST(CASE WHEN ${contains}${end ? ` OR period_end = ${end}` : ""} THEN 0 ELSE 1 END AS BIGINT) << 62) | k`;
  const best = (name: string, key: string): string =>
    `arg_min(period_start, ${key}) AS ${name}_s, arg_min(period_end, ${key}) AS ${name}_e`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE __inf AS SELECT arow,
      bool_or(day(period_start) = 1 AND period_end = last_day(period_start)) AS m1,
      bool_or(day(period_start) = 1 AND month(period_start) % 3 = 1 AND period_end = ${d("last_day(period_start + INTERVAL 2 MONTH)")}) AS t3,
      bool_or(period_end = m) AS fm,
      bool_or(period_end = q) AS fq,
      ${best("best_m", "km")}, ${best("best_t", "kt")}, ${best("best_n", "kn")}
    FROM (SELECT arow, period_start, period_end, m, q, ${ranked("m")} AS km, ${ranked("q")} AS kt, ${ranked(undefined)} AS kn
      FROM (SELECT arow, s, m, q, period_start, period_end,
          ${periodKey("period_start", "period_end", undefined, "declaration_date")} AS k
        FROM __dec))
    GROUP BY arow`);
}

/**
 * Periodicity per AE account (`__per`): declared, else inferred from the clues, else the
 * default; its theoretical first period end and due date; the first declared period under it.
 */
async function periodicity(conn: DuckDBConnection, o: UrssafOptions): Promise<void> {
  const fallbackPer = o.missingPeriodicity === "exclude" ? "NULL" : literal(o.missingPeriodicity);
  const clue = (x: string): string => `coalesce(b.${x}, false)`;
  const per = `CASE WHEN b.legal_status <> 'AE' THEN NULL WHEN b.declaration_periodicity IN ('M', 'T') THEN b.declaration_periodicity
      WHEN ${clue("m1")} AND NOT ${clue("t3")} THEN 'M' WHEN ${clue("t3")} AND NOT ${clue("m1")} THEN 'T'
      WHEN ${clue("fm")} AND NOT ${clue("fq")} THEN 'M' WHEN ${clue("fq")} AND NOT ${clue("fm")} THEN 'T'
      ELSE ${fallbackPer} END`;
  const source = `CASE WHEN b.legal_status <> 'AE' THEN NULL WHEN b.declaration_periodicity IN ('M', 'T') THEN 'DECLARED'
      WHEN (${clue("m1")} <> ${clue("t3")}) OR (${clue("fm")} <> ${clue("fq")}) THEN 'INFERRED'
      WHEN ${fallbackPer} IS NULL THEN NULL ELSE 'DEFAULT' END`;
  const th = theoreticalSql("p.activity_start_date", "p.periodicity");
  await conn.run(`CREATE OR REPLACE TEMP TABLE __per AS
    SELECT p.arow, p.periodicity, p.periodicity_source, ${th.end} AS theo_end, ${th.due} AS theo_due,
      p.best_s, p.best_e
    FROM (SELECT b.arow, b.activity_start_date, ${per} AS periodicity, ${source} AS periodicity_source,
        CASE ${per} WHEN 'M' THEN b.best_m_s WHEN 'T' THEN b.best_t_s ELSE b.best_n_s END AS best_s,
        CASE ${per} WHEN 'M' THEN b.best_m_e WHEN 'T' THEN b.best_t_e ELSE b.best_n_e END AS best_e
      FROM (SELECT a.legal_status, a.declaration_periodicity, a.activity_start_date, i.* EXCLUDE (arow), a.rowid AS arow
        FROM accounts a LEFT JOIN __inf i ON i.arow = a.rowid) b) p`);
}

/** The first filed declaration of each account, over the rows of its first period (`__fd`). */
async function firstDeclaration(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE __fd AS SELECT d.arow, min(d.declaration_date) AS decl_date,
      arg_min(d.late_flag, d.declaration_date) AS late_flag, min(d.due_date) AS due_date, min(d.tolerated_due_date) AS tolerated_due_date
    FROM __dec d JOIN __per p ON p.arow = d.arow AND p.best_s = d.period_start AND p.best_e = d.period_end
    GROUP BY d.arow`);
}

/**
 * Builds the `units` table (one row per kept account, contract §7): region, NAF division, ages,
 * cohort year and semester, periodicity (declared / inferred / default), theoretical first
 * period and due date, first-declaration status, first-payment status, ACRE flags. Also the
 * `contact_events` and `to_events` views. Per-account facts are computed in narrow tables and
 * joined once, so the account rows are copied a single time.
 */
export async function deriveUnits(
  conn: DuckDBConnection,
  ctx: DeriveContext,
  o: UrssafOptions,
): Promise<void> {
  const ext = `DATE ${literal(ctx.extractDate)}`;
  // The two findings exclude each other (region known vs unknown): at most one row per account,
  // so a CASE picks it (a LATERAL UNION ALL per account cost four times as much).
  await conn.run(
    `INSERT INTO __issues SELECT 'accounts', rec, CASE WHEN mismatch THEN 'urssaf_region' ELSE 'departement' END,
      CASE WHEN mismatch THEN 'EXTRACT_REGION_MISMATCH' ELSE 'EXTRACT_UNMAPPED_DEPARTEMENT' END, 'warn' FROM (
      SELECT rec, (given IS NOT NULL AND region IS NOT NULL AND given <> region) AS mismatch,
        (departement IS NOT NULL AND region IS NULL) AS unmapped FROM (
        SELECT a.rowid AS rec, a.urssaf_region AS given, a.departement, ${REGION} AS region FROM accounts a
        LEFT JOIN __dept_region dr ON dr.departement = a.departement))
    WHERE mismatch OR unmapped`,
  );
  await filedDeclarations(conn, ctx.hasDeclarations);
  await declarationClues(conn);
  await periodicity(conn, o);
  await firstDeclaration(conn);
  if (ctx.hasPayments) await derivePayments(conn, ext, o);
  // Its last readers are done: its memory goes to the units table.
  await conn.run("DROP TABLE IF EXISTS __dec");
  const ageStart = `coalesce(a.age_at_activity_start, ${completedYears("a.birth_date", "a.activity_start_date")})`;
  const due =
    o.lrDueDate === "tolerated" ? "coalesce(fd.tolerated_due_date, fd.due_date)" : "fd.due_date";
  const shifted = o.shiftWorkingDays ? "coalesce(w.shifted, p.theo_due)" : "p.theo_due";
  const onTime =
    o.onTimeRule === "dates"
      ? "u.first_decl_date <= u.__due_eff"
      : o.onTimeRule === "flag"
        ? "NOT coalesce(u.first_decl_late_flag, false)"
        : "u.first_decl_date <= u.__due_eff AND NOT coalesce(u.first_decl_late_flag, false)";
  const margin = Math.trunc(o.censoringMarginDays);
  const pay = ctx.hasPayments
    ? "CASE WHEN pay.arow IS NULL THEN 'NO_DUE' ELSE pay.first_payment_status END AS first_payment_status, pay.first_payment_expected, pay.first_payment_paid_on_time, pay.first_payment_due_date, pay.first_payment_date, pay.first_payment_period_start"
    : "NULL::VARCHAR AS first_payment_status, NULL::DOUBLE AS first_payment_expected, NULL::DOUBLE AS first_payment_paid_on_time, NULL::DATE AS first_payment_due_date, NULL::DATE AS first_payment_date, NULL::DATE AS first_payment_period_start";
  await conn.run(`CREATE OR REPLACE TABLE units AS
    WITH u AS (
      SELECT a.*, a.rowid AS __arow, ${REGION} AS region,
        CASE WHEN regexp_full_match(a.ape_code, '\\d{4}[A-Z]?') AND NOT regexp_full_match(a.ape_code, '(0000|9999)[A-Z]?') THEN left(a.ape_code, 2) END AS naf_division,
        ${ageStart} AS age_start,
        coalesce(${completedYears("a.birth_date", "a.registration_date")}, ${ageStart}) AS age_registration,
        p.periodicity, p.periodicity_source, p.theo_end AS __theo_end, p.theo_due AS __theo_due,
        CASE WHEN fd.decl_date IS NOT NULL THEN p.best_s END AS first_decl_period_start,
        CASE WHEN fd.decl_date IS NOT NULL THEN p.best_e END AS first_decl_period_end,
        fd.decl_date AS first_decl_date, fd.late_flag AS first_decl_late_flag,
        CASE WHEN fd.decl_date IS NOT NULL THEN coalesce(${due}, p.theo_due) ELSE ${shifted} END AS __due_eff
      FROM accounts a
      LEFT JOIN __dept_region dr ON dr.departement = a.departement
      LEFT JOIN __per p ON p.arow = a.rowid
      LEFT JOIN __fd fd ON fd.arow = a.rowid
      LEFT JOIN __workday w ON w.d = p.theo_due)
    SELECT u.account_id, u.legal_status, u.registration_date, u.activity_start_date, u.birth_date, u.sex, u.departement,
      u.region AS urssaf_region, u.ape_code, u.naf_division, u.acre_start_date, u.acre_end_date, u.offer_email_sent_date, u.crea_marker, u.radiation_date,
      u.age_start AS age_at_activity_start, u.age_registration AS age_at_registration,
      month(u.activity_start_date) AS activity_start_month, year(u.registration_date) AS cohort_year,
      CASE WHEN month(u.registration_date) <= 6 THEN 1 WHEN u.registration_date IS NOT NULL THEN 2 END AS cohort_semester,
      u.periodicity AS declaration_periodicity, u.periodicity_source,
      u.__theo_end AS first_decl_theoretical_period_end, u.__theo_due AS first_decl_theoretical_due_date,
      u.__due_eff AS first_decl_due_date, u.first_decl_date, u.first_decl_period_start, u.first_decl_period_end, u.first_decl_late_flag,
      (u.__theo_due + ${margin} > ${ext}) AS is_censored_first_decl,
      CASE WHEN ${ctx.hasDeclarations ? "false" : "true"} OR u.legal_status <> 'AE' OR u.periodicity IS NULL THEN NULL
        WHEN u.__theo_due + ${margin} > ${ext} THEN 'CENSORED'
        WHEN u.first_decl_date IS NULL THEN 'NOT_FILED'
        WHEN ${onTime} THEN 'ON_TIME' ELSE 'LATE' END AS first_decl_status,
      (u.first_decl_late_flag IS NOT NULL AND u.first_decl_late_flag = (u.first_decl_date <= u.__due_eff)) AS first_decl_flag_disagrees,
      ${pay},
      (u.acre_start_date IS NOT NULL) AS acre,
      (u.age_start <= ${Math.trunc(o.under26MaxAge)}) AS acre_eligible_age
    FROM u ${ctx.hasPayments ? "LEFT JOIN __pay pay ON pay.arow = u.__arow" : ""}
    ORDER BY u.account_id`);
  await createEventViews(conn, ctx, o.toRiskLagDays);
}
