import type { DuckDBConnection } from "@duckdb/node-api";
import { ident } from "@parcours-eval/cohort";
import { valuesTable } from "./careful-values.js";

/**
 * Rewrites the typed table `t` with the careful values of its set-aside cells and without its
 * `__slow` list, in one pass: each set-aside cell finds its value in the column's
 * {@link valuesTable} by its raw text (`__slow` says which cells and which text). Rebuilding is
 * cheaper than one `UPDATE … FROM` per column; the rows keep their order (`rowid` is the record
 * number every later step reports).
 */
export async function writeBack(
  conn: DuckDBConnection,
  t: string,
  columns: readonly { name: string; k: number }[],
): Promise<void> {
  const keys = "list_transform(__slow, e -> e.k)";
  const picks = columns.flatMap(({ k }) => [
    `list_contains(__ks, ${k}) AS __p${k}`,
    `__slow[list_position(__ks, ${k})].v AS __r${k}`,
  ]);
  const helpers = [
    "__slow",
    "__rec",
    "__ks",
    ...columns.flatMap(({ k }) => [`__p${k}`, `__r${k}`]),
  ];
  const replace = columns.map(
    ({ name, k }) => `CASE WHEN x.__p${k} THEN c${k}.v ELSE x.${ident(name)} END AS ${ident(name)}`,
  );
  // `present` is false for cells not set aside, so they match no value.
  const joins = columns.map(
    ({ k }) =>
      `LEFT JOIN ${valuesTable(k)} c${k} ON c${k}.present = x.__p${k} AND c${k}.raw IS NOT DISTINCT FROM x.__r${k}`,
  );
  await conn.run(`CREATE OR REPLACE TABLE ${t} AS
    SELECT x.* EXCLUDE (${helpers.join(", ")}) REPLACE (${replace.join(", ")})
    FROM (SELECT *, ${picks.join(", ")} FROM (SELECT *, rowid AS __rec, ${keys} AS __ks FROM ${t})) x
    ${joins.join("\n    ")}
    ORDER BY x.__rec`);
}
