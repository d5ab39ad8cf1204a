/** Contract column types (schema §0) as written by the generator. */
export type ColumnType = "string" | "date" | "decimal" | "integer" | "boolean";

/** One written column. */
export interface WrittenColumn {
  /** Canonical name. */
  name: string;
  /** Contract type, which fixes the Parquet type. */
  type: ColumnType;
}

const c = (name: string, type: ColumnType = "string"): WrittenColumn => ({ name, type });

/** Scope of a dataset. */
export type Scope = "national" | "regional";

/** Columns of each file the generator writes, by scope (contract §3; order as written). */
export function fileColumns(scope: Scope): Record<string, WrittenColumn[]> {
  const accounts = [
    c("account_id"),
    c("legal_status"),
    c("registration_date", "date"),
    c("activity_start_date", "date"),
    c("account_creation_date", "date"),
    c("birth_date", "date"),
    c("sex"),
    c("departement"),
    c("urssaf_region"),
    c("ape_code"),
    c("declaration_periodicity"),
    c("acre_start_date", "date"),
    ...(scope === "national" ? [c("acre_end_date", "date")] : [c("offer_email_sent_date", "date")]),
    c("crea_marker", "boolean"),
    c("prior_radiation_date", "date"),
  ];
  const declarations = [
    c("account_id"),
    c("period_start", "date"),
    c("period_end", "date"),
    c("declaration_date", "date"),
    c("declared_turnover", "decimal"),
    c("computed_contribution", "decimal"),
    c("due_date", "date"),
    ...(scope === "regional" ? [c("tolerated_due_date", "date")] : []),
    c("late_flag", "boolean"),
    c("declaration_seq", "integer"),
    c("declaration_origin"),
  ];
  const contacts = [
    c("account_id"),
    c("contact_id"),
    c("contact_date", "date"),
    c("direction"),
    c("channel"),
    c("channel_label"),
    c("motive_label"),
    c("motive_category"),
    c("source_system"),
  ];
  if (scope === "regional") {
    return {
      accounts,
      declarations,
      contacts,
      lr_motive_map: [c("motive_label"), c("motive_category")],
    };
  }
  return {
    accounts,
    declarations,
    accounting_entries: [
      c("account_id"),
      c("entry_id"),
      c("period_start", "date"),
      c("period_end", "date"),
      c("operation_code"),
      c("amount", "decimal"),
      c("payment_date", "date"),
      c("accounting_date", "date"),
      c("due_date", "date"),
      c("legal_status"),
    ],
    contacts,
    taxations_office: [
      c("account_id"),
      c("to_id"),
      c("to_type"),
      c("period_start", "date"),
      c("period_end", "date"),
      c("missed_due_date", "date"),
      c("notification_date", "date"),
      c("base_amount", "decimal"),
      c("amount", "decimal"),
      c("cancelled_date", "date"),
      c("regularisation_declaration_date", "date"),
    ],
  };
}
