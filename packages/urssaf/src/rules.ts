import type { DuckDBConnection } from "@duckdb/node-api";
import { literal } from "@parcours-eval/cohort";
import type { Severity } from "./codes.js";
import type { ExtractFileName } from "./contract.js";

/** A row rule: rows of `file` matching `where` get `code` (joins: `x` the file, `a` its account). */
export interface Rule {
  file: ExtractFileName;
  code: string;
  severity: Severity;
  column: string;
  where: string;
}

/** Age in completed years between two DATE expressions. */
export function completedYears(birth: string, at: string): string {
  return `(year(${at}) - year(${birth}) - CASE WHEN month(${at}) * 100 + day(${at}) < month(${birth}) * 100 + day(${birth}) THEN 1 ELSE 0 END)`;
}

/** Options the rules depend on. */
export interface RuleContext {
  /** Extract date (ISO). */
  extractDate: string;
  /** Cohort window (ISO). */
  registrationFrom?: string;
  registrationTo?: string;
  /** Dataset scope. */
  scope: "national" | "regional";
  /** Outbound contacts available. */
  outboundAvailable: boolean;
  /** Amount sign convention. */
  signConvention: "magnitude" | "signed";
  /** Annual turnover ceiling by first year in force. */
  turnoverCeilings?: Readonly<Record<number, number>>;
}

/** SQL: the ceiling in force in the year of `date` (the earliest known one before it). */
function ceilingSql(ceilings: Readonly<Record<number, number>>, date: string): string {
  const years = Object.keys(ceilings)
    .map(Number)
    .filter((y) => Number.isFinite(y) && Number.isFinite(ceilings[y]))
    .sort((a, b) => b - a);
  if (years.length === 0) return "NULL";
  // `d >= 1 January of y` rather than `year(d) >= y`: a comparison instead of a calendar
  // conversion per row and per year.
  return `CASE ${years.map((y) => `WHEN ${date} >= make_date(${Math.trunc(y)}, 1, 1) THEN ${Number(ceilings[y])}`).join(" ")} ELSE ${Number(ceilings[years[years.length - 1]!])} END`;
}

