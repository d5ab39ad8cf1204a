import type { DuckDBConnection } from "@duckdb/node-api";
import { literal } from "@parcours-eval/cohort";
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

/**
 * Builds the `units` table (one row per kept account, contract §7): region, NAF division, ages,
 * cohort year and semester, periodicity (declared / inferred / default), theoretical first
 * period and due date, first-declaration status, first-payment status, ACRE flags. Also the
 * `contact_events` and `to_events` views.
 */
export async function deriveUnits(
  conn: DuckDBConnection,
  ctx: DeriveContext,
  o: UrssafOptions,
): Promise<void> {
  const ext = `DATE ${literal(ctx.extractDate)}`;
  const mEnd = theoreticalSql("a.activity_start_date", "'M'");
  const qEnd = theoreticalSql("a.activity_start_date", "'T'");
  const decl = ctx.hasDeclarations
    ? "SELECT * FROM declarations WHERE declaration_date IS NOT NULL AND coalesce(declaration_origin, '') <> 'TAXATION_OFFICE'"
    : "SELECT NULL::VARCHAR AS account_id, NULL::DATE AS period_start, NULL::DATE AS period_end, NULL::DATE AS declaration_date, NULL::BOOLEAN AS late_flag, NULL::DATE AS due_date, NULL::DATE AS tolerated_due_date, NULL::DOUBLE AS computed_contribution WHERE false";
  await conn.run(`CREATE OR REPLACE TEMP VIEW __decl AS ${decl}`);
  const ageStart = `coalesce(a.age_at_activity_start, ${completedYears("a.birth_date", "a.activity_start_date")})`;
  const fallbackPer = o.missingPeriodicity === "exclude" ? "NULL" : literal(o.missingPeriodicity);
  await conn.run(`CREATE OR REPLACE TEMP TABLE __base AS
    SELECT a.*, 
      coalesce(dr.urssaf_region, CASE WHEN a.departement IS NULL THEN NULL ELSE a.urssaf_region END) AS region,
      CASE WHEN regexp_full_match(a.ape_code, '\\d{4}[A-Z]?') AND NOT regexp_full_match(a.ape_code, '(0000|9999)[A-Z]?') THEN left(a.ape_code, 2) END AS naf_division,
      ${ageStart} AS age_start,
      coalesce(${completedYears("a.birth_date", "a.registration_date")}, ${ageStart}) AS age_registration,
      inf.m1, inf.t3, inf.fm, inf.fq
    FROM accounts a
    LEFT JOIN __dept_region dr ON dr.departement = a.departement
    LEFT JOIN (SELECT d.account_id,
        bool_or(day(d.period_start) = 1 AND d.period_end = last_day(d.period_start)) AS m1,
        bool_or(day(d.period_start) = 1 AND month(d.period_start) % 3 = 1 AND d.period_end = ${d("last_day(d.period_start + INTERVAL 2 MONTH)")}) AS t3,
        bool_or(d.period_end = ${mEnd.end}) AS fm,
        bool_or(d.period_end = ${qEnd.end}) AS fq
      FROM __decl d JOIN accounts a USING (account_id) GROUP BY d.account_id) inf ON inf.account_id = a.account_id`);
  await conn.run(
    `INSERT INTO __issues SELECT 'accounts', __rec, 'urssaf_region', 'EXTRACT_REGION_MISMATCH', 'warn' FROM __base WHERE urssaf_region IS NOT NULL AND region IS NOT NULL AND urssaf_region <> region`,
  );
  await conn.run(
    `INSERT INTO __issues SELECT 'accounts', __rec, 'departement', 'EXTRACT_UNMAPPED_DEPARTEMENT', 'warn' FROM __base WHERE departement IS NOT NULL AND region IS NULL`,
  );
  const per = `CASE WHEN b.legal_status <> 'AE' THEN NULL WHEN b.declaration_periodicity IN ('M', 'T') THEN b.declaration_periodicity
      WHEN coalesce(b.m1, false) AND NOT coalesce(b.t3, false) THEN 'M' WHEN coalesce(b.t3, false) AND NOT coalesce(b.m1, false) THEN 'T'
      WHEN coalesce(b.fm, false) AND NOT coalesce(b.fq, false) THEN 'M' WHEN coalesce(b.fq, false) AND NOT coalesce(b.fm, false) THEN 'T'
      ELSE ${fallbackPer} END`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE __per AS SELECT b.*, ${per} AS periodicity,
      CASE WHEN b.legal_status <> 'AE' THEN NULL WHEN b.declaration_periodicity IN ('M', 'T') THEN 'DECLARED'
        WHEN (coalesce(b.m1, false) <> coalesce(b.t3, false)) OR (coalesce(b.fm, false) <> coalesce(b.fq, false)) THEN 'INFERRED'
        WHEN ${fallbackPer} IS NULL THEN NULL ELSE 'DEFAULT' END AS periodicity_source
    FROM __base b`);
  const th = theoreticalSql("p.activity_start_date", "p.periodicity");
  const due =
    o.lrDueDate === "tolerated" ? "coalesce(fd.tolerated_due_date, fd.due_date)" : "fd.due_date";
  const onTime =
    o.onTimeRule === "dates"
      ? "fd.decl_date <= __due_eff"
      : o.onTimeRule === "flag"
        ? "NOT coalesce(fd.late_flag, false)"
        : "fd.decl_date <= __due_eff AND NOT coalesce(fd.late_flag, false)";
  const shifted = o.shiftWorkingDays ? "coalesce(w.shifted, p.__theo_due)" : "p.__theo_due";
  await conn.run(`CREATE OR REPLACE TEMP TABLE __fd AS
    SELECT * FROM (
      SELECT d.account_id, d.period_start, d.period_end, min(d.declaration_date) AS decl_date,
        arg_min(d.late_flag, d.declaration_date) AS late_flag, min(d.due_date) AS due_date, min(d.tolerated_due_date) AS tolerated_due_date,
        max(d.computed_contribution) AS contribution,
        row_number() OVER (PARTITION BY d.account_id ORDER BY CASE WHEN (d.period_start <= any_value(a.activity_start_date) AND d.period_end >= any_value(a.activity_start_date)) OR d.period_end = any_value(a.__theo_end) THEN 0 ELSE 1 END, d.period_start, min(d.declaration_date)) AS k
      FROM __decl d JOIN (SELECT account_id, activity_start_date, ${th.end} AS __theo_end FROM __per p) a USING (account_id)
      GROUP BY d.account_id, d.period_start, d.period_end) WHERE k = 1`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE __units1 AS
    SELECT p.* EXCLUDE (m1, t3, fm, fq), fd.period_start AS first_decl_period_start, fd.period_end AS first_decl_period_end,
      fd.decl_date AS first_decl_date, fd.late_flag AS first_decl_late_flag,
      CASE WHEN fd.decl_date IS NOT NULL THEN coalesce(${due}, p.__theo_due) ELSE ${shifted} END AS __due_eff
    FROM (SELECT *, ${th.end} AS __theo_end, ${th.due} AS __theo_due FROM __per p) p
    LEFT JOIN __fd fd ON fd.account_id = p.account_id
    LEFT JOIN __workday w ON w.d = p.__theo_due`);
  const pay = ctx.hasPayments ? await paymentSql(conn, ext, o) : undefined;
  await conn.run(`CREATE OR REPLACE TABLE units AS
    SELECT u.account_id, u.legal_status, u.registration_date, u.activity_start_date, u.birth_date, u.sex, u.departement,
      u.region AS urssaf_region, u.ape_code, u.naf_division, u.acre_start_date, u.acre_end_date, u.offer_email_sent_date, u.crea_marker, u.radiation_date,
      u.age_start AS age_at_activity_start, u.age_registration AS age_at_registration,
      month(u.activity_start_date) AS activity_start_month, year(u.registration_date) AS cohort_year,
      CASE WHEN month(u.registration_date) <= 6 THEN 1 WHEN u.registration_date IS NOT NULL THEN 2 END AS cohort_semester,
      u.periodicity AS declaration_periodicity, u.periodicity_source,
      u.__theo_end AS first_decl_theoretical_period_end, u.__theo_due AS first_decl_theoretical_due_date,
      u.__due_eff AS first_decl_due_date, u.first_decl_date, u.first_decl_period_start, u.first_decl_period_end, u.first_decl_late_flag,
      (u.__theo_due + INTERVAL ${Math.trunc(o.censoringMarginDays)} DAY > ${ext}) AS is_censored_first_decl,
      CASE WHEN u.legal_status <> 'AE' OR u.periodicity IS NULL THEN NULL
        WHEN u.__theo_due + INTERVAL ${Math.trunc(o.censoringMarginDays)} DAY > ${ext} THEN 'CENSORED'
        WHEN u.first_decl_date IS NULL THEN 'NOT_FILED'
        WHEN ${onTime.replaceAll("fd.decl_date", "u.first_decl_date").replaceAll("fd.late_flag", "u.first_decl_late_flag").replaceAll("__due_eff", "u.__due_eff")} THEN 'ON_TIME' ELSE 'LATE' END AS first_decl_status,
      (u.first_decl_late_flag IS NOT NULL AND u.first_decl_late_flag = (u.first_decl_date <= u.__due_eff)) AS first_decl_flag_disagrees,
      ${pay ? "pay.first_payment_status, pay.first_payment_expected, pay.first_payment_paid_on_time, pay.first_payment_due_date, pay.first_payment_date, pay.first_payment_period_start" : "NULL::VARCHAR AS first_payment_status, NULL::DOUBLE AS first_payment_expected, NULL::DOUBLE AS first_payment_paid_on_time, NULL::DATE AS first_payment_due_date, NULL::DATE AS first_payment_date, NULL::DATE AS first_payment_period_start"},
      (u.acre_start_date IS NOT NULL) AS acre,
      (u.age_start <= ${Math.trunc(o.under26MaxAge)}) AS acre_eligible_age
    FROM __units1 u ${pay ? "LEFT JOIN __pay pay ON pay.account_id = u.account_id" : ""}
    ORDER BY u.account_id`);
  await conn.run(
    `UPDATE units SET first_decl_status = NULL WHERE first_decl_status IS NOT NULL AND ${ctx.hasDeclarations ? "false" : "true"}`,
  );
  // Event views.
  await conn.run(
    ctx.hasContacts
      ? "CREATE OR REPLACE VIEW contact_events AS SELECT * FROM contacts"
      : "CREATE OR REPLACE VIEW contact_events AS SELECT NULL::VARCHAR AS account_id, NULL::DATE AS contact_date, NULL::VARCHAR AS direction, NULL::VARCHAR AS channel, NULL::VARCHAR AS motive_category, NULL::VARCHAR AS motive_label WHERE false",
  );
  const to: string[] = [];
  if (ctx.hasTo)
    to.push(
      "SELECT account_id, 'FILE' AS source, to_type, period_start, period_end, missed_due_date, notification_date AS event_date, amount FROM taxations_office",
    );
  if (ctx.hasEntries)
    to.push(
      "SELECT account_id, 'ENTRY_' || operation_code, CASE operation_code WHEN 'PEN' THEN 'AE_PENALITE' ELSE NULL END, period_start, period_end, due_date, accounting_date, amount FROM accounting_entries WHERE operation_code IN ('TO', 'PEN')",
    );
  if (ctx.hasDeclarations)
    to.push(
      "SELECT account_id, 'DECLARATION', NULL, period_start, period_end, due_date, coalesce(due_date, period_end), computed_contribution FROM declarations WHERE declaration_origin = 'TAXATION_OFFICE'",
    );
  await conn.run(
    `CREATE OR REPLACE VIEW to_events AS ${to.length ? to.join(" UNION ALL ") : "SELECT NULL::VARCHAR AS account_id, NULL::VARCHAR AS source, NULL::VARCHAR AS to_type, NULL::DATE AS period_start, NULL::DATE AS period_end, NULL::DATE AS missed_due_date, NULL::DATE AS event_date, NULL::DOUBLE AS amount WHERE false"}`,
  );
}

