import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { buildCohortFrame, type CohortSpec } from "../src/index.js";

describe("buildCohortFrame", () => {
  it("applies population steps, event windows, control exclusion and missing covariates in order", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(`CREATE TABLE people AS SELECT * FROM (VALUES
      ('p1', 'A', DATE '2023-01-01', DATE '2023-03-01', 30.0, 1),
      ('p2', 'A', DATE '2023-01-01', NULL, 40.0, 0),
      ('p3', 'B', DATE '2023-01-01', DATE '2023-03-01', 50.0, 1),
      ('p4', 'A', DATE '2023-01-01', DATE '2023-03-01', NULL, 1),
      ('p5', 'A', DATE '2023-01-01', DATE '2023-03-01', 20.0, 0),
      ('p6', 'A', DATE '2023-01-01', DATE '2023-03-01', 25.0, 1)) t(id, grp, start_date, first_date, age, y)`);
    await c.run(`CREATE TABLE ev AS SELECT * FROM (VALUES
      ('p1', DATE '2023-02-01', 'CALL'),
      ('p2', DATE '2023-06-30', 'CALL'),
      ('p5', DATE '2023-03-01', 'CALL'),
      ('p6', DATE '2023-02-01', 'MAIL')) t(id, d, kind)`);
    const spec: CohortSpec = {
      id: "t",
      description: "test",
      units: { relation: "people", key: "id" },
      events: { ev: { relation: "ev", key: "id", date: "d" } },
      population: [{ code: "NOT_A", label: "group A", keep: "u.grp = 'A'" }],
      treatment: {
        name: "treated",
        anyOf: [
          {
            label: "before first",
            when: "u.first_date IS NOT NULL",
            rule: {
              source: "ev",
              where: "e.kind = 'CALL'",
              window: { to: [{ date: "u.first_date", strict: true }] },
            },
          },
          {
            label: "within 6 months",
            when: "u.first_date IS NULL",
            rule: {
              source: "ev",
              where: "e.kind = 'CALL'",
              window: {
                from: [{ date: "u.start_date" }],
                to: [{ date: "u.start_date", offset: { months: 6 } }],
              },
            },
          },
        ],
        controlExclusion: {
          code: "CONTROL_MAILED",
          label: "controls never mailed",
          rule: { source: "ev", where: "e.kind = 'MAIL'" },
        },
      },
      outcomes: [
        { name: "y", expr: "u.y", type: "numeric" },
        { name: "n_calls", count: { source: "ev", where: "e.kind = 'CALL'" } },
      ],
      covariates: [{ name: "age", expr: "u.age", type: "numeric" }],
    };
    const r = await buildCohortFrame(c, spec);
    expect(r.exclusions.map((e) => [e.code, e.excluded, e.remaining])).toEqual([
      ["NOT_A", 1, 5],
      ["TREATMENT_UNDEFINED", 0, 5],
      ["CONTROL_MAILED", 1, 4],
      ["MISSING_OUTCOME", 0, 4],
      ["MISSING_OUTCOME", 0, 4],
      ["MISSING_COVARIATE", 1, 3],
    ]);
    expect(r.frame.toObjects()).toEqual([
      { id: "p1", treated: 1, y: 1, n_calls: 1, age: 30 },
      { id: "p2", treated: 1, y: 0, n_calls: 1, age: 40 }, // non-filer: call by start + 6 months
      { id: "p5", treated: 0, y: 0, n_calls: 1, age: 20 }, // same-day call is not strictly before
    ]);
    expect(r.nTreated).toBe(2);
    c.closeSync();
    db.closeSync();
  });
});
