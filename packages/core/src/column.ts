/** A numeric column: NaN marks a missing value. */
export interface NumericColumn {
  readonly kind: "numeric";
  readonly values: Float64Array;
}

/** A categorical column: integer codes into `levels`, -1 marks a missing value. */
export interface CategoricalColumn {
  readonly kind: "categorical";
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** A date column: days since 1970-01-01 (UTC), NaN marks a missing value. */
export interface DateColumn {
  readonly kind: "date";
  readonly days: Float64Array;
}

/** Any column of a {@link Frame}. */
export type Column = NumericColumn | CategoricalColumn | DateColumn;

/** Number of rows of a column. */
export function columnLength(column: Column): number {
  switch (column.kind) {
    case "numeric":
      return column.values.length;
    case "categorical":
      return column.codes.length;
    case "date":
      return column.days.length;
  }
}

/** Builds a numeric column; `null`/`undefined` become NaN. */
export function numericColumn(values: ArrayLike<number | null | undefined>): NumericColumn {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? Number.NaN : v;
  }
  return { kind: "numeric", values: out };
}

/**
 * The order of a categorical column's levels: JS `<` on UTF-16 code units, as R's `factor()`
 * sorts in the C locale. Every reader that codes text (CSV, DuckDB) sorts its levels with it.
 */
export const compareLevels = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds a categorical column. Without `levels`, the levels are the distinct values sorted as R's
 * `factor()` sorts them in the C locale (code-point order), so the first level is R's reference.
 * Values absent from given `levels` become missing (-1), as in R.
 */
export function categoricalColumn(
  values: ArrayLike<string | null | undefined>,
  levels?: readonly string[],
): CategoricalColumn {
  let lv = levels;
  if (lv === undefined) {
    const seen = new Set<string>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) seen.add(v);
    }
    lv = [...seen].sort(compareLevels);
  }
  const index = new Map(lv.map((l, i) => [l, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    codes[i] = v === null || v === undefined ? -1 : (index.get(v) ?? -1);
  }
  return { kind: "categorical", codes, levels: lv };
}

/** Day number (days since 1970-01-01 UTC) of an ISO date `YYYY-MM-DD`; NaN when invalid. */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return Number.NaN;
  }
  return t / 86_400_000;
}

/** ISO date `YYYY-MM-DD` of a day number; empty string for NaN. */
export function isoDate(day: number): string {
  if (Number.isNaN(day)) return "";
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Builds a date column from ISO strings (`YYYY-MM-DD`) or day numbers. */
export function dateColumn(values: ArrayLike<string | number | null | undefined>): DateColumn {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? Number.NaN : typeof v === "number" ? v : dayNumber(v);
  }
  return { kind: "date", days: out };
}

/** True when row `i` of the column is missing. */
export function isMissing(column: Column, i: number): boolean {
  switch (column.kind) {
    case "numeric":
      return Number.isNaN(column.values[i]!);
    case "categorical":
      return column.codes[i]! < 0;
    case "date":
      return Number.isNaN(column.days[i]!);
  }
}

/** Row `i` of the column as a plain value (number, level string, ISO date), `null` if missing. */
export function cellValue(column: Column, i: number): number | string | null {
  if (isMissing(column, i)) return null;
  switch (column.kind) {
    case "numeric":
      return column.values[i]!;
    case "categorical":
      return column.levels[column.codes[i]!]!;
    case "date":
      return isoDate(column.days[i]!);
  }
}

/** The rows of `column` at the given indices, as a new column of the same kind. */
export function takeRows(column: Column, rows: ArrayLike<number>): Column {
  const n = rows.length;
  switch (column.kind) {
    case "numeric": {
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) out[k] = column.values[rows[k]!]!;
      return { kind: "numeric", values: out };
    }
    case "categorical": {
      const out = new Int32Array(n);
      for (let k = 0; k < n; k++) out[k] = column.codes[rows[k]!]!;
      return { kind: "categorical", codes: out, levels: column.levels };
    }
    case "date": {
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) out[k] = column.days[rows[k]!]!;
      return { kind: "date", days: out };
    }
  }
}
