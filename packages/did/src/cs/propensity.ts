import { Frame, glm, numericColumn, ParcoursError } from "@parcours-eval/core";
import type { LogitFitter } from "./cell.js";

/**
 * Logistic propensity score P(D = 1 | X) through core's `glm` (binomial, logit link, prior
 * weights), on the cell's own design columns so factor levels match the outcome regressions.
 */
export const coreLogit: LogitFitter = (d, treated, weights) => {
  const { n, p, x } = d;
  const cols: Record<string, ReturnType<typeof numericColumn>> = { d__: numericColumn(treated) };
  const names: string[] = [];
  for (let j = 0; j < p; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = x[i * p + j]!;
    const name = `x${j}__`;
    cols[name] = numericColumn(v);
    names.push(name);
  }
  try {
    // The design already holds the intercept column: no implicit one.
    const fit = glm(new Frame(cols), `d__ ~ ${names.join(" + ")} - 1`, {
      family: "binomial",
      weights: Float64Array.from(weights),
    });
    if (fit.aliased.length > 0 || fit.fitted.length !== n) return null;
    return { fitted: fit.fitted, converged: fit.converged };
  } catch (error) {
    // A model error (e.g. no variation in the cell) makes this cell NA; anything else is a bug.
    if (error instanceof ParcoursError) return null;
    throw error;
  }
};
