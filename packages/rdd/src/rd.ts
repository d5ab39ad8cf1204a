import { designMatrix, type Frame, ParcoursError } from "@parcours-eval/core";
import { rdrobust } from "./rdrobust.js";
import type { RdData, RdOptions, RdResult } from "./types.js";

/** Column names of an RD design on a {@link Frame}, with the estimator's options. */
export interface RdSpec extends RdOptions {
  /** Outcome column. */
  y: string;
  /** Running-variable column (numeric or date). */
  x: string;
  /** Treatment-received column: makes the design fuzzy. */
  fuzzy?: string;
  /** Covariates: an R right-hand side ("a + b + factor") or a list of column names. */
  covs?: string | readonly string[];
  /** Cluster column (clustered CR1 variance). */
  cluster?: string;
  /** Frequency-weight column. */
  weights?: string;
}

/**
 * Covariate columns per input row (NaN where a covariate is missing), expanded by the core
 * design builder with R's treatment contrasts and the intercept removed.
 */
export function covariateColumns(
  frame: Frame,
  covs: string | readonly string[],
): Record<string, Float64Array> {
  const rhs = typeof covs === "string" ? covs : covs.join(" + ");
  if (rhs.trim() === "") return {};
  const design = designMatrix(frame, `~ ${rhs}`, { na: "omit" });
  const out: Record<string, Float64Array> = {};
  design.names.forEach((name, j) => {
    if (name === "(Intercept)") return;
    const col = design.column(j);
    const full = new Float64Array(frame.nRows).fill(Number.NaN);
    for (let k = 0; k < design.rowsUsed.length; k++) full[design.rowsUsed[k]!] = col[k]!;
    out[name] = full;
  });
  return out;
}

function clusterValues(frame: Frame, name: string): (number | string | null)[] {
  const col = frame.column(name);
  const out: (number | string | null)[] = new Array(frame.nRows);
  for (let i = 0; i < frame.nRows; i++) {
    if (col.kind === "categorical") out[i] = col.codes[i]! < 0 ? null : col.codes[i]!;
    else {
      const v = col.kind === "numeric" ? col.values[i]! : col.days[i]!;
      out[i] = Number.isNaN(v) ? null : v;
    }
  }
  return out;
}

/**
 * {@link rdrobust} on a frame: `rd(frame, { y: "vote", x: "margin", covs: "class + dopen" })`.
 * Rows with a missing value in any used column are excluded and counted in `excluded.missing`.
 */
export function rd(frame: Frame, spec: RdSpec): RdResult {
  if (!spec.y || !spec.x) {
    throw new ParcoursError(
      "RDD_BAD_OPTION",
      "an RD design needs an outcome y and a running variable x",
      {
        hint: 'e.g. rd(frame, { y: "outcome", x: "age_months", c: 360 })',
      },
    );
  }
  const data: RdData = {
    y: frame.numeric(spec.y),
    x: frame.numeric(spec.x),
    fuzzy: spec.fuzzy ? frame.numeric(spec.fuzzy) : undefined,
    covs: spec.covs ? covariateColumns(frame, spec.covs) : undefined,
    cluster: spec.cluster ? clusterValues(frame, spec.cluster) : undefined,
    weights: spec.weights ? frame.numeric(spec.weights) : undefined,
  };
  const { y: _y, x: _x, fuzzy: _f, covs: _c, cluster: _g, weights: _w, ...options } = spec;
  return rdrobust(data, options);
}
