import { categoricalColumn, Frame, numericColumn } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { type GowerType, gowerDistance, gowerMatrix, prepareGower } from "../src/index.js";
import { golden, readFixtureCsv } from "./helpers.js";

const flowerLevels = golden.flower.levels as Record<string, string[] | null>;
const flower = readFixtureCsv("flower.csv", flowerLevels);
const vars = ["V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8"];

/** Our types for a daisy `type` list (by 1-based number or name), defaults from the R classes. */
function typesFor(type: Record<string, (number | string)[] | number | string>): GowerType[] {
  const t: GowerType[] = vars.map((v) =>
    v === "V5" || v === "V6" ? "ordered" : flowerLevels[v] ? "nominal" : "numeric",
  );
  const names: Record<string, GowerType> = {
    asymm: "asymm",
    symm: "symm",
    ordratio: "ordratio",
    logratio: "logratio",
  };
  for (const [key, cols] of Object.entries(type)) {
    for (const c of [cols].flat()) {
      const idx = typeof c === "number" ? c - 1 : vars.indexOf(c);
      t[idx] = names[key]!;
    }
  }
  return t;
}

function lowerTriangle(m: Float64Array, n: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < n; j++) for (let i = j + 1; i < n; i++) out.push(m[i * n + j]!);
  return out;
}

function maxAbsDiff(a: ArrayLike<number | null>, b: ArrayLike<number | null>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null || Number.isNaN(x as number) || Number.isNaN(y as number)) {
      expect(x === null || Number.isNaN(x as number)).toBe(y === null || Number.isNaN(y as number));
      continue;
    }
    m = Math.max(m, Math.abs((x as number) - (y as number)));
  }
  return m;
}

describe("Gower distance = cluster::daisy(metric = 'gower')", () => {
  for (const [name, cs] of Object.entries(golden.flower.daisy)) {
    it(`flower, ${name}`, () => {
      const model = prepareGower(flower, vars, {
        types: typesFor(Array.isArray(cs.type) ? {} : cs.type),
        weights: cs.weights,
      });
      const m = gowerMatrix(model);
      expect(maxAbsDiff(lowerTriangle(m, 18), cs.lower)).toBeLessThan(1e-12);
      // The pairwise function agrees with the blocked kernel.
      expect(Math.abs(gowerDistance(model, 3, 11) - m[3 * 18 + 11]!)).toBeLessThan(1e-15);
    });
  }

  it("missing values, asymmetric binary and a pair with nothing in common", () => {
    const g = golden.missing;
    const frame = new Frame({
      x: numericColumn(g.x),
      f: categoricalColumn(g.f),
      o: categoricalColumn(g.o, ["lo", "mid", "hi"]),
      b: numericColumn(g.b),
    });
    const model = prepareGower(frame, ["x", "f", "o", "b"], {
      types: { o: "ordered", b: "asymm" },
    });
    const ours = lowerTriangle(gowerMatrix(model), 6);
    expect(ours.filter((d) => Number.isNaN(d))).toHaveLength(2);
    expect(maxAbsDiff(ours, g.lower)).toBeLessThan(1e-12);
  });

  it("2,000-row mixed data (ranges from all rows, ordered codes, NAs)", () => {
    const mixed = readFixtureCsv("mixed2000.csv", {
      sex: ["F", "M"],
      naf: Array.from({ length: 12 }, (_, i) => `N${String(i + 1).padStart(2, "0")}`),
      size: golden.mixed.sizeLevels,
    });
    const model = prepareGower(mixed, mixed.names, { types: { size: "ordered", online: "asymm" } });
    const rows = (golden.mixed.probe.rows as number[]).map((r) => r - 1);
    const probe = golden.mixed.probe.dist as number[][];
    rows.forEach((i, a) => {
      rows.forEach((j, b) => {
        expect(Math.abs(gowerDistance(model, i, j) - probe[a]![b]!)).toBeLessThan(1e-12);
      });
    });
  });
});

describe("Gower bad input", () => {
  it("rejects a constant variable, unless kept as daisy does", () => {
    const f = new Frame({ a: numericColumn([1, 1, 1]), b: numericColumn([1, 2, 4]) });
    expect(() => prepareGower(f, ["a", "b"])).toThrow(/single value/);
    const kept = prepareGower(f, ["a", "b"], { constant: "keep" });
    // daisy: |1 − 2| / 3 averaged with the constant's 0 → 1/6.
    expect(gowerDistance(kept, 0, 1)).toBeCloseTo(1 / 6, 15);
  });

  it("rejects rows with every clustering variable missing, naming them", () => {
    const f = new Frame({ a: numericColumn([1, null, 3]), s: categoricalColumn(["x", null, "y"]) });
    expect(() => prepareGower(f, ["a", "s"])).toThrow(
      expect.objectContaining({ code: "GOWER_ALL_MISSING_ROWS", line: 2 }),
    );
  });

  it("rejects non-binary asymm values and unknown types", () => {
    const f = new Frame({ a: numericColumn([0, 1, 2]) });
    expect(() => prepareGower(f, ["a"], { types: ["asymm"] })).toThrow(
      expect.objectContaining({ code: "GOWER_NOT_BINARY" }),
    );
    expect(() => prepareGower(f, ["a"], { types: ["interval" as GowerType] })).toThrow(
      expect.objectContaining({ code: "GOWER_BAD_TYPE" }),
    );
  });
});
