import { DuckDBInstance } from "@duckdb/node-api";
import { categoricalColumn, type Frame } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import {
  buildCohortFrame,
  type CohortSpec,
  frameFromDuckDB,
  frameFromTable,
} from "../src/index.js";

const N = 12_000; // several chunks, and more than 10,000 distinct values in `many`
const rows = Array.from({ length: N }, (_, i) => i);
const key = (i: number): string => `u${String(i).padStart(6, "0")}`;
const GRADES = ["low", "mid", "high"];

/** Row i of each VARCHAR column of table `t` (before sorting by key). */
const TEXT: Record<string, (i: number) => string | null> = {
  region: (i) => (i % 19 === 0 ? null : ["Île-de-France", "Bretagne", "Corse", "it's", ""][i % 5]!),
  grade: (i) => (i % 17 === 0 ? null : ["high", "low", "mid", "none"][i % 4]!),
  many: (i) => (i % 23 === 0 ? null : `m${(i * 7919) % 11_003}`),
  nul: (i) => (i % 29 === 0 ? null : i % 2 === 0 ? "a\u0000b" : "c"),
};

function expectSameFrame(actual: Frame, expected: Frame): void {
  expect(actual.names).toEqual(expected.names);
  for (const name of expected.names)
    expect([name, actual.column(name)]).toEqual([name, expected.column(name)]);
}

