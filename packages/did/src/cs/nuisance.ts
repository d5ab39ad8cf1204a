import { type Dense, matVec, rowDot, safeInverse, weightedCrossprod } from "./dense.js";

/**
 * A weighted least-squares fit on the rows where `omega > 0`, with what its asymptotically linear
 * representation needs: for a p-vector M, row i contributes ω_i e_i X_i (X'ΩX/n)⁻¹ M
 * (Sant'Anna & Zhao 2020, J. Econometrics 219(1), appendix: estimation effect of the OLS β).
 */
export interface OlsNuisance {
  /** X_i β for every row (fitted values also off the estimation sample). */
  readonly fitted: Float64Array;
  /** Estimation effect of β on a linear functional with gradient `m`. */
  effect(m: ArrayLike<number>): Float64Array;
}

/** Fits the weighted OLS; `null` when X'ΩX is singular (too few or collinear rows). */
export function olsNuisance(
  d: Dense,
  y: ArrayLike<number>,
  omega: ArrayLike<number>,
): OlsNuisance | null {
  const { n, p, x } = d;
  const xtx = weightedCrossprod(d, omega);
  const ainv = safeInverse(xtx);
  if (ainv === null) return null;
  const xty = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const wi = omega[i]!;
    if (wi === 0) continue;
    const wy = wi * y[i]!;
    for (let j = 0; j < p; j++) xty[j]! += wy * x[i * p + j]!;
  }
  for (let j = 0; j < p; j++) xty[j]! /= n;
  const beta = matVec(ainv, xty);
  const fitted = rowDot(d, beta);
  const we = new Float64Array(n);
  for (let i = 0; i < n; i++) we[i] = omega[i]! === 0 ? 0 : omega[i]! * (y[i]! - fitted[i]!);
  return {
    fitted,
    effect(m) {
      const xa = rowDot(d, matVec(ainv, m));
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = we[i]! * xa[i]!;
      return out;
    },
  };
}

/**
 * A logit propensity score with its asymptotically linear representation: row i contributes
 * w_i (D_i − p_i) X_i H M with H = n (X' diag(w p (1−p)) X)⁻¹ (Sant'Anna & Zhao 2020).
 */
export interface PropensityNuisance {
  /** Fitted probabilities, capped at 1 − 1e-6 as DRDID does before dividing by 1 − p. */
  readonly ps: Float64Array;
  /** Estimation effect of the logit coefficients on a functional with gradient `m`. */
  effect(m: ArrayLike<number>): Float64Array;
}

/** Builds the propensity nuisance from fitted probabilities; `null` if the Hessian is singular. */
export function propensityNuisance(
  d: Dense,
  treated: ArrayLike<number>,
  w: ArrayLike<number>,
  fitted: ArrayLike<number>,
): PropensityNuisance | null {
  const { n } = d;
  const ps = new Float64Array(n);
  const hw = new Float64Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pi = Math.min(fitted[i]!, 1 - 1e-6);
    ps[i] = pi;
    hw[i] = pi * (1 - pi) * w[i]!;
    score[i] = w[i]! * (treated[i]! - pi);
  }
  const hinv = safeInverse(weightedCrossprod(d, hw));
  if (hinv === null) return null;
  return {
    ps,
    effect(m) {
      const xa = rowDot(d, matVec(hinv, m));
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = score[i]! * xa[i]!;
      return out;
    },
  };
}
