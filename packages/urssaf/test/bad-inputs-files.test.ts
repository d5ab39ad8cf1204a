import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analysisDisabledReason, buildCohort, disabledAnalysisFindings } from "../src/index.js";
import { addColumn, dropColumns, load, none, only, reportOf, rows } from "./bad-input-helpers.js";
import { BASIC } from "./helpers.js";

const basic = (name: string): string => readFileSync(join(BASIC, name), "utf8");
const MANIFEST = JSON.parse(basic("manifest.json")) as Record<string, unknown>;
const manifest = (patch: Record<string, unknown>, drop: string[] = []): string => {
  const m: Record<string, unknown> = { ...MANIFEST, ...patch };
  for (const k of drop) delete m[k];
  return JSON.stringify(m, null, 2);
};

// Contract §8, file-level cases: missing, empty or damaged files, headers, encodings,
// separators and manifests. Lines are physical lines (header = line 1).
describe.concurrent("bad inputs §8: files, headers, encodings", () => {
  it("#1 accounts.csv missing: fatal EXTRACT_MISSING_FILE, no cohort", async () => {
    const { report, handle } = await load({}, {}, ["accounts.csv"]);
    expect(only(report.findings, "EXTRACT_MISSING_FILE")).toMatchObject({
      severity: "fatal",
      file: "accounts.csv",
      count: 1,
      examples: [],
    });
    expect(report.usable).toBe(false);
    await expect(buildCohort(handle, "N1")).rejects.toMatchObject({
      code: "EXTRACT_NOT_USABLE",
      file: "accounts.csv",
    });
    await handle.close();
  });

  it("#1 manifest.json missing: fatal EXTRACT_MISSING_FILE", async () => {
    const report = await reportOf({}, {}, ["manifest.json"]);
    expect(only(report.findings, "EXTRACT_MISSING_FILE")).toMatchObject({
      severity: "fatal",
      file: "manifest.json",
      count: 1,
    });
    expect(report.usable).toBe(false);
    expect(report.files.find((f) => f.file === "accounts.csv")!.rowsKept).toBeUndefined();
  });

  it("EXTRACT_BAD_MANIFEST: a missing key, non-dates, a string boolean, an inverted window: fatal, one finding each", async () => {
    const report = await reportOf({
      "manifest.json": manifest(
        {
          registration_from: "01/01/2023",
          registration_to: "2024-02-30", // not a calendar date (used to crash the loader)
          payments_usable: "false", // a string would read as true
        },
        ["extract_date"],
      ),
    });
    const bad = report.findings.filter((f) => f.code === "EXTRACT_BAD_MANIFEST");
    expect(bad.map((f) => [f.severity, f.file, f.column, f.examples[0]?.value])).toEqual([
      ["fatal", "manifest.json", "extract_date", undefined],
      ["fatal", "manifest.json", "registration_from", "01/01/2023"],
      ["fatal", "manifest.json", "registration_to", "2024-02-30"],
      ["fatal", "manifest.json", "payments_usable", "false"],
    ]);
    expect(bad.map((f) => f.message)).toEqual([
      'missing key "extract_date"',
      '"registration_from" must be a date YYYY-MM-DD',
      '"registration_to" must be a date YYYY-MM-DD',
      '"payments_usable" must be true or false',
    ]);
    expect(report.usable).toBe(false);
    const window = await reportOf({
      "manifest.json": manifest({ registration_from: "2024-07-01", extract_date: "2024-02-30" }),
    });
    expect(
      window.findings.filter((f) => f.code === "EXTRACT_BAD_MANIFEST").map((f) => f.message),
    ).toEqual([
      '"extract_date" must be a date YYYY-MM-DD',
      '"registration_from" must not be after "registration_to"',
    ]);
  });

  it("EXTRACT_BAD_MANIFEST: invalid JSON; regional scope without urssaf_region", async () => {
    const [json, regional, notObject] = await Promise.all([
      reportOf({ "manifest.json": '{"scope": "national",' }),
      reportOf({ "manifest.json": manifest({ scope: "regional" }) }),
      reportOf({ "manifest.json": "null" }),
    ]);
    expect(only(notObject.findings, "EXTRACT_BAD_MANIFEST")).toMatchObject({
      severity: "fatal",
      message: "manifest.json must hold a JSON object",
    });
    expect(only(json.findings, "EXTRACT_BAD_MANIFEST")).toMatchObject({
      severity: "fatal",
      file: "manifest.json",
      count: 1,
    });
    expect(json.usable).toBe(false);
    expect(only(regional.findings, "EXTRACT_BAD_MANIFEST")).toMatchObject({
      severity: "fatal",
      column: "urssaf_region",
      message: 'missing key "urssaf_region" (required when scope is regional)',
    });
    expect(regional.usable).toBe(false);
  });

  it("#2 contacts.csv missing: info, and the analyses that need it are disabled with a reason", async () => {
    const { report, handle } = await load(
      { "manifest.json": manifest({ payments_usable: false }) },
      {},
      ["contacts.csv"],
    );
    expect(only(report.findings, "EXTRACT_OPTIONAL_FILE_MISSING", "contacts.csv")).toMatchObject({
      severity: "info",
      count: 1,
    });
    expect(report.usable).toBe(true);
    expect(analysisDisabledReason(handle, "N1")).toBe("contacts.csv is absent");
    expect(analysisDisabledReason(handle, "N3")).toBe("contacts.csv is absent");
    expect(analysisDisabledReason(handle, "N2")).toBe("the manifest says payments are not usable");
    expect(analysisDisabledReason(handle, "R2")).toBe(
      "the extract has no outbound contacts (manifest)",
    );
    expect(analysisDisabledReason(handle, "MP")).toBeUndefined();
    expect(disabledAnalysisFindings(handle).map((f) => [f.severity, f.message])).toEqual([
      ["info", "analysis N1 is disabled: contacts.csv is absent"],
      ["info", "analysis N2 is disabled: the manifest says payments are not usable"],
      ["info", "analysis N3 is disabled: contacts.csv is absent"],
      ...[
        "R2",
        "R3_ASSISTANCE_COMPTE_EN_LIGNE",
        "R3_GESTION_DU_COMPTE",
        "R3_RELATION_USAGERS",
        "R4",
      ].map((id) => [
        "info",
        `analysis ${id} is disabled: the extract has no outbound contacts (manifest)`,
      ]),
    ]);
    await expect(buildCohort(handle, "N1")).rejects.toMatchObject({
      code: "ANALYSIS_DISABLED",
      message: "analysis N1 is disabled: contacts.csv is absent",
    });
    await expect(buildCohort(handle, "N2")).rejects.toMatchObject({ code: "ANALYSIS_DISABLED" });
    // Never run on empty data: the event view exists and is empty.
    expect(await rows(handle, "SELECT count(*) AS n FROM contact_events")).toEqual([{ n: "0" }]);
    expect((await buildCohort(handle, "MP")).nInput).toBe(13);
    await handle.close();
  });

  it("#2 declarations and entries missing: N1 and N2 disabled, N3 runs", async () => {
    const { report, handle } = await load({}, {}, ["declarations.csv", "accounting_entries.csv"]);
    expect(
      report.findings
        .filter((f) => f.code === "EXTRACT_OPTIONAL_FILE_MISSING")
        .map((f) => [f.severity, f.file]),
    ).toEqual([
      ["info", "declarations.csv"],
      ["info", "accounting_entries.csv"],
      ["info", "taxations_office.csv"],
      ["info", "watt_cases.csv"],
      ["info", "lr_motive_map.csv"],
    ]);
    expect(analysisDisabledReason(handle, "N1")).toBe("declarations.csv is absent");
    expect(analysisDisabledReason(handle, "N2")).toBe("accounting_entries.csv is absent");
    expect(analysisDisabledReason(handle, "N3")).toBeUndefined();
    await expect(buildCohort(handle, "N1")).rejects.toMatchObject({
      code: "ANALYSIS_DISABLED",
      message: "analysis N1 is disabled: declarations.csv is absent",
    });
    expect((await buildCohort(handle, "N3")).nInput).toBe(13);
    await handle.close();
  });

  it("#3 required column missing: fatal at line 1 with the expected name, aliases and closest header", async () => {
    const { report, handle } = await load({
      "accounts.csv": (s) => s.replace("activity_start_date", "activity_strt_date"),
    });
    expect(only(report.findings, "EXTRACT_MISSING_COLUMN")).toMatchObject({
      severity: "fatal",
      file: "accounts.csv",
      column: "activity_start_date",
      count: 1,
      examples: [
        {
          line: 1,
          column: "activity_start_date",
          value: "closest header: activity_strt_date",
          expected:
            "activity_start_date or an alias: date_de_debut_d_activite, date_debut_activite",
        },
      ],
    });
    expect(report.usable).toBe(false);
    await expect(buildCohort(handle, "N1")).rejects.toMatchObject({
      code: "EXTRACT_NOT_USABLE",
      file: "accounts.csv",
      line: 1,
      column: "activity_start_date",
    });
    await handle.close();
  });

  it("#4/#5 optional columns missing disable their steps with a reason; extra columns are ignored", async () => {
    const { report, handle } = await load({
      "manifest.json": manifest({
        scope: "regional",
        urssaf_region: "LANGUEDOC_ROUSSILLON",
        contacts_outbound_available: true,
      }),
      "accounts.csv": (s) =>
        dropColumns(s, [
          "registration_date",
          "acre_start_date",
          "acre_end_date",
          "declaration_periodicity",
        ]),
      "contacts.csv": (s) =>
        addColumn(dropColumns(s, ["motive_category"]), "Commentaire libre", ["x"]),
    });
    expect(report.usable).toBe(true);
    const missing = report.findings.filter((f) => f.code === "EXTRACT_OPTIONAL_COLUMN_MISSING");
    for (const [file, column] of [
      ["accounts.csv", "registration_date"], // required in national extracts only
      ["accounts.csv", "acre_start_date"],
      ["accounts.csv", "acre_end_date"],
      ["accounts.csv", "declaration_periodicity"],
      ["contacts.csv", "motive_category"],
    ])
      expect(missing.find((f) => f.file === file && f.column === column)).toMatchObject({
        severity: "info",
        count: 1,
      });
    expect(only(report.findings, "EXTRACT_EXTRA_COLUMN")).toMatchObject({
      severity: "info",
      file: "contacts.csv",
      column: "commentaire_libre",
      count: 1,
      message: 'unknown column "Commentaire libre" ignored',
    });
    const cols = await rows(
      handle,
      "SELECT column_name FROM duckdb_columns() WHERE table_name = 'contacts' AND column_name LIKE 'comm%'",
    );
    expect(cols).toEqual([]);
    expect(analysisDisabledReason(handle, "N3")).toBe(
      "accounts.csv has no acre_start_date column (the ACRE outcome cannot be observed)",
    );
    expect(analysisDisabledReason(handle, "R4")).toBe(
      "accounts.csv has no acre_start_date column (the ACRE outcome cannot be observed)",
    );
    expect(analysisDisabledReason(handle, "R3_GESTION_DU_COMPTE")).toBe(
      "contacts.csv has no motive_category column and lr_motive_map.csv is absent",
    );
    expect(analysisDisabledReason(handle, "R2")).toBeUndefined();
    await expect(buildCohort(handle, "R3_RELATION_USAGERS")).rejects.toMatchObject({
      code: "ANALYSIS_DISABLED",
    });
    // No periodicity column: every AE warns, the periodicity is inferred from the declared
    // periods (A01: a first period ending at the monthly theoretical end) or defaulted (A04).
    expect(only(report.findings, "EXTRACT_NO_PERIODICITY")).toMatchObject({
      severity: "warn",
      file: "accounts.csv",
      column: "declaration_periodicity",
      count: 12, // every account but the TI A07
      examples: [{ line: 2 }, { line: 3 }, { line: 4 }],
    });
    // No registration dates: cohort year and semester are null, the rest is derived.
    expect(
      await rows(
        handle,
        "SELECT account_id, cohort_year, declaration_periodicity AS p, periodicity_source AS src, first_decl_status AS s FROM units WHERE account_id IN ('A01', 'A04') ORDER BY 1",
      ),
    ).toEqual([
      { account_id: "A01", cohort_year: null, p: "M", src: "INFERRED", s: "ON_TIME" },
      { account_id: "A04", cohort_year: null, p: "M", src: "DEFAULT", s: "NOT_FILED" },
    ]);
    await handle.close();
  });

  it("#6 two headers normalising to the same name: fatal at line 1", async () => {
    const report = await reportOf({
      "accounts.csv": (s) => s.replace("sex;", "Sexe;").replace("ape_code", "SEXE"),
    });
    expect(only(report.findings, "EXTRACT_DUPLICATE_COLUMN")).toMatchObject({
      severity: "fatal",
      file: "accounts.csv",
      column: "sexe",
      count: 1,
      message: 'headers "Sexe" and "SEXE" both normalise to "sexe"',
      examples: [{ line: 1, column: "sexe", value: "SEXE", expected: "distinct column names" }],
    });
    expect(report.usable).toBe(false);
  });

  it("#7 BOM, #8 Windows-1252, #9 UTF-16 LE and BE: decoded, one finding per file, same data", async () => {
    const le = Buffer.from(`\uFEFF${basic("accounts.csv")}`, "utf16le");
    const be = Buffer.from(`\uFEFF${basic("accounting_entries.csv")}`, "utf16le").swap16();
    // Windows-1252 bytes: é = E9, ’ = 92, œ = 9C (Latin-1 has no ’ and no œ).
    const text = basic("contacts.csv").replace("Autre;\nA08", "Autre d’œuvre;\nA08");
    const bytes = Buffer.from(
      [...text].map((c) => (c === "’" ? 0x92 : c === "œ" ? 0x9c : c.charCodeAt(0))),
    );
    const { report, handle } = await load({
      "accounts.csv": le,
      "accounting_entries.csv": be,
      "contacts.csv": bytes,
      "declarations.csv": (s) => `\uFEFF${s}`,
    });
    expect(report.usable).toBe(true);
    expect(only(report.findings, "EXTRACT_ENCODING_UTF16", "accounts.csv")).toMatchObject({
      severity: "warn",
      count: 1,
    });
    expect(only(report.findings, "EXTRACT_ENCODING_UTF16", "accounting_entries.csv")).toMatchObject(
      { severity: "warn", count: 1 },
    );
    expect(only(report.findings, "EXTRACT_ENCODING_CP1252")).toMatchObject({
      severity: "warn",
      file: "contacts.csv",
      count: 1,
      message: "contacts.csv was decoded as Windows-1252",
    });
    expect(only(report.findings, "EXTRACT_BOM")).toMatchObject({
      severity: "info",
      file: "declarations.csv",
      count: 1,
    });
    expect(report.files.map((f) => [f.file, f.rowsKept])).toEqual([
      ["accounts.csv", 13],
      ["declarations.csv", 8],
      ["accounting_entries.csv", 16],
      ["contacts.csv", 5],
    ]);
    expect(
      await rows(
        handle,
        "SELECT channel_label, motive_label FROM contacts WHERE account_id IN ('A01', 'A04') ORDER BY account_id",
      ),
    ).toEqual([
      { channel_label: "Appel téléphonique", motive_label: "Comprendre mes cotisations" },
      { channel_label: "Mail entrant", motive_label: "Autre d’œuvre" },
    ]);
    await handle.close();
  });

  it("#8 valid UTF-8 and stray single bytes in one file: fatal EXTRACT_MIXED_ENCODING", async () => {
    const bytes = Buffer.concat([
      Buffer.from(basic("contacts.csv"), "utf8"), // has é as UTF-8
      Buffer.from("A02;2023-07-30;IN;PHONE;T", "utf8"),
      Buffer.from([0xe9]),
      Buffer.from("l;x;\n", "utf8"),
    ]);
    const report = await reportOf({ "contacts.csv": bytes });
    expect(only(report.findings, "EXTRACT_MIXED_ENCODING")).toMatchObject({
      severity: "fatal",
      file: "contacts.csv",
      count: 1,
    });
    expect(report.usable).toBe(false);
  });

  it("#10 separators: sep= line, comma + CRLF, tab, pipe; lines still physical; #12 ambiguous numbers", async () => {
    const comma = `sep=,\r\n${basic("accounts.csv")
      .replaceAll(";", ",")
      .replace("A03,AE,2023-11-10,2023-11-15", "A03,AE,2023-11-10,2023-13-15")
      .replaceAll("\n", "\r\n")}`;
    const { report, handle } = await load({
      "accounts.csv": comma,
      "contacts.csv": (s) => s.replaceAll(";", "\t"),
      "declarations.csv": (s) => s.replaceAll(";", "|"),
      "accounting_entries.csv": (s) =>
        s
          .replaceAll(";", ",")
          .replace("A02,2023-03-06,2023-06-30,CAF,100.00", 'A02,2023-03-06,2023-06-30,CAF,"1,000"')
          .replace("A06,2023-11-15,2024-02-29,CAF,80.00", 'A06,2023-11-15,2024-02-29,CAF,"80,00"'),
    });
    const sep = (file: string) =>
      only(report.findings, "EXTRACT_SEPARATOR", file).examples[0]!.value;
    expect(sep("accounts.csv")).toBe(",");
    expect(only(report.findings, "EXTRACT_SEPARATOR", "accounts.csv").message).toBe(
      'separator "," (from the sep= line)',
    );
    expect(sep("contacts.csv")).toBe("\\t");
    expect(sep("declarations.csv")).toBe("|");
    expect(sep("accounting_entries.csv")).toBe(",");
    // sep= is line 1, the header line 2: A03 is on line 5.
    expect(only(report.findings, "EXTRACT_BAD_DATE", "accounts.csv")).toMatchObject({
      severity: "row",
      column: "activity_start_date",
      count: 1,
      examples: [{ line: 5, column: "activity_start_date", value: "2023-13-15" }],
    });
    // In a comma-separated file, 1,000 and 80,00 cannot be read: row errors.
    expect(only(report.findings, "EXTRACT_AMBIGUOUS_NUMBER")).toMatchObject({
      severity: "row",
      file: "accounting_entries.csv",
      column: "amount",
      count: 2,
      examples: [
        { line: 5, column: "amount", value: "1,000" },
        { line: 9, column: "amount", value: "80,00" },
      ],
    });
    expect(report.files.map((f) => [f.file, f.separator, f.rowsKept])).toEqual([
      ["accounts.csv", ",", 12],
      ["declarations.csv", "|", 7],
      ["accounting_entries.csv", ",", 12],
      ["contacts.csv", "\t", 4],
    ]);
    await handle.close();
  });

  it("#30 an unbalanced quote is a row error at its line, and the lines it swallows are told", async () => {
    const report = await reportOf({
      "contacts.csv": (s) => {
        const l = s.split("\n");
        l.splice(3, 0, 'A02;2023-07-30;IN;PHONE;"Appel;x;'); // line 4; lines 5–7 follow
        return l.join("\n");
      },
    });
    expect(only(report.findings, "EXTRACT_RAGGED_ROW")).toMatchObject({
      severity: "row",
      file: "contacts.csv",
      count: 1,
      message:
        "1 row(s) with a wrong number of fields or unbalanced quotes were excluded; the quote opened on line 4 is never closed, so lines 4–7 are one excluded row",
      examples: [
        {
          line: 4,
          value: "5 fields, unbalanced quote up to line 7",
          expected: '7 fields separated by ";"',
        },
      ],
    });
    expect(report.files.find((f) => f.file === "contacts.csv")).toMatchObject({
      rowsRead: 3,
      rowsKept: 2,
      excludedByCode: { EXTRACT_RAGGED_ROW: 1 },
    });
  });

  it("#34 truncated transfer: row count or sha256 different from the manifest is fatal", async () => {
    const sha = createHash("sha256").update(basic("declarations.csv")).digest("hex");
    const report = await reportOf({
      "manifest.json": manifest({
        files: {
          "contacts.csv": { rows: 6 },
          "declarations.csv": { sha256: sha },
          "accounting_entries.csv": { sha256: "0".repeat(64) },
        },
      }),
    });
    const t = report.findings.filter((f) => f.code === "EXTRACT_TRUNCATED");
    expect(t).toMatchObject([
      {
        severity: "fatal",
        file: "accounting_entries.csv",
        count: 1,
        examples: [{ expected: "0".repeat(64) }],
      },
      {
        severity: "fatal",
        file: "contacts.csv",
        count: 1,
        message: "contacts.csv has 5 data rows, the manifest announces 6",
        examples: [{ value: "5", expected: "6" }],
      },
    ]);
    expect(report.usable).toBe(false);
  });

  it("#38 empty required file is fatal; empty optional file and header-only file are info", async () => {
    const [empty, optional] = await Promise.all([
      reportOf({ "accounts.csv": "" }),
      reportOf({
        "contacts.csv": (s) => s.split("\n")[0]!,
        "watt_cases.csv": "",
      }),
    ]);
    expect(only(empty.findings, "EXTRACT_EMPTY_FILE")).toMatchObject({
      severity: "fatal",
      file: "accounts.csv",
      count: 1,
      message: "accounts.csv is empty (0 bytes)",
    });
    expect(empty.usable).toBe(false);
    expect(optional.usable).toBe(true);
    expect(only(optional.findings, "EXTRACT_HEADER_ONLY", "contacts.csv")).toMatchObject({
      severity: "info",
      count: 1,
      message: "contacts.csv has a header and no rows",
    });
    expect(only(optional.findings, "EXTRACT_HEADER_ONLY", "watt_cases.csv")).toMatchObject({
      severity: "info",
      count: 1,
      message: "watt_cases.csv is empty (0 bytes)",
    });
    expect(optional.files.find((f) => f.file === "contacts.csv")).toMatchObject({
      rowsRead: 0,
      rowsKept: 0,
    });
    expect(none(optional.findings, "EXTRACT_EMPTY_FILE")).toBe(true);
  });

  it("#32 scientific notation in an id is fatal; numeric ids of mixed lengths warn", async () => {
    const [mangled, lengths] = await Promise.all([
      reportOf({ "contacts.csv": (s) => s.replace("A04;", "1,23457E+11;") }),
      reportOf({
        "contacts.csv": (s) => addColumn(s, "contact_id", ["0012", "12", "7", "0008", "9"]),
      }),
    ]);
    expect(only(mangled.findings, "EXTRACT_ID_MANGLED")).toMatchObject({
      severity: "fatal",
      file: "contacts.csv",
      column: "account_id",
      count: 1,
      examples: [{ line: 4, column: "account_id", value: "1,23457E+11" }],
    });
    expect(mangled.usable).toBe(false);
    expect(only(lengths.findings, "EXTRACT_ID_LENGTHS")).toMatchObject({
      severity: "warn",
      file: "contacts.csv",
      column: "contact_id",
      count: 1,
      message: "numeric ids of 3 different lengths in contact_id: leading zeros may have been lost",
    });
    expect(lengths.usable).toBe(true);
  });
});
