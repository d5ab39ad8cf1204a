import type { DuckDBType, DuckDBValue } from "@duckdb/node-api";
import type { Column } from "../column.js";
import { ParcoursError } from "../errors.js";
import { TextCoder } from "./text-codes.js";

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
// Units per day of each timestamp type's stored integer.
const PER_DAY: Readonly<Record<number, number>> = {
  [T.TIMESTAMP]: 86_400e6,
  [T.TIMESTAMP_TZ]: 86_400e6,
  [T.TIMESTAMP_S]: 86_400,
  [T.TIMESTAMP_MS]: 86_400e3,
  [T.TIMESTAMP_NS]: 86_400e9,
};

/** Anything that hands out values by row index: a DuckDB vector, or an array of values. */
export interface ItemSource {
  /** Value of row `i` (`null` when missing). */
  getItem(i: number): DuckDBValue;
}

/** Reads one result column, a batch of rows at a time, into a Frame column. */
export interface ColumnReader {
  /** Appends rows `0..n-1` of the batch. */
  add(items: ItemSource, n: number): void;
  /** The finished column, its arrays sized to the rows added. */
  finish(): Column;
}

function toNumber(v: DuckDBValue): number {
  if (v === null) return Number.NaN;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "object" && "toDouble" in v) return (v as { toDouble(): number }).toDouble();
  return Number.NaN;
}

type TimestampValue = { micros?: bigint; millis?: bigint; seconds?: bigint; nanos?: bigint };

/** Number of each row for a numeric or date column, in a Float64Array that grows by doubling. */
class DoubleReader implements ColumnReader {
  #out: Float64Array;
  #n = 0;
  constructor(
    capacity: number,
    private readonly kind: "numeric" | "date" | "timestamp",
    private readonly perDay = 1,
  ) {
    this.#out = new Float64Array(Math.max(capacity, 16));
  }

  add(items: ItemSource, n: number): void {
    if (this.#n + n > this.#out.length) {
      const grown = new Float64Array(Math.max(this.#out.length * 2, this.#n + n));
      grown.set(this.#out);
      this.#out = grown;
    }
    const out = this.#out;
    let k = this.#n;
    if (this.kind === "numeric") {
      for (let i = 0; i < n; i++) out[k++] = toNumber(items.getItem(i));
    } else if (this.kind === "date") {
      for (let i = 0; i < n; i++) {
        const v = items.getItem(i) as { days: number } | null;
        out[k++] = v === null ? Number.NaN : v.days;
      }
    } else {
      // Timestamps become the day they fall on (UTC), the Frame's date unit.
      for (let i = 0; i < n; i++) {
        const v = items.getItem(i) as TimestampValue | null;
        const raw = v === null ? null : (v.micros ?? v.millis ?? v.seconds ?? v.nanos ?? null);
        out[k++] = raw === null ? Number.NaN : Math.floor(Number(raw) / this.perDay);
      }
    }
    this.#n = k;
  }

  finish(): Column {
    const values = this.#out.length === this.#n ? this.#out : this.#out.slice(0, this.#n);
    return this.kind === "numeric" ? { kind: "numeric", values } : { kind: "date", days: values };
  }
}

/** VARCHAR: levels sorted as `categoricalColumn` sorts them. */
class TextReader implements ColumnReader {
  readonly #coder: TextCoder;
  constructor(capacity: number) {
    this.#coder = new TextCoder(capacity);
  }
  add(items: ItemSource, n: number): void {
    const coder = this.#coder;
    for (let i = 0; i < n; i++) coder.add(items.getItem(i) as string | null);
  }
  finish(): Column {
    return this.#coder.finish();
  }
}

/** ENUM: the enum's declared order (first = reference level), like an R factor. */
class EnumReader implements ColumnReader {
  readonly #index: ReadonlyMap<string, number>;
  #codes: Int32Array;
  #n = 0;
  constructor(
    capacity: number,
    private readonly levels: readonly string[],
  ) {
    this.#index = new Map(levels.map((l, i) => [l, i]));
    this.#codes = new Int32Array(Math.max(capacity, 16));
  }
  add(items: ItemSource, n: number): void {
    if (this.#n + n > this.#codes.length) {
      const grown = new Int32Array(Math.max(this.#codes.length * 2, this.#n + n));
      grown.set(this.#codes);
      this.#codes = grown;
    }
    const codes = this.#codes;
    let k = this.#n;
    for (let i = 0; i < n; i++) {
      const v = items.getItem(i) as string | null;
      codes[k++] = v === null ? -1 : (this.#index.get(v) ?? -1);
    }
    this.#n = k;
  }
  finish(): Column {
    const codes = this.#codes.length === this.#n ? this.#codes : this.#codes.slice(0, this.#n);
    return { kind: "categorical", codes, levels: this.levels };
  }
}

/**
 * The reader of a result column of the given DuckDB type, with room for `capacity` rows to
 * start with. Throws DUCKDB_UNSUPPORTED_TYPE (naming the column) for types a Frame cannot hold.
 */
export function columnReader(name: string, type: DuckDBType, capacity: number): ColumnReader {
  const id = type.typeId as number;
  if (NUMERIC.has(id)) return new DoubleReader(capacity, "numeric");
  if (id === T.DATE) return new DoubleReader(capacity, "date");
  const perDay = PER_DAY[id];
  if (perDay !== undefined) return new DoubleReader(capacity, "timestamp", perDay);
  if (id === T.VARCHAR) return new TextReader(capacity);
  if (id === T.ENUM) {
    return new EnumReader(capacity, (type as unknown as { values: readonly string[] }).values);
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
