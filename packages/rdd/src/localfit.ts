import { type Dense, invSym, mul, zeros } from "./linalg.js";
import type { Sample } from "./sample.js";

/** A weighted polynomial fit of every column of a sample on 1, u, …, u^order. */
export interface PolyFit {
  order: number;
  /** (R'WR)^-1, (order+1) × (order+1). */
  invG: Dense;
  /** R'WD, (order+1) × columns. */
  rwd: Dense;
  /** Coefficients, (order+1) × columns. */
  beta: Dense;
}

/**
 * Weighted least squares of each column on the polynomial basis in u (local-polynomial fit of
 * Calonico, Cattaneo & Titiunik 2014). The Gram matrix is Hankel: sums of w·u^r, r = 0…2·order.
 */
export function fitPoly(s: Sample, order: number, w: Float64Array = s.w): PolyFit {
  const k = order + 1;
  const moments = new Float64Array(2 * order + 1);
  const nCols = s.cols.length;
  const rwd = zeros(k, nCols);
  for (let i = 0; i < s.n; i++) {
    const wi = w[i]!;
    const ui = s.u[i]!;
    let pw = wi;
    for (let r = 0; r <= 2 * order; r++) {
      moments[r] += pw;
      if (r <= order) for (let d = 0; d < nCols; d++) rwd[r]![d] += pw * s.cols[d]![i]!;
      pw *= ui;
    }
  }
  const g = zeros(k, k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) g[a]![b] = moments[a + b]!;
  const invG = invSym(g);
  return { order, invG, rwd, beta: mul(invG, rwd) };
}

/** Fitted values of every column at each observation. */
export function predictions(s: Sample, fit: PolyFit): Float64Array[] {
  const k = fit.order + 1;
  return fit.beta[0]!.map((_, d) => {
    const out = new Float64Array(s.n);
    for (let i = 0; i < s.n; i++) {
      let pw = 1;
      let v = 0;
      for (let j = 0; j < k; j++) {
        v += pw * fit.beta[j]![d]!;
        pw *= s.u[i]!;
      }
      out[i] = v;
    }
    return out;
  });
}

/** Leverages w_i r_i'(R'WR)^-1 r_i (HC2/HC3). */
export function leverages(s: Sample, fit: PolyFit, w: Float64Array = s.w): Float64Array {
  const k = fit.order + 1;
  const out = new Float64Array(s.n);
  const r = new Float64Array(k);
  for (let i = 0; i < s.n; i++) {
    let pw = 1;
    for (let j = 0; j < k; j++) {
      r[j] = pw;
      pw *= s.u[i]!;
    }
    let q = 0;
    for (let a = 0; a < k; a++) {
      let t = 0;
      const row = fit.invG[a]!;
      for (let b = 0; b < k; b++) t += row[b]! * r[b]!;
      q += r[a]! * t;
    }
    out[i] = q * w[i]!;
  }
  return out;
}

/** Rows of R·W (n × (order+1), row-major): the score matrix of the conventional variance. */
export function weightedDesign(s: Sample, order: number, w: Float64Array = s.w): Float64Array {
  const k = order + 1;
  const out = new Float64Array(s.n * k);
  for (let i = 0; i < s.n; i++) {
    let pw = w[i]!;
    for (let j = 0; j < k; j++) {
      out[i * k + j] = pw;
      pw *= s.u[i]!;
    }
  }
  return out;
}
