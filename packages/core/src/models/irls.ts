import {
  type CellLayout,
  type CellTables,
  cellPredictor,
  clearCellTables,
} from "../design/cells.js";
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
  /** Set while η holds R's starting values of Bernoulli rows (two values, one per response). */
  start: boolean;
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
    start: false,
  };
}

/**
 * {@link irlsPass}'s logit Bernoulli branch when η is R's start (one value for y = 0, one for
 * y = 1): each quantity is computed once per response value, with the same operations, and
 * copied to the rows; the deviance is summed over the rows in order as there.
 */
function bernoulliStartPass(s: IrlsState): number {
  const { y, eta, mu, muEta, w, z } = s;
  const n = y.length;
  const m2 = new Float64Array(2);
  const me2 = new Float64Array(2);
  const z2 = new Float64Array(2);
  const d2 = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    // The first row of each response value supplies its η.
    const k = y[i] === 1 ? 1 : 0;
    if (me2[k] !== 0) continue;
    const e = eta[i]!;
    const x = Math.exp(e);
    const r = 1 / (1 + x);
    m2[k] = x * r;
    me2[k] = x * r * r;
    d2[k] = 2 * (Math.log(1 + x) - k * e);
    z2[k] = e + (k - m2[k]!) / me2[k]!;
    if (me2[0] !== 0 && me2[1] !== 0) break;
  }
  let dev = 0;
  for (let i = 0; i < n; i++) {
    const k = y[i] === 1 ? 1 : 0;
    mu[i] = m2[k]!;
    muEta[i] = me2[k]!;
    w[i] = me2[k]!;
    z[i] = z2[k]!;
    dev += d2[k]!;
  }
  s.start = false;
  return dev;
}

/**
 * From η (already in `s.eta`): μ, dμ/dη, the working weights and response of the next solve
 * (R's `glm.fit`: z = η + (y − μ)/μ', w = wt μ'² / V(μ), zero where wt = 0 or μ' = 0), and the
 * deviance, all in one pass over the rows. Returns the deviance. The logit link shares one
 * exp() between μ and μ' (R's family.c formulas, with its clamping beyond |η| > 30).
 */
