import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { dayNumber, Frame, ParcoursError, readCsv, readCsvString } from "../src/index.js";
import { lalonde } from "./helpers.js";

describe("readCsv", () => {
  it("types lalonde's columns like R's read.csv + factor", async () => {
    const d = await lalonde();
    expect(d.nRows).toBe(614);
    expect(d.column("age").kind).toBe("numeric");
    const race = d.column("race");
    expect(race.kind === "categorical" && race.levels).toEqual(["black", "hispan", "white"]);
    expect(d.numeric("re78")[0]).toBe(9930.046);
    expect(d.row(613)).toMatchObject({ id: "PSID429", treat: 0 });
  });

  it("reads dates, missing fields and forced categorical columns", async () => {
    const f = await readCsvString(
      "id,start,x,code\n1,2023-07-01,1.5,01\n2,,NA,02\n3,2024-02-29,-2e3,01\n",
      { categorical: ["code"] },
    );
    expect(f.column("start").kind).toBe("date");
    expect(f.numeric("start")[2]).toBe(dayNumber("2024-02-29"));
    expect(Number.isNaN(f.numeric("start")[1]!)).toBe(true);
    expect(Array.from(f.numeric("x"))).toEqual([1.5, Number.NaN, -2000]);
    const code = f.column("code");
    expect(code.kind === "categorical" && code.levels).toEqual(["01", "02"]);
  });

  it("names file, line and column on bad input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "parcours-core-"));
    const path = join(dir, "bad.csv");
    writeFileSync(path, "a,b\n1,2\n3,x\n");
    const err = await readCsv(path, { numeric: ["b"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParcoursError);
    expect(err).toMatchObject({ code: "CSV_NOT_NUMERIC", file: path, line: 3, column: "b" });
    expect((err as ParcoursError).format()).toContain(`${path}:3:b`);

    writeFileSync(path, "a,b\n1,2\n3\n");
    await expect(Frame.fromCsv(path)).rejects.toMatchObject({ code: "CSV_FIELD_COUNT", line: 3 });
    writeFileSync(path, "a,a\n1,2\n");
    await expect(readCsv(path)).rejects.toMatchObject({ code: "CSV_BAD_HEADER", line: 1 });
    await expect(readCsv(join(dir, "missing.csv"))).rejects.toMatchObject({
      code: "CSV_NOT_FOUND",
    });
    writeFileSync(path, "");
    await expect(readCsv(path)).rejects.toMatchObject({ code: "CSV_EMPTY" });
  });
});

describe("frameFromDuckDB", () => {
  it("maps DuckDB types to numeric, date and categorical columns", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    await con.run("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
    const reader = await con.runAndReadAll(`
      SELECT * FROM (VALUES
        (1::INTEGER, 2.5::DOUBLE, 'b', DATE '2023-07-01', 'ok', true, 10000000000::BIGINT, 1.25::DECIMAL(6,2)),
        (2, NULL, 'a', NULL, 'sad', false, 3, 2.5),
        (NULL, -1, NULL, DATE '1970-01-02', NULL, NULL, NULL, NULL)
      ) t(i, d, s, day, m, flag, big, dec)`);
    // An ENUM column keeps its declared order.
    await con.run("CREATE TABLE e (m mood); INSERT INTO e VALUES ('ok'), ('sad'), (NULL)");
    const e = await Frame.fromDuckDB(await con.runAndReadAll("SELECT * FROM e"));
    const f = await Frame.fromDuckDB(reader);
    expect(f.names).toEqual(["i", "d", "s", "day", "m", "flag", "big", "dec"]);
    expect(Array.from(f.numeric("i"))).toEqual([1, 2, Number.NaN]);
    expect(Array.from(f.numeric("d"))).toEqual([2.5, Number.NaN, -1]);
    const s = f.column("s");
    expect(s.kind === "categorical" && s.levels).toEqual(["a", "b"]);
    expect(Array.from(f.numeric("day"))).toEqual([dayNumber("2023-07-01"), Number.NaN, 1]);
    const m = e.column("m");
    expect(m.kind === "categorical" && [m.levels, Array.from(m.codes)]).toEqual([
      ["sad", "ok", "happy"],
      [1, 0, -1],
    ]);
    expect(Array.from(f.numeric("flag"))).toEqual([1, 0, Number.NaN]);
    expect(f.numeric("big")[0]).toBe(1e10);
    expect(f.numeric("dec")[0]).toBe(1.25);
    const list = await con.runAndReadAll("SELECT [1, 2] AS l");
    await expect(Frame.fromDuckDB(list)).rejects.toMatchObject({
      code: "DUCKDB_UNSUPPORTED_TYPE",
      column: "l",
    });
    con.closeSync();
    instance.closeSync();
  });
});
