import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateNational, simulateRegional } from "../src/index.js";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "simulate-det-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (folder: string) =>
  Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((f) => [f, readFileSync(join(folder, f)).toString("base64")]),
  );

describe("reproducibility", () => {
  it("same seed → byte-identical files and truth; another seed → different files", async () => {
    const opts = { accounts: 3_000, seed: 11 };
    const a = await simulateNational({ ...opts, out: join(dir, "a") });
    const b = await simulateNational({ ...opts, out: join(dir, "b") });
    const c = await simulateNational({ ...opts, seed: 12, out: join(dir, "c") });
    expect(bytes(a.dataset)).toEqual(bytes(b.dataset));
    const truthA = readFileSync(a.truthPath, "utf8").replace(/"out": "a"/, "");
    const truthB = readFileSync(b.truthPath, "utf8").replace(/"out": "b"/, "");
    expect(truthA).toEqual(truthB);
    const ca = bytes(a.dataset);
    const cc = bytes(c.dataset);
    for (const f of [
      "accounts.csv",
      "declarations.csv",
      "contacts.csv",
      "accounting_entries.csv",
    ]) {
      expect(cc[f]).not.toEqual(ca[f]);
    }
  });

  it("the manifest lists every file with its row count and sha256", async () => {
    const r = await simulateRegional({ accounts: 2_000, seed: 3, out: join(dir, "lr") });
    const m = JSON.parse(readFileSync(join(r.dataset, "manifest.json"), "utf8"));
    for (const [name, info] of Object.entries(
      m.files as Record<string, { rows: number; sha256: string }>,
    )) {
      const text = readFileSync(join(r.dataset, name));
      expect(info.rows).toBe(text.toString("utf8").split("\n").length - 2);
      const { createHash } = await import("node:crypto");
      expect(info.sha256).toBe(createHash("sha256").update(text).digest("hex"));
      expect(text.subarray(0, 3).toString("hex")).not.toBe("efbbbf");
    }
    expect(m.extract_date).toBe("2024-06-30");
  });

  it("Parquet output is deterministic and has the contract types", async () => {
    const opts = { accounts: 1_500, seed: 4, format: "parquet" as const };
    const a = await simulateNational({ ...opts, out: join(dir, "pa") });
    const b = await simulateNational({ ...opts, out: join(dir, "pb") });
    expect(readdirSync(a.dataset).sort()).toEqual([
      "accounting_entries.parquet",
      "accounts.parquet",
      "contacts.parquet",
      "declarations.parquet",
      "manifest.json",
      "taxations_office.parquet",
    ]);
    expect(bytes(a.dataset)).toEqual(bytes(b.dataset));
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const res = await con.runAndReadAll(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${join(a.dataset, "declarations.parquet")}'))`,
    );
    const types = Object.fromEntries(res.getRows().map((r) => [String(r[0]), String(r[1])]));
    expect(types.period_start).toBe("DATE");
    expect(types.declared_turnover).toBe("DECIMAL(14,2)");
    expect(types.declaration_seq).toBe("INTEGER");
    expect(types.late_flag).toBe("BOOLEAN");
    const n = await con.runAndReadAll(
      `SELECT count(*) FROM read_parquet('${join(a.dataset, "accounts.parquet")}')`,
    );
    expect(Number(n.getRows()[0]![0])).toBe(1_500);
    con.closeSync();
    db.closeSync();
  });
});
