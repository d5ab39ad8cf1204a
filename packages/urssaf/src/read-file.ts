import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, literal } from "@parcours-eval/cohort";
import { closeMatches } from "@parcours-eval/core";
import { CONTRACT, type ColumnSpec, type ExtractFileName } from "./contract.js";
import type { FindingList } from "./findings.js";
import { normaliseHeader } from "./header.js";
import { type RecordScan, scanBytes, scanRecords, sniffSeparator, splitCsvLine } from "./sniff.js";
import { scalar } from "./sql-read.js";
import { transcodeToUtf8 } from "./transcode.js";

/** What is known of a file before DuckDB reads it: its layout and the relation that reads it. */
export interface RawSource {
  /** Contract file name. */
  name: ExtractFileName;
  /** File name for messages (e.g. `accounts.csv`). */
  display: string;
  /** CSV or Parquet. */
  format: "csv" | "parquet";
  /**
   * SQL relation reading the file as text, streamed (never materialised): text columns `c0…` in
   * file order. Read into a table in order, a record's `rowid` is its index among the records
   * DuckDB accepted (the loader's record number, `rec`).
   */
  source: string;
  /** Contract column → raw column name. */
  columns: Map<string, string>;
  /** Field separator (CSV). */
  separator: string;
  /** CSV: the UTF-8 text actually read (the file, or its transcoded copy). */
  textPath?: string;
  /**
   * Called once the typed table `table` exists: removes a footer record, counts
   * rows, reads DuckDB's rejected records and works out the physical line of every record.
   */
  finish(conn: DuckDBConnection, table: string): Promise<RawFile>;
}

/** A file after DuckDB read it. */
export interface RawFile extends Omit<RawSource, "finish"> {
  /** Rows kept in the typed table (footer removed). */
  rows: number;
  /** Records rejected as ragged. */
  rejected: number;
  /** Physical line of a record index (`rowid` of the typed table). */
  lineOf(rec: number): number;
}

const FOOTER =
  /^\s*"?(total|nombre de lignes|nb lignes|nombre d'enregistrements|fin de fichier)\b/i;

/** Maps headers to contract columns; reports duplicates, missing and extra columns. */
function mapHeader(
  name: ExtractFileName,
  display: string,
  headers: readonly string[],
  scope: "national" | "regional",
  findings: FindingList,
): Map<string, string> | undefined {
  const norm = headers.map(normaliseHeader);
  const seen = new Map<string, number>();
  let ok = true;
  norm.forEach((h, i) => {
    if (h === "") return; // a trailing separator makes an empty last header: ignored
    if (seen.has(h)) {
      findings.add({
        code: "EXTRACT_DUPLICATE_COLUMN",
        file: display,
        column: h,
        message: `headers "${headers[seen.get(h)!]}" and "${headers[i]}" both normalise to "${h}"`,
        examples: [{ line: 1, column: h, value: headers[i]!, expected: "distinct column names" }],
      });
      ok = false;
    } else seen.set(h, i);
  });
  if (!ok) return undefined;
  const spec = CONTRACT[name];
  const out = new Map<string, string>();
  const used = new Set<number>();
  for (const col of spec) {
    const idx = [col.name, ...col.aliases].map((a) => seen.get(a)).find((i) => i !== undefined);
    if (idx !== undefined && !used.has(idx)) {
      out.set(col.name, `c${idx}`);
      used.add(idx);
    }
  }
  const missingRequired = (col: ColumnSpec): boolean =>
    col.requiredColumn === true || (col.requiredColumn === "national" && scope === "national");
  for (const col of spec) {
    if (out.has(col.name)) continue;
    if (name === "contacts" && col.name === "direction") continue; // national file: IN if absent
    if (missingRequired(col)) {
      const near = closeMatches(
        col.name,
        norm.filter((h) => h !== ""),
        1,
      );
      findings.add({
        code: "EXTRACT_MISSING_COLUMN",
        file: display,
        column: col.name,
        message: `required column "${col.name}" is missing`,
        examples: [
          {
            line: 1,
            column: col.name,
            expected: `${col.name}${col.aliases.length ? ` or an alias: ${col.aliases.join(", ")}` : ""}`,
            ...(near[0] ? { value: `closest header: ${near[0]}` } : {}),
          },
        ],
      });
      ok = false;
    } else {
      findings.add({
        code: "EXTRACT_OPTIONAL_COLUMN_MISSING",
        file: display,
        column: col.name,
        message: `optional column "${col.name}" is absent; the steps that need it are disabled`,
      });
    }
  }
  if (
    name === "declarations" &&
    !(out.has("period_start") && out.has("period_end")) &&
    !out.has("period_label")
  ) {
    findings.add({
      code: "EXTRACT_MISSING_COLUMN",
      file: display,
      column: "period_start",
      message: "declarations need period_start and period_end, or period_label",
      examples: [
        { line: 1, column: "period_start", expected: "period_start + period_end, or period_label" },
      ],
    });
    ok = false;
  }
  norm.forEach((h, i) => {
    if (h !== "" && !used.has(i))
      findings.add({
        code: "EXTRACT_EXTRA_COLUMN",
        file: display,
        column: h,
        message: `unknown column "${headers[i]}" ignored`,
      });
  });
  return ok ? out : undefined;
}

