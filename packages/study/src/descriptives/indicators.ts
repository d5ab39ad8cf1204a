import type { DuckDBConnection } from "@duckdb/node-api";
import { INDICATOR_SQL, INDICATORS, type IndicatorKey, num, queryRows } from "./sql.js";

/** Units observed and rate of one indicator in a group. */
export interface Rate {
  /** Units for which the indicator applies and is observed. */
  n: number;
  /** Share of 1s (null when n = 0). */
  rate: number | null;
}

/** The three indicators in one group. */
export interface RateRow {
  /** Group value as in the data (null = missing). */
  group: string | null;
  /** Accounts in the group, whether or not an indicator applies. */
  accounts: number;
  rates: Record<IndicatorKey, Rate>;
}

function toRateRow(r: Record<string, string | number | null>): RateRow {
  const rates = {} as Record<IndicatorKey, Rate>;
  for (const k of INDICATORS) {
    const n = num(r, `n_${k}`);
    rates[k] = { n, rate: n > 0 ? num(r, `s_${k}`) / n : null };
  }
  return { group: r.g === null ? null : String(r.g), accounts: num(r, "accounts"), rates };
}

/**
 * The three indicators by the value of `groupSql` over `units` filtered by `where` (e.g. one
 * registration year), in one DuckDB pass. Groups come sorted by their value, missing last.
 */
export async function ratesBy(
  connection: DuckDBConnection,
  groupSql: string,
  where: string,
): Promise<RateRow[]> {
  const cols = INDICATORS.map(
    (k) => `count(${k}) AS n_${k}, CAST(sum(${k}) AS DOUBLE) AS s_${k}`,
  ).join(", ");
  const inner = INDICATORS.map((k) => `${INDICATOR_SQL[k]} AS ${k}`).join(", ");
  const rows = await queryRows(
    connection,
    `SELECT g, count(*) AS accounts, ${cols}
    FROM (SELECT ${groupSql} AS g, ${inner} FROM units WHERE ${where})
    GROUP BY g ORDER BY g NULLS LAST`,
  );
  return rows.map(toRateRow);
}

/** The three indicators of the whole population filtered by `where`. */
export async function overallRates(connection: DuckDBConnection, where: string): Promise<RateRow> {
  const [row] = await ratesBy(connection, "'all'", where);
  return (
    row ?? {
      group: "all",
      accounts: 0,
      rates: {
        declaration: { n: 0, rate: null },
        payment: { n: 0, rate: null },
        acre: { n: 0, rate: null },
      },
    }
  );
}

/**
 * The minimum number of observations for a NAF code to be shown: the study kept codes with more
 * than 5,000 observations among 630,007 primo-créateurs (graphiques 9 and 12); scaled to the
 * accounts of the study year unless the plan fixes it, and never below 30.
 */
export function nafThreshold(accounts: number, fixed?: number): number {
  if (fixed !== undefined) return fixed;
  return Math.max(30, Math.round((5000 * accounts) / 630_007));
}
