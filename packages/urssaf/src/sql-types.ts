import type { ColumnSpec } from "./contract.js";

/** DuckDB type of each contract column kind. */
export const SQL_TYPE: Record<ColumnSpec["kind"], string> = {
  id: "VARCHAR",
  string: "VARCHAR",
  enum: "VARCHAR",
  date: "DATE",
  partial_date: "DATE",
  datetime: "TIMESTAMP",
  decimal: "DOUBLE",
  integer: "INTEGER",
  boolean: "BOOLEAN",
  departement: "VARCHAR",
  ape: "VARCHAR",
  period_label: "VARCHAR",
};

/** The expected form of each contract column, for messages. */
export const EXPECTED = new Map<string, string>();
