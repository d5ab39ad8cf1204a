import { describe, expect, it } from "vitest";
import {
  categoricalColumn,
  closeMatches,
  createRng,
  dayNumber,
  Frame,
  isoDate,
  ParcoursError,
} from "../src/index.js";

describe("Frame", () => {
  const frame = Frame.fromObjects(
    [
      { treat: 1, age: 25, race: "hispan", start: "2020-02-29" },
      { treat: 0, age: null, race: "black", start: "2021-01-01" },
      { treat: 1, age: 40, race: "white", start: null },
    ],
    { dates: ["start"] },
  );

  it("types columns and keeps R's level order", () => {
    expect(frame.nRows).toBe(3);
    expect(frame.column("treat").kind).toBe("numeric");
    const race = frame.column("race");
    expect(race.kind === "categorical" && race.levels).toEqual(["black", "hispan", "white"]);
    expect(Number.isNaN(frame.numeric("age")[1]!)).toBe(true);
    expect(frame.numeric("start")[0]).toBe(dayNumber("2020-02-29"));
  });

  it("filters, takes and prints", () => {
    const kept = frame.filter([1, 0, 1]);
    expect(kept.nRows).toBe(2);
    expect(kept.row(1)).toEqual({ treat: 1, age: 40, race: "white", start: null });
    expect(frame.toString()).toContain("3 rows × 4 columns");
    expect(frame.toString()).toContain("NA");
  });

  it("names close matches for an unknown column", () => {
    try {
      frame.column("tret");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParcoursError);
      expect((e as ParcoursError).code).toBe("FRAME_UNKNOWN_COLUMN");
      expect((e as ParcoursError).hint).toContain('"treat"');
    }
  });

  it("rejects columns of unequal length", () => {
    expect(
      () => new Frame({ a: categoricalColumn(["x"]), b: categoricalColumn(["x", "y"]) }),
    ).toThrow(/has 2 rows, expected 1/);
  });
});

describe("dates, matches and randomness", () => {
  it("converts day numbers both ways and rejects impossible dates", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(isoDate(dayNumber("2024-02-29"))).toBe("2024-02-29");
    expect(Number.isNaN(dayNumber("2023-02-29"))).toBe(true);
  });
  it("ranks close matches", () => {
    expect(closeMatches("naf_dv", ["naf_div", "region", "age"])).toEqual(["naf_div"]);
  });
  it("repeats a seeded sequence", () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = [a.uniform(), a.normal(), a.int(10)];
    expect([b.uniform(), b.normal(), b.int(10)]).toEqual(xs);
    expect(createRng(43).uniform()).not.toBe(xs[0]);
  });
});
