import { type Frame, ParcoursError } from "@parcours-eval/core";

/** One row of a frequency table. */
export interface FrequencyRow {
  /** The category (level, number as text, or "NA" for missing). */
  value: string;
  n: number;
  /** Share of all rows, missing included. */
  share: number;
}

/** Label of a categorical or numeric cell; `NA` when missing. */
function cellLabel(frame: Frame, column: string): (i: number) => string {
  const col = frame.column(column);
  if (col.kind === "categorical")
    return (i) => (col.codes[i]! < 0 ? "NA" : col.levels[col.codes[i]!]!);
  const values = col.kind === "numeric" ? col.values : col.days;
  return (i) => (Number.isNaN(values[i]!) ? "NA" : String(values[i]));
}

/**
 * Counts of each value of a column, largest first (ties by value), missing values counted as
 * "NA" so that the counts always add up to the number of rows.
 */
export function frequencyTable(frame: Frame, column: string): FrequencyRow[] {
  const label = cellLabel(frame, column);
  const counts = new Map<string, number>();
  for (let i = 0; i < frame.nRows; i++) {
    const v = label(i);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([value, n]) => ({ value, n, share: frame.nRows ? n / frame.nRows : Number.NaN }))
    .sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** One row of a rate table. */
export interface RateRow {
  group: string;
  /** Units with a non-missing indicator in the group. */
  n: number;
  /** Units with indicator = 1. */
  successes: number;
  rate: number;
}

/**
 * Rate of a 0/1 indicator within each group of `groupColumn` (e.g. on-time first declaration by
 * region). Units with a missing indicator (censored, not applicable) are left out of `n`; groups
 * with fewer than `minN` units are left out of the table (as the study kept NAF codes with more
 * than 5,000 observations). Sorted by group label.
 */
export function rateBy(frame: Frame, groupColumn: string, indicator: string, minN = 1): RateRow[] {
  const y = frame.numeric(indicator);
  const label = cellLabel(frame, groupColumn);
  const acc = new Map<string, { n: number; s: number }>();
  for (let i = 0; i < frame.nRows; i++) {
    const v = y[i]!;
    if (Number.isNaN(v)) continue;
    if (v !== 0 && v !== 1) {
      throw new ParcoursError(
        "STUDY_NOT_BINARY",
        `indicator "${indicator}" has value ${v} at row ${i + 1}`,
        {
          column: indicator,
          hint: "rates need a 0/1 indicator (missing values are allowed)",
        },
      );
    }
    const g = label(i);
    const a = acc.get(g) ?? { n: 0, s: 0 };
    a.n++;
    a.s += v;
    acc.set(g, a);
  }
  return [...acc.entries()]
    .filter(([, a]) => a.n >= minN)
    .map(([group, a]) => ({ group, n: a.n, successes: a.s, rate: a.s / a.n }))
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

/** Age bands of the study's charts (graphiques 7–13). */
export const studyAgeBands: readonly { label: string; min: number; max: number }[] = [
  { label: "< 26", min: -Infinity, max: 25 },
  { label: "26–29", min: 26, max: 29 },
  { label: "30–39", min: 30, max: 39 },
  { label: "40–49", min: 40, max: 49 },
  { label: "50–59", min: 50, max: 59 },
  { label: "60+", min: 60, max: Infinity },
];

/** The age band label of an age in completed years (`NA` when missing). */
export function ageBand(age: number, bands = studyAgeBands): string {
  if (Number.isNaN(age)) return "NA";
  for (const b of bands) if (age >= b.min && age <= b.max) return b.label;
  return "NA";
}
