import { ident, literal, literalList } from "@parcours-eval/cohort";
import type { ColumnSpec } from "./contract.js";
import { normaliseValue } from "./contract.js";

/** Context of a cast: what the file and the options say. */
export interface CastContext {
  /** Field separator of the file (decides what a comma means). */
  separator: string;
  /** Dataset scope (some columns are nullable in regional extracts only). */
  scope: "national" | "regional";
  /** Two-digit years below the pivot are 20yy, others 19yy. */
  twoDigitYearPivot: number;
  /** Accept Excel serial dates (days since 1899-12-30). */
  acceptExcelSerialDates: boolean;
}

/** SQL of one cast column: its typed value, the problem tag (`severity:CODE`) and expected form. */
export interface CastSql {
  /** Typed value expression. */
  value: string;
  /** Problem expression: NULL or `'severity:CODE'`. */
  problem: string;
  /** Date columns: the format tag, for the per-column tally. */
  format?: string;
  /** What a valid value looks like, for messages. */
  expected: string;
  /**
   * Layered form only: columns to compute first, layer by layer (`[name, expression]`), that
   * `value`, `problem` and `format` refer to instead of repeating the pattern tests.
   */
  layers?: [string, string][][];
}

/** Values read as null with a warning (§2). */
export const NULL_VARIANTS = ["NA", "N/A", "NULL", "null", "na", "n/a", ".", "-", "#N/A"];
const SENTINELS = [
  "1900-01-01",
  "0001-01-01",
  "9999-12-31",
  "31/12/9999",
  "01/01/1900",
  "19000101",
  "99991231",
];

/** Removes surrounding whitespace and invisible characters; empty → NULL. */
export function cleanSql(raw: string): string {
  return `nullif(regexp_replace(${raw}, '^[\\s\\x{00A0}\\x{200B}\\x{202F}\\x{FEFF}]+|[\\s\\x{00A0}\\x{200B}\\x{202F}\\x{FEFF}]+$', '', 'g'), '')`;
}

const full = (s: string, re: string): string => `regexp_full_match(${s}, ${literal(re)})`;

/**
 * Date value and format tag of the text `s`. With `fmt` (a column already holding the format
 * tag), the value is chosen by tag instead of re-running the pattern tests.
 */
function dateParse(
  s: string,
  ctx: CastContext,
  partial: boolean,
  fmt?: string,
): { value: string; format: string } {
  const twoDigit = `TRY_CAST(try_strptime(regexp_extract(${s}, '^(\\d{1,2}/\\d{1,2}/)', 1) || CASE WHEN CAST(right(${s}, 2) AS INTEGER) < ${ctx.twoDigitYearPivot} THEN '20' ELSE '19' END || right(${s}, 2), '%d/%m/%Y') AS DATE)`;
  const branches: [string, string, string][] = [
    [full(s, "\\d{4}-\\d{2}-\\d{2}"), `TRY_CAST(${s} AS DATE)`, "YYYY-MM-DD"],
    [
      full(s, "\\d{1,2}/\\d{1,2}/\\d{4}"),
      `TRY_CAST(try_strptime(${s}, '%d/%m/%Y') AS DATE)`,
      "DD/MM/YYYY",
    ],
    [full(s, "\\d{8}"), `TRY_CAST(try_strptime(${s}, '%Y%m%d') AS DATE)`, "YYYYMMDD"],
    [
      full(s, "\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?"),
      `TRY_CAST(left(${s}, 10) AS DATE)`,
      "YYYY-MM-DD HH:MM",
    ],
    [
      full(s, "\\d{1,2}/\\d{1,2}/\\d{4} \\d{2}:\\d{2}(:\\d{2})?"),
      `TRY_CAST(try_strptime(split_part(${s}, ' ', 1), '%d/%m/%Y') AS DATE)`,
      "DD/MM/YYYY HH:MM",
    ],
    [full(s, "\\d{1,2}/\\d{1,2}/\\d{2}"), twoDigit, "DD/MM/YY"],
  ];
  if (partial)
    branches.push([full(s, "\\d{4}-\\d{2}"), `TRY_CAST(${s} || '-15' AS DATE)`, "YYYY-MM"]);
  if (ctx.acceptExcelSerialDates)
    branches.push([
      full(s, "\\d{5}"),
      `CAST(DATE '1899-12-30' + CAST(${s} AS INTEGER) AS DATE)`,
      "EXCEL_SERIAL",
    ]);
  const value = `CASE WHEN ${s} IN ${literalList(SENTINELS)} THEN NULL ${branches.map(([c, v, f]) => `WHEN ${fmt ? `${fmt} = '${f}'` : c} THEN ${v}`).join(" ")} ELSE NULL END`;
  const format = `CASE WHEN ${s} IS NULL OR ${s} IN ${literalList(SENTINELS)} THEN NULL ${branches.map(([c, , f]) => `WHEN ${c} THEN '${f}'`).join(" ")} ELSE NULL END`;
  return { value, format };
}

