import type { DuckDBConnection } from "@duckdb/node-api";
import { ageBandSql, num, queryRows, type SqlRow } from "./sql.js";

/** A count in a cell of a two-way table. */
export interface Cell {
  /** Row category (code as in the data; null = missing). */
  key: string | null;
  /** Column category (e.g. legal status or year; null = missing). */
  by: string | null;
  n: number;
}

const cells = (rows: SqlRow[]): Cell[] =>
  rows.map((r) => ({
    key: r.k === null ? null : String(r.k),
    by: r.b === null ? null : String(r.b),
    n: num(r, "n"),
  }));

/** Counts of one account-level expression by another, over `units` filtered by `where`. */
export async function crossCounts(
  connection: DuckDBConnection,
  keySql: string,
  bySql: string,
  where = "true",
): Promise<Cell[]> {
  return cells(
    await queryRows(
      connection,
      `SELECT ${keySql} AS k, ${bySql} AS b, count(*) AS n FROM units WHERE ${where} GROUP BY ALL ORDER BY ALL`,
    ),
  );
}

/** Headline figures of one registration year. */
export interface YearSummary {
  accounts: number;
  ae: number;
  ti: number;
  women: number;
  /** Accounts with a known sex. */
  sexKnown: number;
  meanAgeAe: number | null;
  meanAgeTi: number | null;
  /** Accounts of the year before (growth). */
  previousYear: number;
}

/** Headline counts of the registration year `year` (T9.5 totals, §37–42). */
export async function yearSummary(
  connection: DuckDBConnection,
  year: number,
): Promise<YearSummary> {
  const [r] = await queryRows(
    connection,
    `SELECT count(*) FILTER (WHERE cohort_year = ${year}) AS accounts,
      count(*) FILTER (WHERE cohort_year = ${year} AND legal_status = 'AE') AS ae,
      count(*) FILTER (WHERE cohort_year = ${year} AND legal_status = 'TI_REEL') AS ti,
      count(*) FILTER (WHERE cohort_year = ${year} AND sex = 'F') AS women,
      count(*) FILTER (WHERE cohort_year = ${year} AND sex IN ('F', 'M')) AS sex_known,
      avg(age_at_activity_start) FILTER (WHERE cohort_year = ${year} AND legal_status = 'AE') AS age_ae,
      avg(age_at_activity_start) FILTER (WHERE cohort_year = ${year} AND legal_status = 'TI_REEL') AS age_ti,
      count(*) FILTER (WHERE cohort_year = ${year - 1}) AS previous
    FROM units`,
  );
  const row = r ?? {};
  return {
    accounts: num(row, "accounts"),
    ae: num(row, "ae"),
    ti: num(row, "ti"),
    women: num(row, "women"),
    sexKnown: num(row, "sex_known"),
    meanAgeAe: typeof row.age_ae === "number" ? row.age_ae : null,
    meanAgeTi: typeof row.age_ti === "number" ? row.age_ti : null,
    previousYear: num(row, "previous"),
  };
}

/** The counts of annex 9 part 3.1 for the registration year `year`. */
export interface PopulationCounts {
  summary: YearSummary;
  /** Accounts by region (key) and registration year (by), all years: tableau 5. */
  regionYear: Cell[];
  /** By region and legal status, study year (graphique 2). */
  regionStatus: Cell[];
  /** By age band and legal status (graphique 3). */
  ageStatus: Cell[];
  /** By sex and legal status (§42). */
  sexStatus: Cell[];
  /** By 5-character APE code and legal status (graphique 4). */
  codeStatus: Cell[];
  /** By NAF division and legal status. */
  divisionStatus: Cell[];
}

/** Every count of the population part, aggregated in DuckDB (one pass per table). */
export async function populationCounts(
  connection: DuckDBConnection,
  year: number,
): Promise<PopulationCounts> {
  const inYear = `cohort_year = ${Math.trunc(year)}`;
  const status = "legal_status";
  return {
    summary: await yearSummary(connection, year),
    regionYear: await crossCounts(connection, "urssaf_region", "CAST(cohort_year AS VARCHAR)"),
    regionStatus: await crossCounts(connection, "urssaf_region", status, inYear),
    ageStatus: await crossCounts(connection, ageBandSql("age_at_activity_start"), status, inYear),
    sexStatus: await crossCounts(
      connection,
      "CASE WHEN sex IN ('F', 'M') THEN sex END",
      status,
      inYear,
    ),
    codeStatus: await crossCounts(connection, "ape_code", status, inYear),
    divisionStatus: await crossCounts(connection, "naf_division", status, inYear),
  };
}

/** One row of a "top N and the rest" table. */
export interface TopRow {
  key: string | null;
  /** Count in each column category. */
  n: Record<string, number>;
  total: number;
  /** True for the row that gathers everything outside the top. */
  other: boolean;
}

/**
 * The `top` most frequent keys (by count in `rankBy`, or overall), then one row with the rest,
 * so the counts always add up to the column totals. Ties are broken by key.
 */
export function topWithRest(
  data: readonly Cell[],
  columns: readonly string[],
  top: number,
  rankBy?: string,
): TopRow[] {
  const byKey = new Map<string | null, TopRow>();
  for (const c of data) {
    let row = byKey.get(c.key);
    if (!row) {
      row = {
        key: c.key,
        n: Object.fromEntries(columns.map((k) => [k, 0])),
        total: 0,
        other: false,
      };
      byKey.set(c.key, row);
    }
    if (c.by !== null && c.by in row.n) row.n[c.by]! += c.n;
    row.total += c.n;
  }
  const rank = (r: TopRow): number => (rankBy ? r.n[rankBy]! : r.total);
  const sorted = [...byKey.values()].sort(
    (a, b) =>
      rank(b) - rank(a) ||
      (a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const head = sorted.filter((r) => r.key !== null).slice(0, top);
  const kept = new Set(head);
  const rest: TopRow = {
    key: null,
    n: Object.fromEntries(columns.map((k) => [k, 0])),
    total: 0,
    other: true,
  };
  for (const r of sorted) {
    if (kept.has(r)) continue;
    for (const k of columns) rest.n[k]! += r.n[k]!;
    rest.total += r.total;
  }
  return rest.total > 0 ? [...head, rest] : head;
}
