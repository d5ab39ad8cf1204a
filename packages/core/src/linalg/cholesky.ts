/**
 * Default aliasing tolerance on the equilibrated normal equations: a column is aliased when the
 * part of it not explained by the earlier (kept) columns has less than this share of its
 * (weighted) sum of squares. R's QR (`dqrdc2`) tests the same ratio on norms at 1e-7 (lm) or
 * 1e-11 (glm); on X'WX rounding is squared, so 1e-10 here (a norm ratio of 1e-5).
 */
export const ALIAS_TOLERANCE = 1e-10;

/** A Cholesky factorisation of a symmetric p × p matrix that skips (aliases) dependent columns. */
export interface PivotedCholesky {
  /** Matrix order. */
  readonly p: number;
  /** Indices of the columns kept, in order. */
  readonly kept: readonly number[];
  /** Indices of the aliased columns (linearly dependent on earlier ones), in order. */
  readonly aliased: readonly number[];
  /** Solves A x = b on the kept columns; aliased entries of x are NaN. */
  solve(b: ArrayLike<number>): Float64Array;
  /** A⁻¹ on the kept columns (p × p row-major); aliased rows and columns are NaN. */
  inverse(): Float64Array;
}

/**
 * Cholesky factorisation with R's "limited pivoting": columns are taken in order, and a column
 * whose residual (after the kept earlier columns) is negligible is set aside as aliased, the way
 * R's `dqrdc2` moves it to the end and reports an NA coefficient. The matrix is equilibrated
 * (unit diagonal) first so the test is scale-free. A p × p routine (p ~ 100s): ml-matrix has no
 * rank-revealing Cholesky.
 */
export function pivotedCholesky(
  A: Float64Array,
  p: number,
  tolerance = ALIAS_TOLERANCE,
): PivotedCholesky {
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const d = A[j * p + j]!;
    scale[j] = d > 0 ? 1 / Math.sqrt(d) : 0;
  }
  // L over original indices; only rows/columns of kept columns are used.
  const L = new Float64Array(p * p);
  // Kept columns so far, as a typed array walked by index (the inner loops run p³/6 times).
  const keptIdx = new Int32Array(p);
  let r = 0;
  const aliased: number[] = [];
  for (let j = 0; j < p; j++) {
    if (scale[j] === 0) {
      aliased.push(j);
      continue;
    }
    let d = 1;
    for (let a = 0; a < r; a++) d -= L[j * p + keptIdx[a]!]! ** 2;
    if (!(d > tolerance)) {
      aliased.push(j);
      continue;
    }
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      if (scale[i] === 0) continue;
      let s = A[i * p + j]! * scale[i]! * scale[j]!;
      for (let a = 0; a < r; a++) {
        const k = keptIdx[a]!;
        s -= L[i * p + k]! * L[j * p + k]!;
      }
      L[i * p + j] = s / ljj;
    }
    keptIdx[r++] = j;
  }
  const kept = Array.from(keptIdx.subarray(0, r));

  const solve = (b: ArrayLike<number>): Float64Array => {
    // Forward then backward substitution on the kept sub-system, in scaled coordinates.
    const y = new Float64Array(r);
    for (let a = 0; a < r; a++) {
      const j = keptIdx[a]!;
      let s = b[j]! * scale[j]!;
      for (let c = 0; c < a; c++) s -= L[j * p + keptIdx[c]!]! * y[c]!;
      y[a] = s / L[j * p + j]!;
    }
    const x = new Float64Array(p).fill(Number.NaN);
    const z = new Float64Array(r);
    for (let a = r - 1; a >= 0; a--) {
      const j = keptIdx[a]!;
      let s = y[a]!;
      for (let c = a + 1; c < r; c++) s -= L[keptIdx[c]! * p + j]! * z[c]!;
      z[a] = s / L[j * p + j]!;
      x[j] = z[a]! * scale[j]!;
    }
    return x;
  };

  const inverse = (): Float64Array => {
    // Invert the kept lower-triangular factor, then (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹.
    const Li = new Float64Array(r * r);
    for (let a = 0; a < r; a++) {
      Li[a * r + a] = 1 / L[keptIdx[a]! * p + keptIdx[a]!]!;
      for (let b = a + 1; b < r; b++) {
        let s = 0;
        for (let c = a; c < b; c++) s -= L[keptIdx[b]! * p + keptIdx[c]!]! * Li[c * r + a]!;
        Li[b * r + a] = s / L[keptIdx[b]! * p + keptIdx[b]!]!;
      }
    }
    const out = new Float64Array(p * p).fill(Number.NaN);
    for (let a = 0; a < r; a++) {
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let c = a; c < r; c++) s += Li[c * r + a]! * Li[c * r + b]!;
        const ja = keptIdx[a]!;
        const jb = keptIdx[b]!;
        const v = s * scale[ja]! * scale[jb]!;
        out[ja * p + jb] = v;
        out[jb * p + ja] = v;
      }
    }
    return out;
  };

  return { p, kept, aliased, solve, inverse };
}
