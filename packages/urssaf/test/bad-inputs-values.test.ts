import { afterAll, describe, expect, it } from "vitest";
import { formatReport } from "../src/index.js";
import { addColumn, closeShared, load, none, only, rows, shared } from "./bad-input-helpers.js";

afterAll(closeShared);

// Accounts appended to the basic fixture (13 accounts, lines 2–14): one value problem per row,
// on lines 15–30. Each test below reads the findings of its own rows.
const ACCOUNTS_EXTRA = [
  "B01;AE;2023-02-01;2023-02-06;1990-01-01; F ;34;53.20Z;M;;", // 15 spaces; dotted APE
  "B02;AE;2023-02-01;2023-02-06;1990-01-01;M;34\u00A0;5320;M;;", // 16 NBSP; APE without letter
  "B03;AE;2023-02-01;2023-02-06;1990-01-01;M;2a;642A;M;;", // 17 variant 2a; NAF rév. 1
  "B04;AE;2023-02-01;2023-02-06;1990-01-01;M;2C;00.00Z;M;;", // 18 invalid; placeholder
  "B05;AE;2023-02-01;2023-02-06;1990-01-01;M;975;9999Z;M;;", // 19 unmapped; placeholder
  "B06;AE;2023-02-01;2023-02-06;1990-01-01;M;20;5320z;M;;", // 20 legacy Corse; lower case
  "B07;AE;2023-02-01;2023-02-06;1990-01-01;X;100;5320Z;Q;;", // 21 unknown sex, periodicity
  "B08;AE;10/02/2023;2023-02-06;1990-01-01;M;34;5320Z;M;NA;", // 22 DD/MM/YYYY; NA
  "B09;AE;20230201;2023-02-06;1990-01;M;34;5320Z;M;;", // 23 YYYYMMDD; YYYY-MM birth
  "B10;AE;01/02/23;2023-02-06;1990-01-01;M;34;5320Z;M;;32/01/2023", // 24 2-digit year; bad optional
  "B11;AE;2023-02-01 08:30;2023-02-06;1990-01-01;M;34;5320Z;M;2023-02-06;9999-12-31", // 25
  "B12;AE;2023-02-01;;1990-01-01;M;34;5320Z;M;;", // 26 empty required
  "B13;AE;2023-02-01;NULL;1990-01-01;M;34;5320Z;M;;", // 27 null word in a required column
  "B14;AE;2023-02-01;2023-02-06;1990-01-01;M;34;5320Z;M;;1899-12-31", // 28 before 1900
  "B15;AE;2023-02-01;45000;1990-01-01;M;34;5320Z;M;;", // 29 Excel serial
  "B16;AE;2023-02-01;12/31/2023;1990-01-01;M;34;5320Z;M;;", // 30 MM/DD is never read
];
const SECRET = "SECRET-DUPONT-Jean";

const values = shared(() =>
  load({
    // A supplied region that disagrees with the département (A01, line 2) or agrees (A02, line 3).
    "accounts.csv": (s) =>
      addColumn(`${s}${ACCOUNTS_EXTRA.join("\n")}\n`, "urssaf_region", [
        "BRETAGNE",
        "ILE_DE_FRANCE",
      ]),
    "declarations.csv": (s) =>
      s
        .replace("1250.00;265.00", "1 250,00;265,00 €") // line 2
        .replace("900.00;190.80", "900,00;190,80") // line 3
        .replace("1000.00;200.00", "1.000,00;200.00") // line 4
        .replace("400.00;80.00", "400 €;abc") // line 6
        .replace("250;50.00", "250;-50.00"), // line 9
    "accounting_entries.csv": (s) =>
      s
        .replace("A01;2023-01-10;2023-04-30;CAF;265.00", "A01;2023-01-10;2023-04-30;CAF;-265.00") // 3
        .replace("A02;2023-03-06;2023-06-30;CAF;100.00", "A02;2023-03-06;2023-06-30;CAF;1.0E2") // 5
        .replace("A03;2023-11-15;2024-03-31;CAF;150.00", "A03;2023-11-15;2024-03-31;CAF;abc") // 7
        .replace("A12;2023-05-01;2023-05-31;DC;50.00", "A12;2023-05-01;2023-05-31;DC;-50.00"), // 16
    "contacts.csv": (s) =>
      `${s
        .replace(/(\d{4})-(\d{2})-(\d{2})/g, "$3/$2/$1")
        .replace("A01;", "A01\u200B;") // line 2
        .replace("EMAIL;Mail entrant;Autre;", `FAX;Mail entrant;${SECRET};`) // line 4
        .replace("A08;01/04/2023;IN", "A08;01/04/2023;X") // line 5
        .replace(/(A03;.*;Autre;)$/m, "$1AUTRE_CAT")}A02;01/08/2023;IN;PHONE;${SECRET}\n`, // 6, 7
  }),
);

