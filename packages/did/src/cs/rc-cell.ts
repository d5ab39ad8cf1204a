import {
  type CellEstimate,
  type CellFailure,
  type EstMethod,
  type LogitFitter,
  meanOf,
  normaliseWeights,
} from "./cell.js";
import { type Dense, weightedColMeans } from "./dense.js";
import { olsNuisance, type PropensityNuisance, propensityNuisance } from "./nuisance.js";

const TRIM_LEVEL = 0.995;

/** v ↦ (w ∘ v)/mean(w) summands and their mean, the building block of the RC estimators. */
function ratio(w: Float64Array, v: ArrayLike<number>): { eta: Float64Array; att: number } {
  const m = meanOf(w);
  const eta = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    eta[i] = (w[i]! * v[i]!) / m;
    s += eta[i]!;
  }
  return { eta, att: s / w.length };
}

/** Leading influence term of a ratio: η_i − w_i · att / mean(w). */
function lead(w: Float64Array, r: { eta: Float64Array; att: number }): Float64Array {
  const m = meanOf(w);
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = r.eta[i]! - (w[i]! * r.att) / m;
  return out;
}

/** Scales a vector in place and returns it. */
function scaled(v: Float64Array, k: number): Float64Array {
  for (let i = 0; i < v.length; i++) v[i]! *= k;
  return v;
}

/**
 * ATT of a two-period repeated cross-section comparison (rows observed either in the base or in
 * the current period): outcome regression, standardised IPW, or the locally efficient doubly
 * robust estimator, with influence functions (Sant'Anna & Zhao 2020, sections 2–3;
 * `reg_did_rc`, `std_ipw_did_rc`, `drdid_rc` in DRDID).
 */
