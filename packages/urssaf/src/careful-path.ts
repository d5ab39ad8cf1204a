import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, literal } from "@parcours-eval/cohort";
import { type CastContext, castColumn, cleanSql } from "./cast-sql.js";
import type { ColumnSpec } from "./contract.js";
import type { FindingList } from "./findings.js";
import type { RawFile } from "./read-file.js";
import { EXPECTED, SQL_TYPE } from "./sql-types.js";

const ISO = "YYYY-MM-DD";

async function rowsOf(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

/** Casts the cells the fast path left aside, column by column, and writes them back. */
export async function carefulPath(
  conn: DuckDBConnection,
  raw: RawFile,
  t: string,
  present: readonly { col: ColumnSpec; k: number }[],
  ctx: CastContext,
  findings: FindingList,
): Promise<void> {
  for (const { col } of present) {
    EXPECTED.set(`${raw.name}.${col.name}`, castColumn(col, "s", ctx).expected);
  }
  const byK = await rowsOf(
    conn,
    `SELECT s.k, count(*) FROM (SELECT unnest(__slow) AS s FROM ${t} WHERE __slow IS NOT NULL) GROUP BY 1 ORDER BY 1`,
  );
  if (byK.length === 0) {
    await conn.run(`ALTER TABLE ${t} DROP COLUMN __slow`);
    return;
  }
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE __sc AS SELECT rec, s.k AS k, s.v AS raw FROM (SELECT rowid AS rec, unnest(__slow) AS s FROM ${t} WHERE __slow IS NOT NULL)`,
  );
  await conn.run(`ALTER TABLE ${t} DROP COLUMN __slow`); // free the lists before the casts
  const file = literal(raw.name);
  for (const [kv] of byK) {
    const { col } = present[Number(kv)]!;
    // Dates and amounts: pattern tests once per cell (layers), then value and problem.
    const c = castColumn(col, "cl", ctx, true);
    let rel = `(SELECT rec, raw, ${cleanSql("raw")} AS cl FROM __sc WHERE k = ${Number(kv)})`;
    for (const layer of c.layers ?? [])
      rel = `(SELECT *, ${layer.map(([name, expr]) => `${expr} AS ${name}`).join(", ")} FROM ${rel} s)`;
    await conn.run(`CREATE OR REPLACE TEMP TABLE __cast AS
      SELECT rec, raw, CAST(${c.value} AS ${SQL_TYPE[col.kind]}) AS v, ${c.problem} AS problem,
        ${c.format ?? "NULL::VARCHAR"} AS format, (raw IS NOT NULL AND raw <> '' AND raw IS DISTINCT FROM cl) AS ws
      FROM ${rel} s`);
    await conn.run(
      `UPDATE ${t} SET ${ident(col.name)} = c.v FROM __cast c WHERE ${t}.rowid = c.rec`,
    );
    await conn.run(
      `INSERT INTO __cells SELECT ${file}, rec, ${literal(col.name)}, raw, problem, ws FROM __cast WHERE problem IS NOT NULL OR ws`,
    );
    if (c.format)
      await conn.run(
        `INSERT INTO __formats SELECT ${file}, ${literal(col.name)}, format, count(*), count(v) FROM __cast WHERE format IS NOT NULL GROUP BY format`,
      );
    await conn.run(
      `INSERT INTO __issues SELECT ${file}, rec, ${literal(col.name)}, split_part(problem, ':', 2), split_part(problem, ':', 1) FROM __cast WHERE problem IS NOT NULL`,
    );
  }
  await conn.run("DROP TABLE __sc");
  await conn.run("DROP TABLE __cast");
  const ws = Number(
    (
      await rowsOf(conn, `SELECT count(DISTINCT rec) FROM __cells WHERE file = ${file} AND ws`)
    )[0]![0],
  );
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
  const slow = await rowsOf(
    conn,
    `SELECT col, format, n, nval FROM __formats WHERE file = ${file}`,
  );
  const cols = [...new Set(slow.filter((r) => r[1] !== ISO).map((r) => String(r[0])))];
  if (cols.length === 0) return;
  const totals = (
    await rowsOf(conn, `SELECT ${cols.map((c) => `count(${ident(c)})`).join(", ")} FROM ${t}`)
  )[0]!;
  cols.forEach((col, j) => {
    const tally = new Map<string, number>();
    let slowWithValue = 0;
    for (const [c, f, n, nval] of slow)
      if (c === col) {
        tally.set(String(f), Number(n));
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
