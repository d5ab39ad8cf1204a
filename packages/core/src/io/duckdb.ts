import type { DuckDBResult, DuckDBResultReader, DuckDBValue } from "@duckdb/node-api";
import type { Column } from "../column.js";
import { Frame } from "../frame.js";
import { type ColumnReader, columnReader, type ItemSource } from "./duckdb-columns.js";

/** An array of values read like a vector. */
const arrayItems = (values: readonly DuckDBValue[]): ItemSource => ({ getItem: (i) => values[i]! });

/** Reads a reader's rows (read to the end beforehand) column by column: its chunks are private. */
function readReader(reader: DuckDBResultReader, columns: ColumnReader[]): void {
  const values = reader.getColumns();
  columns.forEach((c, j) => {
    const v = values[j] ?? [];
    c.add(arrayItems(v), v.length);
  });
}

/**
 * Reads a result chunk by chunk straight from its vectors, without the value arrays of
 * `getColumns()` (strings are decoded once, numbers never boxed into arrays).
 */
async function readResult(result: DuckDBResult, columns: ColumnReader[]): Promise<void> {
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) return;
    const n = chunk.rowCount;
    columns.forEach((c, j) => {
      c.add(chunk.getColumnVector(j), n);
    });
  }
}

/**
 * Builds a {@link Frame} from a DuckDB query result (`@duckdb/node-api`): a `DuckDBResultReader`
 * (read to the end here) or a `DuckDBResult`/`DuckDBMaterializedResult`. Numbers (integers,
 * BIGINT, DECIMAL, DOUBLE, BOOLEAN as 1/0) become numeric columns, DATE and TIMESTAMP date
 * columns (day numbers; timestamps are floored to their UTC day), VARCHAR categorical (levels
 * sorted as R sorts them) and ENUM categorical in the enum's order. NULL is missing.
 * @throws ParcoursError DUCKDB_UNSUPPORTED_TYPE naming the column (lists, structs, blobs…).
 */
export async function frameFromDuckDB(source: DuckDBResultReader | DuckDBResult): Promise<Frame> {
  const names = source.columnNames();
  const types = source.columnTypes();
  const isReader = "readAll" in source && typeof source.readAll === "function";
  if (isReader) await (source as DuckDBResultReader).readAll();
  // A reader or a materialised result knows its row count: columns are allocated once.
  const rows = isReader
    ? (source as DuckDBResultReader).currentRowCount
    : (source as { rowCount?: unknown }).rowCount;
  const capacity = typeof rows === "number" ? rows : 2048;
  const columns = names.map((name, j) => columnReader(name, types[j]!, capacity));
  if (isReader) readReader(source as DuckDBResultReader, columns);
  else await readResult(source as DuckDBResult, columns);
  const out = new Map<string, Column>();
  names.forEach((name, j) => {
    out.set(name, columns[j]!.finish());
  });
  return new Frame(out);
}
