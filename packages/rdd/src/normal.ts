import { normalCdf, normalQuantile } from "@parcours-eval/core";

/** Standard normal quantile (R's qnorm). */
export const qnorm = normalQuantile;

/** Two-sided p-value of a z statistic, 2·Φ(−|z|) (R's 2*pnorm(-abs(z))). */
export function twoSidedP(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}
