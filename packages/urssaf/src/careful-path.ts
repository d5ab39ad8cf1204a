import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, literal } from "@parcours-eval/cohort";
import { castDistinct, valuesTable } from "./careful-values.js";
import { writeBack } from "./careful-write-back.js";
import { type CastContext, castColumn } from "./cast-sql.js";
import type { ColumnSpec } from "./contract.js";
import type { FindingList } from "./findings.js";
import type { RawFile } from "./read-file.js";
import { rowsOf } from "./sql-read.js";
import { EXPECTED } from "./sql-types.js";

const ISO = "YYYY-MM-DD";

/**
 * Casts the cells the fast path left aside and writes them back. The careful SQL is a function
 * of the raw text alone, so it runs once per distinct raw value of a column (a French export
 * repeats a few thousand dates over millions of cells); cells then find their results by their
 * raw text: problems and trimmed whitespace in one pass over the set-aside cells, typed values
 * in one rewrite of the table. Rows listed in the relation `skip` (column `rec`: blank rows
 * about to be dropped) are left out.
 */
export async function carefulPath(
  conn: DuckDBConnection,
  raw: RawFile,
  t: string,
  present: readonly { col: ColumnSpec; k: number }[],
  ctx: CastContext,
  findings: FindingList,
  skip?: string,
): Promise<void> {
  for (const { col } of present) {
    EXPECTED.set(`${raw.name}.${col.name}`, castColumn(col, "s", ctx).expected);
  }
  // The set-aside cells (of the columns `ks` only, when given) as rows.
  const cellsOf = (ks?: readonly number[]): string =>
    `(SELECT rec, s.k AS k, s.v AS raw FROM (SELECT rowid AS rec, unnest(${ks ? `list_filter(__slow, e -> e.k IN (${ks.join(", ")}))` : "__slow"}) AS s FROM ${t} WHERE __slow IS NOT NULL${skip ? ` AND rowid NOT IN (SELECT rec FROM ${skip})` : ""}))`;
  // Distinct raw values of each column, with their number of cells.
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE __sv AS SELECT k, raw, count(*) AS n FROM ${cellsOf()} GROUP BY k, raw`,
  );
  const ks = (await rowsOf(conn, "SELECT DISTINCT k FROM __sv ORDER BY 1")).map((r) =>
    Number(r[0]),
  );
  if (ks.length === 0) {
    await conn.run("DROP TABLE __sv");
    await conn.run(`ALTER TABLE ${t} DROP COLUMN __slow`);
    return;
  }
  const file = literal(raw.name);
  const columns = ks.map((k) => ({ name: present[k]!.col.name, k }));
  const noted: string[] = []; // values with a problem or whitespace, by column
  for (const { name, k } of columns) {
    const { format } = await castDistinct(conn, present[k]!.col, k, ctx);
    if (format)
      await conn.run(
        `INSERT INTO __formats SELECT ${file}, ${literal(name)}, format, coalesce(sum(n) FILTER (WHERE v IS NOT NULL), 0) FROM ${valuesTable(k)} WHERE format IS NOT NULL GROUP BY format`,
      );
    noted.push(
      `SELECT ${k} AS k, ${literal(name)} AS col, raw, problem, ws FROM ${valuesTable(k)} WHERE problem IS NOT NULL OR ws`,
    );
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE __sp AS ${noted.join(" UNION ALL ")}`);
  let ws = 0;
  const notedKs = (await rowsOf(conn, "SELECT DISTINCT k FROM __sp ORDER BY 1")).map((r) =>
    Number(r[0]),
  );
  if (notedKs.length > 0) {
    // Only the columns with noted values are unnested (often the amounts alone).
    const cells = cellsOf(notedKs.length < ks.length ? notedKs : undefined);
    await conn.run(`CREATE OR REPLACE TEMP TABLE __pc AS
      SELECT c.rec, p.col, c.raw, p.problem, p.ws FROM ${cells} c
      JOIN __sp p ON c.k = p.k AND c.raw IS NOT DISTINCT FROM p.raw`);
    await conn.run(`INSERT INTO __cells SELECT ${file}, rec, col, raw, problem, ws FROM __pc`);
    await conn.run(
      `INSERT INTO __issues SELECT ${file}, rec, col, split_part(problem, ':', 2), split_part(problem, ':', 1) FROM __pc WHERE problem IS NOT NULL`,
    );
    ws = Number((await rowsOf(conn, "SELECT count(DISTINCT rec) FROM __pc WHERE ws"))[0]![0]);
    await conn.run("DROP TABLE __pc");
  }
  // Rewriting the table pays off from about one set-aside cell per 20 rows.
  const setAside = Number((await rowsOf(conn, "SELECT sum(n) FROM __sv"))[0]![0]);
  await writeBack(conn, t, columns, cellsOf(), setAside * 20 > raw.rows); // drops __slow
  for (const tmp of ["__sv", "__sp", ...ks.map(valuesTable)]) await conn.run(`DROP TABLE ${tmp}`);
  if (ws > 0)
    findings.add({
      code: "EXTRACT_WHITESPACE",
      file: raw.display,
      count: ws,
      message: `surrounding or invisible whitespace removed in ${ws} row(s)`,
    });
  await dateFormats(conn, raw, t, findings);
}

/**
 * Date-format tally of each date column with a non-ISO value (contract §8 #14). Fast-path cells
 * are ISO dates; careful-path cells are counted by format in `__formats`.
 */
async function dateFormats(
  conn: DuckDBConnection,
  raw: RawFile,
  t: string,
  findings: FindingList,
): Promise<void> {
  const file = literal(raw.name);
  const slow = await rowsOf(conn, `SELECT col, format, nval FROM __formats WHERE file = ${file}`);
  const cols = [
    ...new Set(slow.filter((r) => r[1] !== ISO && Number(r[2]) > 0).map((r) => String(r[0]))),
  ];
  if (cols.length === 0) return;
  const totals = (
    await rowsOf(conn, `SELECT ${cols.map((c) => `count(${ident(c)})`).join(", ")} FROM ${t}`)
  )[0]!;
  cols.forEach((col, j) => {
    const tally = new Map<string, number>();
    let slowWithValue = 0;
    // Formats are tallied over the values they gave: a rejected cell (EXTRACT_BAD_DATE) has the
    // shape of a format but is not a date written in it.
    for (const [c, f, nval] of slow)
      if (c === col) {
        tally.set(String(f), (tally.get(String(f)) ?? 0) + Number(nval));
        slowWithValue += Number(nval);
      }
    // Non-null typed values not from the careful path are fast-path ISO dates.
    const fastIso = Number(totals[j]) - slowWithValue;
    tally.set(ISO, (tally.get(ISO) ?? 0) + fastIso);
    const list = [...tally]
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const nonIso = list.filter(([k]) => k !== ISO);
    findings.add({
      code: list.length > 1 ? "EXTRACT_MIXED_DATE_FORMATS" : "EXTRACT_DATE_FORMAT",
      file: raw.display,
      column: col,
      count: nonIso.reduce((a, [, n]) => a + n, 0),
      message: `date formats in ${col}: ${list.map(([k, n]) => `${k} (${n})`).join(", ")}`,
    });
  });
}
