import type { CellValue, ReportTable } from "./document.js";

function csvCell(value: CellValue): string {
  if (value === null || (typeof value === "number" && Number.isNaN(value))) return "";
  const text = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A table as RFC 4180 CSV (comma, `.` decimals, full-precision numbers, empty = missing), with the
 * column keys as header: the machine-readable twin of the HTML table.
 */
export function tableToCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => csvCell(c.key)).join(",")];
  for (const row of table.rows)
    lines.push(table.columns.map((c) => csvCell(row[c.key] ?? null)).join(","));
  return `${lines.join("\n")}\n`;
}
