import { Frame, numericColumn, ParcoursError } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { rd, rdrobust } from "../src/index.js";
import { senate } from "./helpers.js";

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ParcoursError) return e.code;
    throw e;
  }
  return "no error";
}

const x = Float64Array.from({ length: 200 }, (_, i) => i / 10 - 10);
const y = x.map((v) => v * 0.5 + (v >= 0 ? 1 : 0) + Math.sin(v * 7));

describe("bad input", () => {
  it("a cutoff outside the data", () => {
    expect(code(() => rdrobust({ y, x }, { c: 50 }))).toBe("RDD_CUTOFF_OUTSIDE");
  });
  it("no observations on one side", () => {
    expect(code(() => rdrobust({ y, x }, { c: -10 }))).toBe("RDD_EMPTY_SIDE");
    const pos = x.map((v) => v + 10);
    expect(code(() => rdrobust({ y, x: pos }, { c: 0 }))).toBe("RDD_EMPTY_SIDE");
  });
  it("too few unique values for the polynomial (age in years 28-31)", () => {
    const age = Float64Array.from({ length: 400 }, (_, i) => 28 + (i % 4));
    const out = age.map((a, i) => (a >= 30 ? 1 : 0) + ((i * 7919) % 13) / 13);
    const err = (() => {
      try {
        rdrobust({ y: out, x: age }, { c: 30 });
      } catch (e) {
        return e as ParcoursError;
      }
    })();
    expect(err?.code).toBe("RDD_TOO_FEW_UNIQUE");
    expect(err?.hint).toMatch(/months/);
  });
  it("names a bad option and its allowed values", () => {
    const err = (() => {
      try {
        rdrobust({ y, x }, { kernel: "gaussian" as never });
      } catch (e) {
        return e as ParcoursError;
      }
    })();
    expect(err?.code).toBe("RDD_BAD_OPTION");
    expect(err?.message).toMatch(/kernel/);
    expect(err?.hint).toMatch(/triangular/);
    expect(code(() => rdrobust({ y, x }, { p: 2, q: 2 }))).toBe("RDD_BAD_OPTION");
    expect(code(() => rdrobust({ y, x }, { h: -1 }))).toBe("RDD_BAD_OPTION");
  });
  it("mismatched lengths", () => {
    expect(code(() => rdrobust({ y: y.subarray(1), x }))).toBe("RDD_LENGTH_MISMATCH");
  });
  it("a fuzzy treatment with no first stage", () => {
    const t = x.map(() => 1);
    expect(code(() => rdrobust({ y, x, fuzzy: t }))).toBe("RDD_NO_FIRST_STAGE");
  });
});

describe("rd on a frame", () => {
  it("equals rdrobust on arrays, with covariates from a formula and counted exclusions", () => {
    const d = senate();
    const frame = new Frame({
      vote: numericColumn(d.num.vote!),
      margin: numericColumn(d.num.margin!),
      class: numericColumn(d.num.class!),
      termshouse: numericColumn(d.num.termshouse!),
    });
    const a = rd(frame, { y: "vote", x: "margin", covs: "class + termshouse" });
    const b = rdrobust({
      y: d.num.vote!,
      x: d.num.margin!,
      covs: { class: d.num.class!, termshouse: d.num.termshouse! },
    });
    expect(a.conventional.coef).toBe(b.conventional.coef);
    expect(a.robust.se).toBe(b.robust.se);
    expect(a.covariates?.names).toEqual(["class", "termshouse"]);
    expect(a.excluded.missing).toBe(1390 - a.n.left - a.n.right);
  });
});

describe("result fields (the CLI --json interface)", () => {
  it("carries the documented field names", () => {
    const r = rdrobust({ y, x });
    for (const key of ["conventional", "biasCorrected", "robust"] as const) {
      expect(Object.keys(r[key]).sort()).toEqual(
        ["ciLower", "ciUpper", "coef", "pValue", "se", "z"].sort(),
      );
    }
    for (const key of ["h", "b", "n", "nEffective"] as const) {
      expect(Object.keys(r[key]).sort()).toEqual(["left", "right"]);
    }
    expect(Array.isArray(r.warnings)).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
