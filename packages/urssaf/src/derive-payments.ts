import type { DuckDBConnection } from "@duckdb/node-api";
import type { UrssafOptions } from "./options.js";

/**
 * First-payment conformity per account (domain §5.2), into `__pay`: the first échéance (DC
 * entries, else the declaration's computed contribution, from `__dp`), what was paid on time
 * against it, MER/CRT, write-offs, and the status. Accounts without an échéance are absent
 * (the caller reads them as `NO_DUE`).
 */
export async function derivePayments(
  conn: DuckDBConnection,
  ext: string,
  o: UrssafOptions,
): Promise<void> {
  const tol = o.paymentTolerance;
  const margin = Math.trunc(o.censoringMarginDays);
  // One échéance per (account, period): DC amounts win over the declared contribution.
  await conn.run(`CREATE OR REPLACE TEMP TABLE __ech AS
    WITH dc AS (SELECT account_id, period_start, period_end, sum(amount) AS expected, min(due_date) AS due FROM accounting_entries WHERE operation_code = 'DC' AND period_start IS NOT NULL GROUP BY ALL),
    e AS (SELECT coalesce(dc.account_id, dl.account_id) AS account_id, coalesce(dc.period_start, dl.period_start) AS period_start,
        coalesce(dc.period_end, dl.period_end) AS period_end, coalesce(dc.expected, dl.contribution) AS expected, coalesce(dc.due, dl.due_date) AS due
      FROM dc FULL JOIN __dp dl ON dc.account_id = dl.account_id AND dc.period_start = dl.period_start AND dc.period_end = dl.period_end)
    SELECT account_id, f.period_start, f.period_end, f.expected, f.due FROM (
      SELECT account_id, arg_min({'period_start': period_start, 'period_end': period_end, 'expected': expected, 'due': due}, {'s': period_start, 'e': period_end}) AS f
      FROM e ${o.zeroDue === "skip" ? "WHERE expected > 0" : ""} GROUP BY account_id)`);
  const cav = o.attributeCav ? " OR (x.operation_code = 'CAV' AND x.period_start IS NULL)" : "";
  const paid =
    o.writeOffs === "neutral"
      ? "(first_payment_paid_on_time + anv - asc_)"
      : "first_payment_paid_on_time";
  await conn.run(`CREATE OR REPLACE TEMP TABLE __pay AS SELECT p.*,
      CASE WHEN p.first_payment_due_date IS NULL THEN NULL
        WHEN p.first_payment_due_date + INTERVAL ${margin} DAY > ${ext} THEN 'CENSORED'
        WHEN p.first_payment_expected <= 0 THEN 'NO_DUE'
        WHEN mer ${o.writeOffs === "nonconforme" ? "OR anv > 0" : ""} THEN 'DEBITEUR'
        ${o.writeOffs === "nonconforme" ? "WHEN asc_ > 0 THEN 'CREDITEUR'" : ""}
        WHEN ${paid} < first_payment_expected - ${tol} THEN 'DEBITEUR'
        WHEN ${paid} > first_payment_expected + ${tol} THEN 'CREDITEUR'
        ELSE 'CONFORME' END AS first_payment_status
    FROM (SELECT e.account_id, e.expected AS first_payment_expected, e.due AS first_payment_due_date, e.period_start AS first_payment_period_start,
      coalesce(sum(x.amount) FILTER (WHERE (x.operation_code = 'CAF'${cav}) AND x.payment_date <= e.due), 0) AS first_payment_paid_on_time,
      min(x.payment_date) FILTER (WHERE x.operation_code IN ('CAF', 'CRT')) AS first_payment_date,
      coalesce(bool_or(x.operation_code IN ('MER', 'CRT')), false) AS mer,
      coalesce(sum(x.amount) FILTER (WHERE x.operation_code IN ('ANV', 'ANC', 'ANV_ANC')), 0) AS anv,
      coalesce(sum(x.amount) FILTER (WHERE x.operation_code = 'ASC'), 0) AS asc_
    FROM __ech e LEFT JOIN accounting_entries x ON x.account_id = e.account_id
      AND ((x.period_start = e.period_start AND x.period_end = e.period_end)${cav})
    GROUP BY e.account_id, e.expected, e.due, e.period_start) p`);
}
