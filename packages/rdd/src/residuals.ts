import { leverages, type PolyFit, predictions } from "./localfit.js";
import type { Sample } from "./sample.js";

/** Variance estimators of the local-polynomial fits (rdrobust's `vce`). */
export type Vce = "nn" | "hc0" | "hc1" | "hc2" | "hc3";

/**
 * Nearest-neighbour residuals (Calonico, Cattaneo & Titiunik 2014, sec. 3.2; rdrobust's
 * nnmatch): each observation is compared with the mean of its `nnmatch` closest neighbours in
 * the running variable, ties (whole runs of equal values) entering together, scaled by
 * sqrt(J/(J+1)). `u` must be sorted ascending.
 */
export function nnResiduals(s: Sample, nnmatch: number): Float64Array[] {
  const n = s.n;
  const { u, dups, dupsid } = s;
  const out = s.cols.map(() => new Float64Array(n));
  const target = Math.min(nnmatch, n - 1);
  for (let pos = 0; pos < n; pos++) {
    let right = dups[pos]! - dupsid[pos]!;
    let left = dupsid[pos]! - 1;
    while (left + right < target) {
      const li = pos - left - 1;
      const ri = pos + right + 1;
      if (li < 0) right += dups[ri]!;
      else if (ri >= n) left += dups[li]!;
      else {
        const dl = u[pos]! - u[li]!;
        const dr = u[ri]! - u[pos]!;
        if (dl > dr) right += dups[ri]!;
        else if (dl < dr) left += dups[li]!;
        else {
          right += dups[ri]!;
          left += dups[li]!;
        }
      }
    }
    const lo = Math.max(0, pos - left);
    const hi = Math.min(n - 1, pos + right);
    const j = hi - lo;
    const scale = Math.sqrt(j / (j + 1));
    for (let d = 0; d < s.cols.length; d++) {
      const col = s.cols[d]!;
      let sum = 0;
      for (let t = lo; t <= hi; t++) sum += col[t]!;
      sum -= col[pos]!;
      out[d]![pos] = scale * (col[pos]! - sum / j);
    }
  }
  return out;
}

/**
 * Heteroskedasticity-robust residuals of a polynomial fit: HC0 raw, HC1 times sqrt(n/(n-d))
 * (not under clustering, where the CR1 factor applies instead), HC2 divided by sqrt(1-h_ii),
 * HC3 by (1-h_ii) (MacKinnon & White 1985; as in rdrobust).
 */
export function hcResiduals(
  s: Sample,
  fit: PolyFit,
  vce: Exclude<Vce, "nn">,
  d: number,
  clustered: boolean,
  w: Float64Array = s.w,
): Float64Array[] {
  const preds = predictions(s, fit);
  const n = s.n;
  let factor: Float64Array | number = 1;
  if (vce === "hc1") factor = clustered ? 1 : Math.sqrt(n / (n - d));
  else if (vce === "hc2" || vce === "hc3") {
    const hii = leverages(s, fit, w);
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const m = Math.max(1 - hii[i]!, 1e-8);
      f[i] = vce === "hc2" ? Math.sqrt(1 / m) : 1 / m;
    }
    factor = f;
  }
  return s.cols.map((col, dcol) => {
    const pred = preds[dcol]!;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const f = typeof factor === "number" ? factor : factor[i]!;
      out[i] = f * (col[i]! - pred[i]!);
    }
    return out;
  });
}

/** Residuals of the sample for the chosen variance estimator. */
export function residuals(
  s: Sample,
  fit: PolyFit,
  vce: Vce,
  nnmatch: number,
  clustered: boolean,
  w: Float64Array = s.w,
): Float64Array[] {
  if (vce === "nn") return nnResiduals(s, nnmatch);
  return hcResiduals(s, fit, vce, fit.order + 1, clustered, w);
}
