import type { DuckDBConnection } from "@duckdb/node-api";

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
}

/**
 * The event views: `contact_events` (the clean contacts, motives exploded) and `to_events` (the
 * TO file, else entries `TO`/`PEN`, else declarations with origin `TAXATION_OFFICE`; contract §3.6).
 */
export async function createEventViews(
  conn: DuckDBConnection,
  ctx: EventViewContext,
): Promise<void> {
  await conn.run(
    ctx.hasContacts
      ? // __rec (record number of exploded contacts) is the loader's, not an event field.
        "CREATE OR REPLACE VIEW contact_events AS SELECT COLUMNS(c -> c <> '__rec') FROM contacts"
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
