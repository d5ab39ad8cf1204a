import type { DuckDBConnection } from "@duckdb/node-api";
import { ident } from "@parcours-eval/cohort";
import { valuesTable } from "./careful-values.js";

/**
 * Writes the careful values of the set-aside cells back into the typed table `t` and drops its
 * `__slow` list: one rewrite of the table when many cells were set aside (a French export), an
 * `UPDATE` per column when they are few (a canonical extract with a handful of odd cells).
 * `cells` is the relation of set-aside cells `(rec, k, raw)`.
 */
export async function writeBack(
  conn: DuckDBConnection,
  t: string,
  columns: readonly { name: string; k: number }[],
  cells: string,
  many: boolean,
): Promise<void> {
  if (many) return rewrite(conn, t, columns);
  await conn.run(`CREATE OR REPLACE TEMP TABLE __sc AS SELECT * FROM ${cells}`);
  await conn.run(`ALTER TABLE ${t} DROP COLUMN __slow`);
  for (const { name, k } of columns)
    await conn.run(
      `UPDATE ${t} SET ${ident(name)} = x.v FROM (SELECT s.rec, c.v FROM __sc s JOIN ${valuesTable(k)} c ON s.raw IS NOT DISTINCT FROM c.raw WHERE s.k = ${k}) x WHERE ${t}.rowid = x.rec`,
    );
  await conn.run("DROP TABLE __sc");
}

/**
 * Rewrites the typed table `t` with the careful values of its set-aside cells and without its
 * `__slow` list, in one pass: each set-aside cell finds its value in the column's
 * {@link valuesTable} by its raw text (`__slow` says which cells and which text). Rebuilding is
 * cheaper than one `UPDATE … FROM` per column; the rows keep their order (`rowid` is the record
 * number every later step reports).
 */
async function rewrite(
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
