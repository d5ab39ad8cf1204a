import { stableOrder } from "../engine/order.js";
import {
  type BalanceSettings,
  type BalanceStats,
  binaryBalance,
  type GroupTotals,
  isBinary,
  type SortedValues,
  standardised,
} from "./balanceStats.js";

/**
 * Each unit's value rank among the distinct values of `x` (ascending) by direct indexing, when
 * the values are integers in a narrow range (ages, months, counts); null otherwise.
 */
function integerRanks(x: ArrayLike<number>): SortedValues | null {
  const n = x.length;
  const range = integerRange(x);
  if (range === null) return null;
  const { min, max } = range;
  const rank = new Int32Array(max - min + 1);
  for (let i = 0; i < n; i++) rank[x[i]! - min] = 1;
  let count = 0;
  for (let v = 0; v < rank.length; v++) rank[v] = rank[v] ? count++ : -1;
  const bucket = new Int32Array(n);
  for (let i = 0; i < n; i++) bucket[i] = rank[x[i]! - min]!;
  return { count, bucket };
}

/**
 * Each unit's value rank among the distinct values of `x` (ascending): from a stable order when
 * one is given, by direct indexing for integers in a narrow range, else from a radix order.
 */
export function valueRanks(x: ArrayLike<number>, order?: ArrayLike<number>): SortedValues {
  if (order === undefined) {
    const r = integerRanks(x);
    if (r !== null) return r;
  }
  const o = order ?? stableOrder(x);
  const bucket = new Int32Array(x.length);
  let count = 0;
  let last = Number.NaN;
  for (let k = 0; k < o.length; k++) {
    const v = x[o[k]!]!;
    if (k === 0 || v !== last) {
      count++;
      last = v;
    }
    bucket[o[k]!] = count - 1;
  }
  return { count, bucket };
}

/**
 * Mean and maximum |cumulative mass| over the distinct values (the eCDF statistics); with
 * `present`, only the flagged entries are values.
 */
function ecdfStats(mass: Float64Array, present?: Uint8Array): Ecdf {
  let cum = 0;
  let total = 0;
  let max = 0;
  let count = 0;
  for (let b = 0; b < mass.length; b++) {
    if (present !== undefined && !present[b]) continue;
    count++;
    cum += mass[b]!;
    const d = Math.abs(cum);
    total += d;
    if (d > max) max = d;
  }
  return { mean: total / count, max };
}

/** Min and max when every value is an integer within a span of 2¹⁶, else null. */
function integerRange(x: ArrayLike<number>): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isInteger(v)) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return x.length > 0 && max - min <= 1 << 16 ? { min, max } : null;
}

/** Per value (− min), in row order: unit and matching eCDF masses, and presence. */
function integerMasses(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  weights: ArrayLike<number>,
  min: number,
  totals: readonly number[],
  massU: Float64Array,
  massW: Float64Array,
  present: Uint8Array,
): void {
  const u0 = totals[0]!;
  const u1 = totals[1]!;
  const w0 = totals[2]!;
  const w1 = totals[3]!;
  for (let i = 0; i < x.length; i++) {
    const b = x[i]! - min;
    present[b] = 1;
    const wi = weights[i]!;
    if (treat[i] === 1) {
      massU[b] += 1 / u1;
      massW[b] += wi / w1;
    } else {
      massU[b] += -1 / u0;
      massW[b] += -wi / w0;
    }
  }
}

type Ecdf = { mean: number; max: number };

/**
 * eCDF statistics of the unit and matching weightings together. Integers in a narrow range go
 * through their ranks; other values are scanned in stable sorted order, one run of equal values
 * at a time, so each distinct value's mass is summed in row order exactly as with per-value
 * buckets, without building the buckets.
 */
function ecdfBoth(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  weights: ArrayLike<number>,
  unit: GroupTotals,
  matched: GroupTotals,
  order?: ArrayLike<number>,
): { unit: Ecdf; matched: Ecdf } {
  const n = x.length;
  const u1 = unit.sumW[1]!;
  const u0 = unit.sumW[0]!;
  const w1 = matched.sumW[1]!;
  const w0 = matched.sumW[0]!;
  const range = order === undefined ? integerRange(x) : null;
  if (range !== null) {
    // Masses indexed by value − min, absent values skipped: one pass, no rank array.
    const span = range.max - range.min + 1;
    const massU = new Float64Array(span);
    const massW = new Float64Array(span);
    const present = new Uint8Array(span);
    integerMasses(x, treat, weights, range.min, [u0, u1, w0, w1], massU, massW, present);
    return { unit: ecdfStats(massU, present), matched: ecdfStats(massW, present) };
  }
  const o = order ?? stableOrder(x);
  let count = 0;
  let cumU = 0;
  let totU = 0;
  let maxU = 0;
  let cumW = 0;
  let totW = 0;
  let maxW = 0;
  for (let k = 0; k < n; ) {
    const v = x[o[k]!]!;
    let mU = 0;
    let mW = 0;
    for (; k < n && x[o[k]!] === v; k++) {
      const i = o[k]!;
      const wi = weights[i]!;
      if (treat[i] === 1) {
        mU += 1 / u1;
        mW += wi / w1;
      } else {
        mU += -1 / u0;
        mW += -wi / w0;
      }
    }
    count++;
    cumU += mU;
    cumW += mW;
    const dU = Math.abs(cumU);
    const dW = Math.abs(cumW);
    totU += dU;
    totW += dW;
    if (dU > maxU) maxU = dU;
    if (dW > maxW) maxW = dW;
  }
  return { unit: { mean: totU / count, max: maxU }, matched: { mean: totW / count, max: maxW } };
}

