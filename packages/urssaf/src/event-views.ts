import type { DuckDBConnection } from "@duckdb/node-api";
import { literal } from "@parcours-eval/cohort";
import { FILED } from "./date-keys.js";
import { scalar } from "./sql-read.js";

/** Which files the event views can draw on. */
export interface EventViewContext {
  /** Contacts present. */
  hasContacts: boolean;
  /** TO file present. */
  hasTo: boolean;
  /** Accounting entries present (TO fallback a). */
  hasEntries: boolean;
  /** Declarations present (TO fallback b). */
  hasDeclarations: boolean;
  /** Extract date (ISO). */
  extractDate: string;
}

/** Contact windows of {@link createEventViews}'s `contact_window_counts`, relative to the unit. */
export const CONTACT_WINDOWS = {
  /** The first 90 days after the activity start (domain §3.3: the emphasis of the parcours). */
  FIRST_90_DAYS:
    "e.contact_date >= u.activity_start_date AND e.contact_date < u.activity_start_date + INTERVAL 90 DAY",
  /** From registration to the first due date (declaration, else payment): the parcours window. */
  TO_FIRST_DUE:
    "e.contact_date >= u.registration_date AND e.contact_date <= coalesce(u.first_decl_due_date, u.first_payment_due_date)",
  /** After the first due date (domain §5.4: contacts after the parcours window). */
  AFTER_FIRST_DUE: "e.contact_date > coalesce(u.first_decl_due_date, u.first_payment_due_date)",
} as const;

const TO_COLUMNS =
  "account_id, source, to_type, period_start, period_end, missed_due_date, event_date, amount";

/**
 * The one TO delivery the `to_events` view reads (contract §3.6): the TO file, else the entries
 * `TO`/`PEN` when there are any, else declarations with origin `TAXATION_OFFICE`. The fallbacks
 * are alternatives, not complements: combining them would count an event delivered twice.
 */
async function toSource(conn: DuckDBConnection, ctx: EventViewContext): Promise<string> {
  const shape = (sql: string): string => `SELECT ${TO_COLUMNS} FROM (${sql})`;
  if (ctx.hasTo)
    return shape(
      "SELECT account_id, 'FILE' AS source, to_type, period_start, period_end, missed_due_date, notification_date AS event_date, amount FROM taxations_office",
    );
  const entries =
    "SELECT account_id, 'ENTRY_' || operation_code AS source, CASE operation_code WHEN 'PEN' THEN 'AE_PENALITE' END AS to_type, period_start, period_end, due_date AS missed_due_date, accounting_date AS event_date, amount FROM accounting_entries WHERE operation_code IN ('TO', 'PEN')";
  if (ctx.hasEntries) {
    if ((await scalar(conn, `SELECT count(*) FROM (${entries} LIMIT 1)`)) > 0)
      return shape(entries);
  }
  if (ctx.hasDeclarations)
    return shape(
      "SELECT account_id, 'DECLARATION' AS source, NULL::VARCHAR AS to_type, period_start, period_end, due_date AS missed_due_date, coalesce(due_date, period_end) AS event_date, computed_contribution AS amount FROM declarations WHERE declaration_origin = 'TAXATION_OFFICE'",
    );
  return "SELECT NULL::VARCHAR AS account_id, NULL::VARCHAR AS source, NULL::VARCHAR AS to_type, NULL::DATE AS period_start, NULL::DATE AS period_end, NULL::DATE AS missed_due_date, NULL::DATE AS event_date, NULL::DOUBLE AS amount WHERE false";
}

/**
 * The event views (computed when queried, so they cost nothing at load time):
 * - `contact_events`: the clean contacts, motives exploded;
 * - `contact_window_counts`: per account, window ({@link CONTACT_WINDOWS}), direction, channel and
 *   motive category, the number of contacts and of distinct contact days (calls de-duplicated per
 *   day and channel, contract §6.5);
 * - `to_events`: the TO file, else entries `TO`/`PEN`, else declarations with origin
 *   `TAXATION_OFFICE` (contract §3.6; one delivery, never several combined);
 * - `to_risk_events`: the "TO risk" proxy of contract §3.6, labelled as such — for each AE with a
 *   periodicity, every theoretical declaration period (the first one from the activity start,
 *   then monthly or quarterly) whose due date + `toRiskLagDays` is on or before the extract date
 *   (and before any radiation) and for which no filed declaration covering its end was filed by
 *   then. TI au réel: not computable (the income declaration comes from the DGFIP).
 */
