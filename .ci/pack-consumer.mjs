// The throwaway consumer of .ci/pack-check.sh: plain Node ESM importing the packed packages as a
// user would after `npm install @parcours-eval/matching`, checking two numbers against R goldens.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { glm, readCsv } from "@parcours-eval/core";
import { evaluateMatching } from "@parcours-eval/matching";

const formula = "treat ~ age + educ + race + married + nodegree + re74 + re75";
const frame = await readCsv("lalonde.csv");

// Propensity model: R's glm(f, binomial) coefficients.
const models = JSON.parse(readFileSync("lalonde_models.json", "utf8"));
const fit = glm(frame, formula, { family: "binomial" });
const r = models.logit.coefficients;
fit.coefficients.forEach((c, j) => {
  assert.equal(c.term, r.term[j]);
  assert.ok(
    Math.abs(c.estimate - r.estimate[j]) < 1e-6,
    `${c.term}: ${c.estimate} vs ${r.estimate[j]}`,
  );
});

// 1:1 nearest-neighbour matching and the ATT on re78: MatchIt + sandwich::vcovCL.
const matchit = JSON.parse(readFileSync("matchit.json", "utf8"));
const att = matchit.cases.find((c) => c.name === "nearest").att;
const { effect } = evaluateMatching(frame, { formula, outcome: "re78" });
assert.ok(
  Math.abs(effect.estimate - att.estimate) < 1e-6,
  `ATT ${effect.estimate} vs ${att.estimate}`,
);
assert.ok(Math.abs(effect.se - att.se) < 1e-6, `SE ${effect.se} vs ${att.se}`);

console.log(
  `consumer OK: educ coefficient ${fit.coefficients[2].estimate.toFixed(6)}, ATT ${effect.estimate.toFixed(3)} (SE ${effect.se.toFixed(3)})`,
);
