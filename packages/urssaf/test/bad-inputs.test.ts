import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCohort, type Finding, loadExtract, writeCohort } from "../src/index.js";
import { BASIC, variant } from "./helpers.js";

async function findingsOf(dir: string): Promise<{ usable: boolean; findings: Finding[] }> {
  const { report, handle } = await loadExtract(dir);
  await handle.close();
  return report;
}
const find = (fs: Finding[], code: string): Finding => {
  const f = fs.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} in ${fs.map((x) => x.code).join(", ")}`);
  return f;
};
const ACC_HEADER =
  "account_id;legal_status;registration_date;activity_start_date;birth_date;sex;departement;ape_code;declaration_periodicity;acre_start_date;acre_end_date";

describe.concurrent("bad inputs of contract §8", () => {
  it("#3 missing required column is fatal with the closest header", async () => {
    const dir = await variant({
      "accounts.csv": (s) => s.replace("activity_start_date", "debut_activ"),
    });
    const r = await findingsOf(dir);
    expect(r.usable).toBe(false);
    const f = find(r.findings, "EXTRACT_MISSING_COLUMN");
    expect(f).toMatchObject({
      severity: "fatal",
      file: "accounts.csv",
      column: "activity_start_date",
    });
    expect(f.examples[0]!.line).toBe(1);
  });
  it("#6 duplicate headers after normalisation are fatal", async () => {
    const dir = await variant({
      "accounts.csv": (s) => s.replace("sex;", "Sexe;").replace("ape_code", "SEXE"),
    });
    const f = find((await findingsOf(dir)).findings, "EXTRACT_DUPLICATE_COLUMN");
    expect(f).toMatchObject({ severity: "fatal", file: "accounts.csv", column: "sexe" });
  });
  it("#7/#8 BOM and Windows-1252 are decoded, header aliases matched", async () => {
    const text = readFileSync(join(BASIC, "accounts.csv"), "utf8").replace(
      "activity_start_date",
      "Date de début d'activité",
    );
    const bytes = Buffer.from(text, "latin1");
    const dir = await variant({ "accounts.csv": bytes });
    const r = await findingsOf(dir);
    expect(find(r.findings, "EXTRACT_ENCODING_CP1252").file).toBe("accounts.csv");
    expect(r.usable).toBe(true);
    const dir2 = await variant({ "accounts.csv": (s) => `\uFEFF${s}` });
    expect(find((await findingsOf(dir2)).findings, "EXTRACT_BOM").severity).toBe("info");
  });
  it("#8 mixed encodings are fatal", async () => {
    const text = Buffer.concat([
      Buffer.from(
        `${ACC_HEADER}\nA01;AE;2023-01-05;2023-01-10;1990-05-01;M;34;5320Z;M;;\nAé`,
        "utf8",
      ),
      Buffer.from([0xe9, 0x0a]),
    ]);
    const r = await findingsOf(await variant({ "accounts.csv": text }));
    expect(find(r.findings, "EXTRACT_MIXED_ENCODING").severity).toBe("fatal");
  });
  it("#10/#11 comma-separated files and decimal commas (semicolon file)", async () => {
    const dir = await variant({
      "declarations.csv": (s) => s.replace("1250.00;265.00", "1 250,00;265,00 €"),
    });
    const r = await findingsOf(dir);
    const f = r.findings.find(
      (x) => x.code === "EXTRACT_DECIMAL_COMMA" && x.column === "declared_turnover",
    )!;
    expect(f).toMatchObject({
      severity: "warn",
      file: "declarations.csv",
      column: "declared_turnover",
    });
    expect(f.examples[0]).toMatchObject({ line: 2, value: "1 250,00" });
    const comma = await variant({ "contacts.csv": (s) => s.replaceAll(";", ",") });
    const rc = await findingsOf(comma);
    expect(
      rc.findings.find((x) => x.code === "EXTRACT_SEPARATOR" && x.file === "contacts.csv")!
        .examples[0]!.value,
    ).toBe(",");
    expect(rc.usable).toBe(true);
  });
  it("#13 unparseable required date is a row error at its line and column; French dates accepted", async () => {
    const dir = await variant({
      "accounts.csv": (s) =>
        s.replace("A03;AE;2023-11-10;2023-11-15", "A03;AE;10/11/2023;2023-02-30"),
    });
    const r = await findingsOf(dir);
    const f = find(r.findings, "EXTRACT_BAD_DATE");
    expect(f).toMatchObject({
      severity: "row",
      file: "accounts.csv",
      column: "activity_start_date",
      count: 1,
    });
    expect(f.examples[0]).toMatchObject({ line: 4, value: "2023-02-30" });
    expect(find(r.findings, "EXTRACT_MIXED_DATE_FORMATS").column).toBe("registration_date");
  });
  it("#16 sentinel dates become null with a warning", async () => {
    const dir = await variant({
      "accounts.csv": (s) => s.replace("2023-06-01;2024-09-30", "2023-06-01;9999-12-31"),
    });
    expect(
      find((await findingsOf(dir)).findings, "EXTRACT_SENTINEL_DATE").examples[0],
    ).toMatchObject({ line: 10, column: "acre_end_date" });
  });
  it("#17 dates before birth and #19 inverted intervals", async () => {
    const dir = await variant({
      "accounts.csv": (s) =>
        s.replace(
          "A02;AE;2023-03-01;2023-03-06;1985-02-03",
          "A02;AE;2023-03-01;2023-03-06;2023-04-03",
        ),
      "declarations.csv": (s) =>
        s.replace("A01;2023-05-01;2023-05-31", "A01;2023-05-31;2023-05-01"),
    });
    const r = await findingsOf(dir);
    expect(find(r.findings, "EXTRACT_DATE_BEFORE_BIRTH").examples[0]).toMatchObject({
      line: 3,
      column: "activity_start_date",
    });
    expect(find(r.findings, "EXTRACT_INVERTED_INTERVAL").examples[0]).toMatchObject({
      line: 3,
      column: "period_end",
    });
  });
  it("#20 unknown required code is a row error; unknown operation code becomes OTHER", async () => {
    const dir = await variant({
      "accounts.csv": (s) =>
        s.replace("A10;AE", "A10;SARL").replace("A13;AE", "A13;EURL").replace("A12;AE", "A12;SARL"),
      "accounting_entries.csv": (s) =>
        s.replace("A12;2023-05-01;2023-05-31;CAF", "A12;2023-05-01;2023-05-31;XYZ"),
    });
    const r = await findingsOf(dir);
    const rows = r.findings.filter((f) => f.code === "EXTRACT_UNKNOWN_CODE");
    const acc = rows.find((f) => f.file === "accounts.csv")!;
    expect(acc).toMatchObject({
      severity: "row",
      column: "legal_status",
      count: 3,
      examples: [
        { line: 11, value: "SARL" },
        { line: 13, value: "SARL" },
        { line: 14, value: "EURL" },
      ],
      // Every distinct unknown value with its count, most frequent first (§8 #20).
      values: [
        { value: "SARL", count: 2 },
        { value: "EURL", count: 1 },
      ],
    });
    expect(acc.message).toContain("SARL (2), EURL (1)");
    expect(rows.find((f) => f.file === "accounting_entries.csv")).toMatchObject({
      severity: "warn",
      column: "operation_code",
    });
  });
  it("#23 conflicting duplicate ids exclude all copies; exact duplicates keep one", async () => {
    const dir = await variant({
      "accounts.csv": (s) =>
        `${s}A01;AE;2023-01-05;2023-01-10;1990-05-01;F;34;5320Z;M;;\nA02;AE;2023-03-01;2023-03-06;1985-02-03;F;75;7022Z;M;;\n`,
    });
    const r = await findingsOf(dir);
    expect(find(r.findings, "EXTRACT_CONFLICTING_DUPLICATE_ID")).toMatchObject({
      count: 2,
      examples: [{ line: 2 }, { line: 15 }],
    });
    expect(find(r.findings, "EXTRACT_DUPLICATE_ROW")).toMatchObject({
      count: 1,
      examples: [{ line: 16 }],
    });
    expect(
      r.findings.filter((f) => f.code === "EXTRACT_ACCOUNT_EXCLUDED").map((f) => f.file),
    ).toContain("declarations.csv");
  });
  it("#24 orphans are row errors, fatal above 5%", async () => {
    const dir = await variant({ "contacts.csv": (s) => s.replace("A08;", "Z99;") });
    const r = await findingsOf(dir);
    expect(r.usable).toBe(false); // 1 orphan of 5 = 20%
    expect(find(r.findings, "EXTRACT_ANONYMISATION_MISMATCH").file).toBe("contacts.csv");
  });
  it("#25 negative amounts and #32 Excel-mangled ids", async () => {
    const dir = await variant({
      "declarations.csv": (s) =>
        s.replace(
          "A02;2023-03-06;2023-06-30;2023-07-31;1000.00",
          "A02;2023-03-06;2023-06-30;2023-07-31;-1000.00",
        ),
    });
    expect(
      find((await findingsOf(dir)).findings, "EXTRACT_NEGATIVE_AMOUNT").examples[0],
    ).toMatchObject({ line: 4, column: "declared_turnover" });
    const mangled = await variant({ "accounts.csv": (s) => s.replace("A13;", "1,23457E+11;") });
    const r = await findingsOf(mangled);
    expect(r.usable).toBe(false);
    expect(find(r.findings, "EXTRACT_ID_MANGLED")).toMatchObject({
      severity: "fatal",
      examples: [{ line: 14, column: "account_id" }],
    });
  });
  it("#30 ragged rows after a quoted newline are reported at their physical line; #31 footer ignored", async () => {
    const dir = await variant({
      "contacts.csv": (s) =>
        `${s.replace("A02;2023-07-31;IN;APPOINTMENT;Demande de RDV;", 'A02;2023-07-31;IN;APPOINTMENT;"Demande\nde RDV";')}A08;2023-04-02;IN\nTotal;;;;;;\n`,
    });
    const r = await findingsOf(dir);
    expect(find(r.findings, "EXTRACT_RAGGED_ROW")).toMatchObject({
      count: 1,
      examples: [{ line: 8 }],
    });
    expect(find(r.findings, "EXTRACT_FOOTER_LINE").examples[0]!.line).toBe(9);
    expect(r.usable).toBe(true);
  });
  it("#1/#38 missing or empty accounts is fatal and no cohort file is written", async () => {
    const dir = await variant({ "accounts.csv": "" });
    const { report, handle } = await loadExtract(dir);
    expect(find(report.findings, "EXTRACT_EMPTY_FILE").severity).toBe("fatal");
    const out = join(dir, "n1.parquet");
    await expect(async () =>
      writeCohort(handle, await buildCohort(handle, "N1"), out),
    ).rejects.toThrow(/EXTRACT_EMPTY_FILE|fatal/);
    expect(existsSync(out)).toBe(false);
    await handle.close();
  });
});
