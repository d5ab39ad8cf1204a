import type { Family } from "./family.js";

const DBL_EPSILON = 2.220446049250313e-16;
const LOGIT_THRESH = 30;

/** Per-row buffers of one IRLS fit, allocated once and reused by every iteration. */
export interface IrlsState {
  /** Response per design row. */
  readonly y: Float64Array;
  /** Prior weights per design row. */
  readonly wt: Float64Array;
  /** Linear predictor η. */
  readonly eta: Float64Array;
  /** Mean μ = g⁻¹(η). */
  readonly mu: Float64Array;
  /** dμ/dη. */
  readonly muEta: Float64Array;
  /** Working weights for the next solve. */
  w: Float64Array;
  /** Working response for the next solve. */
  z: Float64Array;
  /** Whether every response is exactly 0 or 1 with unit prior weight (Bernoulli rows). */
  readonly bernoulli: boolean;
}

/** Allocates the IRLS buffers for a response and prior weights. */
export function irlsState(y: Float64Array, wt: Float64Array): IrlsState {
  const n = y.length;
  let bernoulli = true;
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    if ((yi !== 0 && yi !== 1) || wt[i] !== 1) {
      bernoulli = false;
      break;
    }
  }
  return {
    y,
    wt,
    eta: new Float64Array(n),
    mu: new Float64Array(n),
    muEta: new Float64Array(n),
    w: new Float64Array(n),
    z: new Float64Array(n),
    bernoulli,
  };
}

/**
 * From η (already in `s.eta`): μ, dμ/dη, the working weights and response of the next solve
 * (R's `glm.fit`: z = η + (y − μ)/μ', w = wt μ'² / V(μ), zero where wt = 0 or μ' = 0), and the
 * deviance, all in one pass over the rows. Returns the deviance. The logit link shares one
 * exp() between μ and μ' (R's family.c formulas, with its clamping beyond |η| > 30); the
 * binomial deviance of a 0/1 row needs one log (the other term is 0), the same arithmetic as
 * the general formula.
 */
export function irlsPass(fam: Family, s: IrlsState): number {
  const { y, wt, eta, mu, muEta, w, z } = s;
  const n = y.length;
  const binomial = fam.family === "binomial";
  let dev = 0;
  if (binomial && fam.link === "logit") {
    const bern = s.bernoulli;
    for (let i = 0; i < n; i++) {
      const e = eta[i]!;
      let m: number;
      let me: number;
      if (e < -LOGIT_THRESH || e > LOGIT_THRESH) {
        const t = e < 0 ? DBL_EPSILON : 1 / DBL_EPSILON;
        m = t / (1 + t);
        me = DBL_EPSILON;
      } else {
        const x = Math.exp(e);
        const opx = 1 + x;
        m = x / opx;
        me = x / (opx * opx);
      }
      mu[i] = m;
      muEta[i] = me;
      const yi = y[i]!;
      if (bern) {
        // 2 [y log(y/μ) + (1−y) log((1−y)/(1−μ))] with y ∈ {0, 1}, prior weight 1.
        dev += 2 * Math.log(1 / (yi === 1 ? m : 1 - m));
        z[i] = e + (yi - m) / me;
        w[i] = (me * me) / (m * (1 - m));
        continue;
      }
      const wi = wt[i]!;
      let r = 0;
      if (yi > 0) r += yi * Math.log(yi / m);
      if (yi < 1) r += (1 - yi) * Math.log((1 - yi) / (1 - m));
      dev += 2 * wi * r;
      if (wi > 0) {
        z[i] = e + (yi - m) / me;
        w[i] = (wi * me * me) / (m * (1 - m));
      } else {
        z[i] = 0;
        w[i] = 0;
      }
    }
    return dev;
  }
  for (let i = 0; i < n; i++) {
    const e = eta[i]!;
    const m = fam.linkinv(e);
    const me = fam.muEta(e);
    mu[i] = m;
    muEta[i] = me;
    const yi = y[i]!;
    const wi = wt[i]!;
    if (binomial) {
      let r = 0;
      if (yi > 0) r += yi * Math.log(yi / m);
      if (yi < 1) r += (1 - yi) * Math.log((1 - yi) / (1 - m));
      dev += 2 * wi * r;
    } else dev += fam.devResid(yi, m, wi);
    if (wi > 0 && me !== 0) {
      z[i] = e + (yi - m) / me;
      w[i] = (wi * me * me) / (binomial ? m * (1 - m) : 1);
    } else {
      z[i] = 0;
      w[i] = 0;
    }
  }
  return dev;
}
