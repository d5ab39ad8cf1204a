import {
  type Column,
  categoricalColumn,
  cellValue,
  columnLength,
  dateColumn,
  numericColumn,
  takeRows,
} from "./column.js";
import { closeMatches, ParcoursError } from "./errors.js";
// Call-time-only cycles: the adapters build Frames, and Frame exposes them as static methods.
import { type ReadCsvOptions, readCsv } from "./io/csv.js";
import { frameFromDuckDB } from "./io/duckdb.js";

/** A plain row: column name to number, string, boolean or missing. */
export type Row = Record<string, number | string | boolean | null | undefined>;

/** Options of {@link Frame.fromObjects}. */
export interface FromObjectsOptions {
  /** Columns to read as dates (ISO `YYYY-MM-DD` strings). */
  dates?: readonly string[];
  /** Columns to read as categorical even when their values are numbers. */
  categorical?: readonly string[];
  /** Explicit level order for categorical columns (first = reference level). */
  levels?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The columnar table of parcours-eval: numeric columns are Float64Array (NaN missing),
 * categorical columns Int32Array codes with levels (-1 missing), dates day numbers.
 * Frames are immutable: every operation returns a new frame sharing unchanged columns.
 */
export class Frame {
  /** Number of rows. */
  readonly nRows: number;
  readonly #columns: ReadonlyMap<string, Column>;

  /** Builds a frame from named columns of equal length. */
  constructor(columns: Readonly<Record<string, Column>> | ReadonlyMap<string, Column>) {
    const entries =
      columns instanceof Map
        ? [...columns.entries()]
        : Object.entries(columns as Record<string, Column>);
    let n = -1;
    for (const [name, col] of entries) {
      const len = columnLength(col);
      if (n === -1) n = len;
      else if (len !== n) {
        throw new ParcoursError(
          "FRAME_LENGTH_MISMATCH",
          `column "${name}" has ${len} rows, expected ${n}`,
          { column: name, hint: "all columns of a frame must have the same number of rows" },
        );
      }
    }
    this.nRows = Math.max(n, 0);
    this.#columns = new Map(entries);
  }

