import { ParcoursError } from "@parcours-eval/core";
import { type Bandwidths, selectBandwidths } from "./bandwidth.js";
import type { StageContext } from "./bandwidth-stage.js";
import { addDense, covariateCrossProducts } from "./covariates.js";
import { type Dense, factorial, mul, pinv, sandwich } from "./linalg.js";
import { weightedDesign } from "./localfit.js";
import { meat } from "./meat.js";
import { qnorm, twoSidedP } from "./normal.js";
import { resolveOptions } from "./options.js";
import { pilotBandwidth, uniqueCount, uniqueWithin } from "./pilot.js";
import { type Prepared, prepare } from "./prepare.js";
import { hcResiduals, nnResiduals } from "./residuals.js";
import type { Side } from "./sample.js";
import { fitSide, jump, type SideFit } from "./side-fit.js";
import type { RdData, RdEstimate, RdOptions, RdResult } from "./types.js";

function row(coef: number, se: number, quant: number): RdEstimate {
  const z = coef / se;
  return {
    coef,
    se,
    z,
    pValue: twoSidedP(z),
    ciLower: coef - quant * se,
    ciUpper: coef + quant * se,
  };
}

function variance(v: ArrayLike<number>): number {
  const n = v.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i]!;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (v[i]! - m) ** 2;
  return n > 1 ? s / (n - 1) : 0;
}

function dropColumn(side: Side, col: number): Side {
  return { ...side, cols: side.cols.filter((_, j) => j !== col) };
}

/**
 * Local-polynomial regression-discontinuity estimation with robust bias-corrected inference,
 * following rdrobust 4.0 (Calonico, Cattaneo & Titiunik 2014, Econometrica 82(6); Calonico,
 * Cattaneo & Farrell 2020, Econometrics Journal 23(2) for CER bandwidths; Calonico, Cattaneo,
 * Farrell & Titiunik 2017 Stata Journal 17(2) and 2019 REStat 101(3) for covariates): sharp or
 * fuzzy, kink (deriv), triangular/Epanechnikov/uniform kernels, data-driven or manual bandwidths,
 * nn/HC0–HC3/clustered (CR1) variances, and mass-point handling for discrete running variables.
 *
 * Throws ParcoursError: RDD_CUTOFF_OUTSIDE, RDD_EMPTY_SIDE, RDD_TOO_FEW_UNIQUE,
 * RDD_LENGTH_MISMATCH, RDD_BAD_OPTION, RDD_NO_FIRST_STAGE, RDD_VCE_UNSUPPORTED.
 */