/** Options of {@link readRawFile}. */
export interface ReadRawOptions {
  /** Dataset scope. */
  scope: "national" | "regional";
  /** Folder for transcoded copies. */
  tmpDir: string;
  /** Expected rows and sha256 from the manifest. */
  expect?: { rows?: number; sha256?: string };
  /** A missing/empty file is fatal. */
  required: boolean;
}

/**
 * Prepares the reading of one CSV or Parquet file: encodings (transcoded copy when needed), BOM,
 * `sep=` lines, separator sniffing, header aliases; ragged rows and footers are handled by
 * `finish`. Returns undefined (with a fatal finding) when the file cannot be used.
 */
export async function readRawFile(
  conn: DuckDBConnection,
  name: ExtractFileName,
  path: string,
  findings: FindingList,
  options: ReadRawOptions,
): Promise<RawSource | undefined> {
  const display = basename(path);
  if (path.toLowerCase().endsWith(".parquet")) {
    const d = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${literal(path)})`);
    const headers = d.getRowsJS().map((r) => String(r[0]));
    const columns = mapHeader(name, display, headers, options.scope, findings);
    if (!columns) return undefined;
    const sel = headers.map((h, i) => `CAST(${ident(h)} AS VARCHAR) AS c${i}`).join(", ");
    const meta = { name, display, format: "parquet" as const, columns, separator: ";" };
    return {
      ...meta,
      source: `SELECT ${sel} FROM read_parquet(${literal(path)})`,
      finish: async (c, table) => {
        const rows = await countRows(c, table);
        if (options.expect?.rows !== undefined && options.expect.rows !== rows)
          truncated(findings, display, rows, options.expect.rows);
        return { ...meta, source: "", rows, rejected: 0, lineOf: (r) => r + 1 };
      },
    };
  }
  const size = (await stat(path)).size;
  if (size === 0) {
    findings.add({
      code: options.required ? "EXTRACT_EMPTY_FILE" : "EXTRACT_HEADER_ONLY",
      severity: options.required ? "fatal" : "info",
      file: display,
      message: `${display} is empty (0 bytes)`,
    });
    return undefined;
  }
  let scan = await scanBytes(path, options.expect?.sha256 !== undefined);
  if (options.expect?.sha256 !== undefined && scan.sha256 !== options.expect.sha256.toLowerCase()) {
    findings.add({
      code: "EXTRACT_TRUNCATED",
      file: display,
      message: `sha256 of ${display} differs from the manifest`,
      examples: [{ value: scan.sha256!, expected: options.expect.sha256 }],
    });
    return undefined;
  }
  let source = path;
  if (scan.encoding === "mixed") {
    findings.add({
      code: "EXTRACT_MIXED_ENCODING",
      file: display,
      message: `${display} mixes valid UTF-8 and stray single-byte characters`,
      ...{ hint: "re-export the file in one encoding (UTF-8 recommended)" },
    });
    return undefined;
  }
  if (scan.encoding !== "utf8") {
    source = join(options.tmpDir, `${name}.utf8.csv`);
    await transcodeToUtf8(path, source, scan.encoding);
    findings.add({
      code: scan.encoding === "cp1252" ? "EXTRACT_ENCODING_CP1252" : "EXTRACT_ENCODING_UTF16",
      file: display,
      message: `${display} was decoded as ${scan.encoding === "cp1252" ? "Windows-1252" : "UTF-16"}`,
    });
    scan = await scanBytes(source);
  }
  if (scan.bom) findings.add({ code: "EXTRACT_BOM", file: display, message: "UTF-8 BOM stripped" });
  const headText = scan.head.toString("utf8").replace(/^\uFEFF/, "");
  const headLines = headText.split("\n").map((l) => l.replace(/\r$/, ""));
  headLines.length = Math.min(headLines.length, 1002);
  let headerLine = 1;
  let separator: string;
  const sepLine = /^sep=(.)\s*$/i.exec(headLines[0] ?? "");
  if (sepLine) {
    separator = sepLine[1]!;
    headerLine = 2;
    headLines.shift();
  } else separator = sniffSeparator(headLines);
  findings.add({
    code: "EXTRACT_SEPARATOR",
    file: display,
    message: `separator ${separator === "\t" ? "tab" : `"${separator}"`}${sepLine ? " (from the sep= line)" : ""}`,
    examples: [{ value: separator === "\t" ? "\\t" : separator }],
  });
  const headers = splitCsvLine(headLines[0] ?? "", separator);
  const columns = mapHeader(name, display, headers, options.scope, findings);
  if (!columns) return undefined;
  const nCols = headers.length;
  const colDef = headers.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const rej = `rej_${name}`;
  const tailLines = scan.tail
    .toString("utf8")
    .split("\n")
    .map((l) => l.replace(/\r$/, ""))
    .filter((l) => l.trim() !== "");
  const lastLine = tailLines[tailLines.length - 1] ?? "";
  const meta = { name, display, format: "csv" as const, columns, separator, textPath: source };
  const finish = async (c: DuckDBConnection, table: string): Promise<RawFile> => {
    let rows = await countRows(c, table);
    const duckRejects = (await c.runAndReadAll(`SELECT DISTINCT line FROM ${rej} ORDER BY line`))
      .getRowsJS()
      .map((r) => Number(r[0]));
    // Record layout: exact scan when quotes or blank lines make records ≠ lines.
    let records: RecordScan | undefined;
    let raggedRecords: number[]; // indices among data records
    const firstDataLine = headerLine + 1;
    if (scan.hasQuote || scan.hasBlankLine) {
      records = await scanRecords(source, separator);
      const skipRecords = headerLine; // sep= and header records
      raggedRecords = [];
      for (let r = skipRecords; r < records.fields.length; r++)
        if (records.fields[r] !== nCols) raggedRecords.push(r - skipRecords);
      if (records.unbalanced && records.fields.length > skipRecords) {
        const last = records.fields.length - 1 - skipRecords;
        if (!raggedRecords.includes(last)) raggedRecords.push(last);
      }
      if (raggedRecords.length !== duckRejects.length)
        raggedRecords = duckRejects.map((l) => l - firstDataLine);
    } else raggedRecords = duckRejects.map((l) => l - firstDataLine);
    const recordLine = (rec: number): number =>
      records ? (records.lines[rec + headerLine] ?? rec + firstDataLine) : rec + firstDataLine;
    // Footer: a known pattern on the last non-blank line.
    const totalRecords = rows + raggedRecords.length;
    if (totalRecords > 0 && FOOTER.test(lastLine)) {
      const lastRec = totalRecords - 1;
      const k = raggedRecords.indexOf(lastRec);
      if (k >= 0) raggedRecords.splice(k, 1);
      else {
        await c.run(`DELETE FROM ${table} WHERE rowid = (SELECT max(rowid) FROM ${table})`);
        rows--;
      }
      findings.add({
        code: "EXTRACT_FOOTER_LINE",
        file: display,
        message: "footer line ignored",
        examples: [{ line: recordLine(lastRec), value: lastLine.slice(0, 40) }],
      });
    }
    raggedRecords.sort((a, b) => a - b);
    // An unbalanced quote swallows every line after it into one record: say so (never silent).
    const lastData = records ? records.fields.length - 1 - headerLine : -1;
    const runaway =
      records?.unbalanced && raggedRecords.includes(lastData)
        ? { from: recordLine(lastData), to: records.lastLine }
        : undefined;
    if (raggedRecords.length > 0) {
      findings.add({
        code: "EXTRACT_RAGGED_ROW",
        file: display,
        count: raggedRecords.length,
        message: `${raggedRecords.length} row(s) with a wrong number of fields or unbalanced quotes were excluded${
          runaway && runaway.to > runaway.from
            ? `; the quote opened on line ${runaway.from} is never closed, so lines ${runaway.from}–${runaway.to} are one excluded row`
            : ""
        }`,
        examples: raggedRecords.slice(0, 3).map((r) => ({
          line: recordLine(r),
          expected: `${nCols} fields separated by "${separator}"`,
          ...(records
            ? {
                value: `${records.fields[r + headerLine]} fields${r === lastData && runaway ? `, unbalanced quote up to line ${runaway.to}` : ""}`,
              }
            : {}),
        })),
      });
    }
    if (rows === 0 && raggedRecords.length === 0)
      findings.add({
        code: "EXTRACT_HEADER_ONLY",
        file: display,
        message: `${display} has a header and no rows`,
      });
    if (options.expect?.rows !== undefined && options.expect.rows !== rows + raggedRecords.length)
      truncated(findings, display, rows + raggedRecords.length, options.expect.rows);
    // Record numbers count accepted records; ragged ones are skipped in between.
    const lineOf = (rec: number): number => {
      let r = rec;
      for (const x of raggedRecords) {
        if (x <= r) r++;
        else break;
      }
      return recordLine(r);
    };
    return { ...meta, source: "", rows, rejected: raggedRecords.length, lineOf };
  };
  return {
    ...meta,
    source: `SELECT * FROM read_csv(${literal(source)}, delim=${literal(separator)}, header=false, quote='"', escape='"', auto_detect=false, columns={${colDef}}, skip=${headerLine}, store_rejects=true, rejects_table='${rej}', rejects_scan='${rej}_scan', max_line_size=10000000)`,
    finish,
  };
}

async function countRows(conn: DuckDBConnection, table: string): Promise<number> {
  return scalar(conn, `SELECT count(*) FROM ${table}`);
}

function truncated(findings: FindingList, display: string, rows: number, expected: number): void {
  findings.add({
    code: "EXTRACT_TRUNCATED",
    file: display,
    message: `${display} has ${rows} data rows, the manifest announces ${expected}`,
    examples: [{ value: String(rows), expected: String(expected) }],
  });
}