/** True when an empty value of the column is a row error in this scope. */
export function isRequired(col: ColumnSpec, ctx: CastContext): boolean {
  return col.nullable === false || (col.nullable === "regional" && ctx.scope === "national");
}

/**
 * Numeric text → DOUBLE, with the French forms of §2 (decimal comma, spaces, dots, €; the space
 * before € may be a no-break space, as French Excel writes it). Unparseable text is a row error
 * when `required`, else null + warn; scientific notation is always a row error (§2: an Excel
 * mangling that may have rounded the amount).
 */
function decimalParse(
  s: string,
  ctx: CastContext,
  layered: boolean,
  required: boolean,
): { value: string; problem: string; layers?: [string, string][][] } {
  const stripped = `regexp_replace(${s}, '[\\s\\x{00A0}\\x{202F}]*€$', '')`;
  const t = layered ? "__dt" : stripped;
  const shapes: [string, string][] = [
    ["__dp", "[-+]?\\d+(\\.\\d+)?"], // 1234.56
    ["__de", "[-+]?\\d+([.,]\\d+)?[eE][-+]?\\d+"], // scientific
    ["__dg", "[-+]?\\d{1,3}(,\\d{3})+"], // 1,234 (comma groups)
    ["__dc", "[-+]?\\d+,\\d+"], // 1234,56
    ["__ds", "[-+]?\\d{1,3}([ \\x{00A0}\\x{202F}]\\d{3})+(,\\d+)?"], // 1 234,56
    ["__dd", "[-+]?\\d{1,3}(\\.\\d{3})+,\\d+"], // 1.234,56
  ];
  const is = Object.fromEntries(
    shapes.map(([name, re]) => [name, layered ? name : full(t, re)]),
  ) as Record<string, string>;
  const commaIsDecimal = ctx.separator !== ",";
  const value = `CASE
    WHEN ${is.__dp} THEN TRY_CAST(${t} AS DOUBLE)
    WHEN ${is.__dg} AND NOT ${ctx.separator === ";" ? "true" : "false"} THEN NULL
    WHEN ${is.__dc} AND ${commaIsDecimal} THEN TRY_CAST(replace(${t}, ',', '.') AS DOUBLE)
    WHEN ${is.__ds} THEN TRY_CAST(replace(regexp_replace(${t}, '[ \\x{00A0}\\x{202F}]', '', 'g'), ',', '.') AS DOUBLE)
    WHEN ${is.__dd} THEN TRY_CAST(replace(replace(${t}, '.', ''), ',', '.') AS DOUBLE)
    ELSE NULL END`;
  const problem = `CASE
    WHEN ${is.__dp} THEN CASE WHEN ${t} <> ${s} THEN 'warn:EXTRACT_DECIMAL_COMMA' ELSE NULL END
    WHEN ${is.__de} THEN 'row:EXTRACT_BAD_NUMBER'
    WHEN (${value}) IS NULL AND (${is.__dg} OR ${is.__dc}) THEN 'row:EXTRACT_AMBIGUOUS_NUMBER'
    WHEN (${value}) IS NULL THEN '${required ? "row" : "warn"}:EXTRACT_BAD_NUMBER'
    ELSE 'warn:EXTRACT_DECIMAL_COMMA' END`;
  if (!layered) return { value, problem };
  return {
    value,
    problem,
    layers: [[["__dt", stripped]], shapes.map(([name, re]) => [name, full("__dt", re)])],
  };
}

const TRUE_VALUES = ["1", "o", "oui", "y", "yes", "true", "vrai"];
const FALSE_VALUES = ["0", "n", "non", "no", "false", "faux"];

