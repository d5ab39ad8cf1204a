import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, literal } from "@parcours-eval/cohort";
import {
  type CastContext,
  castColumn,
  cleanSql,
  periodLabelEnd,
  periodLabelStart,
} from "./cast-sql.js";
import { CONTRACT, type ColumnSpec } from "./contract.js";
import { fastCast } from "./fast-cast.js";
import type { FindingList } from "./findings.js";
import type { RawFile, RawSource } from "./read-file.js";

const SQL_TYPE: Record<ColumnSpec["kind"], string> = {
  id: "VARCHAR",
  string: "VARCHAR",
  enum: "VARCHAR",
  date: "DATE",
  partial_date: "DATE",
  datetime: "TIMESTAMP",
  decimal: "DOUBLE",
  integer: "INTEGER",
  boolean: "BOOLEAN",
  departement: "VARCHAR",
  ape: "VARCHAR",
  period_label: "VARCHAR",
};

/** The expected form of each contract column, for messages. */
export const EXPECTED = new Map<string, string>();

const ISO = "YYYY-MM-DD";

async function rowsOf(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

/** Creates the loader's bookkeeping tables (issues, dropped rows, careful-path cells). */
export async function createIssueTables(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    "CREATE TABLE __issues (file VARCHAR, rec BIGINT, col VARCHAR, code VARCHAR, severity VARCHAR)",
  );
  await conn.run("CREATE TABLE __drop (file VARCHAR, rec BIGINT)");
  // Careful-path cells with a problem or trimmed whitespace: raw text, problem tag, whitespace.
  await conn.run(
    "CREATE TABLE __cells (file VARCHAR, rec BIGINT, col VARCHAR, raw VARCHAR, problem VARCHAR, ws BOOLEAN)",
  );
  // Careful-path cells by date format (counts only, whatever their number).
  await conn.run(
    "CREATE TABLE __formats (file VARCHAR, col VARCHAR, format VARCHAR, n BIGINT, nval BIGINT)",
  );
}

/**
 * Reads a file into the typed table `t_<file>` in one streamed pass (the text is never
 * materialised): each cell goes through the fast path of its column ({@link fastCast}); only
 * cells that are not canonical are kept aside and cast by the careful SQL of {@link castColumn},
 * column by column, then written back. Their problems go to `__issues`, the raw text of cells
 * with a problem or whitespace to `__cells`, date-format counts to `__formats`; date-format
 * tallies and id-length checks become findings.
 */
export async function buildTyped(
  conn: DuckDBConnection,
  source: RawSource,
  ctx: CastContext,
  findings: FindingList,
): Promise<RawFile> {
  const spec = CONTRACT[source.name];
  const t = `t_${source.name}`;
  const present: { col: ColumnSpec; k: number }[] = [];
  const casts: string[] = []; // level 1: raw text and the casts computed once
  const inner: string[] = []; // level 2: fast-path test and value
  const outer: string[] = []; // level 3: typed columns and the cells left aside
  for (const col of spec) {
    const src = source.columns.get(col.name);
    if (src === undefined) {
      const fill = source.name === "contacts" && col.name === "direction" ? "'IN'" : "NULL";
      outer.push(`CAST(${fill} AS ${SQL_TYPE[col.kind]}) AS ${ident(col.name)}`);
      continue;
    }
    const k = present.length;
    present.push({ col, k });
    const fast = fastCast(col, `__r${k}`, `__c${k}`, ctx);
    casts.push(`${ident(src)} AS __r${k}`, ...(fast.cast ? [`${fast.cast} AS __c${k}`] : []));
    inner.push(`__r${k}`, `${fast.ok} AS __o${k}`, `${fast.value} AS __v${k}`);
    outer.push(`CAST(__v${k} AS ${SQL_TYPE[col.kind]}) AS ${ident(col.name)}`);
  }
  const slow = present.length
    ? `CASE WHEN NOT (${present.map(({ k }) => `__o${k}`).join(" AND ")}) THEN list_filter([${present
        .map(({ k }) => `CASE WHEN NOT __o${k} THEN {'k': ${k}, 'v': __r${k}} END`)
        .join(", ")}], x -> x IS NOT NULL) END`
    : "NULL";
  outer.push(`${slow} AS __slow`);
  await conn.run(
    `CREATE OR REPLACE TABLE ${t} AS SELECT ${outer.join(", ")} FROM (SELECT ${inner.length ? inner.join(", ") : "1 AS __none"} FROM (SELECT ${casts.length ? casts.join(", ") : "1 AS __none"} FROM (${source.source}) s) s) s`,
  );
  const raw = await source.finish(conn, t);
  await carefulPath(conn, raw, t, present, ctx, findings); // drops __slow
  if (raw.name === "declarations" && raw.columns.has("period_label")) {
    await conn.run(
      `UPDATE ${t} SET period_start = coalesce(period_start, ${periodLabelStart("period_label")}), period_end = coalesce(period_end, ${periodLabelEnd("period_label")}) WHERE period_start IS NULL OR period_end IS NULL`,
    );
  }
  await idLengths(conn, raw, t, findings);
  return raw;
}

/** Casts the cells the fast path left aside, column by column, and writes them back. */
async function carefulPath(
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

/** Numeric ids of several lengths: leading zeros were probably lost (contract §8 #32). */
async function idLengths(
  conn: DuckDBConnection,
  raw: RawFile,
  t: string,
  findings: FindingList,
): Promise<void> {
  const ids = CONTRACT[raw.name].filter((c) => c.kind === "id" && raw.columns.has(c.name));
  if (ids.length === 0) return;
  const r = (
    await rowsOf(
      conn,
      `SELECT ${ids.map((c) => `min(length(${ident(c.name)})) <> max(length(${ident(c.name)}))`).join(", ")} FROM ${t}`,
    )
  )[0]!;
  for (const [j, col] of ids.entries()) {
    if (r[j] !== true) continue;
    const nonDigit = await rowsOf(
      conn,
      `SELECT 1 FROM ${t} WHERE ${ident(col.name)} IS NOT NULL AND NOT regexp_full_match(${ident(col.name)}, '\\d+') LIMIT 1`,
    );
    if (nonDigit.length > 0) continue;
    const n = (
      await rowsOf(
        conn,
        `SELECT count(DISTINCT length(${ident(col.name)})) FROM ${t} WHERE ${ident(col.name)} IS NOT NULL`,
      )
    )[0]![0];
    findings.add({
      code: "EXTRACT_ID_LENGTHS",
      file: raw.display,
      column: col.name,
      message: `numeric ids of ${n} different lengths in ${col.name}: leading zeros may have been lost`,
    });
  }
}
