import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { categoricalColumn, dayNumber, type Frame, frameFromDuckDB } from "../src/index.js";
import { TextCoder } from "../src/io/text-codes.js";

const N = 5000; // several 2048-row chunks
const LOW = ["b", "a", "é", "", "it's"];
const MOODS = ["sad", "ok", "happy"];
const DAY0 = dayNumber("2020-01-01");

// Every column type frameFromDuckDB reads, with NULLs in each, row i = 0..N-1.
const SQL = `
  SELECT
    CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
    CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 200 - 100)::TINYINT END AS tiny,
    CASE WHEN i % 11 = 1 THEN NULL ELSE (i - 2500)::SMALLINT END AS small,
    CASE WHEN i % 11 = 2 THEN NULL ELSE (i * 3 - 7000)::INTEGER END AS int,
    CASE WHEN i % 13 = 0 THEN NULL ELSE i::BIGINT * 1000000000 END AS big,
    CASE WHEN i % 13 = 1 THEN NULL ELSE (i % 250)::UTINYINT END AS utiny,
    CASE WHEN i % 13 = 2 THEN NULL ELSE i::UBIGINT END AS ubig,
    CASE WHEN i % 13 = 3 THEN NULL ELSE i::HUGEINT * 3 END AS huge,
    CASE WHEN i % 13 = 4 THEN NULL ELSE (i / 4)::DECIMAL(10, 2) END AS dec,
    CASE WHEN i % 13 = 5 THEN NULL ELSE i * 0.5 - 100 END AS dbl,
    CASE WHEN i % 13 = 6 THEN NULL ELSE (i * 0.25)::FLOAT END AS flt,
    CASE WHEN i % 17 = 0 THEN NULL ELSE DATE '2020-01-01' + (i - 2500)::INTEGER END AS day,
    CASE WHEN i % 17 = 1 THEN NULL ELSE TIMESTAMP '2020-01-01 12:00:00' + to_hours(i - 2500) END AS ts,
    CASE WHEN i % 17 = 2 THEN NULL
      ELSE (TIMESTAMP '2020-01-01 12:00:00' + to_hours(i - 2500))::TIMESTAMP_S END AS ts_s,
    CASE WHEN i % 17 = 3 THEN NULL
      ELSE (TIMESTAMP '2020-01-01 12:00:00' + to_hours(i - 2500))::TIMESTAMP_MS END AS ts_ms,
    CASE WHEN i % 17 = 4 THEN NULL
      ELSE (TIMESTAMP '2020-01-01 12:00:00' + to_hours(i - 2500))::TIMESTAMP_NS END AS ts_ns,
    CASE WHEN i % 17 = 5 THEN NULL ELSE to_timestamp(1577880000 + (i - 2500) * 3600) END AS tstz,
    CASE WHEN i % 19 = 0 THEN NULL ELSE ['b', 'a', 'é', '', 'it''s'][i % 5 + 1] END AS low,
    CASE WHEN i % 19 = 1 THEN NULL ELSE printf('k%05d', i) END AS sorted_key,
    CASE WHEN i % 19 = 2 THEN NULL ELSE ((i * 7919) % 3001)::VARCHAR END AS many,
    CASE WHEN i % 23 = 0 THEN NULL ELSE ['sad', 'ok', 'happy'][i % 3 + 1]::mood END AS m,
    NULL AS nothing
  FROM range(${N}) t(i) ORDER BY i`;

