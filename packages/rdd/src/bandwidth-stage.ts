import { covariateCrossProducts } from "./covariates.js";
import type { Kernel } from "./kernel.js";
import { factorial, mul, mulVec, pinv, sandwich } from "./linalg.js";
import { fitPoly, weightedDesign } from "./localfit.js";
import { meat } from "./meat.js";
import { residuals, type Vce } from "./residuals.js";
import { type Sample, type Side, windowSample } from "./sample.js";

/** Settings shared by every pilot fit of the bandwidth selectors. */
export interface StageContext {
  kernel: Kernel;
  vce: Vce;
  nnmatch: number;
  /** 1 when the treatment column enters the selectors (fuzzy, not perfect compliance). */
  dT: number;
  /** Number of covariate columns. */
  dZ: number;
}

/** Variance, bias and regularisation constants of one MSE expansion (rdrobust's rdrobust_bw). */
export interface StageConstants {
  V: number;
  B: number;
  R: number;
  rate: number;
}

interface VariancePart {
  vV: number;
  bConst: number;
  s: number[];
}

/**
 * The linear combination s of outcome/treatment/covariate coefficients whose derivative of order
 * nu is the estimand: 1 (sharp), the delta-method gradient of tau_Y/tau_T (fuzzy), with the
 * covariate adjustment −γ appended (Calonico, Cattaneo, Farrell & Titiunik 2019).
 */
export function combination(
  beta: number[][],
  nu: number,
  dT: number,
  dZ: number,
  gamma: number[][] | undefined,
): number[] {
  const f = factorial(nu);
  const row = beta[nu]!;
  if (dZ === 0) {
    if (dT === 0) return [1];
    const tY = f * row[0]!;
    const tT = f * row[1]!;
    return [1 / tT, -tY / (tT * tT)];
  }
  const g = gamma!;
  const sY = [1, ...g.map((r) => -r[0]!)];
  if (dT === 0) return sY;
  const sT = [1, ...g.map((r) => -r[1]!)];
  const zRow = row.slice(2);
  const tY = f * (sY[0]! * row[0]! + zRow.reduce((acc, v, j) => acc + sY[j + 1]! * v, 0));
  const tT = f * (sT[0]! * row[1]! + zRow.reduce((acc, v, j) => acc + sT[j + 1]! * v, 0));
  return [1 / tT, -tY / (tT * tT), ...g.map((r) => -(1 / tT) * r[0]! + (tY / (tT * tT)) * r[1]!)];
}

function variancePart(
  side: Side,
  o: number,
  nu: number,
  hV: number,
  ctx: StageContext,
): VariancePart {
  const sm = windowSample(side, hV, ctx.kernel);
  const fit = fitPoly(sm, o);
  let gamma: number[][] | undefined;
  if (ctx.dZ > 0) {
    const { zwz, zwy } = covariateCrossProducts(sm, fit.rwd, fit.invG, ctx.dT, ctx.dZ);
    gamma = mul(pinv(zwz), zwy);
  }
  const s = combination(fit.beta, nu, ctx.dT, ctx.dZ, gamma);
  const res = residuals(sm, fit, ctx.vce, ctx.nnmatch, sm.cluster !== undefined);
  const k = o + 1;
  const m = meat(weightedDesign(sm, o), k, res, s, sm.cluster, sm.nClusterCodes);
  const vV = sandwich(fit.invG, m)[nu]![nu]!;
  // Bias constant: (R'WR)^-1 Σ w r ((x-c)/h)^(o+1), scaled back by h^nu (CCT 2014, Lemma 1).
  const v = new Float64Array(k);
  for (let i = 0; i < sm.n; i++) {
    const lead = sm.w[i]! * (sm.u[i]! / hV) ** (o + 1);
    let pw = 1;
    for (let j = 0; j < k; j++) {
      v[j] += pw * lead;
      pw *= sm.u[i]!;
    }
  }
  const bConst = hV ** nu * mulVec(fit.invG, v)[nu]!;
  return { vV, bConst, s };
}

function biasFit(sm: Sample, oB: number) {
  return fitPoly(sm, oB);
}

/**
 * One pilot MSE expansion for the bandwidth selectors (Calonico, Cattaneo & Titiunik 2014,
 * sec. 4; Calonico, Cattaneo & Farrell 2020; rdrobust's rdbwselect steps): variance of the
 * order-o fit at pilot bandwidth hV, bias from the order-oB fit at hB, and the regularisation
 * term 3·Bconst²·V_B scaled by `scale` (scaleregul).
 */
export function stageConstants(
  side: Side,
  o: number,
  nu: number,
  oB: number,
  hV: number,
  hB: number,
  scale: number,
  ctx: StageContext,
  cache: Map<string, VariancePart>,
): StageConstants {
  const key = `${o}_${nu}`;
  let vp = cache.get(key);
  if (!vp) {
    vp = variancePart(side, o, nu, hV, ctx);
    cache.set(key, vp);
  }
  const sm = windowSample(side, hB, ctx.kernel);
  const fitB = biasFit(sm, oB);
  let bwReg = 0;
  if (scale > 0) {
    const res = residuals(sm, fitB, ctx.vce, ctx.nnmatch, sm.cluster !== undefined);
    const m = meat(weightedDesign(sm, oB), oB + 1, res, vp.s, sm.cluster, sm.nClusterCodes);
    const vB = sandwich(fitB.invG, m)[o + 1]![o + 1]!;
    bwReg = 3 * vp.bConst * vp.bConst * vB;
  }
  const row = fitB.beta[o + 1]!;
  let sb = 0;
  for (let d = 0; d < vp.s.length; d++) sb += vp.s[d]! * row[d]!;
  return {
    B: Math.sqrt(2 * (o + 1 - nu)) * vp.bConst * sb,
    V: (2 * nu + 1) * hV ** (2 * nu + 1) * vp.vV,
    R: scale * 2 * (o + 1 - nu) * bwReg,
    rate: 1 / (2 * o + 3),
  };
}

export type { VariancePart };