export function rdrobust(data: RdData, options: RdOptions = {}): RdResult {
  const opt = resolveOptions(options);
  const { c, p, q, deriv, kernel } = opt;
  const prep: Prepared = prepare(data, c);
  const warnings = [...prep.warnings];
  const { left, right, x } = prep;
  const nL = left.u.length;
  const nR = right.u.length;
  const n = nL + nR;
  if (n === 0) {
    throw new ParcoursError("RDD_EMPTY_SIDE", "no complete observations", {
      hint: `${prep.excludedMissing} rows had a missing value in y, x or another variable`,
    });
  }
  const xMin = x[0]!;
  const xMax = x[n - 1]!;
  if (c < xMin || c > xMax) {
    throw new ParcoursError(
      "RDD_CUTOFF_OUTSIDE",
      `the cutoff ${c} is outside the range of the running variable [${xMin}, ${xMax}]`,
      { hint: "set c to a value strictly inside the range of x", value: c },
    );
  }
  if (nL === 0 || nR === 0 || c >= xMax) {
    const empty = nL === 0 ? "left (x < c)" : "right (x > c)";
    throw new ParcoursError(
      "RDD_EMPTY_SIDE",
      `no observations on the ${empty} side of the cutoff ${c}`,
      {
        hint: "the cutoff must leave observations on both sides",
        value: c,
      },
    );
  }
  const mL = uniqueCount(left.u);
  const mR = uniqueCount(right.u);
  const needed = opt.h ? q + 1 : q + 3;
  if (mL < needed || mR < needed) {
    throw new ParcoursError(
      "RDD_TOO_FEW_UNIQUE",
      `too few distinct values of the running variable for polynomials of order p = ${p}, q = ${q}: ${mL} left and ${mR} right, at least ${needed} needed on each side`,
      { hint: "use a finer running variable (age in months or days), a lower p, or give h and b" },
    );
  }

  // Fuzzy design: treatment column 1; perfect compliance on one side selects bandwidths as sharp.
  const fuzzy = prep.hasFuzzy;
  const dZ = prep.covNames.length;
  let dTbw = fuzzy ? 1 : 0;
  if (fuzzy) {
    const vL = variance(left.cols[1]!);
    const vR = variance(right.cols[1]!);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    if (vL === 0 && vR === 0 && Math.abs(mean(left.cols[1]!) - mean(right.cols[1]!)) < 1.5e-8) {
      throw new ParcoursError(
        "RDD_NO_FIRST_STAGE",
        "the treatment does not vary and does not jump at the cutoff: the fuzzy design is not identified",
        { hint: "check the --fuzzy column, or run a sharp design" },
      );
    }
    if (vL === 0 || vR === 0 || opt.sharpbw) dTbw = 0;
  }

  const clustered = left.cluster !== undefined;
  let vce = opt.vce;
  if (clustered) {
    if (vce === "hc2" || vce === "hc3") {
      throw new ParcoursError(
        "RDD_VCE_UNSUPPORTED",
        `vce "${vce}" with clusters (CR2/CR3) is not implemented`,
        { hint: "use vce nn or hc1 with a cluster: both give the CR1 cluster-robust variance" },
      );
    }
    if (vce === "hc0" || vce === "hc1") {
      if (vce === "hc0")
        warnings.push("vce='hc0' is not a cluster option. Switching to vce='cr1'.");
    }
    vce = "hc1";
  }

  const massL = 1 - mL / nL;
  const massR = 1 - mR / nR;
  let bwcheck = opt.bwcheck;
  if (opt.masspoints !== "off" && (massL >= 0.2 || massR >= 0.2)) {
    warnings.push("Mass points detected in the running variable.");
    if (opt.masspoints === "check") warnings.push("Try using option masspoints=adjust.");
    if (bwcheck === undefined && opt.masspoints === "adjust") bwcheck = 10;
  }

  const rangeLeft = Math.abs(c - xMin);
  const rangeRight = Math.abs(c - xMax);
  let bws: Bandwidths;
  let bwselect: string = opt.bwselect;
  let manualH = opt.h;
  let manualB = opt.b;
  if (!manualH && n < 20) {
    warnings.push(
      "Not enough observations to perform bandwidth calculations. Estimates computed using entire sample",
    );
    const r = Math.max(rangeLeft, rangeRight);
    manualH = [r, r];
    manualB = [r, r];
  }
  if (manualH) {
    bwselect = "manual";
    let b = manualB ?? manualH;
    if (!manualB && opt.rho !== undefined) b = [manualH[0] / opt.rho, manualH[1] / opt.rho];
    bws = { hLeft: manualH[0], hRight: manualH[1], bLeft: b[0], bRight: b[1] };
  } else {
    const bwSides = (s: Side) => (fuzzy && dTbw === 0 ? dropColumn(s, 1) : s);
    const ctx: StageContext = { kernel, vce, nnmatch: opt.nnmatch, dT: dTbw, dZ };
    const pilot = pilotBandwidth(
      x,
      c,
      kernel,
      opt.masspoints === "adjust" ? mL + mR : n,
      opt.bwrestrict,
    );
    let bwMin: { left: number; right: number } | undefined;
    let cBw = pilot;
    if (bwcheck !== undefined) {
      bwMin = {
        left: uniqueWithin(left.u, Math.min(bwcheck, mL), true) + 1e-8,
        right: uniqueWithin(right.u, Math.min(bwcheck, mR), false) + 1e-8,
      };
      cBw = Math.max(cBw, bwMin.left, bwMin.right);
    }
    const gL = clustered ? distinct(left.cluster!) : 0;
    const gR = clustered ? distinct(right.cluster!) : 0;
    bws = selectBandwidths({
      left: bwSides(left),
      right: bwSides(right),
      p,
      q,
      deriv,
      bwselect: opt.bwselect,
      scaleregul: opt.scaleregul,
      ctx,
      pilot: cBw,
      rangeLeft,
      rangeRight,
      bwrestrict: opt.bwrestrict,
      bwMin,
      nCer: clustered ? gL + gR : n,
    });
    if (opt.rho !== undefined)
      bws = { ...bws, bLeft: bws.hLeft / opt.rho, bRight: bws.hRight / opt.rho };
  }

  // Estimation at the final bandwidths.
  const fl = fitSide(left, bws.hLeft, bws.bLeft, p, q, kernel);
  const fr = fitSide(right, bws.hRight, bws.bRight, p, q, kernel);
  for (const [name, f, bw] of [
    ["left", fl, bws],
    ["right", fr, bws],
  ] as const) {
    const mp = uniqueWithinBandwidth(f, name === "left" ? bw.hLeft : bw.hRight);
    if (f.nH === 0 || mp < p + 1 || uniqueCount(f.sample.u) < q + 1) {
      throw new ParcoursError(
        "RDD_TOO_FEW_UNIQUE",
        `too few distinct values of the running variable inside the bandwidth on the ${name} side (${mp} within h) for a polynomial of order ${p} (bias order ${q})`,
        { hint: "widen h and b, lower p, or use a finer running variable" },
      );
    }
  }
  const f = factorial(deriv);
  const betaP = jump(fr.fitP.beta, fl.fitP.beta);
  const betaBc = jump(fr.betaBc, fl.betaBc);

  let gamma: Dense | undefined;
  if (dZ > 0) {
    const dT = fuzzy ? 1 : 0;
    const a = covariateCrossProducts(fl.sample, fl.fitP.rwd, fl.fitP.invG, dT, dZ, fl.wH);
    const b = covariateCrossProducts(fr.sample, fr.fitP.rwd, fr.fitP.invG, dT, dZ, fr.wH);
    gamma = mul(pinv(addDense(a.zwz, b.zwz)), addDense(a.zwy, b.zwy));
  }
  // Outcome (and treatment) combinations: s·β picks Y − γ'Z (Calonico et al. 2019).
  const zIdx = (beta: Dense) => beta[deriv]!.slice(fuzzy ? 2 : 1);
  const combine = (beta: Dense, col: 0 | 1) => {
    const r = beta[deriv]!;
    if (!gamma) return f * r[col]!;
    const z = zIdx(beta);
    return f * (r[col]! - z.reduce((s, v, j) => s + gamma![j]![col]! * v, 0));
  };
  const tauYcl = combine(betaP, 0);
  const tauYbc = combine(betaBc, 0);
  const boundary = {
    conventional: { left: combine(fl.fitP.beta, 0), right: combine(fr.fitP.beta, 0) },
    biasCorrected: { left: combine(fl.betaBc, 0), right: combine(fr.betaBc, 0) },
  };
  let tauCl = tauYcl;
  let tauBc = tauYbc;
  let sY: number[] = gamma ? [1, ...gamma.map((g) => -g[0]!)] : [1];
  let sT: number[] = [];
  let tauTcl = 0;
  let tauTbc = 0;
  if (fuzzy) {
    tauTcl = combine(betaP, 1);
    tauTbc = combine(betaBc, 1);
    tauCl = tauYcl / tauTcl;
    const g1 = 1 / tauTcl;
    const g2 = -tauYcl / (tauTcl * tauTcl);
    tauBc = tauCl - (g1 * (tauYcl - tauYbc) + g2 * (tauTcl - tauTbc));
    sY = gamma ? [g1, g2, ...gamma.map((g) => -g1 * g[0]! - g2 * g[1]!)] : [g1, g2];
    sT = gamma ? [0, 1, ...gamma.map((g) => -g[1]!)] : [0, 1];
  }

  const hbMatch = bws.hLeft === bws.bLeft && bws.hRight === bws.bRight;
  const sideVar = (sf: SideFit, s: number[]) => {
    const sm = sf.sample;
    const resH =
      vce === "nn"
        ? nnResiduals(sm, opt.nnmatch)
        : hcResiduals(sm, sf.fitP, vce, p + 1, clustered, sf.wH);
    const resB = vce === "nn" ? resH : hcResiduals(sm, sf.fitQ, vce, q + 1, clustered, sf.wB);
    const mCl = meat(weightedDesign(sm, p, sf.wH), p + 1, resH, s, sm.cluster, sm.nClusterCodes);
    const vCl = sandwich(sf.fitP.invG, mCl)[deriv]![deriv]!;
    let vRb: number;
    if (clustered && hbMatch) {
      const m = meat(weightedDesign(sm, q, sf.wH), q + 1, resB, s, sm.cluster, sm.nClusterCodes);
      vRb = sandwich(sf.fitQ.invG, m)[deriv]![deriv]!;
    } else {
      const m = meat(sf.qMatrix, p + 1, resB, s, sm.cluster, sm.nClusterCodes, q + 1);
      vRb = sandwich(sf.fitP.invG, m)[deriv]![deriv]!;
    }
    return { vCl, vRb };
  };
  const vl = sideVar(fl, sY);
  const vr = sideVar(fr, sY);
  const seCl = Math.sqrt(f * f * (vl.vCl + vr.vCl));
  const seRb = Math.sqrt(f * f * (vl.vRb + vr.vRb));
  const quant = qnorm(1 - (1 - opt.level / 100) / 2);

  const result: RdResult = {
    conventional: row(tauCl, seCl, quant),
    biasCorrected: row(tauBc, seCl, quant),
    robust: row(tauBc, seRb, quant),
    h: { left: bws.hLeft, right: bws.hRight },
    b: { left: bws.bLeft, right: bws.bRight },
    n: { left: nL, right: nR },
    nEffective: { left: fl.nH, right: fr.nH },
    nBias: { left: fl.nB, right: fr.nB },
    nUnique: { left: mL, right: mR },
    boundary,
    coefficients: {
      left: fl.fitP.beta.map((r, j) => (j <= p ? combineRow(r, gamma, fuzzy) : 0)),
      right: fr.fitP.beta.map((r, j) => (j <= p ? combineRow(r, gamma, fuzzy) : 0)),
    },
    design: fuzzy ? "fuzzy" : "sharp",
    cutoff: c,
    p,
    q,
    deriv,
    kernel,
    bwselect,
    vce: clustered ? "cr1" : vce,
    level: opt.level,
    masspoints: opt.masspoints,
    nInput: prep.nInput,
    excluded: { missing: prep.excludedMissing, negativeWeight: prep.excludedNegativeWeight },
    warnings,
  };
  if (fuzzy) {
    const tl = sideVar(fl, sT);
    const tr = sideVar(fr, sT);
    const seT = Math.sqrt(f * f * (tl.vCl + tr.vCl));
    const seTrb = Math.sqrt(f * f * (tl.vRb + tr.vRb));
    result.firstStage = {
      conventional: row(tauTcl, seT, quant),
      biasCorrected: row(tauTbc, seT, quant),
      robust: row(tauTbc, seTrb, quant),
    };
  }
  if (clustered)
    result.nClusters = { left: distinct(left.cluster!), right: distinct(right.cluster!) };
  if (gamma) result.covariates = { names: prep.covNames, gamma: gamma.map((g) => g[0]!) };
  return result;
}

/** Outcome coefficient of a row of β, net of covariates (Y − γ'Z). */
function combineRow(r: number[], gamma: Dense | undefined, fuzzy: boolean): number {
  if (!gamma) return r[0]!;
  const z = r.slice(fuzzy ? 2 : 1);
  return r[0]! - z.reduce((s, v, j) => s + gamma[j]![0]! * v, 0);
}

function distinct(codes: Int32Array): number {
  return new Set(codes).size;
}

function uniqueWithinBandwidth(f: SideFit, h: number): number {
  let count = 0;
  let prev = Number.NaN;
  for (let i = 0; i < f.sample.n; i++) {
    const u = f.sample.u[i]!;
    if (Math.abs(u) < h && u !== prev) count++;
    prev = u;
  }
  return count;
}