describe("frameFromTable", () => {
  it("codes VARCHAR columns in DuckDB with the levels and codes of the row-by-row read", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    // Rows are stored in reverse key order, so the read really sorts.
    await c.run(`CREATE TABLE t AS SELECT
        printf('u%06d', i) AS id,
        CASE WHEN i % 19 = 0 THEN NULL
          ELSE ['Île-de-France', 'Bretagne', 'Corse', 'it''s', ''][i % 5 + 1] END AS region,
        CASE WHEN i % 17 = 0 THEN NULL ELSE ['high', 'low', 'mid', 'none'][i % 4 + 1] END AS grade,
        CASE WHEN i % 23 = 0 THEN NULL ELSE 'm' || ((i * 7919) % 11003) END AS many,
        CASE WHEN i % 29 = 0 THEN NULL WHEN i % 2 = 0 THEN 'a' || chr(0) || 'b' ELSE 'c' END AS nul,
        'x' || (i * 7 % 3000) AS mid1,
        CASE WHEN i % 31 = 0 THEN NULL ELSE 'y' || (i * 11 % 3001) END AS mid2,
        CASE WHEN i % 37 = 0 THEN NULL ELSE ['v', 'w', 'x', 'y', 'z'][i % 5 + 1] END AS five,
        'z' || (i * 13 % 2999) AS mid3,
        CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS x,
        CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '2021-01-01' + (i % 400)::INTEGER END AS d,
        i % 3 = 0 AS flag
      FROM range(${N}) r(i) ORDER BY i DESC`);
    // region, grade, mid1 and mid2 take 29 bits of a pack of codes: five (3 bits) and mid3
    // go to another (31 bits at most, as an INTEGER has 31 bits before its sign).
    const columns = ["id", "region", "grade", "many", "nul", "mid1", "mid2", "five", "mid3", "x"];
    columns.push("d", "flag");
    const levels = { grade: GRADES };
    const f = await frameFromTable(c, { from: "t", columns, orderBy: "id" }, { levels });
    const expected = await frameFromDuckDB(
      c,
      `SELECT ${columns.join(", ")} FROM t ORDER BY id NULLS LAST`,
      { levels },
    );
    expectSameFrame(f, expected);
    // Real values: the key is its own sorted level; levels sorted by JS `<` or as given.
    expect(f.column("id")).toEqual({
      kind: "categorical",
      codes: Int32Array.from(rows),
      levels: rows.map(key),
    });
    for (const name of ["region", "many", "nul"]) {
      expect([name, f.column(name)]).toEqual([name, categoricalColumn(rows.map(TEXT[name]!))]);
    }
    const five = f.column("five");
    expect(five.kind === "categorical" && [five.levels, five.codes.subarray(0, 6)]).toEqual([
      ["v", "w", "x", "y", "z"],
      Int32Array.from([-1, 1, 2, 3, 4, 0]),
    ]);
    const region = f.column("region");
    expect(region.kind === "categorical" && region.levels).toEqual([
      "",
      "Bretagne",
      "Corse",
      "it's",
      "Île-de-France",
    ]);
    // "none" is outside the given levels: missing, as in R.
    expect(f.column("grade")).toEqual(categoricalColumn(rows.map(TEXT.grade!), GRADES));
    expect(Array.from(f.numeric("x").subarray(0, 3))).toEqual([Number.NaN, 0.5, 1]);
    expect(f.column("d").kind).toBe("date");

    // A sort column out of JS order (U+FFFF sorts before an astral character in DuckDB),
    // with a missing key, and an output without VARCHAR columns.
    await c.run(`CREATE TABLE k AS SELECT * FROM (VALUES
        ('b', 1), ('\uffff', 2), ('😀', 3), (NULL, 4), ('a', 5)) v(id, y)`);
    const k = await frameFromTable(c, { from: "k", columns: ["id", "y"], orderBy: "id" });
    expect(k.column("id")).toEqual({
      kind: "categorical",
      codes: Int32Array.from([0, 1, 3, 2, -1]),
      levels: ["a", "b", "😀", "\uffff"],
    });
    expect(Array.from(k.numeric("y"))).toEqual([5, 1, 2, 3, 4]);
    const y = await frameFromTable(c, {
      from: "(SELECT * FROM k WHERE y > 9)",
      columns: ["y", "id"],
      orderBy: "id",
    });
    expect([y.nRows, y.names]).toEqual([0, ["y", "id"]]);
    c.closeSync();
    db.closeSync();
  });

  it("gives buildCohortFrame the frame of the plain sorted read", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(`CREATE TABLE people AS SELECT
        printf('p%05d', (i * 37) % ${N}) AS id,
        ['Nord', 'Sud', 'Est', 'Ouest'][i % 4 + 1] AS zone,
        CASE WHEN i % 13 = 0 THEN NULL ELSE ['low', 'mid', 'high', 'top'][i % 4 + 1] END AS grade,
        (i % 50) + 18.0 AS age,
        (i % 3 = 0)::INTEGER AS y
      FROM range(${N}) r(i)`);
    const spec: CohortSpec = {
      id: "big",
      description: "several chunks",
      units: { relation: "people", key: "id" },
      population: [{ code: "ADULT", label: "adults", keep: "u.age >= 20" }],
      outcomes: [{ name: "y", expr: "u.y", type: "numeric" }],
      covariates: [
        { name: "zone", expr: "u.zone", type: "categorical" },
        { name: "grade", expr: "u.grade", type: "categorical", levels: GRADES },
        { name: "age", expr: "u.age", type: "numeric" },
      ],
      dropMissingCovariates: false,
    };
    const r = await buildCohortFrame(c, spec);
    const expected = await frameFromDuckDB(
      c,
      `SELECT id, y, zone, grade, age FROM ${r.table} WHERE __excl IS NULL ORDER BY __key`,
      { levels: { grade: GRADES } },
    );
    const kept = rows.filter((i) => i % 50 >= 2); // ages 18 and 19 are excluded
    expect(r.frame.nRows).toBe(kept.length);
    expectSameFrame(r.frame, expected);
    const zone = r.frame.column("zone");
    expect(zone.kind === "categorical" && zone.levels).toEqual(["Est", "Nord", "Ouest", "Sud"]);
    const id = r.frame.column("id");
    const ids = kept.map((i) => `p${String((i * 37) % N).padStart(5, "0")}`).sort();
    expect(id).toEqual({ kind: "categorical", codes: Int32Array.from(kept.keys()), levels: ids });
    c.closeSync();
    db.closeSync();
  });
});
