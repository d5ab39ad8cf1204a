import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { CONTRACT, FILE_ORDER } from "../src/contract.js";
import { FindingList } from "../src/findings.js";
import { readRawFile } from "../src/read-file.js";
import { typedReadSql } from "../src/typed.js";

// A join anywhere in the read statement lets DuckDB emit rows out of file order on several
// threads (it did: `x NOT IN (9 constants)` became a MARK join and shuffled 2.2 M declarations),
// so the rowid → physical line mapping behind every finding would be wrong. The plan is checked
// for every contract file with every contract column, under both scopes.
describe("the typed read statement keeps file order", () => {
  for (const scope of ["national", "regional"] as const)
    it(`has no join in its plan for any contract file (${scope})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "urssaf-read-order-"));
      const db = await DuckDBInstance.create(":memory:");
      const conn = await db.connect();
      const operators: string[] = [];
      for (const name of FILE_ORDER) {
        const header = CONTRACT[name].map((c) => c.name);
        const path = join(dir, `${name}.csv`);
        await writeFile(path, `${header.join(";")}\n${header.map(() => "x").join(";")}\n`);
        const findings = new FindingList();
        const source = await readRawFile(conn, name, path, findings, {
          scope,
          tmpDir: dir,
          required: true,
        });
        expect(source, `${name} readable`).toBeDefined();
        const { sql, present } = typedReadSql(source!, {
          separator: ";",
          scope,
          twoDigitYearPivot: 30,
          acceptExcelSerialDates: false,
        });
        expect(present.length).toBe(header.length);
        const plan = (await conn.runAndReadAll(`EXPLAIN ${sql}`))
          .getRowsJS()
          .map((r) => String(r[1]))
          .join("\n");
        for (const m of plan.matchAll(/\b([A-Z_]*JOIN[A-Z_]*)\b/g))
          operators.push(`${name}: ${m[1]}`);
        expect(plan).toContain("READ_CSV");
      }
      expect(operators).toEqual([]);
      conn.closeSync();
      db.closeSync();
    });
});
