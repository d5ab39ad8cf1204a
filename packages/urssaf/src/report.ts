import type { Finding } from "./findings.js";
import type { UrssafOptions } from "./options.js";

/** Per-file summary of a validation. */
export interface FileSummary {
  /** File name. */
  file: string;
  /** CSV or Parquet. */
  format: "csv" | "parquet";
  /** Field separator (CSV). */
  separator: string;
  /** Data rows read (ragged ones included). */
  rowsRead: number;
  /** Rows excluded (any code). Undefined when the dataset is unusable. */
  rowsExcluded: number | undefined;
  /** Rows kept. */
  rowsKept: number | undefined;
  /** Distinct excluded rows per code (a row may carry several codes). */
  excludedByCode: Record<string, number>;
}

/** The validation report of an extract: plain data (for the HTML report and `--json`). */
export interface ValidationReport {
  /** Dataset folder. */
  dataset: string;
  /** False when a fatal finding forbids any output. */
  usable: boolean;
  /** Manifest scope. */
  scope?: "national" | "regional";
  /** Manifest extract date. */
  extractDate?: string;
  /** Per-file summaries. */
  files: FileSummary[];
  /** Every finding. */
  findings: Finding[];
  /** Counts: fatal findings, row-level exclusions, warnings (rows), info findings. */
  counts: { fatal: number; row: number; warn: number; info: number };
  /** Options in force. */
  options: UrssafOptions;
}

const ORDER = { fatal: 0, row: 1, warn: 2, info: 3 } as const;

/** The report as text: a summary per file, then every code with counts and located examples. */
export function formatReport(report: ValidationReport): string {
  const out: string[] = [];
  out.push(
    `Extract ${report.dataset}${report.scope ? ` (${report.scope}, extract date ${report.extractDate})` : ""}`,
  );
  out.push(
    report.usable
      ? "Status: USABLE"
      : "Status: NOT USABLE (fatal error; no cohort will be produced)",
  );
  out.push("");
  for (const f of report.files) {
    out.push(
      `  ${f.file}: ${f.rowsRead} rows read${f.rowsKept === undefined ? "" : `, ${f.rowsKept} kept, ${f.rowsExcluded} excluded`}` +
        (Object.keys(f.excludedByCode).length
          ? ` (${Object.entries(f.excludedByCode)
              .map(([c, n]) => `${c} ${n}`)
              .join(", ")})`
          : ""),
    );
  }
  out.push("");
  const sorted = [...report.findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  for (const f of sorted) {
    out.push(
      `${f.severity.toUpperCase().padEnd(5)} ${f.code} ×${f.count}${f.file ? ` ${f.file}` : ""}${f.column ? `:${f.column}` : ""} — ${f.message}`,
    );
    for (const e of f.examples) {
      const where = [f.file, e.line, e.column].filter((x) => x !== undefined && x !== "").join(":");
      out.push(
        `      at ${where}${e.value !== undefined ? ` value "${e.value}"` : ""}${e.expected ? ` expected ${e.expected}` : ""}`,
      );
    }
  }
  out.push("");
  out.push(
    `Totals: ${report.counts.fatal} fatal, ${report.counts.row} row exclusions, ${report.counts.warn} warnings, ${report.counts.info} info.`,
  );
  return out.join("\n");
}
