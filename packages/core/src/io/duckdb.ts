import type { DuckDBResult, DuckDBResultReader, DuckDBType, DuckDBValue } from "@duckdb/node-api";
import { type Column, categoricalColumn } from "../column.js";
import { ParcoursError } from "../errors.js";
import { Frame } from "../frame.js";

// DuckDBTypeId values (from @duckdb/node-api's enum), inlined so that importing core does not
// load DuckDB's native binding; only the types are imported.
const T = {
  BOOLEAN: 1,
  TINYINT: 2,
  SMALLINT: 3,
  INTEGER: 4,
  BIGINT: 5,
  UTINYINT: 6,
  USMALLINT: 7,
  UINTEGER: 8,
  UBIGINT: 9,
  FLOAT: 10,
  DOUBLE: 11,
  TIMESTAMP: 12,
  DATE: 13,
  HUGEINT: 16,
  VARCHAR: 17,
  DECIMAL: 19,
  TIMESTAMP_S: 20,
  TIMESTAMP_MS: 21,
  TIMESTAMP_NS: 22,
  ENUM: 23,
  TIMESTAMP_TZ: 31,
  UHUGEINT: 32,
  SQLNULL: 36,
} as const;

const NUMERIC: ReadonlySet<number> = new Set([
  T.BOOLEAN,
  T.TINYINT,
  T.SMALLINT,
  T.INTEGER,
  T.BIGINT,
  T.UTINYINT,
  T.USMALLINT,
  T.UINTEGER,
  T.UBIGINT,
  T.FLOAT,
  T.DOUBLE,
  T.HUGEINT,
  T.UHUGEINT,
  T.DECIMAL,
  T.SQLNULL,
]);
const TIMESTAMPS: ReadonlySet<number> = new Set([
  T.TIMESTAMP,
  T.TIMESTAMP_S,
  T.TIMESTAMP_MS,
  T.TIMESTAMP_NS,
  T.TIMESTAMP_TZ,
]);
// Units per day of each timestamp type's stored integer.
const PER_DAY: Readonly<Record<number, number>> = {
  [T.TIMESTAMP]: 86_400e6,
  [T.TIMESTAMP_TZ]: 86_400e6,
  [T.TIMESTAMP_S]: 86_400,
  [T.TIMESTAMP_MS]: 86_400e3,
  [T.TIMESTAMP_NS]: 86_400e9,
};

function toNumber(v: DuckDBValue): number {
  if (v === null) return Number.NaN;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "object" && "toDouble" in v) return (v as { toDouble(): number }).toDouble();
  return Number.NaN;
}

function convertColumn(name: string, type: DuckDBType, values: readonly DuckDBValue[]): Column {
  const id = type.typeId as number;
  const n = values.length;
  if (NUMERIC.has(id)) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = toNumber(values[i]!);
    return { kind: "numeric", values: out };
  }
  if (id === T.DATE) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i] as { days: number } | null;
      out[i] = v === null ? Number.NaN : v.days;
    }
    return { kind: "date", days: out };
  }
  if (TIMESTAMPS.has(id)) {
    // Timestamps become the day they fall on (UTC), the Frame's date unit.
    const out = new Float64Array(n);
    const perDay = PER_DAY[id]!;
    for (let i = 0; i < n; i++) {
      const v = values[i] as {
        micros?: bigint;
        millis?: bigint;
        seconds?: bigint;
        nanos?: bigint;
      } | null;
      const raw = v === null ? null : (v.micros ?? v.millis ?? v.seconds ?? v.nanos ?? null);
      out[i] = raw === null ? Number.NaN : Math.floor(Number(raw) / perDay);
    }
    return { kind: "date", days: out };
  }
  if (id === T.VARCHAR || id === T.ENUM) {
    const strings = values.map((v) => (v === null ? null : String(v)));
    // An ENUM keeps its declared order (first = reference level), like an R factor.
    const levels =
      id === T.ENUM ? (type as unknown as { values: readonly string[] }).values : undefined;
    return categoricalColumn(strings, levels);
  }
  throw new ParcoursError(
    "DUCKDB_UNSUPPORTED_TYPE",
    `column "${name}" has the DuckDB type ${type.toString()}, which a Frame cannot hold`,
    {
      column: name,
      hint: "cast it in SQL to DOUBLE, VARCHAR, DATE or an ENUM",
    },
  );
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
  let columns: DuckDBValue[][];
  if ("readAll" in source && typeof source.readAll === "function") {
    await source.readAll();
    columns = (source as DuckDBResultReader).getColumns();
  } else {
    columns = await (source as DuckDBResult).getColumns();
  }
  const out = new Map<string, Column>();
  names.forEach((name, j) => {
    out.set(name, convertColumn(name, types[j]!, columns[j] ?? []));
  });
  return new Frame(out);
}
