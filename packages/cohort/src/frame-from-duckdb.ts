import {
  type DuckDBConnection,
  DuckDBDateValue,
  type DuckDBResultReader,
  DuckDBTimestampValue,
  DuckDBTypeId,
} from "@duckdb/node-api";
import { type Column, categoricalColumn, Frame } from "@parcours-eval/core";

/** Column kinds to force, by name; others follow the DuckDB type. */
export interface FrameFromDuckDBOptions {
  /** Level order per categorical column (first = reference). */
  levels?: Readonly<Record<string, readonly string[]>>;
}

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.BOOLEAN,
]);

/**
 * Converts a fully read DuckDB result to a {@link Frame}: numbers and booleans → numeric, DATE →
 * date (day numbers), TIMESTAMP → date of its day, anything else → categorical (its text).
 * Temporary home: core is getting its own `frameFromDuckDB`; this one will move there.
 */
export function frameFromReader(
  reader: DuckDBResultReader,
  options: FrameFromDuckDBOptions = {},
): Frame {
  const names = reader.columnNames();
  const data = reader.getColumns();
  const columns = new Map<string, Column>();
  names.forEach((name, j) => {
    const type = reader.columnTypeId(j);
    const values = data[j] ?? [];
    if (NUMERIC.has(type)) {
      const out = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        out[i] =
          v === null || v === undefined
            ? Number.NaN
            : typeof v === "boolean"
              ? v
                ? 1
                : 0
              : Number(v);
      }
      columns.set(name, { kind: "numeric", values: out });
    } else if (type === DuckDBTypeId.DATE || type === DuckDBTypeId.TIMESTAMP) {
      const out = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        out[i] =
          v instanceof DuckDBDateValue
            ? v.days
            : v instanceof DuckDBTimestampValue
              ? Math.floor(Number(v.micros) / 86_400_000_000)
              : Number.NaN;
      }
      columns.set(name, { kind: "date", days: out });
    } else {
      const text = values.map((v) => (v === null || v === undefined ? null : String(v)));
      columns.set(name, categoricalColumn(text, options.levels?.[name]));
    }
  });
  return new Frame(columns);
}

/** Runs a query and returns its result as a {@link Frame}. */
export async function frameFromDuckDB(
  connection: DuckDBConnection,
  sql: string,
  options: FrameFromDuckDBOptions = {},
): Promise<Frame> {
  const reader = await connection.runAndReadAll(sql);
  return frameFromReader(reader, options);
}
