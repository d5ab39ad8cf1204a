import { describe, expect, it } from "vitest";
import { designMatrix, expandTerms, Frame, ParcoursError, parseFormula } from "../src/index.js";

// Column names below were produced by R 4.2.2's model.matrix on the same data (see
// fixtures/reference/core/lalonde_models.R for the golden-tested cases).
const d = Frame.fromObjects([
  { y: 1, x: 1, z: 2, f: "a", g: "u", k: 1 },
  { y: 0, x: 2, z: 1, f: "b", g: "v", k: 2 },
  { y: 1, x: 3, z: 3, f: "c", g: "u", k: 1 },
  { y: 0, x: 4, z: 5, f: "a", g: "v", k: 2 },
  { y: 1, x: 5, z: 4, f: "b", g: "u", k: 3 },
  { y: 1, x: 6, z: 2, f: "c", g: "v", k: 3 },
]);

describe("formula terms", () => {
  it("orders terms by degree and keeps R's variable order in labels", () => {
    const t = expandTerms(parseFormula("y ~ c:b + a:b:c + b:a"));
    expect(t.terms.map((x) => x.label)).toEqual(["c:b", "b:a", "c:b:a"]);
    const u = expandTerms(parseFormula("y ~ (a+b):(c+d)"));
    expect(u.terms.map((x) => x.label)).toEqual(["a:c", "a:d", "b:c", "b:d"]);
    const v = expandTerms(parseFormula("y ~ a*b*c - a:b + 0"));
    expect(v.terms.map((x) => x.label)).toEqual(["a", "b", "c", "a:c", "b:c", "a:b:c"]);
    expect(v.intercept).toBe(false);
    expect(expandTerms(parseFormula("y ~ (a+b)/c")).terms.map((x) => x.label)).toEqual([
      "a",
      "b",
      "a:b:c",
    ]);
    expect(expandTerms(parseFormula("y ~ -1 + x")).intercept).toBe(false);
    expect(expandTerms(parseFormula("y ~ x - 1 + 1")).intercept).toBe(true);
  });

  it("expands . to every other column", () => {
    const t = expandTerms(parseFormula("y ~ ."), ["y", "x", "f"]);
    expect(t.terms.map((x) => x.label)).toEqual(["x", "f"]);
  });
});

describe("designMatrix column names (R's model.matrix)", () => {
  const cases: [string, string[]][] = [
    ["y ~ x + f:x", ["(Intercept)", "x", "x:fb", "x:fc"]],
    ["y ~ f:x", ["(Intercept)", "fa:x", "fb:x", "fc:x"]],
    ["y ~ g:f", ["(Intercept)", "gu:fa", "gv:fa", "gu:fb", "gv:fb", "gu:fc", "gv:fc"]],
    ["y ~ f*g", ["(Intercept)", "fb", "fc", "gv", "fb:gv", "fc:gv"]],
    ["y ~ f + g - 1", ["fa", "fb", "fc", "gv"]],
    ["y ~ z:x + x", ["(Intercept)", "x", "z:x"]],
    [
      "y ~ factor(k) + I(x^2) + I(x*2) + I(x/2-1) + log(x) + f:z",
      [
        "(Intercept)",
        "factor(k)2",
        "factor(k)3",
        "I(x^2)",
        "I(x * 2)",
        "I(x/2 - 1)",
        "log(x)",
        "fa:z",
        "fb:z",
        "fc:z",
      ],
    ],
    [
      "y ~ (x+f+g)^2",
      ["(Intercept)", "x", "fb", "fc", "gv", "x:fb", "x:fc", "x:gv", "fb:gv", "fc:gv"],
    ],
    ["y ~ f/x", ["(Intercept)", "fb", "fc", "fa:x", "fb:x", "fc:x"]],
    ["y ~ 0 + x:f + f", ["fa", "fb", "fc", "x:fa", "x:fb", "x:fc"]],
    [
      "y ~ g:x:f + f",
      ["(Intercept)", "fb", "fc", "gu:x:fa", "gv:x:fa", "gu:x:fb", "gv:x:fb", "gu:x:fc", "gv:x:fc"],
    ],
    ["y ~ I(-x) + I(x^-1) + I((x+1)^2)", ["(Intercept)", "I(-x)", "I(x^-1)", "I((x + 1)^2)"]],
  ];
  for (const [formula, names] of cases) {
    it(formula, () => expect(designMatrix(d, formula).names).toEqual(names));
  }

  it("fills values with the first variable varying fastest", () => {
    const D = designMatrix(d, "y ~ factor(k)*x + I(x^2) - 1");
    expect(D.names).toEqual([
      "factor(k)1",
      "factor(k)2",
      "factor(k)3",
      "x",
      "I(x^2)",
      "factor(k)2:x",
      "factor(k)3:x",
    ]);
    const dense = Array.from(D.toDense());
    expect(dense.slice(7, 14)).toEqual([0, 1, 0, 2, 4, 2, 0]);
    expect(dense.slice(35, 42)).toEqual([0, 0, 1, 6, 36, 0, 6]);
  });

  it("computes X'WX, X'Wz and Xb on the sparse structure as the dense matrix would", () => {
    const D = designMatrix(d, "y ~ f*x + g");
    const X = D.toDense();
    const { p, nRows } = D;
    const w = Float64Array.from({ length: nRows }, (_, i) => 0.5 + i);
    const z = Float64Array.from({ length: nRows }, (_, i) => i * i - 3);
    const A = D.xtwx(w);
    const b = D.xtwz(w, z);
    for (let a = 0; a < p; a++) {
      let sb = 0;
      for (let i = 0; i < nRows; i++) sb += X[i * p + a]! * w[i]! * z[i]!;
      expect(b[a]).toBeCloseTo(sb, 12);
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let i = 0; i < nRows; i++) s += X[i * p + a]! * w[i]! * X[i * p + c]!;
        expect(A[a * p + c]).toBeCloseTo(s, 12);
      }
    }
    const beta = Float64Array.from({ length: p }, (_, j) => j - 2);
    const xb = D.multiply(beta);
    for (let i = 0; i < nRows; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += X[i * p + j]! * beta[j]!;
      expect(xb[i]).toBeCloseTo(s, 12);
    }
  });

  it("omits and counts rows with missing values, and drops unused levels", () => {
    const m = Frame.fromObjects([
      { y: 1, x: 1, f: "a" },
      { y: 0, x: null, f: "b" },
      { y: 1, x: 3, f: null },
      { y: 0, x: 4, f: "c" },
      { y: null, x: 5, f: "c" },
    ]);
    const D = designMatrix(m, "y ~ x + f");
    expect(D.nRows).toBe(2);
    expect(D.nDropped).toBe(3);
    expect(Array.from(D.rowsUsed)).toEqual([0, 3]);
    expect(D.missingByVariable).toEqual({ y: 1, x: 1, f: 1 });
    expect(D.names).toEqual(["(Intercept)", "x", "fc"]);
    expect(() => designMatrix(m, "y ~ x + f", { na: "fail" })).toThrow(ParcoursError);
  });
});
