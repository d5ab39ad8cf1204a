import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, literal } from "@parcours-eval/cohort";
import { VALIDATION_CODES } from "./codes.js";
import type { ExtractFileName } from "./contract.js";
import { distinctValueList, distinctValuesText, type Finding } from "./findings.js";
import { recordsAtLines } from "./raw-lines.js";
import type { RawFile } from "./read-file.js";
import type { FileSummary } from "./report.js";
import { rowsOf } from "./sql-read.js";
import { EXPECTED } from "./sql-types.js";

async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const r = await rowsOf(
    conn,
    `SELECT count(*) FROM duckdb_tables() WHERE table_name = ${literal(name)}`,
  );
  return Number(r[0]![0]) > 0;
}

async function hasRecColumn(conn: DuckDBConnection, table: string): Promise<boolean> {
  const r = await rowsOf(
    conn,
    `SELECT count(*) FROM duckdb_columns() WHERE table_name = ${literal(table)} AND column_name = '__rec'`,
  );
  return Number(r[0]![0]) > 0;
}

/** A table as a relation with its record number `__rec` (a column after a rebuild, else rowid). */
async function withRec(conn: DuckDBConnection, table: string): Promise<string> {
  return (await hasRecColumn(conn, table))
    ? ident(table)
    : `(SELECT rowid AS __rec, * FROM ${ident(table)})`;
}

/** Where the typed rows of a file live now: its clean table plus the rows set aside, or `t_<file>`. */
async function typedRelation(conn: DuckDBConnection, file: ExtractFileName): Promise<string> {
  if (await tableExists(conn, file)) {
    const clean = await withRec(conn, file);
    return (await tableExists(conn, `__x_${file}`))
      ? `(SELECT * FROM ${clean} UNION ALL BY NAME SELECT * FROM ${ident(`__x_${file}`)})`
      : clean;
  }
  return withRec(conn, `t_${file}`);
}

/**
 * The offending cell of each example, by record: the raw text of a careful-path cell, else the
 * cell read back from its line of the CSV file (Parquet: the value as text).
 */
async function exampleValues(
  conn: DuckDBConnection,
  file: ExtractFileName,
  raw: RawFile,
  wanted: ReadonlyMap<string, Set<number>>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const cols = [...wanted.keys()].filter((c) => raw.columns.has(c));
  if (cols.length === 0) return out;
  const recs = [...new Set(cols.flatMap((c) => [...wanted.get(c)!]))];
  const cells = await rowsOf(
    conn,
    `SELECT rec, col, raw FROM __cells WHERE file = ${literal(file)} AND rec IN (${recs.join(", ")})`,
  );
  for (const [rec, col, v] of cells) out.set(`${rec}:${col}`, v === null ? "" : String(v));
  const missing = cols.flatMap((c) =>
    [...wanted.get(c)!].filter((r) => !out.has(`${r}:${c}`)).map((r) => [r, c] as const),
  );
  if (missing.length === 0) return out;
  if (raw.textPath !== undefined) {
    const records = await recordsAtLines(
      raw.textPath,
      raw.separator,
      missing.map(([r]) => raw.lineOf(r)),
    );
    for (const [r, c] of missing) {
      const fields = records.get(raw.lineOf(r));
      const k = Number(raw.columns.get(c)!.slice(1));
      if (fields) out.set(`${r}:${c}`, fields[k] ?? "");
    }
    return out;
  }
  const rel = await typedRelation(conn, file);
  const typed = await rowsOf(
    conn,
    `SELECT __rec, ${cols.map((c) => `CAST(${ident(c)} AS VARCHAR)`).join(", ")} FROM ${rel} WHERE __rec IN (${recs.join(", ")})`,
  );
  for (const row of typed) {
    cols.forEach((c, j) => {
      const key = `${row[0]}:${c}`;
      if (!out.has(key)) out.set(key, row[j + 1] === null ? "" : String(row[j + 1]));
    });
  }
  return out;
}

/**
 * Codes about the form of a cell (the casts of `cast-sql.ts`): their examples say what the column
 * expects. The other row codes break a rule between cells or files (an inverted interval, an
 * implausible amount…): the column's form would mislead, so their message gives the rule.
 */
const FORM_CODES: ReadonlySet<string> = new Set([
  "EXTRACT_AMBIGUOUS_NUMBER",
  "EXTRACT_BAD_APE",
  "EXTRACT_BAD_DATE",
  "EXTRACT_BAD_DEPARTEMENT",
  "EXTRACT_BAD_NUMBER",
  "EXTRACT_DATE_TOO_OLD",
  "EXTRACT_DECIMAL_COMMA",
  "EXTRACT_DEPARTEMENT_VARIANT",
  "EXTRACT_MISSING_VALUE",
  "EXTRACT_NEGATIVE_AMOUNT",
  "EXTRACT_NULL_VARIANT",
  "EXTRACT_PARTIAL_BIRTH_DATE",
  "EXTRACT_SENTINEL_DATE",
  "EXTRACT_TWO_DIGIT_YEAR",
  "EXTRACT_UNKNOWN_CODE",
]);

/** Codes whose finding lists every distinct offending value with its count (§8 #20). */
const VALUE_CODES = ["EXTRACT_UNKNOWN_CODE"];

