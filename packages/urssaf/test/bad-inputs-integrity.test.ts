import { afterAll, describe, expect, it } from "vitest";
import type { ExtractHandle } from "../src/index.js";
import { addColumn, closeShared, load, only, reportOf, rows, shared } from "./bad-input-helpers.js";

afterAll(closeShared);

// Accounts appended to the basic fixture (lines 2–14): one §6 rule broken per row, lines 15–32.
const ACCOUNTS_EXTRA = [
  "C01;AE;2023-03-01;2023-03-06;2023-04-01;M;34;5320Z;M;;", // 15 start before birth
  "C02;AE;2023-03-01;2023-03-06;2010-01-01;M;34;5320Z;M;;", // 16 aged 13
  "C03;AE;2023-03-01;2023-03-06;2008-01-01;M;34;5320Z;M;;", // 17 aged 15
  "C04;AE;2023-03-01;2023-03-06;1920-01-01;M;34;5320Z;M;;", // 18 aged 103
  "C05;AE;2023-03-01;2024-06-15;1990-01-01;M;34;5320Z;M;;", // 19 start 472 days after registration
  "C06;AE;2023-03-01;2023-03-06;1990-01-01;M;34;5320Z;M;2023-03-06;2023-03-01", // 20 ACRE inverted
  "C07;AE;2023-03-01;2023-03-06;1990-01-01;M;34;5320Z;M;2022-12-01;", // 21 ACRE 95 days early
  "C08;AE;2022-12-31;2023-01-02;1990-01-01;M;34;5320Z;M;;", // 22 outside the window
  "C09;AE;2024-06-28;2024-07-02;1990-01-01;M;34;5320Z;M;;", // 23 after extract date + 1 day
  "C10;AE;2024-06-28;2024-07-01;1990-01-01;M;34;5320Z;M;;", // 24 extract date + 1 day: allowed
  "C11;TI_REEL;2023-03-01;2023-03-01;1990-01-01;M;34;6910Z;M;;", // 25 TI with a periodicity
  "C12;AE;2023-03-01;2023-03-06;;M;34;5320Z;M;;", // 26 no birth date, no age
  "C13;AE;2023-03-01;2023-03-06;1990-01-01;M;34;5320Z;;;", // 27 AE without periodicity
  "C14;AE;2023-03-01;2023-03-06;1990-01-01;M;34;5320Z;M;;", // 28
  "C14;AE;2023-03-01;2023-03-06;1990-01-01;M;34;5320Z;M;;", // 29 exact duplicate
  "C15;AE;2023-03-01;2023-03-06;1990-01-01;F;34;5320Z;M;;", // 30
  "C15;AE;2023-03-01;2023-03-06;1990-01-01;M;34;5320Z;M;;", // 31 conflicting duplicate
  "C16;AE;2023-03-01;2023-03-06;2023-03-02;M;34;5320Z;M;;", // 32 registered before birth
];

