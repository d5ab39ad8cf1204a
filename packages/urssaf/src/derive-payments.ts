import type { DuckDBConnection } from "@duckdb/node-api";
import { periodKey } from "./date-keys.js";
import type { UrssafOptions } from "./options.js";

/**
 * First-payment conformity per account (domain §5.2), into `__pay`: the first échéance — the
 * earliest period with an expected amount (DC entries; for periods without DC, the largest
 * computed contribution of its filed declarations) —, what was paid on time against it, MER/CRT,
 * write-offs, and the status. Accounts without an échéance are absent (the caller reads them as
 * `NO_DUE`). Reads `__dec` (the filed declarations with their account's rowid).
 */
export async function derivePayments(
  conn: DuckDBConnection,
  ext: string,
  o: UrssafOptions,
): Promise<void> {
  const tol = o.paymentTolerance;
  const margin = Math.trunc(o.censoringMarginDays);
  const skip = o.zeroDue === "skip";
  // Keyed by the account's rowid (`arow`): the filed declarations come with it (`__dec`), the
  // DC entries get it by one join of their grouped periods to the accounts.
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE __dc AS SELECT a.arow, c.period_start, c.period_end, c.expected, c.due
    FROM (SELECT account_id, period_start, period_end, sum(amount) AS expected, min(due_date) AS due FROM accounting_entries
      WHERE operation_code = 'DC' AND period_start IS NOT NULL GROUP BY ALL) c
    JOIN (SELECT rowid AS arow, account_id FROM accounts) a USING (account_id)`,
  );
  // DC amounts win over the declared contribution: a period with a DC is judged on it alone.
  const sameDc =
    "c.arow = x.arow AND c.period_start = x.period_start AND c.period_end = x.period_end";
  const key = periodKey("period_start", "period_end");
  await conn.run(`CREATE OR REPLACE TEMP TABLE __ech AS
    WITH cand AS (
      SELECT arow, period_start, period_end FROM __dc ${skip ? "WHERE expected > 0" : ""}
      UNION ALL
      SELECT x.arow, x.period_start, x.period_end FROM __dec x ANTI JOIN __dc c ON ${sameDc}
      ${skip ? "WHERE x.computed_contribution > 0" : ""}),
    fp AS (SELECT arow, arg_min(period_start, ${key}) AS s, arg_min(period_end, ${key}) AS e
      FROM cand GROUP BY arow),
    dl AS (SELECT x.arow, max(x.computed_contribution) AS expected, min(x.due_date) AS due
      FROM __dec x JOIN fp ON fp.arow = x.arow AND fp.s = x.period_start AND fp.e = x.period_end
      GROUP BY x.arow)
    SELECT fp.arow, a.account_id, fp.s AS period_start, fp.e AS period_end,
      coalesce(c.expected, dl.expected) AS expected, coalesce(c.due, dl.due) AS due
    FROM fp JOIN (SELECT rowid AS arow, account_id FROM accounts) a ON a.arow = fp.arow
    LEFT JOIN __dc c ON c.arow = fp.arow AND c.period_start = fp.s AND c.period_end = fp.e
    LEFT JOIN dl ON dl.arow = fp.arow`);
  const cav = o.attributeCav ? " OR (x.operation_code = 'CAV' AND x.period_start IS NULL)" : "";
  const paid =
    o.writeOffs === "neutral"
      ? "(first_payment_paid_on_time + anv - asc_)"
      : "first_payment_paid_on_time";
  await conn.run(`CREATE OR REPLACE TEMP TABLE __pay AS SELECT p.*,
      CASE WHEN p.first_payment_due_date IS NULL THEN NULL
        WHEN p.first_payment_due_date + ${margin} > ${ext} THEN 'CENSORED'
        WHEN p.first_payment_expected <= 0 THEN 'NO_DUE'
        WHEN mer ${o.writeOffs === "nonconforme" ? "OR anv > 0" : ""} THEN 'DEBITEUR'
        ${o.writeOffs === "nonconforme" ? "WHEN asc_ > 0 THEN 'CREDITEUR'" : ""}
        WHEN ${paid} < first_payment_expected - ${tol} THEN 'DEBITEUR'
        WHEN ${paid} > first_payment_expected + ${tol} THEN 'CREDITEUR'
        ELSE 'CONFORME' END AS first_payment_status
    FROM (SELECT e.arow, e.expected AS first_payment_expected, e.due AS first_payment_due_date, e.period_start AS first_payment_period_start,
      coalesce(sum(x.amount) FILTER (WHERE (x.operation_code = 'CAF'${cav}) AND x.payment_date <= e.due), 0) AS first_payment_paid_on_time,
      min(x.payment_date) FILTER (WHERE x.operation_code IN ('CAF', 'CRT')) AS first_payment_date,
      coalesce(bool_or(x.operation_code IN ('MER', 'CRT')), false) AS mer,
      coalesce(sum(x.amount) FILTER (WHERE x.operation_code IN ('ANV', 'ANC', 'ANV_ANC')), 0) AS anv,
      coalesce(sum(x.amount) FILTER (WHERE x.operation_code = 'ASC'), 0) AS asc_
    -- DC entries count in none of the sums: left out before the join (an échéance without
    -- other entries gets the same NULL aggregates, hence the same coalesced values).
    FROM __ech e LEFT JOIN accounting_entries x ON x.account_id = e.account_id AND x.operation_code <> 'DC'
      AND ((x.period_start = e.period_start AND x.period_end = e.period_end)${cav})
    GROUP BY e.arow, e.expected, e.due, e.period_start) p`);
}
