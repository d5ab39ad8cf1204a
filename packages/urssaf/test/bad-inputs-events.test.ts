import { afterAll, describe, expect, it } from "vitest";
import type { ExtractHandle } from "../src/index.js";
import { addColumn, closeShared, load, only, rows, shared } from "./bad-input-helpers.js";

afterAll(closeShared);

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
      s.replace("Comprendre mes cotisations;", "Comprendre mes cotisations|Autre;"),
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
      count: 4, // Autre (exploded from line 2), lines 4, 5, 6
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
      { account_id: "A03", motive_label: "Autre", motive_category: "UNMAPPED" },
      { account_id: "A04", motive_label: "Autre", motive_category: "UNMAPPED" },
      { account_id: "A08", motive_label: "Autre", motive_category: "UNMAPPED" },
    ]);
    // An exploded call is still one row read and kept.
    expect(report.files.find((x) => x.file === "contacts.csv")).toMatchObject({
      rowsRead: 5,
      rowsKept: 5,
    });
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