const DECLARATIONS = `account_id;period_start;period_end;declaration_date;declared_turnover;computed_contribution;due_date;late_flag;tolerated_due_date;declaration_seq
A01;2023-01-10;2023-04-30;2023-05-20;1250.00;265.00;2023-05-31;0;;
A01;2023-05-01;2023-05-31;2023-06-25;900.00;190.80;2023-06-30;0;;
A02;2023-03-06;2023-06-30;2023-07-31;1000.00;200.00;2023-07-31;0;2023-08-05;
A03;2023-11-15;2024-03-31;2024-05-10;500.00;100.00;2024-04-30;1;;
A06;2023-11-15;2024-02-29;2024-03-20;400.00;80.00;2024-03-31;1;;
A11;2023-02-10;2023-06-30;2023-07-15;300.00;60.00;2023-07-31;0;;
A12;2023-01-05;2023-04-30;2023-05-10;0;0;2023-05-31;0;;
A12;2023-05-01;2023-05-31;2023-06-10;250;50.00;2023-06-30;0;;1
A07;2023-05-01;2023-07-31;2023-08-10;100.00;20.00;2023-08-31;0;;
A01;2023-01-10;2023-04-30;2023-05-15;1250.00;265.00;2023-05-31;0;;
A02;2023-07-01;2023-07-31;2023-06-25;100.00;20.00;2023-08-31;0;;
A06;2023-09-01;2023-09-30;2023-10-10;100.00;20.00;2023-10-31;0;;
A02;2023-08-01;2023-08-31;2023-09-10;1000.00;400.00;2023-09-30;0;;
A03;2024-04-01;2024-06-30;2024-07-05;100.00;20.00;2024-07-31;0;;
A08;2023-02-01;2023-05-31;2023-06-10;100.00;20.00;2023-05-15;0;;
Z98;2023-02-01;2023-05-31;2023-06-10;100.00;20.00;2023-06-30;0;;
A12;2023-05-01;2023-05-31;2023-06-11;250;50.00;2023-06-30;0;;1
A09;1997-01-01;1997-01-31;1997-06-01;100.00;20.00;1997-02-28;0;;
C01;2023-03-06;2023-06-30;2023-07-10;100.00;20.00;2023-07-31;0;;
`;
// Lines 18–24 of accounting_entries.csv.
const ENTRIES_EXTRA = [
  "A01;2023-05-01;2023-05-31;CAF;190.80;2023-06-28;2023-06-30;2023-06-30;TI_REEL", // 18 status
  "A06;2024-03-01;2024-03-31;CAF;10.00;2024-04-10;2024-04-12;2024-04-30;AE", // 19 no DC, no declaration
  "A07;2023-05-01;2023-07-31;CAF;500.00;2023-08-01;2023-08-03;2023-08-05;TI_REEL", // 20 = line 11
  "A02;2023-03-06;2023-06-30;CAF;50.00;2023-08-20;2023-08-05;2023-07-31;AE", // 21 paid after posting
  "A03;2023-11-15;2024-03-31;CAF;5.00;2024-07-03;2024-07-05;2024-04-30;AE", // 22 after extract
  "A04;2023-12-20;2024-03-31;XYZ;5.00;;2024-04-02;2024-04-30;AE", // 23 unknown operation
  "A04;2023-12-20;2024-03-31;CAF;5.00;;2024-04-02;2024-04-30;AE", // 24 payment without date
];
// Lines 7–13 of contacts.csv.
const CONTACTS_EXTRA = [
  "A01;2023-03-01;IN;PHONE;Appel téléphonique;Comprendre mes cotisations;", // 7 = line 2
  "A02;2023-04-01;OUT;PHONE;Téléphone;Suivi;", // 8 outbound in a national extract
  "A02;1984-01-01;IN;PHONE;x;y;", // 9 before birth
  "A13;2023-01-15;IN;PHONE;x;y;", // 10 > 90 days before registration
  "A04;2024-07-02;IN;PHONE;x;y;", // 11 after extract
  "Z99;2023-05-01;IN;PHONE;x;y;", // 12 orphan
  "C01;2023-04-01;IN;PHONE;x;y;", // 13 account excluded
];

const rules = shared(() =>
  load(
    {
      "accounts.csv": (s) => `${s}${ACCOUNTS_EXTRA.join("\n")}\n`,
      "declarations.csv": DECLARATIONS,
      "accounting_entries.csv": (s) => `${s}${ENTRIES_EXTRA.join("\n")}\n`,
      "contacts.csv": (s) => `${s}${CONTACTS_EXTRA.join("\n")}\n`,
    },
    { orphanThreshold: 0.5 },
  ),
);

const f = async (code: string, file: string, column?: string) =>
  only((await rules()).report.findings, code, file, column);

