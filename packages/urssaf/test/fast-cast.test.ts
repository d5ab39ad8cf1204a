import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CastContext, castColumn, cleanSql } from "../src/cast-sql.js";
import { CONTRACT, type ColumnSpec } from "../src/contract.js";
import { fastCast } from "../src/fast-cast.js";

// Tricky cells per column kind: canonical ones, French forms, whitespace, sentinels, junk.
const CELLS: Record<string, readonly (string | null)[]> = {
  date: [
    "2023-01-05",
    "2024-02-29",
    "2023-1-5",
    "2023-02-30",
    " 2023-01-05",
    "2023-01-05 ",
    "2023-01-1 ",
    "05/01/2023",
    "20230105",
    "2023/01/05",
    "+2023-01-05",
    "2023-01-05T10:00",
    "1900-01-01",
    "1900-01-02",
    "1899-12-31",
    "0001-01-01",
    "9999-12-30",
    "9999-12-31",
    "NA",
    "-",
    "",
    null,
  ],
  decimal: [
    "1234.56",
    "0",
    "00012",
    "-5",
    "-0.00",
    "1234,56",
    "1 234,56",
    "1.234,56",
    "1234.56 €",
    "1e5",
    "1,5E+3",
    ".5",
    "5.",
    "+5",
    " 5",
    "NaN",
    "inf",
    "",
    null,
  ],
  integer: ["1", "007", "-1", "+1", "1.0", " 1", "123456789", "99999999999", "x", "", null],
  boolean: ["0", "1", "true", "false", "TRUE", "oui", "O", "n", "2", "", null],
  id: [
    "N0000001",
    "E1",
    "12e3",
    "1,23457E+11",
    "1.2E5",
    " A1",
    "A1\u00a0",
    "\u200bA1",
    "NA",
    "-",
    "#N/A",
    "",
    null,
  ],
  enum: ["AE", "TI_REEL", "ae", "auto-entrepreneur", "TI au réel", " AE", "XX", "", null],
  departement: [
    "01",
    "34",
    "2A",
    "2B",
    "971",
    "99",
    "1",
    "2a",
    "20",
    "69M",
    "975",
    "100",
    "96",
    "2C",
    "",
    null,
  ],
  ape: ["5320Z", "5320z", "53.20Z", "0000Z", "9999Z", "5320", "642A", " 5320Z", "", null],
  string: ["abc", "Appel téléphonique", "é", " abc", "abc\u202f", "NA", "null", "", null],
};

function spec(file: keyof typeof CONTRACT, name: string): ColumnSpec {
  return CONTRACT[file].find((c) => c.name === name)!;
}
// One contract column per kind, required (row error when empty) and optional.
const COLUMNS: [string, ColumnSpec][] = [
  ["date", spec("accounts", "activity_start_date")],
  ["date", spec("accounts", "acre_start_date")],
  ["date", spec("accounts", "birth_date")],
  ["decimal", spec("declarations", "declared_turnover")],
  ["decimal", spec("accounting_entries", "amount")],
  ["integer", spec("declarations", "declaration_seq")],
  ["boolean", spec("declarations", "late_flag")],
  ["id", spec("accounts", "account_id")],
  ["enum", spec("accounts", "legal_status")],
  ["departement", spec("accounts", "departement")],
  ["ape", spec("accounts", "ape_code")],
  ["string", spec("contacts", "channel_label")],
];

let db: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  db = await DuckDBInstance.create(":memory:");
  conn = await db.connect();
});
afterAll(() => {
  conn.closeSync();
  db.closeSync();
});

