import {
  type CellEstimate,
  type CellFailure,
  type EstMethod,
  type LogitFitter,
  meanOf,
  normaliseWeights,
  weightedMean,
} from "./cell.js";
import { type Dense, weightedColMeans } from "./dense.js";
import { olsNuisance, type PropensityNuisance, propensityNuisance } from "./nuisance.js";

// Propensity trimming of DRDID: controls with p ≥ 0.995 get weight zero.
const TRIM_LEVEL = 0.995;

/**
 * ATT of a two-period panel comparison on ΔY = Y_t − Y_base, with the outcome-regression,
 * standardised IPW or doubly-robust estimator and their influence functions (Sant'Anna & Zhao
 * 2020, sections 2–3; `reg_did_panel`, `std_ipw_did_panel`, `drdid_panel` in DRDID).
 */
export function panelCell(
  method: EstMethod,
  dy: Float64Array,
  treated: Float64Array,
  d: Dense,
  weights: ArrayLike<number>,
  fitLogit: LogitFitter,
): CellEstimate | CellFailure {
  const n = dy.length;
  const w = normaliseWeights(weights);
  const warnings: string[] = [];
  const omegaC = new Float64Array(n);
  for (let i = 0; i < n; i++) omegaC[i] = w[i]! * (1 - treated[i]!);

  let ps: PropensityNuisance | null = null;
  if (method !== "reg") {
    const fit = fitLogit(d, treated, w);
    if (fit === null) return { reason: "the propensity score could not be estimated" };
    if (!fit.converged) warnings.push("propensity score estimation did not converge");
    ps = propensityNuisance(d, treated, w, fit.fitted);
    if (ps === null) return { reason: "the propensity score Hessian is singular" };
  }
  const or = method === "ipw" ? null : olsNuisance(d, dy, omegaC);
  if (method !== "ipw" && or === null) {
    return { reason: "not enough control units to run the outcome regression" };
  }
  const inf = new Float64Array(n);

  if (method === "reg") {
    const fitted = or!.fitted;
    const wT = new Float64Array(n);
    for (let i = 0; i < n; i++) wT[i] = w[i]! * treated[i]!;
    const mT = meanOf(wT);
    const etaT = weightedMean(wT, dy);
    const etaC = weightedMean(wT, fitted);
    const cont2 = or!.effect(weightedColMeans(d, wT));
    for (let i = 0; i < n; i++) {
      const infTreat = wT[i]! * (dy[i]! - etaT);
      const infCont = wT[i]! * (fitted[i]! - etaC) + cont2[i]!;
      inf[i] = (infTreat - infCont) / mT;
    }
    return { att: etaT - etaC, inf, warnings };
  }

  // IPW and DR share the trimmed weights.
  const p = ps!.ps;
  const wT = new Float64Array(n);
  const wC = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const keep = treated[i] === 1 || p[i]! < TRIM_LEVEL ? 1 : 0;
    wT[i] = keep * w[i]! * treated[i]!;
    wC[i] = (keep * w[i]! * p[i]! * (1 - treated[i]!)) / (1 - p[i]!);
  }
  const mT = meanOf(wT);
  const mC = meanOf(wC);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = or === null ? dy[i]! : dy[i]! - or.fitted[i]!;
  const etaT = weightedMean(wT, r);
  const etaC = weightedMean(wC, r);
  const m2v = new Float64Array(n);
  for (let i = 0; i < n; i++) m2v[i] = wC[i]! * (r[i]! - etaC);
  const contPs = ps!.effect(weightedColMeans(d, m2v));
  const treatOr = or === null ? null : or.effect(weightedColMeans(d, wT));
  const contOr = or === null ? null : or.effect(weightedColMeans(d, wC));
  for (let i = 0; i < n; i++) {
    const infTreat = (wT[i]! * (r[i]! - etaT) - (treatOr === null ? 0 : treatOr[i]!)) / mT;
    const infCont =
      (wC[i]! * (r[i]! - etaC) + contPs[i]! - (contOr === null ? 0 : contOr[i]!)) / mC;
    inf[i] = infTreat - infCont;
  }
  return { att: etaT - etaC, inf, warnings };
}