describe.concurrent("bad inputs §8: cross-file and date rules (§6)", () => {
  it("counts kept and excluded rows per file and code", async () => {
    const { report } = await rules();
    expect(report.usable).toBe(true);
    expect(report.files.map((x) => [x.file, x.rowsRead, x.rowsKept, x.excludedByCode])).toEqual([
      [
        "accounts.csv",
        31,
        22,
        {
          EXTRACT_AGE_RANGE: 2,
          EXTRACT_CONFLICTING_DUPLICATE_ID: 2,
          EXTRACT_DATE_AFTER_EXTRACT: 1,
          EXTRACT_DATE_BEFORE_BIRTH: 2,
          EXTRACT_DUPLICATE_ROW: 1,
          EXTRACT_INVERTED_INTERVAL: 1,
          EXTRACT_NO_AGE: 1,
        },
      ],
      [
        "declarations.csv",
        19,
        12,
        {
          EXTRACT_ACCOUNT_EXCLUDED: 1,
          EXTRACT_DATE_AFTER_EXTRACT: 1,
          EXTRACT_DATE_BEFORE_BIRTH: 1,
          EXTRACT_DECLARATION_FOR_TI: 1,
          EXTRACT_DUPLICATE_KEY: 1,
          EXTRACT_INVERTED_INTERVAL: 1,
          EXTRACT_ORPHAN_FK: 1,
        },
      ],
      [
        "accounting_entries.csv",
        23,
        21,
        { EXTRACT_DATE_AFTER_EXTRACT: 1, EXTRACT_MISSING_VALUE: 1 },
      ],
      [
        "contacts.csv",
        12,
        7,
        {
          EXTRACT_ACCOUNT_EXCLUDED: 1,
          EXTRACT_DATE_AFTER_EXTRACT: 1,
          EXTRACT_DATE_BEFORE_BIRTH: 1,
          EXTRACT_ORPHAN_FK: 1,
          EXTRACT_UNEXPECTED_DIRECTION: 1,
        },
      ],
    ]);
  });

  it("#17 dates before birth: activity start, registration, declaration and contact", async () => {
    expect(
      await f("EXTRACT_DATE_BEFORE_BIRTH", "accounts.csv", "activity_start_date"),
    ).toMatchObject({ severity: "row", count: 1, examples: [{ line: 15, value: "2023-03-06" }] });
    expect(await f("EXTRACT_DATE_BEFORE_BIRTH", "accounts.csv", "registration_date")).toMatchObject(
      {
        severity: "row",
        count: 1,
        examples: [{ line: 32, value: "2023-03-01" }],
      },
    );
    expect(await f("EXTRACT_DATE_BEFORE_BIRTH", "declarations.csv")).toMatchObject({
      severity: "row",
      column: "declaration_date",
      count: 1,
      examples: [{ line: 19, value: "1997-06-01" }],
    });
    expect(await f("EXTRACT_DATE_BEFORE_BIRTH", "contacts.csv")).toMatchObject({
      severity: "row",
      column: "contact_date",
      count: 1,
      examples: [{ line: 9, value: "1984-01-01" }],
    });
  });

  it("EXTRACT_AGE_RANGE: under 14 is a row error, 14–15 and over 100 warn; EXTRACT_NO_AGE", async () => {
    const { report } = await rules();
    const age = report.findings.filter((x) => x.code === "EXTRACT_AGE_RANGE");
    expect(age).toMatchObject([
      {
        severity: "row",
        file: "accounts.csv",
        column: "birth_date",
        count: 2,
        examples: [
          { line: 16, value: "2010-01-01" },
          { line: 32, value: "2023-03-02" },
        ],
      },
      {
        severity: "warn",
        file: "accounts.csv",
        column: "birth_date",
        count: 2,
        examples: [
          { line: 17, value: "2008-01-01" },
          { line: 18, value: "1920-01-01" },
        ],
      },
    ]);
    expect(await f("EXTRACT_NO_AGE", "accounts.csv")).toMatchObject({
      severity: "row",
      column: "birth_date",
      count: 1,
      examples: [{ line: 26, value: "" }],
    });
  });

  it("#18 dates after the extract date (+ 1 day) are row errors", async () => {
    expect(await f("EXTRACT_DATE_AFTER_EXTRACT", "accounts.csv")).toMatchObject({
      severity: "row",
      column: "activity_start_date",
      count: 1,
      examples: [{ line: 23, value: "2024-07-02" }], // line 24 (2024-07-01) is allowed
    });
    expect(await f("EXTRACT_DATE_AFTER_EXTRACT", "declarations.csv")).toMatchObject({
      severity: "row",
      column: "declaration_date",
      count: 1,
      examples: [{ line: 15, value: "2024-07-05" }],
    });
    expect(
      await f("EXTRACT_DATE_AFTER_EXTRACT", "accounting_entries.csv", "payment_date"),
    ).toMatchObject({ severity: "row", count: 1, examples: [{ line: 22, value: "2024-07-03" }] });
    expect(
      await f("EXTRACT_DATE_AFTER_EXTRACT", "accounting_entries.csv", "accounting_date"),
    ).toMatchObject({ severity: "row", count: 1, examples: [{ line: 22, value: "2024-07-05" }] });
    expect(await f("EXTRACT_DATE_AFTER_EXTRACT", "contacts.csv")).toMatchObject({
      severity: "row",
      column: "contact_date",
      count: 1,
      examples: [{ line: 11, value: "2024-07-02" }],
    });
  });

  it("#19 inverted intervals: ACRE end before start, due date before period end", async () => {
    expect(await f("EXTRACT_INVERTED_INTERVAL", "accounts.csv")).toMatchObject({
      severity: "row",
      column: "acre_end_date",
      count: 1,
      examples: [{ line: 20, value: "2023-03-01" }],
    });
    expect(await f("EXTRACT_INVERTED_INTERVAL", "declarations.csv")).toMatchObject({
      severity: "row",
      column: "due_date",
      count: 1,
      examples: [{ line: 16, value: "2023-05-15" }],
    });
  });

  it("EXTRACT_DATE_INCOHERENT and EXTRACT_START_REGISTRATION_GAP: the warning rules of §6.6", async () => {
    expect(await f("EXTRACT_DATE_INCOHERENT", "accounts.csv")).toMatchObject({
      severity: "warn",
      column: "acre_start_date",
      count: 1,
      examples: [{ line: 21, value: "2022-12-01" }],
    });
    expect(
      await f("EXTRACT_DATE_INCOHERENT", "declarations.csv", "declaration_date"),
    ).toMatchObject({ severity: "warn", count: 1, examples: [{ line: 12, value: "2023-06-25" }] });
    expect(await f("EXTRACT_DATE_INCOHERENT", "declarations.csv", "period_end")).toMatchObject({
      severity: "warn",
      count: 2,
      examples: [
        { line: 13, value: "2023-09-30" },
        { line: 19, value: "1997-01-31" },
      ],
    });
    expect(await f("EXTRACT_DATE_INCOHERENT", "accounting_entries.csv")).toMatchObject({
      severity: "warn",
      column: "payment_date",
      count: 1,
      examples: [{ line: 21, value: "2023-08-20" }],
    });
    expect(await f("EXTRACT_DATE_INCOHERENT", "contacts.csv")).toMatchObject({
      severity: "warn",
      column: "contact_date",
      count: 2,
      examples: [
        { line: 9, value: "1984-01-01" },
        { line: 10, value: "2023-01-15" },
      ],
    });
    expect(await f("EXTRACT_START_REGISTRATION_GAP", "accounts.csv")).toMatchObject({
      severity: "warn",
      column: "activity_start_date",
      count: 1,
      examples: [{ line: 19, value: "2024-06-15" }],
    });
  });

  it("#23 duplicated account ids: exact copies keep one, conflicting copies are all excluded", async () => {
    expect(await f("EXTRACT_DUPLICATE_ROW", "accounts.csv")).toMatchObject({
      severity: "warn",
      column: "account_id",
      count: 1,
      examples: [{ line: 29, value: "C14" }],
    });
    expect(await f("EXTRACT_CONFLICTING_DUPLICATE_ID", "accounts.csv")).toMatchObject({
      severity: "row",
      column: "account_id",
      count: 2,
      examples: [
        { line: 30, value: "C15" },
        { line: 31, value: "C15" },
      ],
    });
    const ids = await rows(
      (await rules()).handle,
      "SELECT account_id, count(*)::INTEGER AS n FROM units WHERE account_id IN ('C14', 'C15') GROUP BY 1",
    );
    expect(ids).toEqual([{ account_id: "C14", n: 1 }]);
  });

  it("#24 orphans below the threshold are row errors; rows of excluded accounts are not orphans", async () => {
    expect(await f("EXTRACT_ORPHAN_FK", "declarations.csv")).toMatchObject({
      severity: "row",
      column: "account_id",
      count: 1,
      examples: [{ line: 17, value: "Z98" }],
    });
    expect(await f("EXTRACT_ORPHAN_FK", "contacts.csv")).toMatchObject({
      severity: "row",
      count: 1,
      examples: [{ line: 12, value: "Z99" }],
    });
    expect(await f("EXTRACT_ACCOUNT_EXCLUDED", "contacts.csv")).toMatchObject({
      severity: "row",
      column: "account_id",
      count: 1,
      examples: [{ line: 13, value: "C01" }],
    });
    expect(await f("EXTRACT_ACCOUNT_EXCLUDED", "declarations.csv")).toMatchObject({
      count: 1,
      examples: [{ line: 20, value: "C01" }],
    });
  });

  it("#24 orphans above 5% are fatal", async () => {
    const report = await reportOf({
      "contacts.csv": (s) => `${s}Z99;2023-05-01;IN;PHONE;x;y;\n`,
    });
    expect(only(report.findings, "EXTRACT_ANONYMISATION_MISMATCH")).toMatchObject({
      severity: "fatal",
      file: "contacts.csv",
      count: 1,
      message:
        "1 of 6 rows (16.7%) have an account_id absent from accounts (threshold 5%): the files were probably anonymised separately",
    });
    expect(report.usable).toBe(false);
  });

  it("#27 declarations of a TI au réel account are row errors", async () => {
    expect(await f("EXTRACT_DECLARATION_FOR_TI", "declarations.csv")).toMatchObject({
      severity: "row",
      column: "account_id",
      count: 1,
      examples: [{ line: 10, value: "A07" }],
    });
  });

  it("#28/§6.7 EXTRACT_NO_PERIODICITY defaults to monthly without declarations; EXTRACT_PERIODICITY_FOR_TI warns", async () => {
    expect(await f("EXTRACT_NO_PERIODICITY", "accounts.csv")).toMatchObject({
      severity: "warn",
      count: 2,
      examples: [
        { line: 12, value: "" },
        { line: 27, value: "" },
      ],
    });
    expect(
      await rows(
        (await rules()).handle,
        "SELECT declaration_periodicity AS p, periodicity_source AS s FROM units WHERE account_id = 'C13'",
      ),
    ).toEqual([{ p: "M", s: "DEFAULT" }]);
    expect(await f("EXTRACT_PERIODICITY_FOR_TI", "accounts.csv")).toMatchObject({
      severity: "warn",
      column: "declaration_periodicity",
      count: 1,
      examples: [{ line: 25, value: "M" }],
    });
  });

  it("#29 a period declared twice: all copies warned, the earliest filing used; a repeated declaration_seq is a row error", async () => {
    expect(await f("EXTRACT_DUPLICATE_PERIOD", "declarations.csv")).toMatchObject({
      severity: "warn",
      column: "period_start",
      count: 2,
      examples: [
        { line: 2, value: "2023-01-10" },
        { line: 11, value: "2023-01-10" },
      ],
    });
    expect(
      await rows(
        (await rules()).handle,
        "SELECT first_decl_date, first_decl_status FROM units WHERE account_id = 'A01'",
      ),
    ).toEqual([{ first_decl_date: "2023-05-15", first_decl_status: "ON_TIME" }]);
    expect(await f("EXTRACT_DUPLICATE_KEY", "declarations.csv")).toMatchObject({
      severity: "row",
      column: "declaration_seq",
      count: 1,
      examples: [{ line: 18, value: "1" }],
    });
  });

  it("#26 a contribution above 30% of the turnover is implausible (kept)", async () => {
    expect(await f("EXTRACT_IMPLAUSIBLE_AMOUNT", "declarations.csv")).toMatchObject({
      severity: "warn",
      column: "computed_contribution",
      count: 1,
      examples: [{ line: 14, value: "400.00" }],
    });
  });

  it("#35 an outbound contact in a national extract is a row error; tolerated_due_date warns", async () => {
    expect(await f("EXTRACT_UNEXPECTED_DIRECTION", "contacts.csv")).toMatchObject({
      severity: "row",
      column: "direction",
      count: 1,
      examples: [{ line: 8, value: "OUT" }],
    });
    expect(await f("EXTRACT_SCOPE_MIX", "declarations.csv")).toMatchObject({
      severity: "warn",
      column: "tolerated_due_date",
      count: 1,
      examples: [{ line: 4, value: "2023-08-05" }],
    });
  });

  it("#36 a registration outside the manifest window is kept and flagged", async () => {
    expect(await f("EXTRACT_OUTSIDE_WINDOW", "accounts.csv")).toMatchObject({
      severity: "warn",
      column: "registration_date",
      count: 1,
      examples: [{ line: 22, value: "2022-12-31" }],
    });
    expect(
      await rows(
        (await rules()).handle,
        "SELECT registration_date FROM units WHERE account_id = 'C08'",
      ),
    ).toEqual([{ registration_date: "2022-12-31" }]);
  });

  it("§6.4–6.5 entries and contacts: status change, unmatched periods, identical rows kept and counted", async () => {
    expect(await f("EXTRACT_STATUS_CHANGED", "accounting_entries.csv")).toMatchObject({
      severity: "warn",
      column: "legal_status",
      count: 1,
      examples: [{ line: 18, value: "TI_REEL" }],
    });
    expect(await f("EXTRACT_UNMATCHED_PAYMENT_PERIOD", "accounting_entries.csv")).toMatchObject({
      severity: "warn",
      column: "period_start",
      count: 2,
      examples: [
        { line: 19, value: "2024-03-01" },
        { line: 24, value: "2023-12-20" },
      ],
    });
    expect(await f("EXTRACT_DUPLICATE_ENTRY", "accounting_entries.csv")).toMatchObject({
      severity: "warn",
      column: "account_id",
      count: 2,
      examples: [
        { line: 11, value: "A07" },
        { line: 20, value: "A07" },
      ],
    });
    expect(await f("EXTRACT_MISSING_VALUE", "accounting_entries.csv")).toMatchObject({
      severity: "row",
      column: "payment_date",
      count: 1,
      examples: [{ line: 24, value: "" }],
    });
    expect(await f("EXTRACT_UNKNOWN_CODE", "accounting_entries.csv")).toMatchObject({
      severity: "warn",
      column: "operation_code",
      count: 1,
      examples: [{ line: 23, value: "XYZ" }],
    });
    expect(await f("EXTRACT_DUPLICATE_CONTACT", "contacts.csv")).toMatchObject({
      severity: "warn",
      column: "account_id",
      count: 2,
      examples: [
        { line: 2, value: "A01" },
        { line: 7, value: "A01" },
      ],
    });
    const { handle } = await rules();
    expect(
      await rows(
        handle,
        "SELECT (SELECT count(*)::INTEGER FROM contacts WHERE account_id = 'A01') AS contacts, (SELECT count(*)::INTEGER FROM accounting_entries WHERE account_id = 'A07' AND operation_code = 'CAF') AS entries, (SELECT max(operation_code) FROM accounting_entries WHERE account_id = 'A04') AS other",
      ),
    ).toEqual([{ contacts: 2, entries: 2, other: "OTHER" }]);
  });
});