// The same Excel serial date, read when the option allows it; a signed-amount extract.
const options = shared(() =>
  load(
    {
      "manifest.json": (s) => s.replace('"magnitude"', '"signed"'),
      "accounts.csv": (s) => `${s}${ACCOUNTS_EXTRA[14]}\n`,
      "accounting_entries.csv": (s) =>
        s.replace("A01;2023-01-10;2023-04-30;CAF;265.00", "A01;2023-01-10;2023-04-30;CAF;-265.00"),
    },
    { acceptExcelSerialDates: true },
  ),
);

const unit = async (id: string, cols: string): Promise<Record<string, unknown>> =>
  (await rows((await values()).handle, `SELECT ${cols} FROM units WHERE account_id = '${id}'`))[0]!;

describe.concurrent("bad inputs §8: values", () => {
  it("counts kept and excluded rows per file and code", async () => {
    const { report } = await values();
    expect(report.usable).toBe(true);
    expect(report.files).toMatchObject([
      {
        file: "accounts.csv",
        rowsRead: 29,
        rowsKept: 24,
        excludedByCode: {
          EXTRACT_BAD_DATE: 2,
          EXTRACT_DATE_TOO_OLD: 1,
          EXTRACT_MISSING_VALUE: 2,
        },
      },
      { file: "declarations.csv", rowsRead: 8, rowsKept: 7 },
      { file: "accounting_entries.csv", rowsRead: 16, rowsKept: 13 },
      { file: "contacts.csv", rowsRead: 6, rowsKept: 3 },
    ]);
    expect(report.files.map((f) => f.excludedByCode)).toEqual([
      { EXTRACT_BAD_DATE: 2, EXTRACT_DATE_TOO_OLD: 1, EXTRACT_MISSING_VALUE: 2 },
      { EXTRACT_NEGATIVE_AMOUNT: 1 },
      { EXTRACT_BAD_NUMBER: 2, EXTRACT_NEGATIVE_AMOUNT: 1 },
      { EXTRACT_RAGGED_ROW: 1, EXTRACT_UNKNOWN_CODE: 2 },
    ]);
  });

  it("#11 decimal comma, thousands separators and € coerced, warned once per column", async () => {
    const { report, handle } = await values();
    expect(
      only(report.findings, "EXTRACT_DECIMAL_COMMA", "declarations.csv", "declared_turnover"),
    ).toMatchObject({
      severity: "warn",
      count: 4,
      examples: [
        { line: 2, column: "declared_turnover", value: "1 250,00" },
        { line: 3, column: "declared_turnover", value: "900,00" },
        { line: 4, column: "declared_turnover", value: "1.000,00" },
      ],
    });
    expect(
      only(report.findings, "EXTRACT_DECIMAL_COMMA", "declarations.csv", "computed_contribution"),
    ).toMatchObject({
      severity: "warn",
      count: 2,
      examples: [
        { line: 2, value: "265,00 €" },
        { line: 3, value: "190,80" },
      ],
    });
    expect(
      await rows(
        handle,
        "SELECT account_id, declared_turnover AS t, computed_contribution AS c FROM declarations WHERE account_id IN ('A01', 'A02', 'A06') ORDER BY account_id, period_start",
      ),
    ).toEqual([
      { account_id: "A01", t: 1250, c: 265 },
      { account_id: "A01", t: 900, c: 190.8 },
      { account_id: "A02", t: 1000, c: 200 },
      { account_id: "A06", t: 400, c: null },
    ]);
  });

  it("EXTRACT_BAD_NUMBER: scientific notation or text in a required amount is a row error, null + warn in an optional one", async () => {
    const { report } = await values();
    expect(
      only(report.findings, "EXTRACT_BAD_NUMBER", "accounting_entries.csv", "amount"),
    ).toMatchObject({
      severity: "row",
      count: 2,
      examples: [
        { line: 5, column: "amount", value: "1.0E2" },
        { line: 7, column: "amount", value: "abc" },
      ],
    });
    expect(
      only(report.findings, "EXTRACT_BAD_NUMBER", "declarations.csv", "computed_contribution"),
    ).toMatchObject({ severity: "warn", count: 1, examples: [{ line: 6, value: "abc" }] });
  });

  it("#25 negative amounts: row errors on a contribution and a non-DC entry; a DC credit is allowed", async () => {
    const { report, handle } = await values();
    expect(
      only(report.findings, "EXTRACT_NEGATIVE_AMOUNT", "declarations.csv", "computed_contribution"),
    ).toMatchObject({
      severity: "row",
      count: 1,
      examples: [{ line: 9, column: "computed_contribution", value: "-50.00" }],
    });
    expect(
      only(report.findings, "EXTRACT_NEGATIVE_AMOUNT", "accounting_entries.csv", "amount"),
    ).toMatchObject({
      severity: "row",
      count: 1,
      examples: [{ line: 3, column: "amount", value: "-265.00" }],
    });
    expect(
      await rows(
        handle,
        "SELECT operation_code, amount FROM accounting_entries WHERE account_id = 'A12' AND period_start = DATE '2023-05-01' ORDER BY 1",
      ),
    ).toEqual([
      { operation_code: "CAF", amount: 50 },
      { operation_code: "DC", amount: -50 },
    ]);
  });

  it("#25 signed convention: a negative credit is normalised, not an error", async () => {
    const { report, handle } = await options();
    expect(none(report.findings, "EXTRACT_NEGATIVE_AMOUNT")).toBe(true);
    expect(
      await rows(
        handle,
        "SELECT amount FROM accounting_entries WHERE account_id = 'A01' AND operation_code = 'CAF'",
      ),
    ).toEqual([{ amount: 265 }]);
  });

  it("#13 unparseable dates: row error in a required column (serials, MM/DD), null + warn in an optional one", async () => {
    const { report } = await values();
    expect(
      only(report.findings, "EXTRACT_BAD_DATE", "accounts.csv", "activity_start_date"),
    ).toMatchObject({
      severity: "row",
      count: 2,
      examples: [
        { line: 29, column: "activity_start_date", value: "45000" },
        { line: 30, column: "activity_start_date", value: "12/31/2023" },
      ],
    });
    expect(
      only(report.findings, "EXTRACT_BAD_DATE", "accounts.csv", "acre_end_date"),
    ).toMatchObject({
      severity: "warn",
      count: 1,
      examples: [{ line: 24, column: "acre_end_date", value: "32/01/2023" }],
    });
    expect(await unit("B10", "acre_end_date")).toEqual({ acre_end_date: null });
    expect(await unit("B15", "account_id")).toBeUndefined();
  });

  it("#14 mixed date formats are listed; #15 two-digit years, date-times and serial dates", async () => {
    const { report } = await values();
    expect(
      only(report.findings, "EXTRACT_MIXED_DATE_FORMATS", "accounts.csv", "registration_date"),
    ).toMatchObject({
      severity: "warn",
      count: 4,
      message:
        "date formats in registration_date: YYYY-MM-DD (25), DD/MM/YY (1), DD/MM/YYYY (1), YYYY-MM-DD HH:MM (1), YYYYMMDD (1)",
    });
    expect(only(report.findings, "EXTRACT_TWO_DIGIT_YEAR")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "registration_date",
      count: 1,
      examples: [{ line: 24, column: "registration_date", value: "01/02/23" }],
    });
    for (const id of ["B08", "B09", "B10", "B11"])
      expect(await unit(id, "registration_date")).toEqual({
        registration_date: id === "B08" ? "2023-02-10" : "2023-02-01",
      });
    // A serial date is a bad date unless acceptExcelSerialDates: 45000 = 2023-03-15.
    const { report: r2, handle } = await options();
    expect(none(r2.findings, "EXTRACT_BAD_DATE")).toBe(true);
    expect(
      only(r2.findings, "EXTRACT_MIXED_DATE_FORMATS", "accounts.csv", "activity_start_date")
        .message,
    ).toBe("date formats in activity_start_date: YYYY-MM-DD (13), EXCEL_SERIAL (1)");
    expect(
      await rows(handle, "SELECT activity_start_date FROM units WHERE account_id = 'B15'"),
    ).toEqual([{ activity_start_date: "2023-03-15" }]);
  });

  it("EXTRACT_DATE_FORMAT: one non-canonical format in a column is info", async () => {
    const { report } = await values();
    expect(only(report.findings, "EXTRACT_DATE_FORMAT")).toMatchObject({
      severity: "info",
      file: "contacts.csv",
      column: "contact_date",
      count: 5, // the ragged line 7 is not a record
      message: "date formats in contact_date: DD/MM/YYYY (5)",
    });
  });

  it("#16 sentinel dates become null with a warning", async () => {
    const { report } = await values();
    expect(only(report.findings, "EXTRACT_SENTINEL_DATE")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "acre_end_date",
      count: 1,
      examples: [{ line: 25, column: "acre_end_date", value: "9999-12-31" }],
    });
    expect(await unit("B11", "acre_start_date, acre_end_date")).toEqual({
      acre_start_date: "2023-02-06",
      acre_end_date: null,
    });
  });

  it("EXTRACT_DATE_TOO_OLD, EXTRACT_MISSING_VALUE, EXTRACT_NULL_VARIANT, EXTRACT_PARTIAL_BIRTH_DATE", async () => {
    const { report } = await values();
    expect(only(report.findings, "EXTRACT_DATE_TOO_OLD")).toMatchObject({
      severity: "row",
      file: "accounts.csv",
      column: "acre_end_date",
      count: 1,
      examples: [{ line: 28, value: "1899-12-31" }],
    });
    expect(only(report.findings, "EXTRACT_MISSING_VALUE")).toMatchObject({
      severity: "row",
      file: "accounts.csv",
      column: "activity_start_date",
      count: 2,
      examples: [
        { line: 26, value: "" },
        { line: 27, value: "NULL" },
      ],
    });
    expect(only(report.findings, "EXTRACT_NULL_VARIANT")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "acre_start_date",
      count: 1,
      examples: [{ line: 22, value: "NA" }],
    });
    expect(await unit("B08", "acre_start_date, acre")).toEqual({
      acre_start_date: null,
      acre: false,
    });
    expect(only(report.findings, "EXTRACT_PARTIAL_BIRTH_DATE")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "birth_date",
      count: 1,
      examples: [{ line: 23, value: "1990-01" }],
    });
    expect(await unit("B09", "birth_date")).toEqual({ birth_date: "1990-01-15" });
  });

  it("#20 unknown codes: row error in required enums, UNMAPPED/OTHER + warn in the others", async () => {
    const { report, handle } = await values();
    const unknown = (file: string, column: string) =>
      only(report.findings, "EXTRACT_UNKNOWN_CODE", file, column);
    expect(unknown("contacts.csv", "channel")).toMatchObject({
      severity: "row",
      count: 1,
      examples: [{ line: 4, value: "FAX", expected: expect.stringContaining("PHONE") }],
    });
    expect(unknown("contacts.csv", "direction")).toMatchObject({
      severity: "row",
      count: 1,
      examples: [{ line: 5, value: "X" }],
    });
    expect(unknown("contacts.csv", "motive_category")).toMatchObject({
      severity: "warn",
      count: 1,
      examples: [{ line: 6, value: "AUTRE_CAT" }],
    });
    expect(unknown("accounts.csv", "sex")).toMatchObject({
      severity: "warn",
      count: 1,
      examples: [{ line: 21, value: "X" }],
    });
    expect(unknown("accounts.csv", "declaration_periodicity")).toMatchObject({
      severity: "warn",
      count: 1,
      examples: [{ line: 21, value: "Q" }],
    });
    expect(await unit("B07", "sex")).toEqual({ sex: "UNMAPPED" });
    expect(
      await rows(handle, "SELECT motive_category FROM contacts WHERE account_id = 'A03'"),
    ).toEqual([{ motive_category: "UNMAPPED" }]);
  });

  it("#28 EXTRACT_NO_PERIODICITY: an AE with none or an unknown one; the periodicity is inferred or defaulted", async () => {
    const { report } = await values();
    expect(only(report.findings, "EXTRACT_NO_PERIODICITY")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "declaration_periodicity",
      count: 2,
      examples: [
        { line: 12, value: "" },
        { line: 21, value: "Q" },
      ],
    });
    expect(await unit("A11", "declaration_periodicity, periodicity_source")).toEqual({
      declaration_periodicity: "T",
      periodicity_source: "INFERRED",
    });
    expect(await unit("B07", "declaration_periodicity, periodicity_source")).toEqual({
      declaration_periodicity: "M",
      periodicity_source: "DEFAULT",
    });
  });

  it("#21 départements: variants coerced with a warning, invalid ones kept with a null region, unmapped ones warned", async () => {
    const { report } = await values();
    expect(only(report.findings, "EXTRACT_DEPARTEMENT_VARIANT")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "departement",
      count: 4, // 1, 69M (basic fixture), 2a, 20
      examples: [
        { line: 5, value: "1" },
        { line: 6, value: "69M" },
        { line: 17, value: "2a" },
      ],
    });
    expect(only(report.findings, "EXTRACT_BAD_DEPARTEMENT")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "departement",
      count: 2,
      examples: [
        { line: 18, value: "2C" },
        { line: 21, value: "100" },
      ],
    });
    expect(only(report.findings, "EXTRACT_UNMAPPED_DEPARTEMENT")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "departement",
      count: 1,
      examples: [{ line: 19, value: "975" }],
    });
    const regions = await rows(
      (await values()).handle,
      "SELECT account_id, departement, urssaf_region FROM units WHERE account_id BETWEEN 'B02' AND 'B07' ORDER BY 1",
    );
    expect(regions).toEqual([
      { account_id: "B02", departement: "34", urssaf_region: "LANGUEDOC_ROUSSILLON" },
      { account_id: "B03", departement: "2A", urssaf_region: "CORSE" },
      { account_id: "B04", departement: null, urssaf_region: null },
      { account_id: "B05", departement: "975", urssaf_region: null },
      { account_id: "B06", departement: "20", urssaf_region: "CORSE" },
      { account_id: "B07", departement: null, urssaf_region: null },
    ]);
  });

  it("EXTRACT_REGION_MISMATCH: a supplied region that disagrees with the département warns; the département wins", async () => {
    const { report, handle } = await values();
    expect(only(report.findings, "EXTRACT_REGION_MISMATCH")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "urssaf_region",
      count: 1,
      examples: [{ line: 2, column: "urssaf_region", value: "BRETAGNE" }],
    });
    expect(
      await rows(
        handle,
        "SELECT account_id, urssaf_region FROM units WHERE account_id IN ('A01', 'A02') ORDER BY 1",
      ),
    ).toEqual([
      { account_id: "A01", urssaf_region: "LANGUEDOC_ROUSSILLON" },
      { account_id: "A02", urssaf_region: "ILE_DE_FRANCE" },
    ]);
  });

  it("#22 APE codes: dotted and lower case coerced; no letter warns but keeps the division; rév. 1 and placeholders give none", async () => {
    const { report } = await values();
    expect(only(report.findings, "EXTRACT_BAD_APE")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "ape_code",
      count: 4,
      examples: [
        { line: 16, value: "5320" },
        { line: 17, value: "642A" },
        { line: 18, value: "00.00Z" },
      ],
    });
    const naf = await rows(
      (await values()).handle,
      "SELECT account_id, ape_code, naf_division FROM units WHERE account_id BETWEEN 'B01' AND 'B06' ORDER BY 1",
    );
    expect(naf).toEqual([
      { account_id: "B01", ape_code: "5320Z", naf_division: "53" },
      { account_id: "B02", ape_code: "5320", naf_division: "53" },
      { account_id: "B03", ape_code: "642A", naf_division: null },
      { account_id: "B04", ape_code: "0000Z", naf_division: null },
      { account_id: "B05", ape_code: "9999Z", naf_division: null },
      { account_id: "B06", ape_code: "5320Z", naf_division: "53" },
    ]);
  });

  it("#33 whitespace and invisible characters are removed and counted", async () => {
    const { report, handle } = await values();
    expect(only(report.findings, "EXTRACT_WHITESPACE", "accounts.csv")).toMatchObject({
      severity: "info",
      count: 2, // " F " and "34<NBSP>"
    });
    expect(only(report.findings, "EXTRACT_WHITESPACE", "contacts.csv")).toMatchObject({
      severity: "info",
      count: 1, // "A01<ZWSP>"
    });
    expect(await unit("B01", "sex")).toEqual({ sex: "F" });
    expect(
      await rows(handle, "SELECT count(*)::INTEGER AS n FROM contacts WHERE account_id = 'A01'"),
    ).toEqual([{ n: 1 }]);
  });

  it("#30 a short row is a row error at its physical line", async () => {
    const { report } = await values();
    expect(only(report.findings, "EXTRACT_RAGGED_ROW")).toMatchObject({
      severity: "row",
      file: "contacts.csv",
      count: 1,
      examples: [{ line: 7, expected: '7 fields separated by ";"' }],
    });
  });

  it("#37 no message or example echoes more than the offending cell", async () => {
    const { report } = await values();
    // The secret sits next to a bad channel (line 4) and in a ragged row (line 7).
    expect(JSON.stringify(report.findings)).not.toContain("SECRET");
    expect(formatReport(report)).not.toContain("SECRET");
    // Every example value is one cell: never a field separator in it.
    for (const f of report.findings.filter((x) => x.code !== "EXTRACT_SEPARATOR"))
      for (const e of f.examples) expect(e.value ?? "", f.code).not.toContain(";");
  });
});

