import { ParcoursError } from "@parcours-eval/core";
import { densityFit } from "./density-fit.js";
import { type Kernel, parseKernel } from "./kernel.js";
import { invSym, mulVec } from "./linalg.js";
import { twoSidedP } from "./normal.js";

/** Bandwidth choice of the density test (rddensity's `bwselect`). */
export type DensityBwSelect = "comb" | "each" | "diff" | "sum";

/** Options of {@link rddensity}. */
export interface DensityOptions {
  /** Cutoff (default 0). */
  c?: number;
  /** Polynomial order of the density estimator (default 2). */
  p?: number;
  /** Order of the bias-corrected estimator used for the test (default p + 1). */
  q?: number;
  /** Kernel (default triangular). */
  kernel?: Kernel;
  /** Bandwidth: one value or [left, right]. Default: data-driven. */
  h?: number | readonly [number, number];
  /** Selector (default comb = median of each, diff and sum). */
  bwselect?: DensityBwSelect;
  /** Give tied observations their group's CDF value and jackknife score (default true). */
  massPoints?: boolean;
  /** Keep at least 20+p+1 observations and unique values in each window (default true). */
  regularize?: boolean;
}

/** Result of {@link rddensity}: the manipulation test at the cutoff. */
export interface DensityResult {
  /** Bias-corrected density estimates left and right of the cutoff, and their difference. */
  density: { left: number; right: number; diff: number };
  /** Jackknife standard errors of the same. */
  se: { left: number; right: number; diff: number };
  /** Robust test statistic (right − left)/se and its two-sided p-value. */
  statistic: number;
  pValue: number;
  h: { left: number; right: number };
  n: { left: number; right: number };
  nEffective: { left: number; right: number };
  cutoff: number;
  p: number;
  q: number;
  kernel: Kernel;
  bwselect: string;
  vce: "jackknife";
  massPoints: boolean;
  nInput: number;
  excluded: { missing: number };
  warnings: string[];
}

// Rule-of-thumb constants of rddensity's preliminary bandwidths (uniform kernel, normal
// reference; Cattaneo, Jansson & Ma 2020 and rdbwdensity), indexed by p = 1…7.
const CB = [
  25884.44444449415, 3430865.455123618, 845007948.042626, 330631733667.0381, 187774809656037.3,
  145729502641999260, 146013502974449880000,
];
const CC = [
  4.800000000000025, 548.5714285715546, 100800.0000002042, 29558225.45810061, 12896196859.612621,
  7890871468221.609, 6467911284037581,
];

/** Probabilists' Hermite polynomial He_k(x). */
function hermite(x: number, k: number): number {
  let a = 1;
  let b = x;
  if (k === 0) return 1;
  for (let n = 1; n < k; n++) {
    const c = x * b - n * a;
    a = b;
    b = c;
  }
  return b;
}

/** ∫_0^1 u^m K(u) du for the kernel (K on [-1, 1], as in rddensity's moment matrices). */
function kernelMoment(m: number, kernel: Kernel): number {
  if (kernel === "uniform") return 0.5 / (m + 1);
  if (kernel === "triangular") return 1 / (m + 1) - 1 / (m + 2);
  return 0.75 * (1 / (m + 1) - 1 / (m + 3));
}

/** Distance of the k-th (1-based) element of `ascDistances`, or its last when shorter. */
const kth = (ascDistances: number[], k: number) =>
  ascDistances[Math.min(k, ascDistances.length) - 1] ?? 0;

const median3 = (a: number, b: number, c: number) => [a, b, c].sort((x, y) => x - y)[1]!;

interface Prepped {
  x: Float64Array; // sorted, centred
  y: Float64Array; // empirical CDF, ties adjusted
  n: number;
  nl: number;
  nr: number;
  distLeft: number[]; // |x| of left observations, ascending
  distRight: number[];
  uniqLeft: number[];
  uniqRight: number[];
  massPoints: boolean;
}

