import type { DuckDBConnection } from "@duckdb/node-api";
import { num, queryRows } from "./sql.js";

/** Inbound contacts of one channel, by the legal status of the account (tableaux 6–7). */
export interface ChannelRow {
  channel: string | null;
  /** Source label most used for the channel (e.g. "Appel téléphonique"). */
  label: string | null;
  contacts: number;
  people: number;
  contactsAe: number;
  contactsTi: number;
}

/** Inbound contact figures of the accounts registered in one year (annex 9 §44–49). */
export interface InboundContacts {
  byChannel: ChannelRow[];
  /** Accounts and accounts with at least one inbound contact, by legal status. */
  reach: { status: string | null; accounts: number; withContact: number }[];
  /** Accounts by number of inbound contacts in the 3 months after activity start (0, 1, 2+). */
  firstThreeMonths: { status: string | null; contacts: string; accounts: number }[];
  /** Appointment motives (tableau 8). */
  rdvMotives: { motive: string | null; n: number }[];
}

/** Inbound contacts of the accounts registered in `year`, aggregated in DuckDB. */
export async function inboundContacts(
  connection: DuckDBConnection,
  year: number,
): Promise<InboundContacts> {
  const y = Math.trunc(year);
  const inbound = `SELECT c.*, u.legal_status FROM contact_events c JOIN units u USING (account_id)
    WHERE u.cohort_year = ${y} AND c.direction = 'IN'`;
  const byChannel = (
    await queryRows(
      connection,
      `SELECT channel, mode(channel_label) AS label, count(*) AS contacts,
        count(DISTINCT account_id) AS people,
        count(*) FILTER (WHERE legal_status = 'AE') AS ae,
        count(*) FILTER (WHERE legal_status = 'TI_REEL') AS ti
      FROM (${inbound}) GROUP BY channel ORDER BY contacts DESC, channel`,
    )
  ).map((r) => ({
    channel: r.channel === null ? null : String(r.channel),
    label: r.label === null ? null : String(r.label),
    contacts: num(r, "contacts"),
    people: num(r, "people"),
    contactsAe: num(r, "ae"),
    contactsTi: num(r, "ti"),
  }));
  const reach = (
    await queryRows(
      connection,
      `SELECT u.legal_status AS status, count(*) AS accounts, count(c.account_id) AS with_contact
      FROM units u LEFT JOIN (SELECT DISTINCT account_id FROM contact_events WHERE direction = 'IN') c
        USING (account_id)
      WHERE u.cohort_year = ${y} GROUP BY ALL ORDER BY ALL`,
    )
  ).map((r) => ({
    status: r.status === null ? null : String(r.status),
    accounts: num(r, "accounts"),
    withContact: num(r, "with_contact"),
  }));
  const firstThreeMonths = (
    await queryRows(
      connection,
      `WITH k AS (
        SELECT u.account_id, u.legal_status AS status, count(c.account_id) AS n
        FROM units u LEFT JOIN contact_events c ON c.account_id = u.account_id AND c.direction = 'IN'
          AND c.contact_date >= coalesce(u.registration_date, u.activity_start_date)
          AND c.contact_date < u.activity_start_date + INTERVAL 3 MONTH
        WHERE u.cohort_year = ${y} GROUP BY ALL)
      SELECT status, CASE WHEN n = 0 THEN '0' WHEN n = 1 THEN '1' ELSE '2+' END AS contacts,
        count(*) AS accounts FROM k GROUP BY ALL ORDER BY ALL`,
    )
  ).map((r) => ({
    status: r.status === null ? null : String(r.status),
    contacts: String(r.contacts),
    accounts: num(r, "accounts"),
  }));
  const rdvMotives = (
    await queryRows(
      connection,
      `SELECT motive_label AS motive, count(*) AS n FROM (${inbound}) WHERE channel = 'APPOINTMENT'
      GROUP BY ALL ORDER BY n DESC, motive`,
    )
  ).map((r) => ({ motive: r.motive === null ? null : String(r.motive), n: num(r, "n") }));
  return { byChannel, reach, firstThreeMonths, rdvMotives };
}

/** Outbound contacts of a regional extract by channel and calendar year (tableau 9). */
export interface OutboundRow {
  channel: string | null;
  year: number | null;
  /** Contacts, one per (account, day, channel): a call carrying several motives counts once. */
  contacts: number;
  /** Rows of the file (one per motive). */
  rows: number;
  people: number;
  peopleTi: number;
}

/**
 * Outbound contacts by channel and year of the contact. Calls recorded once per motive are
 * counted once per (account, day, channel), as the contract's `call_count` (schema §3.5).
 */
export async function outboundContacts(connection: DuckDBConnection): Promise<OutboundRow[]> {
  return (
    await queryRows(
      connection,
      `WITH c AS (SELECT c.account_id, c.contact_date, c.channel, u.legal_status, count(*) AS rows
        FROM contact_events c LEFT JOIN units u USING (account_id)
        WHERE c.direction = 'OUT' GROUP BY ALL)
      SELECT channel, year(contact_date) AS year, count(*) AS contacts, sum(rows) AS rows,
        count(DISTINCT account_id) AS people,
        count(DISTINCT account_id) FILTER (WHERE legal_status = 'TI_REEL') AS people_ti
      FROM c GROUP BY ALL ORDER BY ALL`,
    )
  ).map((r) => ({
    channel: r.channel === null ? null : String(r.channel),
    year: r.year === null ? null : num(r, "year"),
    contacts: num(r, "contacts"),
    rows: num(r, "rows"),
    people: num(r, "people"),
    peopleTi: num(r, "people_ti"),
  }));
}
