/** Severity of a validation finding (contract §8). */
export type Severity = "fatal" | "row" | "warn" | "info";

/**
 * Every validation code with its default severity and a one-line meaning. Codes are stable
 * (contract §8); some codes are row errors in one column and warnings in another (e.g. a bad
 * date in a required vs an optional column), the finding carries its actual severity.
 */
export const VALIDATION_CODES: Readonly<Record<string, { severity: Severity; meaning: string }>> = {
  EXTRACT_MISSING_FILE: { severity: "fatal", meaning: "a required file is missing" },
  EXTRACT_OPTIONAL_FILE_MISSING: {
    severity: "info",
    meaning: "an optional file is absent; dependent analyses are disabled",
  },
  EXTRACT_BAD_MANIFEST: {
    severity: "fatal",
    meaning: "manifest.json is unreadable or lacks a required key",
  },
  EXTRACT_MISSING_COLUMN: { severity: "fatal", meaning: "a required column is missing" },
  EXTRACT_OPTIONAL_COLUMN_MISSING: {
    severity: "info",
    meaning: "an optional column is missing; dependent steps are disabled",
  },
  EXTRACT_EXTRA_COLUMN: { severity: "info", meaning: "an unknown column was ignored" },
  EXTRACT_DUPLICATE_COLUMN: {
    severity: "fatal",
    meaning: "two headers normalise to the same name",
  },
  EXTRACT_BOM: { severity: "info", meaning: "a UTF-8 byte-order mark was stripped" },
  EXTRACT_ENCODING_CP1252: { severity: "warn", meaning: "the file was decoded as Windows-1252" },
  EXTRACT_MIXED_ENCODING: {
    severity: "fatal",
    meaning: "the file mixes UTF-8 and single-byte encodings",
  },
  EXTRACT_ENCODING_UTF16: { severity: "warn", meaning: "the file was transcoded from UTF-16" },
  EXTRACT_SEPARATOR: { severity: "info", meaning: "the field separator that was detected" },
  EXTRACT_DECIMAL_COMMA: {
    severity: "warn",
    meaning: "decimal comma, thousands separator or € sign coerced",
  },
  EXTRACT_AMBIGUOUS_NUMBER: {
    severity: "row",
    meaning: "a number whose decimal mark cannot be told",
  },
  EXTRACT_BAD_NUMBER: {
    severity: "row",
    meaning: "a value that is not a number (or in scientific notation)",
  },
  EXTRACT_BAD_DATE: {
    severity: "row",
    meaning: "an unparseable date (null + warning in an optional column)",
  },
  EXTRACT_DATE_FORMAT: { severity: "info", meaning: "a non-canonical date format was accepted" },
  EXTRACT_MIXED_DATE_FORMATS: { severity: "warn", meaning: "several date formats in one column" },
  EXTRACT_TWO_DIGIT_YEAR: { severity: "warn", meaning: "a 2-digit year; the century was inferred" },
  EXTRACT_SENTINEL_DATE: {
    severity: "warn",
    meaning: "a sentinel date (1900-01-01, 9999-12-31…) read as null",
  },
  EXTRACT_NULL_VARIANT: { severity: "warn", meaning: "NA, NULL, #N/A… read as null" },
  EXTRACT_MISSING_VALUE: { severity: "row", meaning: "a required value is empty" },
  EXTRACT_DATE_BEFORE_BIRTH: { severity: "row", meaning: "an event dated before the birth date" },
  EXTRACT_DATE_AFTER_EXTRACT: { severity: "row", meaning: "an event dated after the extract date" },
  EXTRACT_DATE_TOO_OLD: { severity: "row", meaning: "a date before 1900-01-01" },
  EXTRACT_DATE_INCOHERENT: {
    severity: "warn",
    meaning: "a date-coherence rule of §6.6 is not met",
  },
  EXTRACT_START_REGISTRATION_GAP: {
    severity: "warn",
    meaning: "activity start more than 1 year from registration",
  },
  EXTRACT_INVERTED_INTERVAL: {
    severity: "row",
    meaning: "an interval whose end precedes its start",
  },
  EXTRACT_UNKNOWN_CODE: { severity: "row", meaning: "an unknown code in an enumerated column" },
  EXTRACT_BAD_DEPARTEMENT: {
    severity: "row",
    meaning: "an invalid département (kept for national totals)",
  },
  EXTRACT_DEPARTEMENT_VARIANT: {
    severity: "warn",
    meaning: "a département written in a variant form, coerced",
  },
  EXTRACT_UNMAPPED_DEPARTEMENT: {
    severity: "warn",
    meaning: "a département with no Urssaf region",
  },
  EXTRACT_REGION_MISMATCH: {
    severity: "warn",
    meaning: "urssaf_region disagrees with the département",
  },
  EXTRACT_BAD_APE: {
    severity: "warn",
    meaning: "an APE code that is not NAF rév. 2 (NAF division set to null)",
  },
  EXTRACT_DUPLICATE_ROW: {
    severity: "warn",
    meaning: "an exact duplicate account row, one copy kept",
  },
  EXTRACT_CONFLICTING_DUPLICATE_ID: {
    severity: "row",
    meaning: "the same account id with different content; all copies excluded",
  },
  EXTRACT_ORPHAN_FK: { severity: "row", meaning: "an account_id absent from accounts" },
  EXTRACT_ANONYMISATION_MISMATCH: {
    severity: "fatal",
    meaning: "too many orphans: files anonymised separately",
  },
  EXTRACT_ACCOUNT_EXCLUDED: {
    severity: "row",
    meaning: "a row of an account that was itself excluded",
  },
  EXTRACT_NEGATIVE_AMOUNT: { severity: "row", meaning: "a negative amount where none is allowed" },
  EXTRACT_IMPLAUSIBLE_AMOUNT: {
    severity: "warn",
    meaning: "an amount outside its plausible range",
  },
  EXTRACT_DECLARATION_FOR_TI: {
    severity: "row",
    meaning: "a declaration for a TI au réel account",
  },
  EXTRACT_NO_PERIODICITY: {
    severity: "warn",
    meaning: "an AE without periodicity (inferred or defaulted)",
  },
  EXTRACT_PERIODICITY_FOR_TI: {
    severity: "warn",
    meaning: "a TI au réel with a declaration periodicity",
  },
  EXTRACT_DUPLICATE_PERIOD: {
    severity: "warn",
    meaning: "a period declared several times; earliest date used",
  },
  EXTRACT_DUPLICATE_KEY: {
    severity: "row",
    meaning: "a duplicate key (declaration key, entry_id, contact_id, to_id)",
  },
  EXTRACT_OVERLAPPING_PERIODS: {
    severity: "warn",
    meaning: "declaration periods of one account overlap",
  },
  EXTRACT_RAGGED_ROW: {
    severity: "row",
    meaning: "a row with the wrong number of fields or unbalanced quotes",
  },
  EXTRACT_FOOTER_LINE: { severity: "info", meaning: "a footer line was ignored" },
  EXTRACT_BLANK_ROW: {
    severity: "info",
    meaning: "a row whose every field is empty (an Excel empty row) was ignored",
  },
  EXTRACT_EMPTY_FILE: { severity: "fatal", meaning: "a required file is empty" },
  EXTRACT_HEADER_ONLY: { severity: "info", meaning: "a file has a header and no rows" },
  EXTRACT_ID_MANGLED: {
    severity: "fatal",
    meaning: "identifiers damaged by Excel (scientific notation)",
  },
  EXTRACT_ID_LENGTHS: {
    severity: "warn",
    meaning: "identifiers of mixed lengths (leading zeros lost?)",
  },
  EXTRACT_WHITESPACE: { severity: "info", meaning: "surrounding or invisible whitespace removed" },
  EXTRACT_TRUNCATED: { severity: "fatal", meaning: "row count or sha256 differ from the manifest" },
  EXTRACT_UNEXPECTED_DIRECTION: {
    severity: "row",
    meaning: "an outbound contact in an extract without outbound contacts",
  },
  EXTRACT_SCOPE_MIX: { severity: "warn", meaning: "a regional-only field in a national extract" },
  EXTRACT_OUTSIDE_WINDOW: {
    severity: "warn",
    meaning: "registration outside the manifest window (kept, flagged)",
  },
  EXTRACT_UNMATCHED_PAYMENT_PERIOD: {
    severity: "warn",
    meaning: "a payment whose period has no DC and no declaration",
  },
  EXTRACT_DUPLICATE_ENTRY: {
    severity: "warn",
    meaning: "identical accounting entries without entry_id (kept)",
  },
  EXTRACT_DUPLICATE_CONTACT: { severity: "warn", meaning: "identical contact rows (kept)" },
  EXTRACT_STATUS_CHANGED: {
    severity: "warn",
    meaning: "an entry's legal status differs from the account's",
  },
  EXTRACT_NO_AGE: { severity: "row", meaning: "neither birth date nor age" },
  EXTRACT_AGE_RANGE: {
    severity: "warn",
    meaning: "age at start outside 16–100 (row error under 14)",
  },
  EXTRACT_PARTIAL_BIRTH_DATE: { severity: "warn", meaning: "a YYYY-MM birth date, day set to 15" },
  EXTRACT_UNMAPPED_MOTIVE: { severity: "warn", meaning: "an LR motive label without category" },
  EXTRACT_ANALYSIS_DISABLED: {
    severity: "info",
    meaning: "an analysis cannot run on this extract",
  },
};