function rules(ctx: RuleContext): Rule[] {
  // Day arithmetic on DATEs (`d - 31`), never `d - INTERVAL 31 DAY`: the interval form makes a
  // TIMESTAMP of every row's date; both compare alike.
  const ext = `DATE ${literal(ctx.extractDate)} + 1`;
  const after = (file: ExtractFileName, cols: string[]): Rule[] =>
    cols.map((c) => ({
      file,
      code: "EXTRACT_DATE_AFTER_EXTRACT",
      severity: "row" as const,
      column: c,
      where: `x.${c} > ${ext}`,
    }));
  const age = completedYears("x.birth_date", "x.activity_start_date");
  const r: Rule[] = [
    {
      file: "accounts",
      code: "EXTRACT_NO_AGE",
      severity: "row",
      column: "birth_date",
      where: "x.birth_date IS NULL AND x.age_at_activity_start IS NULL",
    },
    {
      file: "accounts",
      code: "EXTRACT_DATE_BEFORE_BIRTH",
      severity: "row",
      column: "activity_start_date",
      where: "x.activity_start_date < x.birth_date",
    },
    {
      file: "accounts",
      code: "EXTRACT_DATE_BEFORE_BIRTH",
      severity: "row",
      column: "registration_date",
      where: "x.registration_date < x.birth_date AND NOT x.activity_start_date < x.birth_date",
    },
    {
      file: "accounts",
      code: "EXTRACT_AGE_RANGE",
      severity: "row",
      column: "birth_date",
      where: `coalesce(x.age_at_activity_start, ${age}) < 14 AND NOT x.activity_start_date < x.birth_date`,
    },
    {
      file: "accounts",
      code: "EXTRACT_AGE_RANGE",
      severity: "warn",
      column: "birth_date",
      where: `coalesce(x.age_at_activity_start, ${age}) BETWEEN 14 AND 15 OR coalesce(x.age_at_activity_start, ${age}) > 100`,
    },
    {
      file: "accounts",
      code: "EXTRACT_INVERTED_INTERVAL",
      severity: "row",
      column: "acre_end_date",
      where: "x.acre_end_date < x.acre_start_date",
    },
    {
      file: "accounts",
      code: "EXTRACT_DATE_INCOHERENT",
      severity: "warn",
      column: "acre_start_date",
      where: "x.acre_start_date < x.activity_start_date - 60",
    },
    {
      file: "accounts",
      code: "EXTRACT_START_REGISTRATION_GAP",
      severity: "warn",
      column: "activity_start_date",
      where: "abs(date_diff('day', x.registration_date, x.activity_start_date)) > 365",
    },
    {
      file: "accounts",
      code: "EXTRACT_NO_PERIODICITY",
      severity: "warn",
      column: "declaration_periodicity",
      where:
        "x.legal_status = 'AE' AND (x.declaration_periodicity IS NULL OR x.declaration_periodicity = 'UNMAPPED')",
    },
    {
      file: "accounts",
      code: "EXTRACT_PERIODICITY_FOR_TI",
      severity: "warn",
      column: "declaration_periodicity",
      where: "x.legal_status = 'TI_REEL' AND x.declaration_periodicity IS NOT NULL",
    },
    ...after("accounts", [
      "registration_date",
      "activity_start_date",
      "account_creation_date",
      "acre_start_date",
      "radiation_date",
    ]),
    {
      file: "declarations",
      code: "EXTRACT_MISSING_VALUE",
      severity: "row",
      column: "period_start",
      where: "x.period_start IS NULL OR x.period_end IS NULL",
    },
    {
      file: "declarations",
      code: "EXTRACT_MISSING_VALUE",
      severity: "row",
      column: "declaration_date",
      where:
        "x.declaration_date IS NULL AND coalesce(x.declaration_origin, '') <> 'TAXATION_OFFICE'",
    },
    {
      file: "declarations",
      code: "EXTRACT_MISSING_VALUE",
      severity: "row",
      column: "declared_turnover",
      where:
        "x.declared_turnover IS NULL AND coalesce(x.declaration_origin, '') <> 'TAXATION_OFFICE'",
    },
    {
      file: "declarations",
      code: "EXTRACT_INVERTED_INTERVAL",
      severity: "row",
      column: "period_end",
      where: "x.period_end < x.period_start",
    },
    {
      file: "declarations",
      code: "EXTRACT_INVERTED_INTERVAL",
      severity: "row",
      column: "due_date",
      where: "x.due_date < x.period_end",
    },
    {
      file: "declarations",
      code: "EXTRACT_INVERTED_INTERVAL",
      severity: "row",
      column: "tolerated_due_date",
      where: "x.tolerated_due_date < x.due_date",
    },
    {
      file: "declarations",
      code: "EXTRACT_DECLARATION_FOR_TI",
      severity: "row",
      column: "account_id",
      where: "a.legal_status = 'TI_REEL'",
    },
    {
      file: "declarations",
      code: "EXTRACT_DATE_BEFORE_BIRTH",
      severity: "row",
      column: "declaration_date",
      where: "x.declaration_date < a.birth_date",
    },
    {
      file: "declarations",
      code: "EXTRACT_DATE_INCOHERENT",
      severity: "warn",
      column: "declaration_date",
      where: "x.declaration_date < x.period_start",
    },
    {
      file: "declarations",
      code: "EXTRACT_DATE_INCOHERENT",
      severity: "warn",
      column: "period_end",
      where: "x.period_end < a.activity_start_date - 31",
    },
    {
      file: "declarations",
      code: "EXTRACT_IMPLAUSIBLE_AMOUNT",
      severity: "warn",
      column: "declared_turnover",
      where: ctx.turnoverCeilings
        ? `x.declared_turnover > ${ceilingSql(ctx.turnoverCeilings, "x.period_end")}`
        : "false",
    },
    {
      file: "declarations",
      code: "EXTRACT_IMPLAUSIBLE_AMOUNT",
      severity: "warn",
      column: "computed_contribution",
      where: "x.declared_turnover > 0 AND (x.computed_contribution / x.declared_turnover > 0.30)",
    },
    ...after("declarations", ["declaration_date"]),
    {
      file: "accounting_entries",
      code: "EXTRACT_NEGATIVE_AMOUNT",
      severity: "row",
      column: "amount",
      where:
        ctx.signConvention === "magnitude" ? "x.amount < 0 AND x.operation_code <> 'DC'" : "false",
    },
    {
      file: "accounting_entries",
      code: "EXTRACT_MISSING_VALUE",
      severity: "row",
      column: "period_start",
      where: "(x.period_start IS NULL OR x.period_end IS NULL) AND x.operation_code <> 'CAV'",
    },
    {
      file: "accounting_entries",
      code: "EXTRACT_MISSING_VALUE",
      severity: "row",
      column: "payment_date",
      where: "x.payment_date IS NULL AND x.operation_code IN ('CAF', 'CAV', 'CRT')",
    },
    {
      file: "accounting_entries",
      code: "EXTRACT_INVERTED_INTERVAL",
      severity: "row",
      column: "period_end",
      where: "x.period_end < x.period_start",
    },
    {
      file: "accounting_entries",
      code: "EXTRACT_DATE_INCOHERENT",
      severity: "warn",
      column: "payment_date",
      where: "x.payment_date > x.accounting_date + 1 OR x.accounting_date - x.payment_date > 30",
    },
    {
      file: "accounting_entries",
      code: "EXTRACT_STATUS_CHANGED",
      severity: "warn",
      column: "legal_status",
      where: "x.legal_status IS NOT NULL AND x.legal_status <> a.legal_status",
    },
    ...after("accounting_entries", ["payment_date", "accounting_date"]),
    {
      file: "contacts",
      code: "EXTRACT_UNEXPECTED_DIRECTION",
      severity: "row",
      column: "direction",
      where: ctx.outboundAvailable ? "false" : "x.direction = 'OUT'",
    },
    {
      file: "contacts",
      code: "EXTRACT_DATE_BEFORE_BIRTH",
      severity: "row",
      column: "contact_date",
      where: "x.contact_date < a.birth_date",
    },
    {
      file: "contacts",
      code: "EXTRACT_DATE_INCOHERENT",
      severity: "warn",
      column: "contact_date",
      where: "x.contact_date < a.registration_date - 90",
    },
    ...after("contacts", ["contact_date"]),
    {
      file: "taxations_office",
      code: "EXTRACT_INVERTED_INTERVAL",
      severity: "row",
      column: "notification_date",
      where: "x.notification_date < x.missed_due_date OR x.period_end < x.period_start",
    },
    ...after("taxations_office", ["notification_date"]),
  ];
  if (ctx.scope === "national")
    r.push({
      file: "declarations",
      code: "EXTRACT_SCOPE_MIX",
      severity: "warn",
      column: "tolerated_due_date",
      where: "x.tolerated_due_date IS NOT NULL",
    });
  if (ctx.registrationFrom && ctx.registrationTo)
    r.push({
      file: "accounts",
      code: "EXTRACT_OUTSIDE_WINDOW",
      severity: "warn",
      column: "registration_date",
      where: `x.registration_date NOT BETWEEN DATE ${literal(ctx.registrationFrom)} AND DATE ${literal(ctx.registrationTo)}`,
    });
  return r;
}