  /** Column names, in order. */
  get names(): string[] {
    return [...this.#columns.keys()];
  }

  /** Number of columns. */
  get nColumns(): number {
    return this.#columns.size;
  }

  /** True when the frame has a column of that name. */
  has(name: string): boolean {
    return this.#columns.has(name);
  }

  /** The named column; throws `FRAME_UNKNOWN_COLUMN` listing close matches otherwise. */
  column(name: string): Column {
    const col = this.#columns.get(name);
    if (col === undefined) {
      const near = closeMatches(name, this.names);
      throw new ParcoursError("FRAME_UNKNOWN_COLUMN", `no column "${name}" in the data`, {
        column: name,
        hint: near.length
          ? `did you mean ${near.map((c) => `"${c}"`).join(", ")}?`
          : `available columns: ${this.names.join(", ")}`,
      });
    }
    return col;
  }

  /**
   * The named column as numbers: numeric values, date day numbers, or (for a categorical column
   * whose levels are all numeric, such as "0"/"1") the parsed levels.
   */
  numeric(name: string): Float64Array {
    const col = this.column(name);
    if (col.kind === "numeric") return col.values;
    if (col.kind === "date") return col.days;
    const parsed = col.levels.map(Number);
    if (parsed.some((v) => Number.isNaN(v))) {
      throw new ParcoursError("FRAME_NOT_NUMERIC", `column "${name}" is categorical, not numeric`, {
        column: name,
        hint: `its levels are ${col.levels.slice(0, 5).join(", ")}${col.levels.length > 5 ? ", …" : ""}`,
      });
    }
    const out = new Float64Array(col.codes.length);
    for (let i = 0; i < out.length; i++) {
      const c = col.codes[i]!;
      out[i] = c < 0 ? Number.NaN : parsed[c]!;
    }
    return out;
  }

  /** A frame with only the given columns, in the given order. */
  select(names: readonly string[]): Frame {
    return new Frame(new Map(names.map((n) => [n, this.column(n)])));
  }

  /** A frame with the column added or replaced. */
  withColumn(name: string, column: Column): Frame {
    const next = new Map(this.#columns);
    next.set(name, column);
    return new Frame(next);
  }

  /** The rows where `mask` is truthy (non-zero / true), in order. */
  filter(mask: ArrayLike<number | boolean>): Frame {
    if (mask.length !== this.nRows) {
      throw new ParcoursError(
        "FRAME_MASK_LENGTH",
        `filter mask has ${mask.length} entries, the frame has ${this.nRows} rows`,
      );
    }
    let count = 0;
    for (let i = 0; i < mask.length; i++) if (mask[i]) count++;
    const rows = new Int32Array(count);
    for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) rows[k++] = i;
    return this.take(rows);
  }

  /** The rows at the given 0-based indices, in that order (indices may repeat). */
  take(rows: ArrayLike<number>): Frame {
    const next = new Map<string, Column>();
    for (const [name, col] of this.#columns) next.set(name, takeRows(col, rows));
    return new Frame(next);
  }

  /** Row `i` as a plain object (levels as strings, dates as ISO strings, missing as null). */
  row(i: number): Record<string, number | string | null> {
    const out: Record<string, number | string | null> = {};
    for (const [name, col] of this.#columns) out[name] = cellValue(col, i);
    return out;
  }

  /** All rows as plain objects. */
  toObjects(): Record<string, number | string | null>[] {
    const out = new Array<Record<string, number | string | null>>(this.nRows);
    for (let i = 0; i < this.nRows; i++) out[i] = this.row(i);
    return out;
  }

  /** A readable preview: dimensions, column kinds and the first `maxRows` rows. */
  toString(maxRows = 10): string {
    const names = this.names;
    const shown = Math.min(maxRows, this.nRows);
    const cells: string[][] = [names.map((n) => n)];
    cells.push(names.map((n) => `<${this.column(n).kind.slice(0, 3)}>`));
    for (let i = 0; i < shown; i++) {
      cells.push(
        names.map((n) => {
          const v = cellValue(this.column(n), i);
          if (v === null) return "NA";
          return typeof v === "number" ? String(Number(v.toPrecision(7))) : v;
        }),
      );
    }
    const widths = names.map((_, j) => Math.max(...cells.map((r) => r[j]!.length)));
    const lines = cells.map((r) => r.map((c, j) => c.padStart(widths[j]!)).join("  "));
    const more = this.nRows > shown ? `\n# … ${this.nRows - shown} more rows` : "";
    return `# Frame: ${this.nRows} rows × ${names.length} columns\n${lines.join("\n")}${more}`;
  }

  /** Reads a CSV file into a frame; see {@link readCsv}. */
  static fromCsv(path: string, options: ReadCsvOptions = {}): Promise<Frame> {
    return readCsv(path, options);
  }

  /** Builds a frame from a DuckDB result or result reader; see {@link frameFromDuckDB}. */
  static fromDuckDB(source: Parameters<typeof frameFromDuckDB>[0]): Promise<Frame> {
    return frameFromDuckDB(source);
  }

  /**
   * Builds a frame from plain objects. A column is numeric when every non-missing value is a
   * number or boolean (booleans become 1/0), categorical otherwise, date when listed in `dates`.
   * Columns are those of the first row, then any new keys in order of appearance.
   */
  static fromObjects(rows: readonly Row[], options: FromObjectsOptions = {}): Frame {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      for (const k of Object.keys(r)) {
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      }
    }
    const dates = new Set(options.dates ?? []);
    const forcedCategorical = new Set(options.categorical ?? []);
    const columns = new Map<string, Column>();
    for (const name of names) {
      const raw = rows.map((r) => r[name]);
      if (dates.has(name)) {
        columns.set(
          name,
          dateColumn(raw.map((v) => (v === null || v === undefined ? null : String(v)))),
        );
        continue;
      }
      const allNumeric = raw.every(
        (v) => v === null || v === undefined || typeof v === "number" || typeof v === "boolean",
      );
      if (allNumeric && !forcedCategorical.has(name)) {
        columns.set(
          name,
          numericColumn(raw.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v))),
        );
      } else {
        columns.set(
          name,
          categoricalColumn(
            raw.map((v) => (v === null || v === undefined ? null : String(v))),
            options.levels?.[name],
          ),
        );
      }
    }
    return new Frame(columns);
  }
}