function window(pr: Prepped, hl: number, hr: number) {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < pr.n; i++) {
    const v = pr.x[i]!;
    if (v >= -hl && v <= hr) {
      xs.push(v);
      ys.push(pr.y[i]!);
    }
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

/** MSE-optimal bandwidths of the density estimators: left, right, diff and sum (rdbwdensity). */
function selectDensityBandwidths(pr: Prepped, p: number, kernel: Kernel, regularize: boolean) {
  const { x, n } = pr;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const z = mean / sd;
  const phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  const fb = 1 / (hermite(z, p + 2) ** 2 * phi);
  const fc = 1 / (hermite(z, p) ** 2 * phi);
  let bn = ((((2 * p + 1) / 4) * fb * CB[p - 1]!) / n) ** (1 / (2 * p + 5)) * sd;
  let cn = (((1 / (2 * p)) * fc * CC[p - 1]!) / n) ** (1 / (2 * p + 1)) * sd;
  const maxAbs = Math.max(pr.uniqLeft.at(-1) ?? 0, pr.uniqRight.at(-1) ?? 0);
  if (regularize) {
    bn = Math.min(bn, maxAbs);
    cn = Math.min(cn, maxAbs);
    bn = Math.max(bn, kth(pr.distLeft, 20 + p + 3), kth(pr.distRight, 20 + p + 3));
    cn = Math.max(cn, kth(pr.distLeft, 20 + p + 1), kth(pr.distRight, 20 + p + 1));
    bn = Math.max(bn, kth(pr.uniqLeft, 20 + p + 3), kth(pr.uniqRight, 20 + p + 3));
    cn = Math.max(cn, kth(pr.uniqLeft, 20 + p + 1), kth(pr.uniqRight, 20 + p + 1));
  }
  const wb = window(pr, bn, bn);
  const wc = window(pr, cn, cn);
  const fitB = densityFit(wb.y, wb.x, n, bn, bn, p + 2, p + 1, kernel, pr.massPoints);
  const fitC = densityFit(wc.y, wc.x, n, cn, cn, p, 1, kernel, pr.massPoints);
  // Leading bias constant e_1'S^-1 C of the boundary fit (Cattaneo, Jansson & Ma 2020, Thm 1).
  const s = Array.from({ length: p + 1 }, (_, i) =>
    Array.from({ length: p + 1 }, (_, j) => kernelMoment(i + j, kernel)),
  );
  const cvec = Array.from({ length: p + 1 }, (_, i) => kernelMoment(i + p + 1, kernel));
  const a = mulVec(invSym(s), cvec)[1]!;
  const bl = fitB.deriv.left * a * (-1) ** p;
  const br = fitB.deriv.right * a;
  const bias2 = { left: bl ** 2, right: br ** 2, diff: (br - bl) ** 2, sum: (br + bl) ** 2 };
  const out = { left: 0, right: 0, diff: 0, sum: 0 };
  for (const key of ["left", "right", "diff", "sum"] as const) {
    const variance = n * cn * fitC.varJk[key];
    const h = (((1 / (2 * p)) * (variance / bias2[key])) / n) ** (1 / (2 * p + 1));
    out[key] = Number.isFinite(h) && variance >= 0 ? h : 0;
  }
  if (regularize) {
    const rangeL = pr.uniqLeft.at(-1) ?? 0;
    const rangeR = pr.uniqRight.at(-1) ?? 0;
    out.left = Math.min(out.left, rangeL);
    out.right = Math.min(out.right, rangeR);
    out.diff = Math.min(out.diff, Math.max(rangeL, rangeR));
    out.sum = Math.min(out.sum, Math.max(rangeL, rangeR));
    const k = 20 + p + 1;
    for (const [lMin, rMin] of [
      [kth(pr.distLeft, k), kth(pr.distRight, k)],
      [kth(pr.uniqLeft, k), kth(pr.uniqRight, k)],
    ] as const) {
      out.left = Math.max(out.left, lMin);
      out.right = Math.max(out.right, rMin);
      out.diff = Math.max(out.diff, lMin, rMin);
      out.sum = Math.max(out.sum, lMin, rMin);
    }
  }
  return out;
}

function badOption(option: string, value: unknown, allowed: string): ParcoursError {
  return new ParcoursError("RDD_BAD_OPTION", `option "${option}" is ${JSON.stringify(value)}`, {
    hint: `allowed: ${allowed}`,
    value,
  });
}

/**
 * Manipulation (density discontinuity) test at the cutoff with local-polynomial density
 * estimators (Cattaneo, Jansson & Ma 2020, JASA; 2018 Stata Journal 18(1)), as rddensity's
 * default: unrestricted fits, bias-corrected order q = p + 1, jackknife variance, data-driven
 * bandwidths (median of each/diff/sum), mass-point adjustment.
 */
export function rddensity(x: ArrayLike<number>, options: DensityOptions = {}): DensityResult {
  const c = options.c ?? 0;
  const p = options.p ?? 2;
  if (!Number.isInteger(p) || p < 1 || p > 7) throw badOption("p", options.p, "an integer in 1…7");
  const q = options.q ?? p + 1;
  if (!Number.isInteger(q) || q < p || q > 7)
    throw badOption("q", options.q, `an integer in ${p}…7`);
  const kernel = parseKernel(options.kernel ?? "triangular");
  if (!kernel) throw badOption("kernel", options.kernel, "triangular, epanechnikov, uniform");
  const bwselect = options.bwselect ?? "comb";
  if (!["comb", "each", "diff", "sum"].includes(bwselect)) {
    throw badOption("bwselect", options.bwselect, "comb, each, diff, sum");
  }
  const warnings: string[] = [];
  const kept: number[] = [];
  let missing = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isFinite(v)) kept.push(v - c);
    else missing++;
  }
  kept.sort((a, b) => a - b);
  const n = kept.length;
  if (n < 2 || kept[0]! + c >= c || kept[n - 1]! <= 0) {
    throw new ParcoursError(
      "RDD_CUTOFF_OUTSIDE",
      `the cutoff ${c} is not strictly inside the range of the running variable`,
      { hint: "set c to a value with observations on both sides", value: c },
    );
  }
  const xs = Float64Array.from(kept);
  let hasTies = false;
  for (let i = 1; i < n; i++) if (xs[i] === xs[i - 1]) hasTies = true;
  const massPoints = (options.massPoints ?? true) && hasTies;
  if (massPoints) {
    warnings.push(
      "There are repeated observations. Point estimates and standard errors have been adjusted.",
    );
  }
  // Empirical CDF at each observation, (rank − 1)/(N − 1); ties take their group's last rank.
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = i / (n - 1);
  if (massPoints) {
    for (let i = n - 2; i >= 0; i--) if (xs[i] === xs[i + 1]) y[i] = y[i + 1]!;
  }
  const distLeft: number[] = [];
  const distRight: number[] = [];
  for (let i = n - 1; i >= 0; i--) if (xs[i]! < 0) distLeft.push(-xs[i]!);
  for (let i = 0; i < n; i++) if (xs[i]! >= 0) distRight.push(xs[i]!);
  const uniq = (a: number[]) => a.filter((v, i) => i === 0 || v !== a[i - 1]);
  const pr: Prepped = {
    x: xs,
    y,
    n,
    nl: distLeft.length,
    nr: distRight.length,
    distLeft,
    distRight,
    uniqLeft: uniq(distLeft),
    uniqRight: uniq(distRight),
    massPoints,
  };

  let hl: number;
  let hr: number;
  let bwLabel: string = bwselect;
  if (options.h !== undefined) {
    const h = typeof options.h === "number" ? [options.h, options.h] : options.h;
    if (!h.every((v) => Number.isFinite(v) && v > 0)) {
      throw badOption("h", options.h, "a positive number or [left, right]");
    }
    [hl, hr] = [h[0]!, h[1]!];
    bwLabel = "manual";
  } else {
    const bw = selectDensityBandwidths(pr, p, kernel, options.regularize ?? true);
    if (bwselect === "each") [hl, hr] = [bw.left, bw.right];
    else if (bwselect === "diff") [hl, hr] = [bw.diff, bw.diff];
    else if (bwselect === "sum") [hl, hr] = [bw.sum, bw.sum];
    else [hl, hr] = [median3(bw.left, bw.diff, bw.sum), median3(bw.right, bw.diff, bw.sum)];
  }
  const w = window(pr, hl, hr);
  let nlh = 0;
  for (const v of w.x) if (v < 0) nlh++;
  const nrh = w.x.length - nlh;
  if (nlh < 1 + q || nrh < 1 + q) {
    throw new ParcoursError(
      "RDD_TOO_FEW_UNIQUE",
      `too few observations inside the density bandwidths (${nlh} left, ${nrh} right) for order ${q}`,
      { hint: "widen h or lower p" },
    );
  }
  const fit = densityFit(w.y, w.x, n, hl, hr, q, 1, kernel, massPoints);
  const se = {
    left: Math.sqrt(fit.varJk.left),
    right: Math.sqrt(fit.varJk.right),
    diff: Math.sqrt(fit.varJk.diff),
  };
  const statistic = fit.hat.diff / se.diff;
  return {
    density: { left: fit.hat.left, right: fit.hat.right, diff: fit.hat.diff },
    se,
    statistic,
    pValue: twoSidedP(statistic),
    h: { left: hl, right: hr },
    n: { left: pr.nl, right: pr.nr },
    nEffective: { left: nlh, right: nrh },
    cutoff: c,
    p,
    q,
    kernel,
    bwselect: bwLabel,
    vce: "jackknife",
    massPoints,
    nInput: x.length,
    excluded: { missing },
    warnings,
  };
}
