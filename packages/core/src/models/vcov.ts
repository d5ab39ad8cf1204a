import { Matrix } from "ml-matrix";
import { ParcoursError } from "../errors.js";
import type { Frame } from "../frame.js";
import { normalPValue, tPValue } from "../stats/distributions.js";
import { type CoefficientRow, internalsOf, type LinearFit, type VcovSpec } from "./fit.js";

const HC_TYPES = ["classical", "HC0", "HC1", "HC2", "HC3"] as const;

/** Cluster codes per design row from a column name or per-row values. */
function clusterCodes(
  fit: LinearFit,
  frame: Frame,
  cluster: ArrayLike<number> | ArrayLike<string> | string,
): { codes: Int32Array; G: number; label: string } {
  let values: ArrayLike<number | string>;
  let label = "cluster";
  let perInputRow = true;
  if (typeof cluster === "string") {
    label = cluster;
    const col = frame.column(cluster);
    values =
      col.kind === "categorical"
        ? Array.from(col.codes, (c) => (c < 0 ? Number.NaN : c))
        : col.kind === "numeric"
          ? col.values
          : col.days;
  } else {
    values = cluster;
    if (cluster.length === frame.nRows) perInputRow = true;
    else if (cluster.length === fit.n) perInputRow = false;
    else {
      throw new ParcoursError(
        "VCOV_BAD_CLUSTER",
        `cluster has ${cluster.length} entries; expected ${frame.nRows} (input rows) or ${fit.n} (rows used)`,
        { hint: "give one cluster id per input row, or the name of a column" },
      );
    }
  }
  const index = new Map<number | string, number>();
  const codes = new Int32Array(fit.n);
  for (let k = 0; k < fit.n; k++) {
    const v = values[perInputRow ? fit.rowsUsed[k]! : k]!;
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
      throw new ParcoursError(
        "VCOV_CLUSTER_MISSING",
        `the cluster id "${label}" is missing for input row ${fit.rowsUsed[k]! + 1}`,
        { column: label, hint: "every row used by the model needs a cluster id" },
      );
    }
    let c = index.get(v);
    if (c === undefined) {
      c = index.size;
      index.set(v, c);
    }
    codes[k] = c;
  }
  return { codes, G: index.size, label };
}

/** C with NaN (aliased) entries as zeros, so aliased columns drop out of products. */
function zeroed(C: Float64Array): Float64Array {
  return C.map((v) => (Number.isNaN(v) ? 0 : v));
}

/**
 * Variance-covariance matrix of the coefficients (p × p row-major; aliased rows and columns
 * NaN, as R's `vcov(complete = TRUE)`).
 * - `"classical"`: dispersion × (X'WX)⁻¹ (R's `vcov`).
 * - `"HC0"`–`"HC3"`: White/MacKinnon–White sandwiches as `sandwich::vcovHC` (Zeileis 2004,
 *   J. Stat. Softw. 11(10), eq. 6–7): (X'WX)⁻¹ [Σ ωᵢ uᵢ² xᵢxᵢ'] (X'WX)⁻¹ with uᵢ = wᵢ rᵢ the
 *   working weight × working residual (plain residual × prior weight for lm), ω = 1, n/(n−k),
 *   1/(1−hᵢ), 1/(1−hᵢ)², hᵢ = wᵢ xᵢ'(X'WX)⁻¹xᵢ.
 * - `{ cluster, type? }`: `sandwich::vcovCL` defaults (Zeileis, Köll & Graham 2020, J. Stat.
 *   Softw. 95(1), §2): meat Σ_g s_g s_g', s_g = Σ_{i∈g} uᵢ xᵢ, times G/(G−1), and for type
 *   "HC1" (the default for lm; "HC0" is the default for GLMs, as in vcovCL) times (n−1)/(n−k).
 *   `cluster` is a column name of the fitted frame, or ids per input row (or per row used).
 * For a GLM the same formulas hold with the IRLS working weights and residuals (sandwich's
 * `bread.glm`/`estfun.glm`; the dispersion cancels).
 * @throws ParcoursError VCOV_BAD_TYPE, VCOV_BAD_CLUSTER, VCOV_CLUSTER_MISSING, VCOV_ONE_CLUSTER.
 */