export function rcCell(
  method: EstMethod,
  y: Float64Array,
  post: Float64Array,
  treated: Float64Array,
  d: Dense,
  weights: ArrayLike<number>,
  fitLogit: LogitFitter,
): CellEstimate | CellFailure {
  const n = y.length;
  const w = normaliseWeights(weights);
  const warnings: string[] = [];
  const sel = (f: (i: number) => number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(i);
    return out;
  };
  const D = treated;
  const inf = new Float64Array(n);

  if (method === "reg") {
    const orPre = olsNuisance(
      d,
      y,
      sel((i) => w[i]! * (1 - D[i]!) * (1 - post[i]!)),
    );
    const orPost = olsNuisance(
      d,
      y,
      sel((i) => w[i]! * (1 - D[i]!) * post[i]!),
    );
    if (orPre === null || orPost === null) {
      return { reason: "not enough control units to run the outcome regressions" };
    }
    const wTpre = sel((i) => w[i]! * D[i]! * (1 - post[i]!));
    const wTpost = sel((i) => w[i]! * D[i]! * post[i]!);
    const wC = sel((i) => w[i]! * D[i]!);
    const tPre = ratio(wTpre, y);
    const tPost = ratio(wTpost, y);
    const cont = ratio(
      wC,
      sel((i) => orPost.fitted[i]! - orPre.fitted[i]!),
    );
    const m1 = weightedColMeans(d, wC);
    const effPost = orPost.effect(m1);
    const effPre = orPre.effect(m1);
    const lTpre = lead(wTpre, tPre);
    const lTpost = lead(wTpost, tPost);
    const lC = lead(wC, cont);
    const mC = meanOf(wC);
    for (let i = 0; i < n; i++) {
      // lead(wC, cont) is already divided by mean(wC); the OLS effects are not.
      inf[i] = lTpost[i]! - lTpre[i]! - (lC[i]! + (effPost[i]! - effPre[i]!) / mC);
    }
    return { att: tPost.att - tPre.att - cont.att, inf, warnings };
  }

  const fit = fitLogit(d, D, w);
  if (fit === null) return { reason: "the propensity score could not be estimated" };
  if (!fit.converged) warnings.push("propensity score estimation did not converge");
  const psN: PropensityNuisance | null = propensityNuisance(d, D, w, fit.fitted);
  if (psN === null) return { reason: "the propensity score Hessian is singular" };
  const p = psN.ps;
  const keep = sel((i) => (D[i] === 1 || p[i]! < TRIM_LEVEL ? 1 : 0));
  const wTpre = sel((i) => keep[i]! * w[i]! * D[i]! * (1 - post[i]!));
  const wTpost = sel((i) => keep[i]! * w[i]! * D[i]! * post[i]!);
  const wCpre = sel((i) => (keep[i]! * w[i]! * p[i]! * (1 - D[i]!) * (1 - post[i]!)) / (1 - p[i]!));
  const wCpost = sel((i) => (keep[i]! * w[i]! * p[i]! * (1 - D[i]!) * post[i]!) / (1 - p[i]!));

  if (method === "ipw") {
    const tPre = ratio(wTpre, y);
    const tPost = ratio(wTpost, y);
    const cPre = ratio(wCpre, y);
    const cPost = ratio(wCpost, y);
    const m2pre = scaled(
      weightedColMeans(
        d,
        sel((i) => wCpre[i]! * (y[i]! - cPre.att)),
      ),
      1 / meanOf(wCpre),
    );
    const m2post = scaled(
      weightedColMeans(
        d,
        sel((i) => wCpost[i]! * (y[i]! - cPost.att)),
      ),
      1 / meanOf(wCpost),
    );
    const contPs = psN.effect(m2post.map((v, j) => v - m2pre[j]!));
    const a = lead(wTpost, tPost);
    const b = lead(wTpre, tPre);
    const c = lead(wCpost, cPost);
    const e = lead(wCpre, cPre);
    for (let i = 0; i < n; i++) inf[i] = a[i]! - b[i]! - (c[i]! - e[i]! + contPs[i]!);
    return { att: tPost.att - tPre.att - (cPost.att - cPre.att), inf, warnings };
  }

  // Locally efficient doubly robust estimator: four outcome regressions.
  const orCpre = olsNuisance(
    d,
    y,
    sel((i) => w[i]! * (1 - D[i]!) * (1 - post[i]!)),
  );
  const orCpost = olsNuisance(
    d,
    y,
    sel((i) => w[i]! * (1 - D[i]!) * post[i]!),
  );
  const orTpre = olsNuisance(
    d,
    y,
    sel((i) => w[i]! * D[i]! * (1 - post[i]!)),
  );
  const orTpost = olsNuisance(
    d,
    y,
    sel((i) => w[i]! * D[i]! * post[i]!),
  );
  if (orCpre === null || orCpost === null || orTpre === null || orTpost === null) {
    return { reason: "not enough units to run the four outcome regressions" };
  }
  const yCont = sel((i) => (post[i] === 1 ? orCpost.fitted[i]! : orCpre.fitted[i]!));
  const resid = sel((i) => y[i]! - yCont[i]!);
  const wD = sel((i) => keep[i]! * w[i]! * D[i]!);
  const wDt1 = sel((i) => keep[i]! * w[i]! * D[i]! * post[i]!);
  const wDt0 = sel((i) => keep[i]! * w[i]! * D[i]! * (1 - post[i]!));
  const diffPost = sel((i) => orTpost.fitted[i]! - orCpost.fitted[i]!);
  const diffPre = sel((i) => orTpre.fitted[i]! - orCpre.fitted[i]!);

  const tPre = ratio(wTpre, resid);
  const tPost = ratio(wTpost, resid);
  const cPre = ratio(wCpre, resid);
  const cPost = ratio(wCpost, resid);
  const dPost = ratio(wD, diffPost);
  const dt1Post = ratio(wDt1, diffPost);
  const dPre = ratio(wD, diffPre);
  const dt0Pre = ratio(wDt0, diffPre);
  const att =
    tPost.att -
    tPre.att -
    (cPost.att - cPre.att) +
    (dPost.att - dt1Post.att) -
    (dPre.att - dt0Pre.att);

  const mTpre = meanOf(wTpre);
  const mTpost = meanOf(wTpost);
  const mCpre = meanOf(wCpre);
  const mCpost = meanOf(wCpost);
  const mD = meanOf(wD);
  const mDt1 = meanOf(wDt1);
  const mDt0 = meanOf(wDt0);

  // Treated component and the estimation effect of the control regressions on it.
  const treatOrPost = orCpost.effect(
    scaled(
      weightedColMeans(
        d,
        sel((i) => wTpost[i]! * post[i]!),
      ),
      -1 / mTpost,
    ),
  );
  const treatOrPre = orCpre.effect(
    scaled(
      weightedColMeans(
        d,
        sel((i) => wTpre[i]! * (1 - post[i]!)),
      ),
      -1 / mTpre,
    ),
  );
  // Control component: propensity and control-regression effects.
  const m2pre = scaled(
    weightedColMeans(
      d,
      sel((i) => wCpre[i]! * (resid[i]! - cPre.att)),
    ),
    1 / mCpre,
  );
  const m2post = scaled(
    weightedColMeans(
      d,
      sel((i) => wCpost[i]! * (resid[i]! - cPost.att)),
    ),
    1 / mCpost,
  );
  const contPs = psN.effect(m2post.map((v, j) => v - m2pre[j]!));
  const contOrPost = orCpost.effect(
    scaled(
      weightedColMeans(
        d,
        sel((i) => wCpost[i]! * post[i]!),
      ),
      -1 / mCpost,
    ),
  );
  const contOrPre = orCpre.effect(
    scaled(
      weightedColMeans(
        d,
        sel((i) => wCpre[i]! * (1 - post[i]!)),
      ),
      -1 / mCpre,
    ),
  );
  // Local-efficiency adjustment terms and the effect of the treated regressions.
  const momPost = weightedColMeans(
    d,
    sel((i) => wD[i]! / mD - wDt1[i]! / mDt1),
  );
  const momPre = weightedColMeans(
    d,
    sel((i) => wD[i]! / mD - wDt0[i]! / mDt0),
  );
  const orPostT = orTpost.effect(momPost);
  const orPostC = orCpost.effect(momPost);
  const orPreT = orTpre.effect(momPre);
  const orPreC = orCpre.effect(momPre);

  const lTpre = lead(wTpre, tPre);
  const lTpost = lead(wTpost, tPost);
  const lCpre = lead(wCpre, cPre);
  const lCpost = lead(wCpost, cPost);
  const e1 = lead(wD, dPost);
  const e2 = lead(wDt1, dt1Post);
  const e3 = lead(wD, dPre);
  const e4 = lead(wDt0, dt0Pre);
  for (let i = 0; i < n; i++) {
    const infTreat = lTpost[i]! - lTpre[i]! + treatOrPost[i]! + treatOrPre[i]!;
    const infCont = lCpost[i]! - lCpre[i]! + contPs[i]! + contOrPost[i]! + contOrPre[i]!;
    const infEff = e1[i]! - e2[i]! - (e3[i]! - e4[i]!);
    const infOr = orPostT[i]! - orPostC[i]! - (orPreT[i]! - orPreC[i]!);
    inf[i] = infTreat - infCont + infEff + infOr;
  }
  return { att, inf, warnings };
}
