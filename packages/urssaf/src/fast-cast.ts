import { literal } from "@parcours-eval/cohort";
import { type CastContext, isRequired, NULL_VARIANTS } from "./cast-sql.js";
import { type ColumnSpec, normaliseValue } from "./contract.js";

/** The fast path of a column: a cheap test that a raw cell is canonical, and its typed value. */
export interface FastCast {
  /** SQL over the raw cell computed once per cell (named `v` in `ok` and `value`), if any. */
  cast?: string;
  /** Boolean SQL, never NULL: true when the cell is canonical (value exact, no finding at all). */
  ok: string;
  /** Typed value SQL, exact whenever `ok` holds. */
  value: string;
}

/** Nothing to trim at either end (what `cleanSql` trims: whitespace, NBSP, ZWSP, NNBSP, BOM). */
const TRIMMED = "[\\s\\x{00A0}\\x{200B}\\x{202F}\\x{FEFF}]";
const plain = (r: string): string =>
  `(${r} <> '' AND NOT regexp_matches(${r}, '^${TRIMMED}|${TRIMMED}$'))`;

/** Codes of an enum that a canonical export writes as is (their alias maps to themselves). */
function canonicalCodes(col: ColumnSpec): string[] {
  const values = col.values ?? {};
  return [...new Set(Object.values(values))].filter((v) => values[normaliseValue(v)] === v);
}

const full = (s: string, re: string): string => `regexp_full_match(${s}, '${re}')`;

/**
 * Membership in a constant list as a scalar function. DuckDB plans `x IN (…)` with many
 * constants as a MARK join, and a join in the read statement breaks insertion order: the typed
 * table's rowid would no longer be the file's record index (wrong lines in every finding).
 */
export const inList = (r: string, values: readonly string[]): string =>
  `list_contains([${values.map(literal).join(", ")}], ${r})`;

/**
 * The fast path of a contract column over the raw cell `r` (contract §0 canonical CSV), with
 * `v` naming its precomputed `cast`: a cell passes only when the careful `castColumn` would give
 * the same value with no problem, no format other than `YYYY-MM-DD` and no whitespace; every
 * other cell takes the careful path. Most cells of a clean extract pass, so the careful SQL runs
 * on a handful of rows, or none.
 */
export function fastCast(col: ColumnSpec, r: string, v: string, ctx: CastContext): FastCast {
  const empty = isRequired(col, ctx) ? "false" : "true";
  const when = (test: string): string =>
    `coalesce(CASE WHEN ${r} IS NULL THEN ${empty} ELSE ${test} END, false)`;
  const notNullWord = `NOT ${inList(r, NULL_VARIANTS)}`;
  switch (col.kind) {
    case "id":
      // Scientific notation needs a leading digit and an E: other ids skip the careful check.
      return {
        ok: when(
          `${plain(r)} AND ${notNullWord} AND (NOT (ascii(${r}) BETWEEN 48 AND 57) OR NOT (contains(${r}, 'E') OR contains(${r}, 'e')))`,
        ),
        value: r,
      };
    case "string":
      return { ok: when(`${plain(r)} AND ${notNullWord}`), value: r };
    case "enum": {
      const codes = canonicalCodes(col);
      return { ok: codes.length ? when(inList(r, codes)) : "false", value: r };
    }
    case "date":
    case "partial_date":
      // A date whose ISO text is the cell itself: exactly the valid `\d{4}-\d{2}-\d{2}` cells
      // (4-digit years in range), without a regex.
      return {
        cast: `TRY_CAST(${r} AS DATE)`,
        ok: when(
          `${v} > DATE '1900-01-01' AND ${v} < DATE '9999-12-31' AND CAST(${v} AS VARCHAR) = ${r}`,
        ),
        value: v,
      };
    case "datetime":
      return {
        cast: `TRY_CAST(replace(${r}, 'T', ' ') AS TIMESTAMP)`,
        ok: when(`${plain(r)} AND ${v} IS NOT NULL`),
        value: v,
      };
    case "decimal":
      return {
        ok: when(full(r, col.nonNegative ? "\\d+(\\.\\d+)?" : "-?\\d+(\\.\\d+)?")),
        value: `TRY_CAST(${r} AS DOUBLE)`,
      };
    case "integer":
      return { ok: when(full(r, "\\d{1,9}")), value: `TRY_CAST(${r} AS INTEGER)` };
    case "boolean":
      // `true`/`false` is how a Parquet BOOLEAN reads as text.
      return {
        ok: when(inList(r, ["0", "1", "true", "false"])),
        value: `(${r} = '1' OR ${r} = 'true')`,
      };
    case "departement":
      return {
        ok: when(full(r, "0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-8]|98[0-9]|99")),
        value: r,
      };
    case "ape":
      return {
        ok: when(
          `${full(r, "\\d{4}[A-Z]")} AND NOT starts_with(${r}, '0000') AND NOT starts_with(${r}, '9999')`,
        ),
        value: r,
      };
    case "period_label":
      return { ok: when(full(r, "\\d{4}-?(0[1-9]|1[0-2])|\\d{4}-?[TQ][1-4]")), value: r };
  }
}
