import { designMatrix, type Frame } from "@parcours-eval/core";
import type { Dense } from "./dense.js";

/** Covariate design of every input row (R's `model.matrix(xformla, data)`). */
export interface CovariateDesign {
  /** Row-major design, one row per input row (rows with missing covariates hold NaN). */
  readonly dense: Dense;
  /** Column names as R names them. */
  readonly names: string[];
  /** 1 where the row's covariates are all present. */
  readonly present: Uint8Array;
  /** Number of covariates on the right-hand side (for `did`'s small-group threshold). */
  readonly nRhsVars: number;
}

/** True when the formula is `~ 1` (intercept only). */
export function interceptOnly(xformla: string): boolean {
  return xformla.replace(/\s+/g, "") === "~1";
}

/** Builds the covariate design; `~ 1` needs no formula machinery. */
export function covariateDesign(frame: Frame, xformla: string): CovariateDesign {
  const n = frame.nRows;
  if (interceptOnly(xformla)) {
    return {
      dense: { x: new Float64Array(n).fill(1), n, p: 1 },
      names: ["(Intercept)"],
      present: new Uint8Array(n).fill(1),
      nRhsVars: 0,
    };
  }
  const design = designMatrix(frame, xformla, { na: "omit" });
  const p = design.p;
  const compact = design.toDense();
  const present = new Uint8Array(n);
  if (design.nRows === n && isIdentity(design.rowsUsed)) {
    // No row dropped: the design rows are the input rows, no scatter copy needed.
    present.fill(1);
    const rhs = design.names.filter((name) => name !== "(Intercept)");
    return { dense: { x: compact, n, p }, names: [...design.names], present, nRhsVars: rhs.length };
  }
  const x = new Float64Array(n * p).fill(Number.NaN);
  for (let k = 0; k < design.nRows; k++) {
    const row = design.rowsUsed[k]!;
    present[row] = 1;
    x.set(compact.subarray(k * p, (k + 1) * p), row * p);
  }
  const rhs = design.names.filter((name) => name !== "(Intercept)");
  return { dense: { x, n, p }, names: [...design.names], present, nRhsVars: rhs.length };
}

/** True when `rows[k] === k` for every k. */
function isIdentity(rows: Int32Array): boolean {
  for (let k = 0; k < rows.length; k++) if (rows[k] !== k) return false;
  return true;
}

/**
 * The rows `rows` of a design, dropping columns that are constant zero there (R's `droplevels`
 * on a subset leaves no empty dummy behind).
 */
export function subsetDesign(design: Dense, rows: ArrayLike<number>): Dense {
  const { p, x } = design;
  const m = rows.length;
  const keep: number[] = [];
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < m; k++) {
      if (x[rows[k]! * p + j] !== 0) {
        keep.push(j);
        break;
      }
    }
  }
  const q = keep.length;
  const out = new Float64Array(m * q);
  for (let k = 0; k < m; k++) {
    const o = rows[k]! * p;
    for (let j = 0; j < q; j++) out[k * q + j] = x[o + keep[j]!]!;
  }
  return { x: out, n: m, p: q };
}
