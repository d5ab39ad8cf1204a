import { chiSquareCdf } from "@parcours-eval/core";
import { Matrix } from "ml-matrix";
import { safeInverse } from "./dense.js";

/** Wald pre-test of parallel trends: all pre-treatment ATT(g,t) jointly zero. */
export interface PreTest {
  /** Wald statistic. */
  statistic: number;
  /** Degrees of freedom (number of pre-treatment cells tested). */
  df: number;
  /** χ² p-value (unrounded; `did` prints it rounded to 5 decimals). */
  pValue: number;
}

/**
 * W = θ̂_pre' V̂_pre⁻¹ θ̂_pre over pre-treatment cells (g > t) with a finite standard error
 * (Callaway & Sant'Anna 2021, section 4.1; `did::att_gt`). `null` with a reason when there is no
 * pre-treatment cell or their covariance is singular.
 */
export function preTest(
  cells: readonly { group: number; time: number; att: number; se: number }[],
  vcov: Float64Array,
): PreTest | { reason: string } {
  const k = cells.length;
  const pre = cells
    .map((c, j) => ({ c, j }))
    .filter(({ c }) => c.group > c.time && Number.isFinite(c.se) && Number.isFinite(c.att))
    .map(({ j }) => j);
  if (pre.length === 0) return { reason: "no pre-treatment periods to test" };
  const v = new Matrix(pre.length, pre.length);
  pre.forEach((a, r) => {
    pre.forEach((b, s) => {
      v.set(r, s, vcov[a * k + b]!);
    });
  });
  const inv = safeInverse(v);
  if (inv === null) return { reason: "singular covariance of the pre-treatment estimates" };
  let w = 0;
  pre.forEach((a, r) => {
    pre.forEach((b, s) => {
      w += cells[a]!.att * inv.get(r, s) * cells[b]!.att;
    });
  });
  return { statistic: w, df: pre.length, pValue: 1 - chiSquareCdf(w, pre.length) };
}
