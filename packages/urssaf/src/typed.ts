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
import type { FindingList } from "./findings.js";
import type { RawFile } from "./read-file.js";

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

/**
 * Casts a raw text table into `t_<file>` in one pass: a typed column per contract column (NULL
 * when absent), a problem tag `__p_<col>` and, for dates, a format tag `__f_<col>`. Column
 * problems go to the `__issues` table; date-format tallies and id-length checks to findings.
 */
export async function buildTyped(
  conn: DuckDBConnection,
  raw: RawFile,
  ctx: CastContext,
  findings: FindingList,
): Promise<void> {
  const spec = CONTRACT[raw.name];
  const inner: string[] = ["rowid AS __rec"];
  const outer: string[] = ["__rec"];
  const problems: string[] = [];
  const formats: string[] = [];
  const ws: string[] = [];
  for (const col of spec) {
    const src = raw.columns.get(col.name);
    if (src === undefined) {
      const fill = raw.name === "contacts" && col.name === "direction" ? "'IN'" : "NULL";
      outer.push(`CAST(${fill} AS ${SQL_TYPE[col.kind]}) AS ${ident(col.name)}`);
      continue;
    }
    inner.push(`${cleanSql(ident(src))} AS ${ident(col.name)}`);
    ws.push(
      `(${ident(src)} IS NOT NULL AND ${ident(src)} <> '' AND ${ident(src)} IS DISTINCT FROM ${cleanSql(ident(src))})`,
    );
    const c = castColumn(col, ident(col.name), ctx);
    EXPECTED.set(`${raw.name}.${col.name}`, c.expected);
    outer.push(`CAST(${c.value} AS ${SQL_TYPE[col.kind]}) AS ${ident(`__v_${col.name}`)}`);
    outer.push(`${c.problem} AS ${ident(`__p_${col.name}`)}`);
    problems.push(col.name);
    if (c.format) {
      outer.push(`${c.format} AS ${ident(`__f_${col.name}`)}`);
      formats.push(col.name);
    }
  }
  inner.push(`${ws.length ? ws.join(" OR ") : "false"} AS __ws`);
  outer.push("__ws");
  const t = `t_${raw.name}`;
  await conn.run(
    `CREATE OR REPLACE TABLE ${t}_x AS SELECT ${outer.join(", ")} FROM (SELECT ${inner.join(", ")} FROM ${raw.table}) s`,
  );
  // Rename __v_<col> to <col> (the cleaned text columns were only inputs).
  const rename = spec
    .map((col) =>
      raw.columns.has(col.name)
        ? `${ident(`__v_${col.name}`)} AS ${ident(col.name)}`
        : ident(col.name),
    )
    .join(", ");
  const extras = [
    ...problems.map((p) => ident(`__p_${p}`)),
    ...formats.map((f) => ident(`__f_${f}`)),
    "__ws",
  ].join(", ");
  let periodCols = "";
  if (raw.name === "declarations" && raw.columns.has("period_label")) {
    periodCols = `, coalesce(period_start, ${periodLabelStart("period_label")}) AS __ps, coalesce(period_end, ${periodLabelEnd("period_label")}) AS __pe`;
  }
  await conn.run(
    `CREATE OR REPLACE TABLE ${t} AS SELECT __rec, ${rename}, ${extras} FROM ${t}_x ORDER BY __rec`,
  );
  await conn.run(`DROP TABLE ${t}_x`);
  if (periodCols) {
    await conn.run(
      `CREATE OR REPLACE TABLE ${t} AS SELECT * EXCLUDE (period_start, period_end, __ps, __pe), __ps AS period_start, __pe AS period_end FROM (SELECT *${periodCols} FROM ${t}) ORDER BY __rec`,
    );
  }
  for (const p of problems) {
    await conn.run(
      `INSERT INTO __issues SELECT ${literal(raw.name)}, __rec, ${literal(p)}, split_part(${ident(`__p_${p}`)}, ':', 2), split_part(${ident(`__p_${p}`)}, ':', 1) FROM ${t} WHERE ${ident(`__p_${p}`)} IS NOT NULL`,
    );
  }
  const wsCount = Number(
    (await conn.runAndReadAll(`SELECT count(*) FROM ${t} WHERE __ws`)).getRowsJS()[0]![0],
  );
  if (wsCount > 0)
    findings.add({
      code: "EXTRACT_WHITESPACE",
      file: raw.display,
      count: wsCount,
      message: `surrounding or invisible whitespace removed in ${wsCount} row(s)`,
    });
  for (const f of formats) {
    const tally = (
      await conn.runAndReadAll(
        `SELECT ${ident(`__f_${f}`)}, count(*) FROM ${t} WHERE ${ident(`__f_${f}`)} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
      )
    )
      .getRowsJS()
      .map((r) => [String(r[0]), Number(r[1])] as const);
    const nonIso = tally.filter(([k]) => k !== "YYYY-MM-DD");
    if (nonIso.length > 0)
      findings.add({
        code: tally.length > 1 ? "EXTRACT_MIXED_DATE_FORMATS" : "EXTRACT_DATE_FORMAT",
        file: raw.display,
        column: f,
        count: nonIso.reduce((a, [, n]) => a + n, 0),
        message: `date formats in ${f}: ${tally.map(([k, n]) => `${k} (${n})`).join(", ")}`,
      });
  }
  for (const col of spec.filter((c) => c.kind === "id" && raw.columns.has(c.name))) {
    const r = (
      await conn.runAndReadAll(
        `SELECT count(DISTINCT length(${ident(col.name)})), bool_and(regexp_full_match(${ident(col.name)}, '\\d+')) FROM ${t} WHERE ${ident(col.name)} IS NOT NULL`,
      )
    ).getRowsJS()[0]!;
    if (Number(r[0]) > 1 && r[1] === true)
      findings.add({
        code: "EXTRACT_ID_LENGTHS",
        file: raw.display,
        column: col.name,
        message: `numeric ids of ${r[0]} different lengths in ${col.name}: leading zeros may have been lost`,
      });
  }
}
