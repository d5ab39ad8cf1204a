import type { DuckDBConnection } from "@duckdb/node-api";
import { studyAgeBands } from "./tabulate.js";

/** A plain query row: numbers (BIGINT converted), text, or null. */
export type SqlRow = Record<string, string | number | null>;

/** Runs a query and returns plain rows (BIGINT/HUGEINT → number, booleans → 0/1, rest → text). */
export async function queryRows(connection: DuckDBConnection, sql: string): Promise<SqlRow[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjects().map((row) => {
    const out: SqlRow = {};
    for (const [k, v] of Object.entries(row)) {
      out[k] =
        v === null || v === undefined
          ? null
          : typeof v === "bigint"
            ? Number(v)
            : typeof v === "number"
              ? v
              : typeof v === "boolean"
                ? Number(v)
                : String(v);
    }
    return out;
  });
}

/** `n` of a row as a number (0 when missing). */
export const num = (row: SqlRow, key: string): number => {
  const v = row[key];
  return typeof v === "number" ? v : v === null || v === undefined ? 0 : Number(v);
};

/** `'text'` as a SQL string literal. */
export const sqlText = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** SQL CASE giving the study's age band (tabulate's `studyAgeBands`) of an age column. */
export function ageBandSql(column: string): string {
  const arms = studyAgeBands.map((b) => {
    const lo = Number.isFinite(b.min) ? `${column} >= ${b.min}` : "true";
    const hi = Number.isFinite(b.max) ? `${column} <= ${b.max}` : "true";
    return `WHEN ${lo} AND ${hi} THEN ${sqlText(b.label)}`;
  });
  return `CASE ${arms.join(" ")} END`;
}

/**
 * The study's indicators as 0/1/NULL SQL expressions over `units` (domain §5, the outcomes of
 * the urssaf N1–N3 cohorts): NULL where the indicator does not apply or is not observed yet.
 */
export const INDICATOR_SQL = {
  /** On-time first declaration, AE whose first due date has passed (not filed counts as 0). */
  declaration:
    "CASE WHEN legal_status = 'AE' THEN CASE first_decl_status WHEN 'ON_TIME' THEN 1 WHEN 'LATE' THEN 0 WHEN 'NOT_FILED' THEN 0 END END",
  /** First payment on time and for the right amount, when something was due and is past. */
  payment:
    "CASE first_payment_status WHEN 'CONFORME' THEN 1 WHEN 'DEBITEUR' THEN 0 WHEN 'CREDITEUR' THEN 0 END",
  /** ACRE uptake among people aged 25 or less at activity start. */
  acre: "CASE WHEN acre_eligible_age THEN CAST(acre AS INTEGER) END",
} as const;

/** One of the study's indicators. */
export type IndicatorKey = keyof typeof INDICATOR_SQL;

/** The indicators in report order. */
export const INDICATORS: readonly IndicatorKey[] = ["declaration", "payment", "acre"];
