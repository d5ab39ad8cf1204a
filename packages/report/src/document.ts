import type { VegaLiteSpec } from "./render-svg.js";

/** Language of a report's labels and number formats. */
export type ReportLang = "fr" | "en";

/** How a table column's values are shown (CSV exports always keep raw values). */
export type ValueFormat =
  | "text"
  | "integer"
  | "number"
  | "percent"
  | "proportion"
  | "estimate"
  | "pvalue";

/** A column of a {@link ReportTable}. */
export interface TableColumn {
  /** Key in each row object, and CSV header. */
  key: string;
  /** Header shown in the HTML table. */
  label: string;
  /** Display format; defaults to `text` for strings and `number` for numbers. */
  format?: ValueFormat;
  /** Kept in the CSV export only (e.g. stable ids, raw CI bounds shown combined in HTML). */
  csvOnly?: boolean;
  /** Shown in the HTML table only (e.g. a formatted interval built from CSV columns). */
  htmlOnly?: boolean;
}

/** A cell value: numbers stay numbers so CSV exports keep full precision. */
export type CellValue = string | number | boolean | null;

/** A table of the report; also written as `tables/<id>.csv`. */
export interface ReportTable {
  /** File-safe identifier (becomes `tables/<id>.csv`). */
  id: string;
  /** Caption. */
  title: string;
  columns: TableColumn[];
  rows: Record<string, CellValue>[];
  /** A short note under the table (source, reading guide). */
  note?: string;
}

/** A headline number. */
export interface KeyFigure {
  label: string;
  value: CellValue;
  format?: ValueFormat;
  /** Smaller text under the value (e.g. the CI). */
  detail?: string;
}

/** One block of content in a section. */
export type ReportBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "callout"; tone: "info" | "warning"; text: string }
  | { kind: "figures"; figures: KeyFigure[] }
  | { kind: "table"; table: ReportTable }
  | { kind: "chart"; id: string; title: string; spec: VegaLiteSpec; note?: string };

/** A section (and its subsections) of the report. */
export interface ReportSection {
  /** Anchor id, unique in the document. */
  id: string;
  title: string;
  blocks: ReportBlock[];
  subsections?: ReportSection[];
}

/** The whole report, independent of how it is rendered. */
export interface ReportDocument {
  title: string;
  subtitle?: string;
  lang: ReportLang;
  sections: ReportSection[];
  /** Shown in the footer (version, seed, data paths). */
  footer?: string;
}

/** Every table of a document, depth first, in reading order. */
export function documentTables(doc: ReportDocument): ReportTable[] {
  const out: ReportTable[] = [];
  const visit = (s: ReportSection): void => {
    for (const b of s.blocks) if (b.kind === "table") out.push(b.table);
    for (const sub of s.subsections ?? []) visit(sub);
  };
  for (const s of doc.sections) visit(s);
  return out;
}
