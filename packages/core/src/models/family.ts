import { ParcoursError } from "../errors.js";
import { logGamma, normalCdf, normalPdf, normalQuantile } from "../stats/distributions.js";

/** GLM families supported. */
export type FamilyName = "binomial" | "gaussian";
/** Link functions supported. */
export type LinkName = "logit" | "probit" | "identity";

/** A GLM family with its link, as R's `family` objects (binomial(), gaussian()). */
export interface Family {
  readonly family: FamilyName;
  readonly link: LinkName;
  /** η = g(μ). */
  linkfun(mu: number): number;
  /** μ = g⁻¹(η). */
  linkinv(eta: number): number;
  /** dμ/dη. */
  muEta(eta: number): number;
  /** Variance function V(μ). */
  variance(mu: number): number;
  /** Unit deviance contribution with prior weight `wt`. */
  devResid(y: number, mu: number, wt: number): number;
  /** R's `family$aic` (−2 log-likelihood part, before adding 2 × rank). */
  aic(y: Float64Array, mu: Float64Array, wt: Float64Array, dev: number): number;
  /** Whether the dispersion is fixed at 1 (binomial) or estimated (gaussian). */
  readonly fixedDispersion: boolean;
}

const DBL_EPSILON = 2.220446049250313e-16;
// R's logit link (family.c): clamps η beyond ±30.
const THRESH = 30;
const INVEPS = 1 / DBL_EPSILON;
// R's probit link: |η| ≤ −qnorm(.Machine$double.eps).
const PROBIT_THRESH = -normalQuantile(DBL_EPSILON);

const yLogY = (y: number, mu: number) => (y > 0 ? y * Math.log(y / mu) : 0);

function logDbinom(x: number, size: number, prob: number): number {
  if (prob === 0) return x === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (prob === 1) return x === size ? 0 : Number.NEGATIVE_INFINITY;
  const lchoose = logGamma(size + 1) - logGamma(x + 1) - logGamma(size - x + 1);
  return lchoose + x * Math.log(prob) + (size - x) * Math.log1p(-prob);
}

function binomialAic(y: Float64Array, mu: Float64Array, wt: Float64Array): number {
  // R: -2 * sum(ifelse(m > 0, wt/m, 0) * dbinom(round(m*y), round(m), mu, log = TRUE)), m = wt.
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const m = wt[i]!;
    if (!(m > 0)) continue;
    const size = Math.round(m);
    const x = Math.round(m * y[i]!);
    // Bernoulli rows (the common case): log C(1, x) = 0, no log-gamma needed.
    if (size === 1)
      s += x === 1 ? Math.log(mu[i]!) : x === 0 ? Math.log1p(-mu[i]!) : Number.NEGATIVE_INFINITY;
    else s += logDbinom(x, size, mu[i]!);
  }
  return -2 * s;
}

function gaussianAic(y: Float64Array, _mu: Float64Array, wt: Float64Array, dev: number): number {
  const n = y.length;
  let slw = 0;
  for (let i = 0; i < n; i++) slw += Math.log(wt[i]!);
  return n * (Math.log((2 * Math.PI * dev) / n) + 1) + 2 - slw;
}

const LINKS: Record<LinkName, Pick<Family, "linkfun" | "linkinv" | "muEta">> = {
  logit: {
    linkfun: (mu) => Math.log(mu / (1 - mu)),
    linkinv: (eta) => {
      const t = eta < -THRESH ? DBL_EPSILON : eta > THRESH ? INVEPS : Math.exp(eta);
      return t / (1 + t);
    },
    muEta: (eta) => {
      if (eta > THRESH || eta < -THRESH) return DBL_EPSILON;
      const e = Math.exp(eta);
      return e / ((1 + e) * (1 + e));
    },
  },
  probit: {
    linkfun: normalQuantile,
    linkinv: (eta) => normalCdf(Math.min(Math.max(eta, -PROBIT_THRESH), PROBIT_THRESH)),
    muEta: (eta) => Math.max(normalPdf(eta), DBL_EPSILON),
  },
  identity: {
    linkfun: (mu) => mu,
    linkinv: (eta) => eta,
    muEta: () => 1,
  },
};

const ALLOWED: Record<FamilyName, LinkName[]> = {
  binomial: ["logit", "probit"],
  gaussian: ["identity"],
};

/**
 * R's `binomial(link)` or `gaussian()`. Default links: logit, identity.
 * @throws ParcoursError GLM_BAD_FAMILY / GLM_BAD_LINK naming the allowed values.
 */
export function makeFamily(family: string, link?: string): Family {
  if (family !== "binomial" && family !== "gaussian") {
    throw new ParcoursError("GLM_BAD_FAMILY", `unknown family "${family}"`, {
      value: family,
      hint: 'family must be "binomial" or "gaussian"',
    });
  }
  const l = (link ?? (family === "binomial" ? "logit" : "identity")) as LinkName;
  if (!ALLOWED[family].includes(l)) {
    throw new ParcoursError("GLM_BAD_LINK", `link "${link}" is not available for ${family}`, {
      value: link,
      hint: `allowed links for ${family}: ${ALLOWED[family].join(", ")}`,
    });
  }
  if (family === "binomial") {
    return {
      family,
      link: l,
      ...LINKS[l],
      variance: (mu) => mu * (1 - mu),
      devResid: (y, mu, wt) => 2 * wt * (yLogY(y, mu) + yLogY(1 - y, 1 - mu)),
      aic: binomialAic,
      fixedDispersion: true,
    };
  }
  return {
    family,
    link: l,
    ...LINKS[l],
    variance: () => 1,
    devResid: (y, mu, wt) => wt * (y - mu) * (y - mu),
    aic: gaussianAic,
    fixedDispersion: false,
  };
}
