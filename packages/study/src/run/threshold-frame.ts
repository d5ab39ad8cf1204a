import { frameFromDuckDB } from "@parcours-eval/cohort";
import type { Frame } from "@parcours-eval/core";
import type { ExtractHandle } from "@parcours-eval/urssaf";

/** Outcomes of the age-30 comparisons, as the urssaf analyses define them. */
export const THRESHOLD_OUTCOMES = {
  first_declaration:
    "CASE u.first_decl_status WHEN 'ON_TIME' THEN 1 WHEN 'LATE' THEN 0 WHEN 'NOT_FILED' THEN 0 END",
  first_payment:
    "CASE u.first_payment_status WHEN 'CONFORME' THEN 1 WHEN 'DEBITEUR' THEN 0 WHEN 'CREDITEUR' THEN 0 END",
} as const;

/** Options of {@link thresholdFrame}. */
export interface ThresholdFrameOptions {
  outcome: keyof typeof THRESHOLD_OUTCOMES;
  /** Registration years (the study: 2018–2019, before Covid). */
  years: readonly number[];
  /** Restrict to one Urssaf region (needed on the national extract). */
  region?: string;
  /** Months after the activity start within which an outbound call counts as received. */
  callWindowMonths: number;
}

/**
 * One row per AE of the age-30 design: age at registration in completed years and months (the
 * running variable: domain §11 uses age at registration), the 0/1 outcome (NULL when censored or
 * not applicable) and whether an outbound call was received (the fuzzy design's treatment).
 * Accounts without a birth date have a NULL age and are counted as missing by the estimators.
 */
export async function thresholdFrame(
  handle: ExtractHandle,
  o: ThresholdFrameOptions,
): Promise<Frame> {
  const years = o.years.map((y) => Math.trunc(y)).join(", ");
  const region = o.region ? `AND u.urssaf_region = '${o.region.replaceAll("'", "''")}'` : "";
  const months = Math.trunc(o.callWindowMonths);
  const sql = `
    WITH calls AS (
      SELECT DISTINCT e.account_id FROM contact_events e JOIN units u USING (account_id)
      WHERE e.direction = 'OUT' AND e.channel = 'PHONE'
        AND e.contact_date >= u.registration_date
        AND e.contact_date <= u.activity_start_date + INTERVAL ${months} MONTH)
    SELECT u.account_id,
      u.age_at_registration::DOUBLE AS age_years,
      ((year(u.registration_date) - year(u.birth_date)) * 12 + month(u.registration_date) - month(u.birth_date)
        - CASE WHEN day(u.registration_date) < day(u.birth_date) THEN 1 ELSE 0 END)::DOUBLE AS age_months,
      (${THRESHOLD_OUTCOMES[o.outcome]})::DOUBLE AS outcome,
      (c.account_id IS NOT NULL)::DOUBLE AS called
    FROM units u LEFT JOIN calls c USING (account_id)
    WHERE u.legal_status = 'AE' AND u.cohort_year IN (${years}) ${region}
    ORDER BY u.account_id`;
  return frameFromDuckDB(handle.connection, sql);
}