export function vcov(fit: LinearFit, spec: VcovSpec = "classical"): Float64Array {
  const { design, frame } = internalsOf(fit);
  const p = fit.names.length;
  const C = fit.covUnscaled;
  if (spec === "classical") return C.map((v) => v * fit.dispersion);
  const isCluster = typeof spec === "object" && spec !== null && "cluster" in spec;
  if (!isCluster && !HC_TYPES.includes(spec as (typeof HC_TYPES)[number])) {
    throw new ParcoursError("VCOV_BAD_TYPE", `unknown variance estimator ${JSON.stringify(spec)}`, {
      value: spec,
      hint: 'use "classical", "HC0", "HC1", "HC2", "HC3" or { cluster: <column or ids> }',
    });
  }
  const n = fit.n;
  const k = fit.rank;
  const w = fit.workingWeights;
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = w[i]! * fit.workingResiduals[i]!;
  const Cz = zeroed(C);
  let meat: Float64Array;
  let adjust = 1;
  if (isCluster) {
    const { codes, G, label } = clusterCodes(fit, frame, (spec as { cluster: string }).cluster);
    if (G < 2) {
      throw new ParcoursError("VCOV_ONE_CLUSTER", `"${label}" has a single cluster`, {
        column: label,
        hint: "cluster-robust variance needs at least two clusters (many more to be reliable)",
      });
    }
    meat = design.clusterCrossprod(u, codes, G);
    // vcovCL's default type: "HC1" for lm, "HC0" otherwise (glm); cadjust G/(G-1) always.
    const type = (spec as { type?: "HC0" | "HC1" }).type ?? ("family" in fit ? "HC0" : "HC1");
    adjust = (G / (G - 1)) * (type === "HC1" ? (n - 1) / (n - k) : 1);
  } else {
    const omega = new Float64Array(n);
    if (spec === "HC2" || spec === "HC3") {
      const h = design.quadraticForm(Cz);
      for (let i = 0; i < n; i++) {
        const hi = w[i]! * h[i]!;
        omega[i] = u[i]! ** 2 / (spec === "HC2" ? 1 - hi : (1 - hi) ** 2);
      }
    } else {
      for (let i = 0; i < n; i++) omega[i] = u[i]! ** 2;
      if (spec === "HC1") adjust = n / (n - k);
    }
    meat = design.xtwx(omega);
  }
  const B = Matrix.from1DArray(p, p, Cz);
  const V = B.mmul(Matrix.from1DArray(p, p, meat)).mmul(B);
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const alias = Number.isNaN(fit.beta[a]!) || Number.isNaN(fit.beta[b]!);
      out[a * p + b] = alias ? Number.NaN : V.get(a, b) * adjust;
    }
  }
  return out;
}

/** Short description of a variance estimator, for results and printed tables. */
export function describeVcov(spec: VcovSpec): string {
  if (typeof spec === "string") return spec;
  return typeof spec.cluster === "string" ? `cluster:${spec.cluster}` : "cluster";
}

/**
 * The coefficient table with standard errors from a variance estimator (lmtest's `coeftest`):
 * t tests on the residual df for lm fits and for a gaussian GLM's classical variance, z tests
 * otherwise (binomial GLMs, and robust variances of GLMs).
 */
export function coefficientTable(fit: LinearFit, spec: VcovSpec = "classical"): CoefficientRow[] {
  const V = vcov(fit, spec);
  const p = fit.names.length;
  const isGlm = "family" in fit;
  const family = (fit as { family?: string }).family;
  const useT = !isGlm || (spec === "classical" && family === "gaussian");
  const out: CoefficientRow[] = [];
  for (let j = 0; j < p; j++) {
    if (Number.isNaN(fit.beta[j]!)) continue;
    const se = Math.sqrt(V[j * p + j]!);
    const statistic = fit.beta[j]! / se;
    out.push({
      term: fit.names[j]!,
      estimate: fit.beta[j]!,
      se,
      statistic,
      pValue: useT ? tPValue(statistic, fit.dfResidual) : normalPValue(statistic),
    });
  }
  return out;
}
