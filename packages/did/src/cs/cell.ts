import type { Dense } from "./dense.js";

/** Estimation method of a group-time cell (Sant'Anna & Zhao 2020). */
export type EstMethod = "reg" | "ipw" | "dr";

/** A fitted logit: probabilities per row, or `null` when it cannot be fitted. */
export type LogitFitter = (
  d: Dense,
  treated: Float64Array,
  weights: Float64Array,
) => { fitted: Float64Array; converged: boolean } | null;

/** The ATT of one 2×2 comparison and its influence function (one value per row of the cell). */
export interface CellEstimate {
  /** The point estimate. */
  att: number;
  /** Influence function ψ_i, scaled so that Var(att) ≈ mean(ψ²)/n. */
  inf: Float64Array;
  /** Non-fatal notes (e.g. logit did not converge). */
  warnings: string[];
}

/** Why a cell could not be estimated. */
export interface CellFailure {
  /** Human-readable reason, used in the result's warnings. */
  reason: string;
}

/** Weights normalised to mean one, as DRDID does. */
export function normaliseWeights(w: ArrayLike<number>): Float64Array {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]!;
  const m = s / w.length;
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = w[i]! / m;
  return out;
}

/** Σ a_i / n. */
export function meanOf(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

/** Σ a_i b_i / Σ a_i. */
export function weightedMean(w: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    s += wi * v[i]!;
    sw += wi;
  }
  return s / sw;
}