describe("fast path of the typed pass", () => {
  for (const separator of [";", ","]) {
    const ctx: CastContext = {
      separator,
      scope: "national",
      twoDigitYearPivot: 30,
      acceptExcelSerialDates: false,
    };
    it(`accepts only cells the careful rules read identically, with no finding (separator "${separator}")`, async () => {
      for (const [kind, col] of COLUMNS) {
        const values = CELLS[kind]!.map((v) =>
          v === null ? "(NULL)" : `(${`'${v.replaceAll("'", "''")}'`})`,
        );
        const fast = fastCast(col, "r", "c", ctx);
        const careful = castColumn(col, "cl", ctx);
        const r = await conn.runAndReadAll(`
          SELECT r, ok, CAST(fv AS VARCHAR) AS fv, CAST(cv AS VARCHAR) AS cv, problem, format, ws FROM (
            SELECT r, ${fast.ok} AS ok, ${fast.value} AS fv, ${careful.value} AS cv, ${careful.problem} AS problem,
              ${careful.format ?? "NULL"} AS format, (r IS NOT NULL AND r <> '' AND r IS DISTINCT FROM cl) AS ws
            FROM (SELECT r, ${fast.cast ?? "NULL"} AS c, ${cleanSql("r")} AS cl FROM (VALUES ${values.join(", ")}) v(r)))`);
        const rows = r.getRowObjectsJS();
        const accepted = rows.filter((x) => x.ok === true);
        // The canonical first cell of each list takes the fast path.
        expect(accepted.map((x) => x.r)).toContain(CELLS[kind]![0]);
        for (const x of accepted) {
          expect({ col: col.name, r: x.r, fv: x.fv, problem: x.problem, ws: x.ws }).toEqual({
            col: col.name,
            r: x.r,
            fv: x.cv,
            problem: null,
            ws: false,
          });
          expect([null, "YYYY-MM-DD"]).toContain(x.format);
        }
      }
    });
  }
  it("sends French forms, whitespace, sentinels and junk to the careful path", async () => {
    const ctx: CastContext = {
      separator: ";",
      scope: "national",
      twoDigitYearPivot: 30,
      acceptExcelSerialDates: false,
    };
    const fast = fastCast(spec("accounts", "activity_start_date"), "r", "c", ctx);
    const r = await conn.runAndReadAll(
      `SELECT r FROM (SELECT r, ${fast.cast} AS c FROM (VALUES ${CELLS.date!.map((v) => (v === null ? "(NULL)" : `('${v}')`)).join(", ")}) v(r)) WHERE ${fast.ok}`,
    );
    expect(r.getRowsJS().map((x) => x[0])).toEqual([
      "2023-01-05",
      "2024-02-29",
      "1900-01-02",
      "9999-12-30",
    ]);
  });
  it("layered careful casts (dates, amounts) give the same value, problem and format", async () => {
    for (const separator of [";", ","]) {
      const ctx: CastContext = {
        separator,
        scope: "national",
        twoDigitYearPivot: 30,
        acceptExcelSerialDates: true,
      };
      for (const [kind, col] of COLUMNS.filter(([k]) => k === "date" || k === "decimal")) {
        const cells = [...CELLS[kind]!, "1/2/23", "2023-01", "45012", "1.234,56 €", "1,234"];
        const values = cells.map((v) => (v === null ? "(NULL)" : `('${v.replaceAll("'", "''")}')`));
        const flat = castColumn(col, "cl", ctx);
        const layered = castColumn(col, "cl", ctx, true);
        expect(layered.layers?.length).toBeGreaterThan(0);
        let rel = `(SELECT r, ${cleanSql("r")} AS cl FROM (VALUES ${values.join(", ")}) v(r))`;
        for (const layer of layered.layers ?? [])
          rel = `(SELECT *, ${layer.map(([n, e]) => `${e} AS ${n}`).join(", ")} FROM ${rel} s)`;
        const r = await conn.runAndReadAll(`SELECT r,
            CAST(${flat.value} AS VARCHAR) AS v1, ${flat.problem} AS p1, ${flat.format ?? "NULL"} AS f1,
            CAST(${layered.value} AS VARCHAR) AS v2, ${layered.problem} AS p2, ${layered.format ?? "NULL"} AS f2
          FROM ${rel} s`);
        for (const x of r.getRowObjectsJS()) {
          expect({ col: col.name, r: x.r, v: x.v2, p: x.p2, f: x.f2 }).toEqual({
            col: col.name,
            r: x.r,
            v: x.v1,
            p: x.p1,
            f: x.f1,
          });
        }
      }
    }
  });
});