/** Expected value of each numeric or date column at row i (null when missing). */
const EXPECTED: Record<string, (i: number) => number | null> = {
  flag: (i) => (i % 7 === 0 ? null : i % 2 === 0 ? 1 : 0),
  tiny: (i) => (i % 11 === 0 ? null : (i % 200) - 100),
  small: (i) => (i % 11 === 1 ? null : i - 2500),
  int: (i) => (i % 11 === 2 ? null : i * 3 - 7000),
  big: (i) => (i % 13 === 0 ? null : i * 1e9),
  utiny: (i) => (i % 13 === 1 ? null : i % 250),
  ubig: (i) => (i % 13 === 2 ? null : i),
  huge: (i) => (i % 13 === 3 ? null : i * 3),
  dec: (i) => (i % 13 === 4 ? null : i / 4),
  dbl: (i) => (i % 13 === 5 ? null : i * 0.5 - 100),
  flt: (i) => (i % 13 === 6 ? null : i * 0.25),
  day: (i) => (i % 17 === 0 ? null : DAY0 + i - 2500),
  // Noon plus (i - 2500) hours, floored to its UTC day (before 1970 too).
  ts: (i) => (i % 17 === 1 ? null : DAY0 + Math.floor((12 + i - 2500) / 24)),
  ts_s: (i) => (i % 17 === 2 ? null : DAY0 + Math.floor((12 + i - 2500) / 24)),
  ts_ms: (i) => (i % 17 === 3 ? null : DAY0 + Math.floor((12 + i - 2500) / 24)),
  ts_ns: (i) => (i % 17 === 4 ? null : DAY0 + Math.floor((12 + i - 2500) / 24)),
  tstz: (i) => (i % 17 === 5 ? null : DAY0 + Math.floor((12 + i - 2500) / 24)),
  nothing: () => null,
};
const TEXT: Record<string, (i: number) => string | null> = {
  low: (i) => (i % 19 === 0 ? null : LOW[i % 5]!),
  sorted_key: (i) => (i % 19 === 1 ? null : `k${String(i).padStart(5, "0")}`),
  many: (i) => (i % 19 === 2 ? null : String((i * 7919) % 3001)),
};

const rows = Array.from({ length: N }, (_, i) => i);

function checkFrame(f: Frame): void {
  expect(f.nRows).toBe(N);
  for (const [name, at] of Object.entries(EXPECTED)) {
    const col = f.column(name);
    const values = col.kind === "numeric" ? col.values : col.kind === "date" ? col.days : null;
    expect([name, values?.length]).toEqual([name, N]);
    expect(Array.from(values!, (v) => (Number.isNaN(v) ? null : v))).toEqual(rows.map(at));
  }
  expect(f.column("day").kind).toBe("date");
  expect(f.column("ts_ns").kind).toBe("date");
  for (const [name, at] of Object.entries(TEXT)) {
    expect(f.column(name)).toEqual(categoricalColumn(rows.map(at)));
  }
  const low = f.column("low");
  expect(low.kind === "categorical" && low.levels).toEqual(["", "a", "b", "it's", "é"]);
  expect(f.column("m")).toEqual(
    categoricalColumn(
      rows.map((i) => (i % 23 === 0 ? null : MOODS[i % 3]!)),
      MOODS,
    ),
  );
}

describe("frameFromDuckDB over several chunks", () => {
  it("reads every type with NULLs alike from a reader, a materialised and a streaming result", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    await con.run("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
    const fromReader = await frameFromDuckDB(await con.runAndReadAll(SQL));
    const fromResult = await frameFromDuckDB(await con.run(SQL));
    const fromStream = await frameFromDuckDB(await con.stream(SQL));
    checkFrame(fromReader);
    checkFrame(fromResult);
    checkFrame(fromStream);
    // Every array is sized to the rows (hashes of `.buffer` see no spare capacity).
    for (const name of fromStream.names) {
      const c = fromStream.column(name);
      const a = c.kind === "numeric" ? c.values : c.kind === "date" ? c.days : c.codes;
      expect([name, a.buffer.byteLength]).toEqual([name, N * a.BYTES_PER_ELEMENT]);
    }
    const empty = await frameFromDuckDB(await con.run(`${SQL} LIMIT 0`));
    expect(empty.nRows).toBe(0);
    expect(empty.column("low")).toEqual({
      kind: "categorical",
      codes: new Int32Array(0),
      levels: [],
    });
    con.closeSync();
    instance.closeSync();
  });
});

describe("TextCoder", () => {
  it("codes like categoricalColumn whether values arrive sorted, unsorted or both", () => {
    const cases: (string | null)[][] = [
      [],
      [null, null],
      ["a", "b", null, "c"],
      ["a", "b", "c", "a", "d", null, "b", "B"],
      ["b", "a"],
      ["x", "x"],
      // DuckDB sorts U+FFFF before an astral character; JS `<` compares UTF-16 units.
      ["a", "\uffff", "😀"],
    ];
    for (const values of cases) {
      const coder = new TextCoder(1);
      for (const v of values) coder.add(v);
      expect(coder.finish()).toEqual(categoricalColumn(values));
    }
  });
});
