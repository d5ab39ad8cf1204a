/**
 * Choices the contract and the report leave open, with the documented defaults
 * (urssaf-domain.md §5 and §11). Every one is a parameter.
 */
export interface UrssafOptions {
  /** Days added to a theoretical due date before it counts as observable (§5.1). Default 15. */
  censoringMarginDays: number;
  /** Shift a reconstructed due date (non-filers) to the next working day (§5.1, S4). Default true. */
  shiftWorkingDays: boolean;
  /** Periodicity of an AE with none declared and none inferable: `M` (legal default, R613-7), `T`, or `exclude`. */
  missingPeriodicity: "M" | "T" | "exclude";
  /** On-time rule: dates and Urssaf late flag (default), dates only, or flag only. */
  onTimeRule: "dates_and_flag" | "dates" | "flag";
  /** LR due date: terme légal (`due_date`, default) or terme toléré (`tolerated_due_date`). */
  lrDueDate: "legal" | "tolerated";
  /** Payment equality tolerance in euros (§5.2). Default 0.01. */
  paymentTolerance: number;
  /** First échéance: skip those with expected amount ≤ 0 (`skip`, default) or stop there (`no_due`). */
  zeroDue: "skip" | "no_due";
  /** Write-offs ANV/ANC/ASC: `neutral` (count as settled, default) or `nonconforme`. */
  writeOffs: "neutral" | "nonconforme";
  /** Attribute unperiodised CAV payments to the first échéance. Default false. */
  attributeCav: boolean;
  /** Oldest age counted as "under 26" (§11: age ≤ 25). */
  under26MaxAge: number;
  /** Orphan share above which a file is fatal (§6.2). Default 0.05. */
  orphanThreshold: number;
  /** Two-digit years below this are 20yy (§2). Default 30. */
  twoDigitYearPivot: number;
  /** Accept Excel serial dates (§2). Default false. */
  acceptExcelSerialDates: boolean;
  /**
   * Annual micro-regime turnover ceiling (sales of goods, the higher one) by first year in force:
   * a single declared period above its year's ceiling is implausible (§8 #26, warning).
   */
  turnoverCeilings: Readonly<Record<number, number>>;
  /** Days after a missed due date before a missing declaration counts as a TO risk (§3.6). */
  toRiskLagDays: number;
  /**
   * DuckDB's working memory (its `memory_limit`, e.g. `"1GB"`); beyond it DuckDB spills to the
   * loader's temporary folder. The default keeps a national load under 2 GB of process memory
   * even for an extract written entirely in French forms (2.7 GB without a limit), at a few
   * percent of speed; raise it on a large machine.
   */
  memoryLimit: string;
}

/** The defaults of {@link UrssafOptions}. */
export const DEFAULT_OPTIONS: Readonly<UrssafOptions> = {
  censoringMarginDays: 15,
  shiftWorkingDays: true,
  missingPeriodicity: "M",
  onTimeRule: "dates_and_flag",
  lrDueDate: "legal",
  paymentTolerance: 0.01,
  zeroDue: "skip",
  writeOffs: "neutral",
  attributeCav: false,
  under26MaxAge: 25,
  orphanThreshold: 0.05,
  twoDigitYearPivot: 30,
  acceptExcelSerialDates: false,
  // CGI art. 50-0 (micro-BIC, sales): 82 800 € (2017), 170 000 € (2018), 176 200 € (2020),
  // 188 700 € (2023; domain §1).
  turnoverCeilings: { 2017: 82_800, 2018: 170_000, 2020: 176_200, 2023: 188_700 },
  toRiskLagDays: 30,
  memoryLimit: "1GB",
};