// Event views built from each delivery form, and the LR motive map (one file: each test file
// pays the module import once).
const TO_COLUMNS =
  "SELECT account_id, source, to_type, period_start, period_end, missed_due_date, event_date, amount FROM to_events ORDER BY ALL";
const TO_NAMES = [
  "account_id",
  "source",
  "to_type",
  "period_start",
  "period_end",
  "missed_due_date",
  "event_date",
  "amount",
];
/** The rows of `to_events` by position (account, source, type, period, missed due, event, amount). */
const toRows = async (handle: ExtractHandle): Promise<unknown[][]> =>
  (await handle.connection.runAndReadAll("SELECT * FROM to_events ORDER BY ALL")).getRowsJson();

// A dedicated TO file (contract §3.6): two clean rows (lines 2–3), then one problem per line.
const TO_FILE = `account_id;to_id;to_type;period_start;period_end;missed_due_date;notification_date;base_amount;amount
A04;T1;AE_PENALITE;2023-12-20;2024-03-31;2024-04-30;2024-05-30;;65.00
A11;T2;AE_TAXATION_FORFAITAIRE;2023-07-01;2023-09-30;2023-10-31;2023-11-30;1000.00;212.00
A11;T3;AE_PENALITE;2023-10-01;2023-12-31;2024-01-31;2024-01-15;;65.00
A11;T2;AE_PENALITE;2024-01-01;2024-03-31;2024-04-30;2024-05-30;;65.00
A04;T5;AE_PENALITE;2024-04-01;2024-04-30;2024-05-31;2024-06-20;-10.00;65.00
A04;T6;XX;2024-04-01;2024-04-30;2024-05-31;2024-06-20;;65.00
A07;T7;TI_TAXATION_OFFICE;2023-01-01;2023-12-31;2024-05-31;2024-07-15;;900.00
`;