/** Distinct raw values of the careful-path cells of the value codes, by `file:col:code`. */
async function distinctValues(
  conn: DuckDBConnection,
): Promise<Map<string, { value: string; count: number }[]>> {
  const byKey = new Map<string, unknown[][]>();
  const rows = await rowsOf(
    conn,
    `SELECT file, col, split_part(problem, ':', 2) AS code, coalesce(raw, '') AS v, count(*) AS n FROM __cells
      WHERE split_part(problem, ':', 2) IN (${VALUE_CODES.map(literal).join(", ")})
      GROUP BY ALL ORDER BY file, col, code, n DESC, v`,
  );
  for (const [file, col, code, v, n] of rows) {
    const key = `${file}:${col}:${code}`;
    byKey.set(key, [...(byKey.get(key) ?? []), [v, n]]);
  }
  return new Map([...byKey].map(([key, list]) => [key, distinctValueList(list)]));
}

/** Groups the row-level issues into findings with 3 located examples each. */
export async function issueFindings(
  conn: DuckDBConnection,
  raws: ReadonlyMap<ExtractFileName, RawFile>,
): Promise<Finding[]> {
  const rows = await rowsOf(
    conn,
    "SELECT file, col, code, severity, count(*) AS n, list(rec ORDER BY rec)[1:3] AS ex FROM __issues GROUP BY ALL ORDER BY file, min(rec), code, col",
  );
  const groups = rows.map(([file, col, code, severity, n, ex]) => ({
    file: file as ExtractFileName,
    col: String(col),
    code: String(code),
    severity: severity as Finding["severity"],
    n: Number(n),
    recs: ((ex as { items: unknown[] }).items ?? (ex as unknown[])).map(Number),
  }));
  const values = new Map<ExtractFileName, Map<string, string>>();
  for (const file of new Set(groups.map((g) => g.file))) {
    const wanted = new Map<string, Set<number>>();
    for (const g of groups.filter((x) => x.file === file)) {
      const set = wanted.get(g.col) ?? new Set<number>();
      for (const r of g.recs) set.add(r);
      wanted.set(g.col, set);
    }
    values.set(file, await exampleValues(conn, file, raws.get(file)!, wanted));
  }
  const distinct = await distinctValues(conn);
  return groups.map((g) => {
    const raw = raws.get(g.file)!;
    const form = FORM_CODES.has(g.code);
    const expected = form ? EXPECTED.get(`${g.file}.${g.col}`) : undefined;
    const rule = form ? undefined : VALIDATION_CODES[g.code]?.meaning;
    const vals = values.get(g.file)!;
    const list = distinct.get(`${g.file}:${g.col}:${g.code}`);
    return {
      code: g.code,
      severity: g.severity,
      file: raw.display,
      column: g.col,
      count: g.n,
      message: `${g.n} row(s) in ${raw.display}, column ${g.col}${rule ? `: ${rule}` : ""}${list ? `; values: ${distinctValuesText(list)}` : ""}`,
      ...(list ? { values: list } : {}),
      examples: g.recs.map((r) => {
        const v = vals.get(`${r}:${g.col}`);
        return {
          line: raw.lineOf(r),
          column: g.col,
          ...(v !== undefined ? { value: v.slice(0, 80) } : {}),
          ...(expected ? { expected } : {}),
        };
      }),
    };
  });
}

/** Per-file summaries: rows read, kept and excluded (distinct rows per code). */
export async function fileSummaries(
  conn: DuckDBConnection,
  raws: ReadonlyMap<ExtractFileName, RawFile>,
  usable: boolean,
): Promise<FileSummary[]> {
  const byFile = new Map<string, Record<string, number>>();
  for (const [file, code, n] of await rowsOf(
    conn,
    "SELECT file, code, count(DISTINCT rec) FROM __issues WHERE severity = 'row' GROUP BY ALL ORDER BY 1, 2",
  )) {
    const m = byFile.get(String(file)) ?? {};
    m[String(code)] = Number(n);
    byFile.set(String(file), m);
  }
  const dropped = new Map<string, number>();
  for (const [file, n] of await rowsOf(conn, "SELECT file, count(*) FROM __drop GROUP BY 1"))
    dropped.set(String(file), Number(n));
  const out: FileSummary[] = [];
  for (const [name, raw] of raws) {
    const byCode: Record<string, number> = { ...(byFile.get(name) ?? {}) };
    if (raw.rejected) byCode.EXTRACT_RAGGED_ROW = raw.rejected;
    if (dropped.get(name)) byCode.EXTRACT_DUPLICATE_ROW = dropped.get(name)!;
    let kept: number | undefined;
    if (usable && name !== "lr_motive_map") {
      // Exploded multi-motive contacts share their record.
      const count = (await hasRecColumn(conn, name)) ? "count(DISTINCT __rec)" : "count(*)";
      kept = Number((await rowsOf(conn, `SELECT ${count} FROM ${ident(name)}`))[0]![0]);
    }
    out.push({
      file: raw.display,
      format: raw.format,
      separator: raw.separator,
      rowsRead: raw.rows + raw.rejected,
      rowsExcluded: kept === undefined ? undefined : raw.rows + raw.rejected - kept,
      rowsKept: kept,
      excludedByCode: byCode,
    });
  }
  return out;
}