export function irlsPass(fam: Family, s: IrlsState): number {
  const { y, wt, eta, mu, muEta, w, z } = s;
  const n = y.length;
  const binomial = fam.family === "binomial";
  let dev = 0;
  if (binomial && fam.link === "logit" && s.bernoulli && s.start) {
    return bernoulliStartPass(s);
  }
  if (binomial && fam.link === "logit" && s.bernoulli) {
    // 0/1 rows with unit prior weight: with x = e^η and r = 1/(1 + x), μ = x r, μ' = μ r, and
    // since V(μ) = μ(1 − μ) = μ', the working weight is μ' itself; the unit deviance
    // 2 log(1/μ) or 2 log(1/(1 − μ)) is 2 [log(1 + x) − y η]. One exp, one log, two divisions
    // per row instead of five: the same quantities up to rounding.
    for (let i = 0; i < n; i++) {
      const e = eta[i]!;
      const yi = y[i]!;
      if (e < -LOGIT_THRESH || e > LOGIT_THRESH) {
        // R's clamped logit: μ at ε or 1 − ε, μ' = ε.
        const t = e < 0 ? DBL_EPSILON : 1 / DBL_EPSILON;
        const m = t / (1 + t);
        mu[i] = m;
        muEta[i] = DBL_EPSILON;
        dev += 2 * Math.log(1 / (yi === 1 ? m : 1 - m));
        z[i] = e + (yi - m) / DBL_EPSILON;
        w[i] = (DBL_EPSILON * DBL_EPSILON) / (m * (1 - m));
        continue;
      }
      const x = Math.exp(e);
      const r = 1 / (1 + x);
      const m = x * r;
      const me = m * r;
      mu[i] = m;
      muEta[i] = me;
      dev += 2 * (Math.log(1 + x) - yi * e);
      z[i] = e + (yi - m) / me;
      w[i] = me;
    }
    return dev;
  }
  if (binomial && fam.link === "logit") {
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

/**
 * One fused IRLS sweep for 0/1 rows under the logit link on a design with a cell layout: for
 * each row, η (from β through the cells), μ, μ', the deviance, the working weight and response,
 * and their scatter into the cell tables of the next X'WX and X'Wz. The same arithmetic, in the
 * same order, as `design.multiply`, {@link irlsPass} and `design.xtwxz` run one after the
 * other, in one pass over the rows instead of three. Returns the deviance; the tables are
 * cleared first. Up to two numeric slots (e.g. age and month) go through a version whose
 * running sums live in local variables rather than in an array.
 */
export function logitCellSweep(
  layout: CellLayout,
  s: IrlsState,
  t: CellTables,
  beta: ArrayLike<number>,
): number {
  const b = Float64Array.from(beta, (v) => (Number.isNaN(v) ? 0 : v));
  const etaCell = cellPredictor(layout, b);
  clearCellTables(t);
  if (layout.numSlots.length > 2) return logitCellSweepAny(layout, s, t, b, etaCell);
  // The loop's running sums come back in `out` and are finished here: code after a hot loop
  // that the loop's first run has not reached yet makes V8 drop the loop's optimised code.
  const out = new Float64Array(11);
  const tabs = expTables(layout, b, etaCell);
  if (tabs !== null) logitCellSweep2(layout, s, t, b, etaCell, out, tabs);
  else logitCellSweep2(layout, s, t, b, etaCell, out, null);
  const q = layout.numSlots.length;
  const { S, at } = t;
  S[at.sum] = out[0]!;
  S[at.z] = out[6]!;
  if (q > 0) {
    S[at.x] = out[1]!;
    S[at.xx] = out[3]!;
    S[at.zx] = out[7]!;
  }
  if (q > 1) {
    S[at.x + 1] = out[2]!;
    S[at.xx + 1] = out[4]!;
    S[at.xx + 2] = out[5]!;
    S[at.zx + 1] = out[8]!;
  }
  return out[9]! + 2 * Math.log(out[10]!);
}

/**
 * {@link logitCellSweep} with at most two numeric slots: the same operations in the same order
 * as {@link logitCellSweepAny}, a missing second (or first) slot reading as 0 with coefficient
 * 0, whose sums are dropped.
 */
function logitCellSweep2(
  layout: CellLayout,
  s: IrlsState,
  t: CellTables,
  b: Float64Array,
  etaCell: Float64Array,
  out: Float64Array,
  tabs: ExpTables | null,
): void {
  const expCell = tabs !== null ? tabs.cell : etaCell;
  const exp0 = tabs !== null ? tabs.slot0 : etaCell;
  const exp1 = tabs !== null ? tabs.slot1 : etaCell;
  const min0 = q0min(layout, 0);
  const min1 = q0min(layout, 1);
  const { cell, numSlots, numCols, nCells } = layout;
  const { y, eta, mu, muEta, w, z } = s;
  const q = numSlots.length;
  const n = cell.length;
  const { tw, tx, tz } = t;
  const none = new Float64Array(1);
  const nv0 = q > 0 ? layout.numValues[0]! : none;
  const nv1 = q > 1 ? layout.numValues[1]! : none;
  const b0 = q > 0 ? b[numCols[0]!]! : 0;
  const b1 = q > 1 ? b[numCols[1]!]! : 0;
  const off1 = nCells;
  let sum = 0;
  let sx0 = 0;
  let sx1 = 0;
  let sxx00 = 0;
  let sxx01 = 0;
  let sxx11 = 0;
  let sz = 0;
  let szx0 = 0;
  let szx1 = 0;
  let dev = 0;
  let prod = 1;
  for (let i = 0; i < n; i++) {
    const c = cell[i]!;
    const x0 = q > 0 ? nv0[i]! : 0;
    const x1 = q > 1 ? nv1[i]! : 0;
    let e = etaCell[c]!;
    if (q > 0) e += x0 * b0;
    if (q > 1) e += x1 * b1;
    eta[i] = e;
    const yi = y[i]!;
    let m: number;
    let me: number;
    let wi: number;
    if (e < -LOGIT_THRESH || e > LOGIT_THRESH) {
      const tt = e < 0 ? DBL_EPSILON : 1 / DBL_EPSILON;
      m = tt / (1 + tt);
      me = DBL_EPSILON;
      dev += 2 * Math.log(1 / (yi === 1 ? m : 1 - m));
      wi = (DBL_EPSILON * DBL_EPSILON) / (m * (1 - m));
    } else {
      // e^η = e^(cell part) · e^(β₀x₀) · e^(β₁x₁) from tables when the numeric slots hold
      // small integers: two products instead of an exp (a few ulps apart).
      const x =
        tabs !== null
          ? expCell[c]! *
            (q > 0 ? exp0[(x0 - min0) | 0]! : 1) *
            (q > 1 ? exp1[(x1 - min1) | 0]! : 1)
          : Math.exp(e);
      const r = 1 / (1 + x);
      m = x * r;
      me = m * r;
      prod *= 1 + x;
      if (prod > 1e250) {
        dev += 2 * Math.log(prod);
        prod = 1;
      }
      dev -= 2 * yi * e;
      wi = me;
    }
    const zi = e + (yi - m) / me;
    mu[i] = m;
    muEta[i] = me;
    z[i] = zi;
    w[i] = wi;
    if (wi === 0) continue;
    tw[c] += wi;
    sum += wi;
    const wx0 = wi * x0;
    const wx1 = wi * x1;
    if (q > 0) {
      tx[c] += wx0;
      sx0 += wx0;
    }
    if (q > 1) {
      tx[off1 + c] += wx1;
      sx1 += wx1;
    }
    if (q > 0) sxx00 += wx0 * x0;
    if (q > 1) {
      sxx01 += wx0 * x1;
      sxx11 += wx1 * x1;
    }
    const szi = wi * zi;
    tz[c] += szi;
    sz += szi;
    if (q > 0) szx0 += szi * x0;
    if (q > 1) szx1 += szi * x1;
  }
  out[0] = sum;
  out[1] = sx0;
  out[2] = sx1;
  out[3] = sxx00;
  out[4] = sxx01;
  out[5] = sxx11;
  out[6] = sz;
  out[7] = szx0;
  out[8] = szx1;
  out[9] = dev;
  out[10] = prod;
}

/** exp() of the per-cell linear predictor and of β v over each small-integer numeric slot. */
interface ExpTables {
  cell: Float64Array;
  slot0: Float64Array;
  slot1: Float64Array;
}

/** The smallest value of numeric slot j when it is a small-integer slot (else 0, unused). */
function q0min(layout: CellLayout, j: number): number {
  return j < layout.numSlots.length && layout.numIntSpan[j]! >= 0 ? layout.numIntMin[j]! : 0;
}

/**
 * Tables for e^η = e^(cell part) · Π e^(βⱼ xⱼ), when every numeric slot (at most two) holds small
 * integers and no factor over- or underflows; null otherwise (then exp() is taken per row).
 */
function expTables(layout: CellLayout, b: Float64Array, etaCell: Float64Array): ExpTables | null {
  const q = layout.numSlots.length;
  const slots: Float64Array[] = [];
  for (let j = 0; j < q; j++) {
    const span = layout.numIntSpan[j]!;
    if (span < 0) return null;
    const beta = b[layout.numCols[j]!]!;
    const min = layout.numIntMin[j]!;
    const tab = new Float64Array(span + 1);
    for (let v = 0; v <= span; v++) tab[v] = Math.exp(beta * (min + v));
    slots.push(tab);
  }
  const cell = new Float64Array(etaCell.length);
  for (let c = 0; c < cell.length; c++) cell[c] = Math.exp(etaCell[c]!);
  for (const tab of [cell, ...slots]) {
    for (let k = 0; k < tab.length; k++) {
      const v = tab[k]!;
      if (!(v > 1e-150 && v < 1e150)) return null;
    }
  }
  const none = new Float64Array(1);
  return { cell, slot0: slots[0] ?? none, slot1: slots[1] ?? none };
}

/** {@link logitCellSweep} for any number of numeric slots. */
function logitCellSweepAny(
  layout: CellLayout,
  s: IrlsState,
  t: CellTables,
  b: Float64Array,
  etaCell: Float64Array,
): number {
  const { cell, numSlots, numCols, nCells, numValues } = layout;
  const { y, eta, mu, muEta, w, z } = s;
  const q = numSlots.length;
  const n = cell.length;
  const { tw, tx, tz, S } = t;
  const { sum: iSum, x: iX, xx: iXX, z: iZ, zx: iZX } = t.at;
  const bn = new Float64Array(q);
  for (let j = 0; j < q; j++) bn[j] = b[numCols[j]!]!;
  const xs = new Float64Array(q);
  // Σ 2 log(1 + x) is taken as 2 log of running products of (1 + x), renewed before they could
  // overflow: one log per several rows instead of one per row (the sum differs only by
  // rounding, ~1e-15 relative).
  let dev = 0;
  let prod = 1;
  for (let i = 0; i < n; i++) {
    const c = cell[i]!;
    for (let j = 0; j < q; j++) xs[j] = numValues[j]![i]!;
    let e = etaCell[c]!;
    for (let j = 0; j < q; j++) e += xs[j]! * bn[j]!;
    eta[i] = e;
    const yi = y[i]!;
    let m: number;
    let me: number;
    let wi: number;
    if (e < -LOGIT_THRESH || e > LOGIT_THRESH) {
      const tt = e < 0 ? DBL_EPSILON : 1 / DBL_EPSILON;
      m = tt / (1 + tt);
      me = DBL_EPSILON;
      dev += 2 * Math.log(1 / (yi === 1 ? m : 1 - m));
      wi = (DBL_EPSILON * DBL_EPSILON) / (m * (1 - m));
    } else {
      const x = Math.exp(e);
      const r = 1 / (1 + x);
      m = x * r;
      me = m * r;
      prod *= 1 + x;
      if (prod > 1e250) {
        dev += 2 * Math.log(prod);
        prod = 1;
      }
      dev -= 2 * yi * e;
      wi = me;
    }
    const zi = e + (yi - m) / me;
    mu[i] = m;
    muEta[i] = me;
    z[i] = zi;
    w[i] = wi;
    if (wi === 0) continue;
    tw[c] += wi;
    S[iSum] += wi;
    for (let j = 0; j < q; j++) {
      const wx = wi * xs[j]!;
      tx[j * nCells + c] += wx;
      S[iX + j] += wx;
    }
    for (let j = 0, k0 = iXX; j < q; j++) {
      const wx = wi * xs[j]!;
      for (let k = j; k < q; k++) S[k0++] += wx * xs[k]!;
    }
    const sz = wi * zi;
    tz[c] += sz;
    S[iZ] += sz;
    for (let j = 0; j < q; j++) S[iZX + j] += sz * xs[j]!;
  }
  dev += 2 * Math.log(prod);
  return dev;
}

/**
 * R's starting values, as η: μ₀ = (wt y + 0.5)/(wt + 1) for binomial, μ₀ = y for gaussian.
 * Returns true when a binomial response has non-integer success counts (R warns). Kept apart
 * from the caller so that this one-off loop is compiled on its own.
 */
export function startingEta(fam: Family, s: IrlsState): boolean {
  const { y, wt, eta } = s;
  const n = y.length;
  const binomial = fam.family === "binomial";
  if (binomial && s.bernoulli) {
    // μ₀ takes two values on 0/1 rows: two link evaluations.
    const e0 = fam.linkfun(0.5 / 2);
    const e1 = fam.linkfun(1.5 / 2);
    for (let i = 0; i < n; i++) eta[i] = y[i] === 1 ? e1 : e0;
    s.start = Math.abs(e0) <= LOGIT_THRESH && Math.abs(e1) <= LOGIT_THRESH;
    return false;
  }
  for (let i = 0; i < n; i++) {
    const m = binomial ? (wt[i]! * y[i]! + 0.5) / (wt[i]! + 1) : y[i]!;
    eta[i] = fam.linkfun(m);
  }
  if (!binomial) return false;
  for (let i = 0; i < n; i++) {
    const c = wt[i]! * y[i]!;
    if (Math.abs(c - Math.round(c)) > 1e-3) return true;
  }
  return false;
}

/** What the fit reports from the final μ: see {@link fitTotals}. */
export interface FitTotals {
  /** Working residuals (y − μ)/μ'. */
  residuals: Float64Array;
  /** Rows with positive prior weight. */
  nOk: number;
  /** Deviance of the intercept-only model (or η = 0 without intercept). */
  nullDeviance: number;
  /** Some μ within 10 ε of 0 or 1 (binomial). */
  boundary: boolean;
  /** Σ w r² over rows with positive working weight `w` (the gaussian dispersion's numerator). */
  weightedRss: number;
}

/** Final residuals, counts, null deviance and boundary check, in two passes over the rows. */
export function fitTotals(
  fam: Family,
  s: IrlsState,
  intercept: boolean,
  w: Float64Array,
): FitTotals {
  const { y, wt, mu, muEta } = s;
  const n = y.length;
  const eps = 10 * DBL_EPSILON;
  const residuals = new Float64Array(n);
  let nOk = 0;
  let sumWt = 0;
  let sumWtY = 0;
  let boundary = false;
  let weightedRss = 0;
  for (let i = 0; i < n; i++) {
    const m = mu[i]!;
    const r = (y[i]! - m) / muEta[i]!;
    residuals[i] = r;
    if (wt[i]! > 0) nOk++;
    sumWt += wt[i]!;
    sumWtY += wt[i]! * y[i]!;
    if (m > 1 - eps || m < eps) boundary = true;
  }
  // The gaussian dispersion's numerator only (binomial fixes the dispersion at 1).
  if (!fam.fixedDispersion) {
    for (let i = 0; i < n; i++) if (w[i]! > 0) weightedRss += w[i]! * residuals[i]! ** 2;
  }
  const nullMu = intercept ? sumWtY / sumWt : fam.linkinv(0);
  let nullDeviance = 0;
  if (s.bernoulli) {
    // devResid(y, μ₀, 1) takes two values on 0/1 rows: computed once each, summed in order.
    const d0 = fam.devResid(0, nullMu, 1);
    const d1 = fam.devResid(1, nullMu, 1);
    for (let i = 0; i < n; i++) nullDeviance += y[i] === 1 ? d1 : d0;
  } else for (let i = 0; i < n; i++) nullDeviance += fam.devResid(y[i]!, nullMu, wt[i]!);
  return {
    residuals,
    nOk,
    nullDeviance,
    boundary: fam.family === "binomial" && boundary,
    weightedRss,
  };
}