const toFile = shared(() => load({ "taxations_office.csv": TO_FILE }));

// Fallback (a): entries TO / PEN (due_date = missed due date, accounting_date = notification);
// and #31: trailing separators, a blank line, a stray total inside, a footer at the end.
const toEntries = shared(() =>
  load({
    "accounting_entries.csv": (s) =>
      `${s}A04;2023-12-20;2024-03-31;TO;120.00;;2024-05-30;2024-04-30;AE\nA04;2023-12-20;2024-03-31;PEN;65.00;;2024-05-30;2024-04-30;AE\n`,
    "accounts.csv": (s) => s.replaceAll("\n", ";\n"),
    "contacts.csv": (s) => {
      const l = s.split("\n");
      l[4] = l[4]!.replace("2023-04-01", "2023-02-30"); // A08, now on line 7
      return [l[0], l[1], l[2], "", "Total : 5", l[3], l[4], l[5], "Nombre de lignes : 5", ""].join(
        "\n",
      );
    },
  }),
);

// Fallback (b): declarations with declaration_origin = TAXATION_OFFICE (line 10).
const toDeclarations = shared(() =>
  load({
    "declarations.csv": (s) =>
      addColumn(`${s}A11;2023-07-01;2023-09-30;;;250.00;2023-10-31;\n`, "declaration_origin", [
        "SPONTANEE",
        "",
        "",
        "",
        "",
        "",
        "",
        "RECTIFICATIVE",
        "TAXATION_OFFICE",
      ]),
  }),
);