export async function createEventViews(
  conn: DuckDBConnection,
  ctx: EventViewContext,
  toRiskLagDays: number,
): Promise<void> {
  await conn.run(
    ctx.hasContacts
      ? // __rec (record number of exploded contacts) is the loader's, not an event field.
        "CREATE OR REPLACE VIEW contact_events AS SELECT COLUMNS(c -> c <> '__rec') FROM contacts"
      : "CREATE OR REPLACE VIEW contact_events AS SELECT NULL::VARCHAR AS account_id, NULL::DATE AS contact_date, NULL::VARCHAR AS direction, NULL::VARCHAR AS channel, NULL::VARCHAR AS motive_category, NULL::VARCHAR AS motive_label WHERE false",
  );
  await conn.run(`CREATE OR REPLACE VIEW to_events AS ${await toSource(conn, ctx)}`);
  const windows = Object.entries(CONTACT_WINDOWS)
    .map(([name, cond]) => `WHEN ${literal(name)} THEN ${cond}`)
    .join(" ");
  await conn.run(`CREATE OR REPLACE VIEW contact_window_counts AS
    SELECT u.account_id, w.contact_window, e.direction, e.channel, coalesce(e.motive_category, 'NONE') AS motive_category,
      count(*) AS contacts, count(DISTINCT e.contact_date) AS contact_days
    FROM units u JOIN contact_events e ON e.account_id = u.account_id
    JOIN (VALUES ${Object.keys(CONTACT_WINDOWS)
      .map((w) => `(${literal(w)})`)
      .join(", ")}) w(contact_window) ON CASE w.contact_window ${windows} END
    GROUP BY ALL`);
  const ext = `DATE ${literal(ctx.extractDate)}`;
  const lag = Math.trunc(toRiskLagDays);
  const filed = ctx.hasDeclarations
    ? `NOT EXISTS (SELECT 1 FROM declarations d WHERE d.account_id = p.account_id AND ${FILED.replaceAll("declaration_", "d.declaration_")}
        AND d.period_start <= p.period_end AND d.period_end >= p.period_end AND d.declaration_date <= p.missed_due_date + INTERVAL ${lag} DAY)`
    : "true";
  await conn.run(`CREATE OR REPLACE VIEW to_risk_events AS
    WITH k AS (
      SELECT u.account_id, u.activity_start_date, u.radiation_date, u.first_decl_theoretical_period_end AS e0,
        CASE u.declaration_periodicity WHEN 'M' THEN 1 ELSE 3 END AS step,
        unnest(range(0, greatest(0, date_diff('month', u.first_decl_theoretical_period_end, ${ext}) + 1))) AS k
      FROM units u
      WHERE u.legal_status = 'AE' AND u.declaration_periodicity IN ('M', 'T') AND u.first_decl_theoretical_period_end IS NOT NULL),
    p AS (
      SELECT account_id, radiation_date,
        CASE WHEN k = 0 THEN activity_start_date ELSE CAST(last_day(e0 + to_months(CAST((k - 1) * step AS INTEGER))) + INTERVAL 1 DAY AS DATE) END AS period_start,
        CAST(last_day(e0 + to_months(CAST(k * step AS INTEGER))) AS DATE) AS period_end,
        CAST(last_day(e0 + to_months(CAST(k * step + 1 AS INTEGER))) AS DATE) AS missed_due_date
      FROM k)
    SELECT account_id, 'RISK_PROXY' AS source, NULL::VARCHAR AS to_type, period_start, period_end, missed_due_date,
      CAST(missed_due_date + INTERVAL ${lag} DAY AS DATE) AS event_date, NULL::DOUBLE AS amount
    FROM p
    WHERE missed_due_date + INTERVAL ${lag} DAY <= ${ext} AND (radiation_date IS NULL OR period_start <= radiation_date) AND ${filed}`);
}
