import type { DuckDBConnection } from "@duckdb/node-api";
import { type CastContext, castColumn, cleanSql } from "./cast-sql.js";
import type { ColumnSpec } from "./contract.js";
import { SQL_TYPE } from "./sql-types.js";

/** Name of the table of careful casts of the `k`-th present column. */
export const valuesTable = (k: number): string => `__cv${k}`;

/**
 * Casts each distinct raw text of one set-aside column once, into {@link valuesTable}: the raw
 * text, its number of cells `n`, the typed value `v`, the problem tag, the date format and
 * whether whitespace was trimmed (`ws`). The careful SQL depends on the raw text alone, so a
 * cell's result is its value's row; `__sv` holds the distinct values of every column by `k`.
 */
export async function castDistinct(
  conn: DuckDBConnection,
  col: ColumnSpec,
  k: number,
  ctx: CastContext,
): Promise<{ format: boolean }> {
  // Dates and amounts: pattern tests once per value (layers), then value and problem.
  const c = castColumn(col, "cl", ctx, true);
  let rel = `(SELECT raw, n, ${cleanSql("raw")} AS cl FROM __sv WHERE k = ${k})`;
  for (const layer of c.layers ?? [])
    rel = `(SELECT *, ${layer.map(([name, expr]) => `${expr} AS ${name}`).join(", ")} FROM ${rel} s)`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${valuesTable(k)} AS
    SELECT raw, n, CAST(${c.value} AS ${SQL_TYPE[col.kind]}) AS v, ${c.problem} AS problem,
      ${c.format ?? "NULL::VARCHAR"} AS format, (raw IS NOT NULL AND raw <> '' AND raw IS DISTINCT FROM cl) AS ws,
      true AS present
    FROM ${rel} s`);
  return { format: c.format !== undefined };
}
