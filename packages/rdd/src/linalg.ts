import { CholeskyDecomposition, Matrix, pseudoInverse } from "ml-matrix";

/** A small dense matrix as rows of numbers (p × p algebra only). */
export type Dense = number[][];

/** A zero matrix of `r` rows and `c` columns. */
export function zeros(r: number, c: number): Dense {
  return Array.from({ length: r }, () => new Array<number>(c).fill(0));
}

/**
 * Inverse of a symmetric positive-definite matrix through its Cholesky factor, falling back to
 * the Moore–Penrose inverse when the factorisation fails (rdrobust does the same with ginv).
 */
export function invSym(a: Dense): Dense {
  // Symmetrise first: rounding can leave cross-product sums asymmetric in the last bit.
  const m = new Matrix(a.map((row, i) => row.map((v, j) => (v + a[j]![i]!) / 2)));
  const chol = new CholeskyDecomposition(m);
  if (chol.isPositiveDefinite()) return chol.solve(Matrix.eye(a.length)).to2DArray();
  return pseudoInverse(m).to2DArray();
}

/** Moore–Penrose inverse (used for the covariate block, as rdrobust's ginv). */
export function pinv(a: Dense): Dense {
  return pseudoInverse(new Matrix(a)).to2DArray();
}

/** Matrix product a · b. */
export function mul(a: Dense, b: Dense): Dense {
  const n = a.length;
  const k = b.length;
  const m = b[0]?.length ?? 0;
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    const oi = out[i]!;
    for (let l = 0; l < k; l++) {
      const v = ai[l]!;
      if (v === 0) continue;
      const bl = b[l]!;
      for (let j = 0; j < m; j++) oi[j] += v * bl[j]!;
    }
  }
  return out;
}

/** a' · b. */
export function tmul(a: Dense, b: Dense): Dense {
  return mul(transpose(a), b);
}

/** Transpose. */
export function transpose(a: Dense): Dense {
  const r = a.length;
  const c = a[0]?.length ?? 0;
  const out = zeros(c, r);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j]![i] = a[i]![j]!;
  return out;
}

/** a · v for a vector v. */
export function mulVec(a: Dense, v: ArrayLike<number>): number[] {
  return a.map((row) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j]! * v[j]!;
    return s;
  });
}

/** The sandwich bread · meat · bread for symmetric bread. */
export function sandwich(bread: Dense, meat: Dense): Dense {
  return mul(mul(bread, meat), bread);
}

/** n! for small n. */
export function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}
