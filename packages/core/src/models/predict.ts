import { designFromSpec } from "../design/build.js";
import type { Frame } from "../frame.js";
import { makeFamily } from "./family.js";
import { internalsOf, type LinearFit } from "./fit.js";
import type { GlmFit } from "./glm.js";

/** Options of {@link predict}. */
export interface PredictOptions {
  /** "link" (linear predictor, default) or "response" (mean, e.g. a probability). */
  type?: "link" | "response";
}

/**
 * Predictions of a fitted model on a frame (R's `predict(fit, newdata, type)`): one value per
 * input row of `frame`, NaN where a used variable is missing. Aliased coefficients count as 0,
 * as in R. The frame needs the formula's columns with the same types; factor levels unseen at
 * fit time are an error (DESIGN_NEW_LEVEL).
 */
export function predict(fit: LinearFit, frame: Frame, options: PredictOptions = {}): Float64Array {
  const { design } = internalsOf(fit);
  const newDesign = designFromSpec(design.spec, frame);
  const eta = newDesign.multiply(fit.beta);
  const out = new Float64Array(frame.nRows).fill(Number.NaN);
  const glmFit = fit as Partial<GlmFit>;
  const family =
    options.type === "response" && glmFit.family !== undefined
      ? makeFamily(glmFit.family, glmFit.link)
      : null;
  for (let k = 0; k < eta.length; k++) {
    out[newDesign.rowsUsed[k]!] = family ? family.linkinv(eta[k]!) : eta[k]!;
  }
  return out;
}
