import { endOfMonthAfter, startOfQuarter } from "./calendar.js";

/** A declaration (or échéance) period with its legal due date, as day numbers. */
export interface Period {
  /** First day of the CA period. */
  start: number;
  /** Last day of the CA period. */
  end: number;
  /** Legal due date (no working-day shift). */
  due: number;
}

/**
 * The theoretical first AE declaration (urssaf-domain.md §5.1): monthly = start month + 3 months,
 * due at the end of the month after; quarterly = start quarter + next quarter, due at the end of
 * the month after. Sources S1–S6 of the domain notes.
 */
export function firstPeriod(activityStart: number, quarterly: boolean): Period {
  if (!quarterly) {
    return {
      start: activityStart,
      end: endOfMonthAfter(activityStart, 3),
      due: endOfMonthAfter(activityStart, 4),
    };
  }
  const q0 = startOfQuarter(activityStart);
  return { start: activityStart, end: endOfMonthAfter(q0, 5), due: endOfMonthAfter(q0, 6) };
}

/**
 * The regular periods after the first one whose due date is on or before `lastDue`: one month
 * (due at the end of the next month) or one calendar quarter (due at the end of the month after).
 */
export function laterPeriods(first: Period, quarterly: boolean, lastDue: number): Period[] {
  const out: Period[] = [];
  const step = quarterly ? 3 : 1;
  let start = first.end + 1;
  for (;;) {
    const end = endOfMonthAfter(start, step - 1);
    const due = endOfMonthAfter(start, step);
    if (due > lastDue) return out;
    out.push({ start, end, due });
    start = end + 1;
  }
}

/**
 * First provisional échéance of a TI au réel: nothing is due before the end of the first quarter
 * (domain §2.1), so the generator uses the monthly AE rule (start month + 3 months, due the end of
 * the month after), which also makes the "first due date" window the same for both statuses.
 */
export function tiFirstEcheance(activityStart: number): Period {
  return firstPeriod(activityStart, false);
}
