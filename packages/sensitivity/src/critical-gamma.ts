/** The Γ at which a one-sided p-value bound reaches α, found on a continuous scale. */
export interface CriticalGamma {
  /**
   * Smallest Γ ≥ 1 whose upper p-value bound is ≥ α (to 1e-6 relative). 1 when the effect is not
   * significant even without hidden bias; `gammaMax` when still significant there (`censored`).
   */
  value: number;
  /** True when the bound stays below α up to `gammaMax`: the critical Γ is larger than `value`. */
  censored: boolean;
}

/**
 * Critical Γ by bisection on log Γ. `upperP(Γ)` must be non-decreasing in Γ, which holds for
 * every Rosenbaum bound (a larger Γ allows more bias, Rosenbaum 2002 §4.3).
 */
export function findCriticalGamma(
  upperP: (gamma: number) => number,
  alpha: number,
  gammaMax = 1000,
): CriticalGamma {
  if (upperP(1) >= alpha) return { value: 1, censored: false };
  if (upperP(gammaMax) < alpha) return { value: gammaMax, censored: true };
  let lo = 0;
  let hi = Math.log(gammaMax);
  while (hi - lo > 1e-7) {
    const mid = 0.5 * (lo + hi);
    if (upperP(Math.exp(mid)) >= alpha) hi = mid;
    else lo = mid;
  }
  return { value: Math.exp(hi), censored: false };
}