/** [Σx over controls, over treated, Σw·x over controls, over treated], in row order. */
function groupSums(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  weights: ArrayLike<number>,
): Float64Array {
  const t = new Float64Array(4);
  for (let i = 0; i < x.length; i++) {
    const g = treat[i]!;
    t[g] += x[i]!;
    t[2 + g] += weights[i]! * x[i]!;
  }
  return t;
}

/** [Σ(x − mu)² per group, Σw(x − mw)² per group] (controls first), in row order. */
function groupSquares(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  weights: ArrayLike<number>,
  mu: readonly number[],
  mw: readonly number[],
): Float64Array {
  const t = new Float64Array(4);
  const mu0 = mu[0]!;
  const mu1 = mu[1]!;
  const mw0 = mw[0]!;
  const mw1 = mw[1]!;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (treat[i] === 1) {
      t[1] += (xi - mu1) ** 2;
      t[3] += weights[i]! * (xi - mw1) ** 2;
    } else {
      t[0] += (xi - mu0) ** 2;
      t[2] += weights[i]! * (xi - mw0) ** 2;
    }
  }
  return t;
}

/**
 * Balance of one covariate before (unit weights) and after (matching weights) in a few fused
 * passes over the units: the same statistics, with the same arithmetic in the same order, as
 * two calls of `balanceOf` (MatchIt `summary.matchit` / cobalt `bal.tab` semantics), which take
 * about four times as many passes. `order` (a stable order of `x`) is used when known.
 */
export function numericBalance(
  x: ArrayLike<number>,
  treat: ArrayLike<number>,
  weights: ArrayLike<number>,
  settings: BalanceSettings,
  unit: GroupTotals,
  matched: GroupTotals,
  order?: ArrayLike<number>,
): { before: BalanceStats; after: BalanceStats } {
  if (isBinary(x)) {
    // Σx and Σw·x per group: [Σx₀, Σx₁, Σwx₀, Σwx₁].
    const t = groupSums(x, treat, weights);
    const u: [number, number] = [t[0]! / unit.count[0]!, t[1]! / unit.count[1]!];
    return {
      before: binaryBalance([t[0]!, t[1]!], u, unit, settings),
      after: binaryBalance([t[2]!, t[3]!], u, matched, settings),
    };
  }
  // Group means, unit and matching weights.
  const sums = groupSums(x, treat, weights);
  const mu = [sums[0]! / unit.sumW[0]!, sums[1]! / unit.sumW[1]!];
  const mw = [sums[2]! / matched.sumW[0]!, sums[3]! / matched.sumW[1]!];
  // Sums of squares about them (MatchIt's `wvar`).
  const sq = groupSquares(x, treat, weights, mu, mw);
  const su = [sq[0]!, sq[1]!];
  const sw = [sq[2]!, sq[3]!];
  const variance = (ss: number, t: GroupTotals, g: number) => {
    const s = t.sumW[g]!;
    return ss / s / (1 - t.sumW2[g]! / (s * s));
  };
  const vu = [variance(su[0]!, unit, 0), variance(su[1]!, unit, 1)];
  const vw = [variance(sw[0]!, matched, 0), variance(sw[1]!, matched, 1)];
  const small = (t: GroupTotals) => t.nonZero[1]! < 2 && t.nonZero[0]! < 2;
  const smallU = small(unit);
  const smallW = small(matched);
  let eu: Ecdf | null = null;
  let ew: Ecdf | null = null;
  if (!smallU || !smallW) {
    const e = ecdfBoth(x, treat, weights, unit, matched, order);
    if (!smallU) eu = e.unit;
    if (!smallW) ew = e.matched;
  }
  const stats = (m: number[], v: number[], tooSmall: boolean, e: Ecdf | null): BalanceStats => {
    const diff = m[1]! - m[0]!;
    const smd = standardised(diff, vu[1]!, vu[0]!, tooSmall, true, settings);
    if (tooSmall || e === null) {
      return {
        meanTreated: m[1]!,
        meanControl: m[0]!,
        smd,
        varRatio: null,
        ecdfMean: null,
        ecdfMax: null,
      };
    }
    return {
      meanTreated: m[1]!,
      meanControl: m[0]!,
      smd,
      varRatio: v[1]! / v[0]!,
      ecdfMean: e.mean,
      ecdfMax: e.max,
    };
  };
  return { before: stats(mu, vu, smallU, eu), after: stats(mw, vw, smallW, ew) };
}
