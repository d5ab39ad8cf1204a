/**
 * Moments of a matched set's score under the worst-case assignment at Γ, by the separable
 * approximation of Gastwirth, Krieger & Rosenbaum (2000, JRSS B 62:545–556): with scores sorted
 * ascending, the extreme distributions put u = 1 on the top `a` units (for the maximum
 * expectation) for some a in 1..n−1; take the largest expectation and, among ties, the largest
 * variance. The bounds over sets add up because sets are independent.
 */
export interface SetMoments {
  /** Worst-case expectation of the treated unit's score in the set. */
  expectation: number;
  /** Its variance (the largest among assignments reaching that expectation). */
  variance: number;
}

/**
 * Worst-case moments of one set. `sorted` holds the set's scores in ascending order; `side` "max"
 * gives the moments behind the upper p-value bound, "min" those behind the lower bound.
 */
export function separableMoments(
  sorted: ArrayLike<number>,
  gamma: number,
  side: "max" | "min",
): SetMoments {
  const n = sorted.length;
  // For the minimum, mirror the scores: min E[q] = −max E[−q], same variance.
  const sign = side === "max" ? 1 : -1;
  let totalS = 0;
  let totalQ = 0;
  for (let j = 0; j < n; j++) {
    const q = sorted[j]!;
    totalS += q;
    totalQ += q * q;
  }
  let bestMu = Number.NEGATIVE_INFINITY;
  let bestVar = 0;
  let topS = 0;
  let topQ = 0;
  // a = number of units with u = 1, taken from the top (for "max") or the bottom (for "min").
  for (let a = 1; a < n; a++) {
    const q = side === "max" ? sorted[n - a]! : sorted[a - 1]!;
    topS += q;
    topQ += q * q;
    const denom = gamma * a + (n - a);
    const mu = (gamma * topS + (totalS - topS)) / denom;
    const m2 = (gamma * topQ + (totalQ - topQ)) / denom;
    const v = Math.max(0, m2 - mu * mu);
    const smu = sign * mu;
    const tol = 1e-12 * (Math.abs(smu) + 1);
    if (smu > bestMu + tol) {
      bestMu = smu;
      bestVar = v;
    } else if (Math.abs(smu - bestMu) <= tol && v > bestVar) {
      bestVar = v;
    }
  }
  if (n < 2) return { expectation: totalS, variance: 0 };
  return { expectation: sign * bestMu, variance: bestVar };
}
