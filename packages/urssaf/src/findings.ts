import { type Severity, VALIDATION_CODES } from "./codes.js";

/** One example of a finding: where it is and what was found. */
export interface FindingExample {
  /** Physical 1-based line (header = line 1); for Parquet, the 1-based row. */
  line?: number;
  /** Column (contract name). */
  column?: string;
  /** The offending cell only (never a whole row: §8 #37). */
  value?: string;
  /** What was expected. */
  expected?: string;
}

/** A validation finding: one code in one file (and column), with its count and first examples. */
export interface Finding {
  /** Stable code (contract §8). */
  code: string;
  /** Severity of this finding. */
  severity: Severity;
  /** File name as given in the dataset (e.g. `accounts.csv`). */
  file?: string;
  /** Column (contract name). */
  column?: string;
  /** Rows concerned (1 for file-level findings). */
  count: number;
  /** Readable message. */
  message: string;
  /** Up to 3 examples, first lines first. */
  examples: FindingExample[];
  /**
   * For codes about the value itself (an unknown code, §8 #20): every distinct offending value
   * with its count, most frequent first (at most {@link MAX_DISTINCT_VALUES}).
   */
  values?: { value: string; count: number }[];
}

/** How many distinct offending values a finding lists. */
export const MAX_DISTINCT_VALUES = 50;

/** A finding's `values` from `[value, count]` rows sorted most frequent first (capped, cut). */
export function distinctValueList(
  rows: readonly (readonly unknown[])[],
): { value: string; count: number }[] {
  return rows
    .slice(0, MAX_DISTINCT_VALUES)
    .map(([v, n]) => ({ value: String(v ?? "").slice(0, 80), count: Number(n) }));
}

/** `value (count), …` for a finding's message. */
export const distinctValuesText = (values: readonly { value: string; count: number }[]): string =>
  values.map((x) => `${x.value} (${x.count})`).join(", ");

/** Accumulates findings while an extract is loaded. */
export class FindingList {
  /** Findings in the order they were found. */
  readonly items: Finding[] = [];

  /** Adds a finding (severity defaults to the code's). */
  add(
    f: Omit<Finding, "severity" | "examples" | "count"> &
      Partial<Pick<Finding, "severity" | "examples" | "count">>,
  ): void {
    this.items.push({
      severity: f.severity ?? VALIDATION_CODES[f.code]?.severity ?? "warn",
      count: f.count ?? 1,
      examples: f.examples ?? [],
      ...f,
    } as Finding);
  }

  /** True when a fatal finding was recorded. */
  get fatal(): boolean {
    return this.items.some((f) => f.severity === "fatal");
  }
}