// LR motive map (§3.8): labels mapped to categories, unmapped ones counted; `|` lists exploded.
const motives = shared(() =>
  load({
    "contacts.csv": (s) =>
      s
        .replace("Comprendre mes cotisations;", "Comprendre mes cotisations|Autre;")
        .replace(
          "A03;2024-05-01;IN;PHONE;Appel téléphonique;Autre;",
          "A03;2024-05-01;IN;PHONE;Appel téléphonique;Radiation;",
        ),
    "lr_motive_map.csv":
      "motive_label;motive_category\nComprendre mes cotisations;Gestion du compte\nCréation d'une nouvelle activité;ASSISTANCE_COMPTE_EN_LIGNE\n",
  }),
);

describe.concurrent("TO events from each delivery form (contract §3.6)", () => {
  it("a dedicated taxations_office.csv: its clean rows, dated by notification", async () => {
    const { report, handle } = await toFile();
    expect(report.usable).toBe(true);
    const names = await rows(
      handle,
      "SELECT column_name FROM duckdb_columns() WHERE table_name = 'to_events' ORDER BY column_index",
    );
    expect(names.map((r) => r.column_name)).toEqual(TO_NAMES);
    expect(await rows(handle, TO_COLUMNS)).toEqual([
      {
        account_id: "A04",
        source: "FILE",
        to_type: "AE_PENALITE",
        period_start: "2023-12-20",
        period_end: "2024-03-31",
        missed_due_date: "2024-04-30",
        event_date: "2024-05-30",
        amount: 65,
      },
      {
        account_id: "A11",
        source: "FILE",
        to_type: "AE_TAXATION_FORFAITAIRE",
        period_start: "2023-07-01",
        period_end: "2023-09-30",
        missed_due_date: "2023-10-31",
        event_date: "2023-11-30",
        amount: 212,
      },
    ]);
  });

  it("TO file rows: #19 notification before the missed due date, #25 negative base, duplicate to_id, unknown type, #18 future notification", async () => {
    const { report } = await toFile();
    const to = (code: string) => only(report.findings, code, "taxations_office.csv");
    expect(to("EXTRACT_INVERTED_INTERVAL")).toMatchObject({
      severity: "row",
      column: "notification_date",
      count: 1,
      examples: [{ line: 4, value: "2024-01-15" }],
    });
    expect(to("EXTRACT_DUPLICATE_KEY")).toMatchObject({
      severity: "row",
      column: "to_id",
      count: 1,
      examples: [{ line: 5, value: "T2" }],
    });
    expect(to("EXTRACT_NEGATIVE_AMOUNT")).toMatchObject({
      severity: "row",
      column: "base_amount",
      count: 1,
      examples: [{ line: 6, value: "-10.00" }],
    });
    expect(to("EXTRACT_UNKNOWN_CODE")).toMatchObject({
      severity: "row",
      column: "to_type",
      count: 1,
      examples: [{ line: 7, value: "XX" }],
    });
    expect(to("EXTRACT_DATE_AFTER_EXTRACT")).toMatchObject({
      severity: "row",
      column: "notification_date",
      count: 1,
      examples: [{ line: 8, value: "2024-07-15" }],
    });
    expect(report.files.find((x) => x.file === "taxations_office.csv")).toMatchObject({
      rowsRead: 7,
      rowsKept: 2,
    });
  });

  it("fallback (a): accounting entries TO and PEN", async () => {
    const { handle } = await toEntries();
    const names = await rows(
      handle,
      "SELECT column_name FROM duckdb_columns() WHERE table_name = 'to_events' ORDER BY column_index",
    );
    expect(names.map((r) => r.column_name)).toEqual(TO_NAMES);
    expect(await toRows(handle)).toEqual([
      [
        "A04",
        "ENTRY_PEN",
        "AE_PENALITE",
        "2023-12-20",
        "2024-03-31",
        "2024-04-30",
        "2024-05-30",
        65,
      ],
      ["A04", "ENTRY_TO", null, "2023-12-20", "2024-03-31", "2024-04-30", "2024-05-30", 120],
    ]);
  });

  it("fallback (b): declarations with origin TAXATION_OFFICE, which are not filings", async () => {
    const { report, handle } = await toDeclarations();
    expect(report.usable).toBe(true);
    expect(report.files.find((x) => x.file === "declarations.csv")!.rowsKept).toBe(9);
    // The event date is the missed due date: these rows carry no notification date.
    expect(await toRows(handle)).toEqual([
      ["A11", "DECLARATION", null, "2023-07-01", "2023-09-30", "2023-10-31", "2023-10-31", 250],
    ]);
    // Still a missing declaration for the TO-risk proxy.
    expect(
      await rows(
        handle,
        "SELECT period_start FROM to_risk_events WHERE account_id = 'A11' ORDER BY 1 LIMIT 1",
      ),
    ).toEqual([{ period_start: "2023-07-01" }]);
  });

  it("one delivery, not several combined: the TO file wins over TO/PEN entries, entries over declarations", async () => {
    const both = await load({
      "taxations_office.csv": TO_FILE,
      "accounting_entries.csv": (x) =>
        `${x}A04;2023-12-20;2024-03-31;PEN;65.00;;2024-05-30;2024-04-30;AE\n`,
    });
    expect(
      (await rows(both.handle, "SELECT DISTINCT source FROM to_events")).map((r) => r.source),
    ).toEqual(["FILE"]);
    expect(
      await rows(
        both.handle,
        "SELECT count(*)::INTEGER AS n FROM to_events WHERE account_id = 'A04'",
      ),
    ).toEqual([{ n: 1 }]);
    await both.handle.close();
    const entriesAndDecl = await load({
      "accounting_entries.csv": (x) =>
        `${x}A11;2023-07-01;2023-09-30;TO;250.00;;2023-11-30;2023-10-31;AE\n`,
      "declarations.csv": (x) =>
        addColumn(`${x}A11;2023-07-01;2023-09-30;;;250.00;2023-10-31;\n`, "declaration_origin", [
          "SPONTANEE",
          "",
          "",
          "",
          "",
          "",
          "",
          "RECTIFICATIVE",
          "TAXATION_OFFICE",
        ]),
    });
    expect(await toRows(entriesAndDecl.handle)).toEqual([
      ["A11", "ENTRY_TO", null, "2023-07-01", "2023-09-30", "2023-10-31", "2023-11-30", 250],
    ]);
    await entriesAndDecl.handle.close();
  });

  it("no TO source: the view is empty", async () => {
    const { handle } = await motives();
    expect(await toRows(handle)).toEqual([]);
  });
});

