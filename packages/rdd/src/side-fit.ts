import type { Kernel } from "./kernel.js";
import { type Dense, mul, transpose } from "./linalg.js";
import { fitPoly, type PolyFit } from "./localfit.js";
import { positive, type Sample, type Side, sideWeights, subSample } from "./sample.js";

/** The local-polynomial fits of one side at the final bandwidths h and b. */
export interface SideFit {
  sample: Sample;
  wH: Float64Array;
  wB: Float64Array;
  nH: number;
  nB: number;
  fitP: PolyFit;
  fitQ: PolyFit;
  /** Bias-corrected score matrix Q (n × (p+1), row-major). */
  qMatrix: Float64Array;
  /** Bias-corrected coefficients (p+1) × columns. */
  betaBc: Dense;
}

function takeW(w: Float64Array, idx: Int32Array): Float64Array {
  return Float64Array.from(idx, (i) => w[i]!);
}

/**
 * Fits one side: the order-p fit with bandwidth h, the order-q fit with bandwidth b, and the
 * bias-corrected estimator β̂_bc = (R_p'W_hR_p)^-1 Q'D with
 * Q = W_h R_p − h^(p+1) L e'_{p+1} (R_q'W_bR_q)^-1 R_q'W_b, L = R_p'W_h ((x−c)/h)^(p+1)
 * (Calonico, Cattaneo & Titiunik 2014, eq. 4 and Theorem A.1).
 */
export function fitSide(
  side: Side,
  h: number,
  b: number,
  p: number,
  q: number,
  kernel: Kernel,
): SideFit {
  const wHall = sideWeights(side, h, kernel);
  const wBall = sideWeights(side, b, kernel);
  const idxH = positive(wHall);
  const idxB = positive(wBall);
  const idx = h > b ? idxH : idxB;
  const wH = takeW(wHall, idx);
  const wB = takeW(wBall, idx);
  const sample = subSample(side, idx, wB);
  const fitP = fitPoly(sample, p, wH);
  const fitQ = fitPoly(sample, q, wB);
  const k = p + 1;
  const lvec = new Float64Array(k);
  for (let i = 0; i < sample.n; i++) {
    const lead = wH[i]! * (sample.u[i]! / h) ** (p + 1);
    let pw = 1;
    for (let j = 0; j < k; j++) {
      lvec[j] += pw * lead;
      pw *= sample.u[i]!;
    }
  }
  const rowQ = fitQ.invG[p + 1]!;
  const hp = h ** (p + 1);
  const qMatrix = new Float64Array(sample.n * k);
  const qd = Array.from({ length: k }, () => new Array<number>(sample.cols.length).fill(0));
  for (let i = 0; i < sample.n; i++) {
    const ui = sample.u[i]!;
    let a = 0;
    let pw = 1;
    for (let m = 0; m <= q; m++) {
      a += rowQ[m]! * pw;
      pw *= ui;
    }
    const corr = hp * a * wB[i]!;
    pw = wH[i]!;
    for (let j = 0; j < k; j++) {
      const v = pw - corr * lvec[j]!;
      qMatrix[i * k + j] = v;
      for (let d = 0; d < sample.cols.length; d++) qd[j]![d] += v * sample.cols[d]![i]!;
      pw *= ui;
    }
  }
  return {
    sample,
    wH,
    wB,
    nH: idxH.length,
    nB: idxB.length,
    fitP,
    fitQ,
    qMatrix,
    betaBc: mul(fitP.invG, qd),
  };
}

/** Difference right − left of two coefficient matrices. */
export function jump(right: Dense, left: Dense): Dense {
  return right.map((row, i) => row.map((v, j) => v - left[i]![j]!));
}

export { transpose };
