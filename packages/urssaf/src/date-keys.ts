/** Filed declarations: corrections count by their earliest filing; TO rows are not filings. */
export const FILED =
  "declaration_date IS NOT NULL AND coalesce(declaration_origin, '') <> 'TAXATION_OFFICE'";

/** Days since 1900-01-01 on 21 bits (every validated date is on or after it; to year 7641). */
const day21 = (x: string): string => `least(CAST(${x} - DATE '1900-01-01' AS BIGINT), 2097151)`;
/** Length of a period in days on 20 bits (a period's end is never before its start). */
const span20 = (start: string, end: string): string =>
  `least(CAST(${end} - ${start} AS BIGINT), 1048575)`;

/**
 * An order-preserving BIGINT key of a period (start, then end), with an optional 0/1 rank first
 * and a date between start and end in the order (e.g. the filing date). Minimising a BIGINT is
 * much cheaper than minimising a struct; the dates themselves are read back with `arg_min`, so
 * the saturation of absurd dates (beyond year 7641) can only affect the order of such ties.
 */
export function periodKey(start: string, end: string, rank?: string, middle?: string): string {
  const parts = [
    ...(rank ? [`(CAST(${rank} AS BIGINT) << 62)`] : []),
    `(${day21(start)} << ${middle ? 41 : 20})`,
    ...(middle ? [`(${day21(middle)} << 20)`] : []),
    span20(start, end),
  ];
  return `(${parts.join(" | ")})`;
}
