import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseVcov, runRegress } from "../src/commands/regress.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const data = `${root}fixtures/data/lalonde.csv`;
const golden = JSON.parse(
  readFileSync(`${root}fixtures/reference/core/lalonde_models.json`, "utf8"),
) as {
  logit: { coefficients: { estimate: number[]; se: number[] }; deviance: number };
  lm: { vcov: { cluster_married: number[] } };
};

describe("parcours regress", () => {
  it("binomial logit: R's coefficients in the --json document", async () => {
    const { json, text } = await runRegress({
      data,
      formula: "treat ~ age + educ + race + married + nodegree + re74 + re75",
      family: "binomial",
      vcov: "classical",
    });
    expect(Object.keys(json).slice(0, 5)).toEqual([
      "coefficients",
      "n",
      "deviance",
      "converged",
      "warnings",
    ]);
    expect(Object.keys(json.coefficients[0]!)).toEqual([
      "term",
      "estimate",
      "se",
      "statistic",
      "pValue",
    ]);
    expect(json.n).toBe(614);
    expect(json.converged).toBe(true);
    expect(json.warnings).toEqual([]);
    expect(json.deviance).toBeCloseTo(golden.logit.deviance, 8);
    json.coefficients.forEach((c, j) => {
      expect(c.estimate).toBeCloseTo(golden.logit.coefficients.estimate[j]!, 10);
      expect(c.se).toBeCloseTo(golden.logit.coefficients.se[j]!, 10);
    });
    expect(text).toContain("racewhite   -3.065e+00  2.865e-01 -10.699   <2e-16 ***");
  });

  it("gaussian with cluster:married uses vcovCL", async () => {
    const { json, text } = await runRegress({
      data,
      formula: "re78 ~ treat + age + educ + race",
      family: "gaussian",
      vcov: "cluster:married",
    });
    const V = golden.lm.vcov.cluster_married;
    const p = json.coefficients.length;
    json.coefficients.forEach((c, j) => {
      expect(Math.abs(c.se / Math.sqrt(V[j * p + j]!) - 1)).toBeLessThan(1e-8);
    });
    expect(json.vcov).toBe("cluster:married");
    expect(text).toContain("t value");
  });

  it("rejects unknown --vcov and --family values with the allowed ones", async () => {
    expect(() => parseVcov("robust")).toThrowError(/not a variance estimator/);
    await expect(
      runRegress({ data, formula: "re78 ~ treat", family: "poisson", vcov: "classical" }),
    ).rejects.toMatchObject({ code: "CLI_BAD_OPTION", hint: "use gaussian or binomial" });
  });
});
