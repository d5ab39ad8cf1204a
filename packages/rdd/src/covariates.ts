import { type Dense, mul, transpose, zeros } from "./linalg.js";
import type { Sample } from "./sample.js";

/**
 * Partialled-out cross-products of the covariate-adjusted local-polynomial fit (Calonico,
 * Cattaneo, Farrell & Titiunik 2019, REStat, eq. for γ̂): with D = [Y, (T), Z] and U = R'WD,
 * ZWZ = Z'WZ − U_Z'(R'WR)^-1 U_Z and ZWY = Z'W[Y,T] − U_Z'(R'WR)^-1 U_[Y,T].
 * Summed over both sides, γ̂ = ZWZ^-1 ZWY.
 */
export function covariateCrossProducts(
  s: Sample,
  rwd: Dense,
  invG: Dense,
  dT: number,
  dZ: number,
  w: Float64Array = s.w,
): { zwz: Dense; zwy: Dense } {
  const nD = s.cols.length;
  const first = 1 + dT;
  const zwd = zeros(dZ, nD);
  for (let i = 0; i < s.n; i++) {
    const wi = w[i]!;
    for (let a = 0; a < dZ; a++) {
      const za = s.cols[first + a]![i]! * wi;
      const row = zwd[a]!;
      for (let d = 0; d < nD; d++) row[d] += za * s.cols[d]![i]!;
    }
  }
  const uz = rwd.map((row) => row.slice(first));
  const uiGu = mul(transpose(uz), mul(invG, rwd));
  const zwz = zeros(dZ, dZ);
  const zwy = zeros(dZ, first);
  for (let a = 0; a < dZ; a++) {
    for (let b = 0; b < dZ; b++) zwz[a]![b] = zwd[a]![first + b]! - uiGu[a]![first + b]!;
    for (let d = 0; d < first; d++) zwy[a]![d] = zwd[a]![d]! - uiGu[a]![d]!;
  }
  return { zwz, zwy };
}

/** Element-wise sum of two matrices of the same shape. */
export function addDense(a: Dense, b: Dense): Dense {
  return a.map((row, i) => row.map((v, j) => v + b[i]![j]!));
}