/** First-payment conformity per account (domain §5.2), into `__pay`. */
async function paymentSql(conn: DuckDBConnection, ext: string, o: UrssafOptions): Promise<true> {
  const tol = o.paymentTolerance;
  const margin = Math.trunc(o.censoringMarginDays);
  await conn.run(`CREATE OR REPLACE TEMP TABLE __ech AS
    WITH dc AS (SELECT account_id, period_start, period_end, sum(amount) AS expected, min(due_date) AS due FROM accounting_entries WHERE operation_code = 'DC' AND period_start IS NOT NULL GROUP BY ALL),
    dl AS (SELECT account_id, period_start, period_end, max(computed_contribution) AS expected, min(due_date) AS due FROM __decl GROUP BY ALL),
    e AS (SELECT coalesce(dc.account_id, dl.account_id) AS account_id, coalesce(dc.period_start, dl.period_start) AS period_start,
        coalesce(dc.period_end, dl.period_end) AS period_end, coalesce(dc.expected, dl.expected) AS expected, coalesce(dc.due, dl.due) AS due
      FROM dc FULL JOIN dl ON dc.account_id = dl.account_id AND dc.period_start = dl.period_start AND dc.period_end = dl.period_end)
    SELECT * FROM e ${o.zeroDue === "skip" ? "WHERE expected > 0" : ""}
    QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY period_start, period_end) = 1`);
  const cav = o.attributeCav ? " OR (x.operation_code = 'CAV' AND x.period_start IS NULL)" : "";
  await conn.run(`CREATE OR REPLACE TEMP TABLE __pay AS
    SELECT e.account_id, e.expected AS first_payment_expected, e.due AS first_payment_due_date, e.period_start AS first_payment_period_start,
      coalesce(sum(x.amount) FILTER (WHERE (x.operation_code = 'CAF'${cav}) AND x.payment_date <= e.due), 0) AS first_payment_paid_on_time,
      min(x.payment_date) FILTER (WHERE x.operation_code IN ('CAF', 'CRT')) AS first_payment_date,
      coalesce(bool_or(x.operation_code IN ('MER', 'CRT')), false) AS mer,
      coalesce(sum(x.amount) FILTER (WHERE x.operation_code IN ('ANV', 'ANC', 'ANV_ANC')), 0) AS anv,
      coalesce(sum(x.amount) FILTER (WHERE x.operation_code = 'ASC'), 0) AS asc_
    FROM __ech e LEFT JOIN accounting_entries x ON x.account_id = e.account_id
      AND ((x.period_start = e.period_start AND x.period_end = e.period_end)${cav})
    GROUP BY e.account_id, e.expected, e.due, e.period_start`);
  const paid =
    o.writeOffs === "neutral"
      ? "(first_payment_paid_on_time + anv - asc_)"
      : "first_payment_paid_on_time";
  await conn.run(`CREATE OR REPLACE TEMP TABLE __pay AS SELECT p.*,
      CASE WHEN p.first_payment_due_date IS NULL THEN NULL
        WHEN p.first_payment_due_date + INTERVAL ${margin} DAY > ${ext} THEN 'CENSORED'
        WHEN p.first_payment_expected <= 0 THEN 'NO_DUE'
        WHEN mer ${o.writeOffs === "nonconforme" ? "OR anv > 0" : ""} THEN 'DEBITEUR'
        ${o.writeOffs === "nonconforme" ? "WHEN asc_ > 0 THEN 'CREDITEUR'" : ""}
        WHEN ${paid} < first_payment_expected - ${tol} THEN 'DEBITEUR'
        WHEN ${paid} > first_payment_expected + ${tol} THEN 'CREDITEUR'
        ELSE 'CONFORME' END AS first_payment_status
    FROM __pay p`);
  await conn.run(
    `INSERT INTO __pay (account_id, first_payment_status) SELECT account_id, 'NO_DUE' FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM __pay p WHERE p.account_id = a.account_id)`,
  );
  return true;
}