/**
 * Builds the cast SQL of one contract column whose cleaned text is the SQL expression `s`. The
 * `layered` form (dates and amounts) returns `layers` of columns to compute first, so that the
 * pattern tests run once per cell; both forms give the same results.
 */
export function castColumn(col: ColumnSpec, s: string, ctx: CastContext, layered = false): CastSql {
  const required = isRequired(col, ctx);
  const missing = required ? `'row:EXTRACT_MISSING_VALUE'` : "NULL";
  const soft = (code: string): string => (required ? `'row:${code}'` : `'warn:${code}'`);
  const wrap = (value: string, problem: string, expected: string, format?: string): CastSql => ({
    value: `CASE WHEN ${s} IS NULL OR ${s} IN ${literalList(NULL_VARIANTS)} THEN NULL ELSE ${value} END`,
    problem: `CASE WHEN ${s} IN ${literalList(NULL_VARIANTS)} THEN ${required ? `'row:EXTRACT_MISSING_VALUE'` : `'warn:EXTRACT_NULL_VARIANT'`} WHEN ${s} IS NULL THEN ${missing} ELSE ${problem} END`,
    expected,
    ...(format ? { format } : {}),
  });
  switch (col.kind) {
    case "id":
      return wrap(
        s,
        `CASE WHEN ${full(s, "\\d+([.,]\\d+)?[eE]\\+?\\d+")} THEN 'fatal:EXTRACT_ID_MANGLED' ELSE NULL END`,
        "an opaque identifier (text, leading zeros kept)",
      );
    case "string":
      return wrap(s, "NULL", "text");
    case "date":
    case "partial_date":
    case "datetime": {
      if (col.kind === "datetime") {
        const v = `TRY_CAST(replace(${s}, 'T', ' ') AS TIMESTAMP)`;
        return wrap(
          v,
          `CASE WHEN ${v} IS NULL THEN 'warn:EXTRACT_BAD_DATE' ELSE NULL END`,
          "a date-time YYYY-MM-DDTHH:MM[:SS]",
        );
      }
      const tag = dateParse(s, ctx, col.kind === "partial_date").format;
      const fmt = layered ? "__fmt" : undefined;
      const { value, format } = dateParse(s, ctx, col.kind === "partial_date", fmt);
      const twoDigit = fmt ? `${fmt} = 'DD/MM/YY'` : full(s, "\\d{1,2}/\\d{1,2}/\\d{2}");
      const month = fmt ? `${fmt} = 'YYYY-MM'` : full(s, "\\d{4}-\\d{2}");
      const problem = `CASE WHEN ${s} IN ${literalList(SENTINELS)} THEN 'warn:EXTRACT_SENTINEL_DATE'
        WHEN (${value}) IS NULL THEN ${soft("EXTRACT_BAD_DATE")}
        WHEN (${value}) < DATE '1900-01-01' THEN 'row:EXTRACT_DATE_TOO_OLD'
        WHEN ${twoDigit} THEN 'warn:EXTRACT_TWO_DIGIT_YEAR'
        WHEN ${month} THEN 'warn:EXTRACT_PARTIAL_BIRTH_DATE'
        ELSE NULL END`;
      const expected = "a date YYYY-MM-DD (DD/MM/YYYY and YYYYMMDD accepted)";
      return fmt
        ? { ...wrap(value, problem, expected, fmt), layers: [[[fmt, tag]]] }
        : wrap(value, problem, expected, format);
    }
    case "decimal": {
      const d = decimalParse(s, ctx, layered, required);
      const problem = col.nonNegative
        ? `CASE WHEN (${d.value}) < 0 THEN 'row:EXTRACT_NEGATIVE_AMOUNT' ELSE ${d.problem} END`
        : d.problem;
      const cast = wrap(
        d.value,
        problem,
        `an amount like 1234.56${col.nonNegative ? " (≥ 0)" : ""}`,
      );
      return d.layers ? { ...cast, layers: d.layers } : cast;
    }
    case "integer":
      return wrap(
        `TRY_CAST(${s} AS INTEGER)`,
        `CASE WHEN TRY_CAST(${s} AS INTEGER) IS NULL OR NOT ${full(s, "[-+]?\\d+")} THEN ${soft("EXTRACT_BAD_NUMBER")} ELSE NULL END`,
        "a whole number",
      );
    case "boolean": {
      const l = `lower(${s})`;
      const value = `CASE WHEN ${l} IN ${literalList(TRUE_VALUES)} THEN true WHEN ${l} IN ${literalList(FALSE_VALUES)} THEN false ELSE NULL END`;
      return wrap(
        value,
        `CASE WHEN (${value}) IS NULL THEN ${soft("EXTRACT_UNKNOWN_CODE")} ELSE NULL END`,
        "a boolean 0/1 (O/N, oui/non, true/false accepted)",
      );
    }
    case "enum": {
      const n = `trim(regexp_replace(lower(strip_accents(${s})), '[\\s_\\-.'']+', ' ', 'g'))`;
      const entries = Object.entries(col.values ?? {});
      const mapped = `CASE ${n} ${entries.map(([k, v]) => `WHEN ${literal(normaliseValue(k))} THEN ${literal(v)}`).join(" ")} ELSE NULL END`;
      const unknownRow = col.unknown === "row" || col.unknown === undefined;
      const value = unknownRow ? mapped : `coalesce(${mapped}, ${literal(col.unknown!)})`;
      const codesList = [...new Set(entries.map(([, v]) => v))].join(", ");
      return wrap(
        value,
        `CASE WHEN (${mapped}) IS NULL THEN ${unknownRow ? `'row:EXTRACT_UNKNOWN_CODE'` : `'warn:EXTRACT_UNKNOWN_CODE'`} ELSE NULL END`,
        `one of ${codesList}`,
      );
    }
    case "departement": {
      const u = `upper(${s})`;
      const norm = `CASE WHEN ${full(s, "[1-9]")} THEN '0' || ${s} WHEN ${full(u, "69[DM]")} THEN '69' ELSE ${u} END`;
      const valid = `${full(`(${norm})`, "0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-8]|98[0-9]|99")}`;
      return wrap(
        `CASE WHEN ${valid} THEN ${norm} ELSE NULL END`,
        `CASE WHEN NOT ${valid} THEN 'warn:EXTRACT_BAD_DEPARTEMENT' WHEN (${norm}) <> ${s} OR ${s} = '20' THEN 'warn:EXTRACT_DEPARTEMENT_VARIANT' ELSE NULL END`,
        "an INSEE département code (01–95, 2A, 2B, 971–976)",
      );
    }
    case "ape": {
      const norm = `upper(replace(${s}, '.', ''))`;
      const problem = `CASE WHEN ${full(norm, "(0000|9999)[A-Z]?")} THEN 'warn:EXTRACT_BAD_APE'
        WHEN ${full(norm, "\\d{4}[A-Z]")} THEN NULL
        WHEN ${full(norm, "\\d{4}")} THEN 'warn:EXTRACT_BAD_APE'
        ELSE 'warn:EXTRACT_BAD_APE' END`;
      return wrap(norm, problem, "a NAF rév. 2 code like 5320Z");
    }
    case "period_label": {
      const norm = `upper(replace(${s}, ' ', ''))`;
      return wrap(
        norm,
        `CASE WHEN ${full(norm, "\\d{4}-?(0[1-9]|1[0-2])|\\d{4}-?[TQ][1-4]")} THEN NULL ELSE ${soft("EXTRACT_BAD_DATE")} END`,
        "a period YYYY-MM, YYYYMM, YYYY-Tn or YYYYQn",
      );
    }
  }
}

/** SQL giving the first day of a period label (month or quarter). */
export function periodLabelStart(label: string): string {
  return `CASE WHEN ${full(label, "\\d{4}-?(0[1-9]|1[0-2])")} THEN make_date(CAST(left(${label}, 4) AS INTEGER), CAST(right(${label}, 2) AS INTEGER), 1)
    WHEN ${full(label, "\\d{4}-?[TQ][1-4]")} THEN make_date(CAST(left(${label}, 4) AS INTEGER), 3 * CAST(right(${label}, 1) AS INTEGER) - 2, 1) ELSE NULL END`;
}

/** SQL giving the last day of a period label. */
export function periodLabelEnd(label: string): string {
  return `CASE WHEN ${full(label, "\\d{4}-?(0[1-9]|1[0-2])")} THEN last_day(${periodLabelStart(label)})
    WHEN ${full(label, "\\d{4}-?[TQ][1-4]")} THEN last_day(CAST(${periodLabelStart(label)} + INTERVAL 2 MONTH AS DATE)) ELSE NULL END`;
}

export { ident };