describe.concurrent("LR motives and layout (contract §3.8, §8 #31)", () => {
  it("EXTRACT_UNMAPPED_MOTIVE: labels without category are counted and set to UNMAPPED", async () => {
    const { report, handle } = await motives();
    expect(only(report.findings, "EXTRACT_UNMAPPED_MOTIVE")).toMatchObject({
      severity: "warn",
      file: "contacts.csv",
      column: "motive_label",
      count: 4, // Autre (exploded from line 2), lines 4, 5; Radiation line 6
      // Every unmapped label with its count (§8 #20), and the first rows at their lines.
      values: [
        { value: "Autre", count: 3 },
        { value: "Radiation", count: 1 },
      ],
      examples: [
        { line: 2, value: "Autre" },
        { line: 4, value: "Autre" },
        { line: 5, value: "Autre" },
      ],
    });
    expect(
      await rows(
        handle,
        "SELECT account_id, motive_label, motive_category FROM contact_events ORDER BY ALL",
      ),
    ).toEqual([
      { account_id: "A01", motive_label: "Autre", motive_category: "UNMAPPED" },
      {
        account_id: "A01",
        motive_label: "Comprendre mes cotisations",
        motive_category: "GESTION_DU_COMPTE",
      },
      {
        account_id: "A02",
        motive_label: "Création d'une nouvelle activité",
        motive_category: "ASSISTANCE_COMPTE_EN_LIGNE",
      },
      { account_id: "A03", motive_label: "Radiation", motive_category: "UNMAPPED" },
      { account_id: "A04", motive_label: "Autre", motive_category: "UNMAPPED" },
      { account_id: "A08", motive_label: "Autre", motive_category: "UNMAPPED" },
    ]);
    // An exploded call is still one row read and kept.
    expect(report.files.find((x) => x.file === "contacts.csv")).toMatchObject({
      rowsRead: 5,
      rowsKept: 5,
    });
  });

  it("#31 rows of empty fields (Excel's empty rows) are ignored and counted, later lines stay physical", async () => {
    const { report, handle } = await load({
      "declarations.csv": (s) => {
        const l = s.split("\n");
        l.splice(3, 0, ";;;;;;;", " ; ;;;;;;"); // lines 4 and 5
        l[6] = l[6]!.replace("2024-05-10", "2024-02-30"); // A03's filing date, now on line 7
        return l.join("\n");
      },
    });
    expect(only(report.findings, "EXTRACT_BLANK_ROW", "declarations.csv")).toMatchObject({
      severity: "info",
      count: 2,
      examples: [{ line: 4 }, { line: 5 }],
    });
    // No missing value raised for the blank rows: the one left is the bad date's row (line 7).
    expect(
      report.findings
        .filter((x) => x.file === "declarations.csv" && x.code === "EXTRACT_MISSING_VALUE")
        .flatMap((x) => x.examples.map((e) => e.line)),
    ).toEqual([7]);
    expect(only(report.findings, "EXTRACT_BAD_DATE", "declarations.csv")).toMatchObject({
      column: "declaration_date",
      examples: [{ line: 7, value: "2024-02-30" }],
    });
    expect(report.files.find((x) => x.file === "declarations.csv")).toMatchObject({
      rowsRead: 8,
      rowsKept: 7,
    });
    await handle.close();
  });

  it("#31 blank lines and trailing separators ignored; a footer on the last line is info, a stray total is ragged", async () => {
    const { report } = await toEntries();
    expect(report.usable).toBe(true);
    // The basic fixture's own warnings only; the empty last header is not an extra column.
    expect(
      report.findings
        .filter((x) => x.file === "accounts.csv" && x.code !== "EXTRACT_OPTIONAL_COLUMN_MISSING")
        .map((x) => x.code),
    ).toEqual(["EXTRACT_SEPARATOR", "EXTRACT_DEPARTEMENT_VARIANT", "EXTRACT_NO_PERIODICITY"]);
    expect(only(report.findings, "EXTRACT_FOOTER_LINE")).toMatchObject({
      severity: "info",
      file: "contacts.csv",
      count: 1,
      examples: [{ line: 9, value: "Nombre de lignes : 5" }],
    });
    expect(only(report.findings, "EXTRACT_RAGGED_ROW")).toMatchObject({
      severity: "row",
      file: "contacts.csv",
      count: 1,
      examples: [{ line: 5, value: "1 fields", expected: '7 fields separated by ";"' }],
    });
    // Records after the blank line and the ragged one keep their physical lines.
    expect(only(report.findings, "EXTRACT_BAD_DATE", "contacts.csv")).toMatchObject({
      severity: "row",
      column: "contact_date",
      count: 1,
      examples: [{ line: 7, value: "2023-02-30" }],
    });
    expect(report.files.find((x) => x.file === "contacts.csv")).toMatchObject({
      rowsRead: 6,
      rowsKept: 4,
      excludedByCode: { EXTRACT_BAD_DATE: 1, EXTRACT_RAGGED_ROW: 1 },
    });
  });
});