/** The row rules of contract §6 for one file. */
export function rulesFor(file: ExtractFileName, ctx: RuleContext): Rule[] {
  return rules(ctx).filter((r) => r.file === file);
}

/**
 * Applies rules to the typed table of one file in a single pass: accounts on their own, the
 * other files joined once to `__acc1` (the first typed row of each account id, as `a`).
 * Each matching (row, rule) becomes an `__issues` row.
 */
export async function applyRules(
  conn: DuckDBConnection,
  file: ExtractFileName,
  list: readonly Rule[],
): Promise<void> {
  if (list.length === 0) return;
  const joins = list.some((r) => r.where.includes("a."));
  const from = joins
    ? `t_${file} x LEFT JOIN __acc1 a ON a.account_id = x.account_id`
    : `t_${file} x`;
  const flags = list.map((r, i) => `coalesce((${r.where}), false) AS __b${i}`).join(", ");
  const any = list.map((_, i) => `__b${i}`).join(" OR ");
  const pick = list.map((_, i) => `CASE WHEN __b${i} THEN ${i} END`).join(", ");
  const meta = list
    .map((r, i) => `(${i}, ${literal(r.column)}, ${literal(r.code)}, ${literal(r.severity)})`)
    .join(", ");
  await conn.run(`INSERT INTO __issues
    SELECT ${literal(file)}, h.rec, m.col, m.code, m.severity
    FROM (SELECT rec, unnest(list_filter([${pick}], v -> v IS NOT NULL)) AS k
      FROM (SELECT x.rowid AS rec, ${flags} FROM ${from}) WHERE ${any}) h
    JOIN (VALUES ${meta}) m(k, col, code, severity) USING (k)`);
}
