import type { DuckDBConnection } from "@duckdb/node-api";
import { ident } from "@parcours-eval/cohort";
import type { ColumnSpec } from "./contract.js";
import type { FindingList } from "./findings.js";
import type { RawFile } from "./read-file.js";
import { rowsOf } from "./sql-read.js";

/**
 * Finds the rows whose every field is empty or blank — `;;;;;;`, how Excel writes an empty table
 * row — in the typed table `t`, lists them in the temp table `__blank` (column `rec`) for the
 * careful path to leave out (so no missing-value problem is raised for them) and reports them
 * (info `EXTRACT_BLANK_ROW`, contract §8 #31: blank lines are ignored, and nothing goes
 * uncounted). A blank row always has a `__slow` list (its required cells are missing), so only
 * those rows are looked at: a cell is blank when it is set aside with empty text, or kept with a
 * NULL value. Returns the relation to skip (undefined when none) and the deletion to run once the
 * careful path is done: the rows stay until then, because the careful path may rebuild the table
 * and renumber rows (rowid is the record number every finding reports). The table is never
 * updated here: DuckDB updates a LIST column by delete + insert, which would move the rows.
 */
export async function markBlankRows(
  conn: DuckDBConnection,
  raw: RawFile,
  t: string,
  present: readonly { col: ColumnSpec; k: number }[],
  findings: FindingList,
): Promise<{ skip?: string; drop: () => Promise<void> }> {
  const none = { drop: async (): Promise<void> => {} };
  if (present.length === 0) return none;
  const slowKeys = "list_transform(__slow, x -> x.k)";
  const blank = [
    "__slow IS NOT NULL",
    "list_bool_and(list_transform(__slow, x -> x.v IS NULL OR trim(x.v) = ''))",
    ...present.map(
      ({ col, k }) => `(${ident(col.name)} IS NULL OR list_contains(${slowKeys}, ${k}))`,
    ),
  ].join(" AND ");
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE __blank AS SELECT rowid AS rec FROM ${t} WHERE ${blank}`,
  );
  const [count, first] = (
    await rowsOf(conn, "SELECT count(*), list(rec ORDER BY rec)[1:3] FROM __blank")
  )[0]!;
  const n = Number(count);
  if (n === 0) {
    await conn.run("DROP TABLE __blank");
    return none;
  }
  const recs = (first as unknown[]).map(Number);
  findings.add({
    code: "EXTRACT_BLANK_ROW",
    file: raw.display,
    count: n,
    message: `${n} row(s) with every field empty ignored`,
    examples: recs.map((r) => ({ line: raw.lineOf(r) })),
  });
  return {
    skip: "__blank",
    drop: async () => {
      // The typed table is the careful path's output now; its rowids are the record numbers.
      await conn.run(`DELETE FROM ${t} WHERE rowid IN (SELECT rec FROM __blank)`);
      await conn.run("DROP TABLE __blank");
      raw.rows -= n;
    },
  };
}
