import type { DuckDBConnection } from "@duckdb/node-api";
import { ident } from "@parcours-eval/cohort";
import { markBlankRows } from "./blank-rows.js";
import { carefulPath } from "./careful-path.js";
import { type CastContext, periodLabelEnd, periodLabelStart } from "./cast-sql.js";
import { CONTRACT, type ColumnSpec } from "./contract.js";
import { fastCast } from "./fast-cast.js";
import type { FindingList } from "./findings.js";
import type { RawFile, RawSource } from "./read-file.js";
import { rowsOf } from "./sql-read.js";
import { SQL_TYPE } from "./sql-types.js";

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
  // Careful-path cells by date format: how many values each format gave (counts only).
  await conn.run("CREATE TABLE __formats (file VARCHAR, col VARCHAR, format VARCHAR, nval BIGINT)");
}

/** The streamed read of a file: its SQL and the contract columns it found. */
export interface TypedRead {
  /** `SELECT` producing the typed columns and `__slow`, in file order. */
  sql: string;
  /** Contract columns present in the file, with their position `k` in `__slow`. */
  present: { col: ColumnSpec; k: number }[];
}

/**
 * The single streamed `SELECT` that reads a file: raw text, the fast path of each column, the
 * typed values and the `__slow` list of cells left aside. It must stay free of joins: DuckDB
 * keeps insertion order only through order-preserving operators, and the typed table's rowid is
 * the record index every finding's line number comes from.
 */
export function typedReadSql(source: RawSource, ctx: CastContext): TypedRead {
  const spec = CONTRACT[source.name];
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
  return {
    sql: `SELECT ${outer.join(", ")} FROM (SELECT ${inner.length ? inner.join(", ") : "1 AS __none"} FROM (SELECT ${casts.length ? casts.join(", ") : "1 AS __none"} FROM (${source.source}) s) s) s`,
    present,
  };
}

/**
 * Reads a file into the typed table `t_<file>` in one streamed pass (the text is never
 * materialised): each cell goes through the fast path of its column ({@link fastCast}); only
 * cells that are not canonical are kept aside and cast by the careful SQL of `castColumn`,
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
  const t = `t_${source.name}`;
  const { sql, present } = typedReadSql(source, ctx);
  await conn.run(`CREATE OR REPLACE TABLE ${t} AS ${sql}`);
  const raw = await source.finish(conn, t);
  const blank = await markBlankRows(conn, raw, t, present, findings);
  await carefulPath(conn, raw, t, present, ctx, findings, blank.skip); // drops __slow
  await blank.drop();
  if (raw.name === "declarations" && raw.columns.has("period_label")) {
    await conn.run(
      `UPDATE ${t} SET period_start = coalesce(period_start, ${periodLabelStart("period_label")}), period_end = coalesce(period_end, ${periodLabelEnd("period_label")}) WHERE period_start IS NULL OR period_end IS NULL`,
    );
  }
  await idLengths(conn, raw, t, findings);
  return raw;
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
