import type { DuckDBConnection, DuckDBResultReader } from "@duckdb/node-api";
import {
  type Column,
  categoricalColumn,
  frameFromDuckDB as coreFrameFromDuckDB,
  Frame,
} from "@parcours-eval/core";

/** Options of {@link frameFromDuckDB}. */
export interface FrameFromDuckDBOptions {
  /** Level order per categorical column (first = reference); values outside it become missing. */
  levels?: Readonly<Record<string, readonly string[]>>;
}

/** Re-codes a categorical column to the given level order. */
function relevel(column: Column, levels: readonly string[]): Column {
  if (column.kind !== "categorical") return column;
  const text = Array.from(column.codes, (c) => (c < 0 ? null : column.levels[c]!));
  return categoricalColumn(text, levels);
}

/**
 * Converts a DuckDB result to a {@link Frame} with core's `frameFromDuckDB` (numbers and
 * booleans → numeric, DATE/TIMESTAMP → date, VARCHAR → categorical), then applies the requested
 * level orders.
 */
export async function frameFromReader(
  reader: DuckDBResultReader,
  options: FrameFromDuckDBOptions = {},
): Promise<Frame> {
  const frame = await coreFrameFromDuckDB(reader);
  const levels = options.levels ?? {};
  if (Object.keys(levels).length === 0) return frame;
  const columns = new Map<string, Column>();
  for (const name of frame.names) {
    const col = frame.column(name);
    columns.set(name, levels[name] ? relevel(col, levels[name]) : col);
  }
  return new Frame(columns);
}

/** Runs a query and returns its result as a {@link Frame} (see {@link frameFromReader}). */
export async function frameFromDuckDB(
  connection: DuckDBConnection,
  sql: string,
  options: FrameFromDuckDBOptions = {},
): Promise<Frame> {
  return frameFromReader(await connection.runAndReadAll(sql), options);
}
