import { beforeAll, describe, expect, it } from "vitest";
import {
  designMatrix,
  Frame,
  glm,
  lm,
  numericColumn,
  ParcoursError,
  parseFormula,
  predict,
  vcov,
} from "../src/index.js";
import { lalonde } from "./helpers.js";

let d: Frame;
beforeAll(async () => {
  d = await lalonde();
});

function caught(f: () => unknown): ParcoursError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ParcoursError);
    return e as ParcoursError;
  }
  throw new Error("expected a ParcoursError");
}

describe("bad input gives one clear error", () => {
  it("unknown column: names it and lists close matches", () => {
    const e = caught(() => glm(d, "treat ~ age + educaton + race", { family: "binomial" }));
    expect(e.code).toBe("FORMULA_UNKNOWN_COLUMN");
    expect(e.column).toBe("educaton");
    expect(e.message).toContain('"educaton"');
    expect(e.hint).toBe('did you mean "educ"?');
    const f = caught(() => lm(d, "re78 ~ re7"));
    expect(f.hint).toContain('"re74"');
    expect(f.hint).toContain('"re78"');
  });

  it("non-binary response for binomial", () => {
    const e = caught(() => glm(d, "re78 ~ age", { family: "binomial" }));
    expect(e.code).toBe("GLM_RESPONSE_NOT_BINARY");
    expect(e.message).toContain('"re78"');
    expect(e.message).toContain("9930.046 at row 1");
    expect(e.hint).toContain("gaussian");
    const three = caught(() => glm(d, "race ~ age", { family: "binomial" }));
    expect(three.code).toBe("GLM_RESPONSE_NOT_BINARY");
    expect(three.message).toContain("3 levels");
  });

  it("empty frame", () => {
    const empty = d.filter(new Uint8Array(d.nRows));
    const e = caught(() => glm(empty, "treat ~ age", { family: "binomial" }));
    expect(e.code).toBe("FRAME_EMPTY");
    expect(e.message).toBe("the data has no rows");
    expect(e.hint).toBeTruthy();
  });

  it("all-missing column", () => {
    const allNa = d.withColumn("age", numericColumn(new Array(d.nRows).fill(null)));
    const e = caught(() => lm(allNa, "re78 ~ treat + age"));
    expect(e.code).toBe("DESIGN_ALL_MISSING");
    expect(e.column).toBe("age");
    expect(e.message).toBe('"age" is missing in every row (614)');
    expect(e.hint).toContain("empty fields");
  });

  it("formula syntax errors point at the character", () => {
    const e = caught(() => parseFormula("treat ~ age + * educ"));
    expect(e.code).toBe("FORMULA_SYNTAX");
    expect(e.column).toBe(15);
    expect(e.message).toBe('formula syntax error: unexpected "*"');
    expect(e.hint).toContain("treat ~ age + * educ\n  ");
    expect(caught(() => parseFormula("treat age")).message).toContain('expected "~"');
    expect(caught(() => parseFormula("y ~ log(x")).code).toBe("FORMULA_SYNTAX");
    expect(caught(() => parseFormula("y ~ x $ z")).column).toBe(7);
    expect(caught(() => parseFormula("")).code).toBe("FORMULA_SYNTAX");
    expect(caught(() => designMatrix(d, "re78 ~ age + 3")).code).toBe("FORMULA_SYNTAX");
  });

  it("bad options name the option and the allowed values", () => {
    const fam = caught(() => glm(d, "treat ~ age", { family: "poisson" as "binomial" }));
    expect(fam.code).toBe("GLM_BAD_FAMILY");
    expect(fam.hint).toContain('"binomial" or "gaussian"');
    const link = caught(() => glm(d, "treat ~ age", { family: "gaussian", link: "logit" }));
    expect(link.code).toBe("GLM_BAD_LINK");
    expect(link.hint).toContain("identity");
    const fit = lm(d, "re78 ~ treat");
    expect(caught(() => vcov(fit, "HC9" as "HC0")).code).toBe("VCOV_BAD_TYPE");
    expect(caught(() => vcov(fit, { cluster: "marr" })).hint).toContain('"married"');
    expect(caught(() => vcov(fit, { cluster: [1, 2] })).code).toBe("VCOV_BAD_CLUSTER");
  });
});

describe("warnings instead of silent trouble", () => {
  it("quasi-complete separation is detected and named", () => {
    // Every Hispanic row is made untreated: racehispan separates treat = 0.
    const race = d.column("race");
    if (race.kind !== "categorical") throw new Error("race should be categorical");
    const treat = Float64Array.from(d.numeric("treat"));
    for (let i = 0; i < d.nRows; i++) if (race.levels[race.codes[i]!] === "hispan") treat[i] = 0;
    const fit = glm(d.withColumn("treat", numericColumn(treat)), "treat ~ age + race", {
      family: "binomial",
    });
    expect(
      fit.warnings.some((w) => w.includes("quasi-complete separation") && w.includes("racehispan")),
    ).toBe(true);
  });

  it("non-convergence is reported, not hidden", () => {
    const fit = glm(d, "treat ~ age + educ + race + re74", { family: "binomial", maxit: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(2);
    expect(fit.warnings[0]).toContain("did not converge");
  });
});

describe("predict on new data", () => {
  it("returns NaN for rows with a missing variable and rejects unseen levels", () => {
    const fit = glm(d, "treat ~ age + race", { family: "binomial" });
    const fresh = Frame.fromObjects(
      [
        { age: 30, race: "white" },
        { age: null, race: "black" },
        { age: 25, race: "hispan" },
      ],
      { levels: { race: ["black", "hispan", "white"] } },
    );
    const p = predict(fit, fresh, { type: "response" });
    const b = fit.beta;
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-(b[0]! + 30 * b[1]! + b[3]!))), 14);
    expect(Number.isNaN(p[1]!)).toBe(true);
    expect(p[2]).toBeCloseTo(1 / (1 + Math.exp(-(b[0]! + 25 * b[1]! + b[2]!))), 14);
    const odd = Frame.fromObjects([{ age: 30, race: "asian" }]);
    expect(caught(() => predict(fit, odd)).code).toBe("DESIGN_NEW_LEVEL");
    expect(caught(() => vcov({ ...fit }, "HC0")).code).toBe("FIT_UNKNOWN");
  });
});