// French-export details: € after a no-break space, scientific notation in an optional amount,
// and a rejected date that must not count as a date format (one load, its own rows).
const details = shared(() =>
  load({
    "declarations.csv": (s) =>
      s
        .replace(
          "A03;2023-11-15;2024-03-31;2024-05-10;500.00;",
          "A03;2023-11-15;2024-03-31;2024-05-10;500\u00a0€;",
        )
        .replace(
          "A06;2023-11-15;2024-02-29;2024-03-20;400.00;80.00;",
          "A06;2023-11-15;2024-02-29;2024-03-20;400.00;1.2E3;",
        ),
    "accounts.csv": (s) =>
      s.replace("A13;AE;2023-05-05;2023-05-10", "A13;AE;2023-05-05;12/31/2023"),
  }),
);

describe.concurrent("bad inputs §2/§8: French-export details", () => {
  it("#11 '500 €' with a no-break space before € is 500 with a decimal-form warning", async () => {
    const { report, handle } = await details();
    expect(
      only(report.findings, "EXTRACT_DECIMAL_COMMA", "declarations.csv", "declared_turnover"),
    ).toMatchObject({
      severity: "warn",
      count: 1,
      examples: [{ line: 5, value: "500\u00a0€" }],
    });
    expect(
      await rows(handle, "SELECT declared_turnover FROM declarations WHERE account_id = 'A03'"),
    ).toEqual([{ declared_turnover: 500 }]);
  });
  it("§2 scientific notation is a row error even in an optional amount", async () => {
    const { report } = await details();
    expect(
      only(report.findings, "EXTRACT_BAD_NUMBER", "declarations.csv", "computed_contribution"),
    ).toMatchObject({ severity: "row", count: 1, examples: [{ line: 6, value: "1.2E3" }] });
  });
  it("#13/#14 a rejected date is a BAD_DATE row error, not a date format of its column", async () => {
    const { report } = await details();
    expect(
      only(report.findings, "EXTRACT_BAD_DATE", "accounts.csv", "activity_start_date"),
    ).toMatchObject({
      severity: "row",
      examples: [{ line: 14, value: "12/31/2023" }],
    });
    expect(
      none(report.findings, "EXTRACT_MIXED_DATE_FORMATS", "accounts.csv", "activity_start_date"),
    ).toBe(true);
    expect(
      none(report.findings, "EXTRACT_DATE_FORMAT", "accounts.csv", "activity_start_date"),
    ).toBe(true);
  });
});
