import {
  chiSquareCdf,
  type Frame,
  normalQuantile,
  ParcoursError,
  tCdf,
  tQuantile,
} from "@parcours-eval/core";
import { Matrix } from "ml-matrix";
import { matVec, safeInverse } from "../cs/dense.js";
import { keyColumn, numberColumn, sortedUnique } from "../frame-columns.js";
import { demeanTwoWay } from "./demean.js";

/** Options of {@link eventStudy}. */
export interface EventStudyOptions {
  /** Outcome column. */
  y: string;
  /** Unit identifier column. */
  id: string;
  /** Period column (numeric). */
  t: string;
  /** First-treatment period column; 0, Infinity or missing-free values after the last period = never. */
  g: string;
  /** Event time left out as the reference (default −1). */
  reference?: number;
  /** Event times outside [min, max] are binned into the end points (default: no binning). */
  window?: [number, number];
  /** Cluster column (default: the unit identifier). */
  cluster?: string;
  /** 1 − confidence level (default 0.05). */
  alpha?: number;
}

/** One event-time coefficient. */
export interface EventCoefficient {
  /** Event time e = t − g. */
  e: number;
  /** Coefficient (0 for the reference). */
  estimate: number;
  /** Cluster-robust standard error (0 for the reference). */
  se: number;
  /** Lower confidence bound. */
  ciLower: number;
  /** Upper confidence bound. */
  ciUpper: number;
  /** Two-sided p-value (t with G − 1 degrees of freedom). */
  pValue: number | null;
  /** True for the omitted reference period. */
  reference: boolean;
}

/** Result of {@link eventStudy}. */
export interface EventStudyResult {
  /** Estimator name. */
  estimator: "twfe-event-study";
  /** Options with defaults. */
  options: Required<Omit<EventStudyOptions, "window" | "cluster">> &
    Pick<EventStudyOptions, "window" | "cluster">;
  /** Coefficients by event time, reference included (at 0). */
  coefficients: EventCoefficient[];
  /** Joint Wald test that every lead (e < 0, reference excluded) is zero. */
  pretrend: { statistic: number; df: number; pValue: number } | null;
  /** Cluster-robust covariance of the estimated coefficients (order of non-reference rows). */
  vcov: number[][];
  /** Variance estimator. */
  variance: string;
  /** Counts. */
  counts: { rows: number; units: number; periods: number; clusters: number; rowsExcluded: number };
  /** Warnings. */
  warnings: string[];
}

/**
 * Two-way fixed-effects event study: y_it = α_i + λ_t + Σ_{e ≠ ref} β_e 1{t − g_i = e} + ε_it,
 * estimated by OLS after removing unit and period means, with CR1 cluster-robust standard errors
 * (sandwich::vcovCL's HC1 adjustment G/(G−1)·(N−1)/(N−K), K counting the fixed effects as the
 * dummy regression does). Under staggered timing with heterogeneous effects, these coefficients
 * mix cohorts with negative weights (Sun & Abraham 2021); prefer {@link staggeredDid} then.
 */
export function eventStudy(frame: Frame, options: EventStudyOptions): EventStudyResult {
  const reference = options.reference ?? -1;
  const alpha = options.alpha ?? 0.05;
  const yv = numberColumn(frame, options.y, "y");
  const tv = numberColumn(frame, options.t, "t");
  const gv = numberColumn(frame, options.g, "g");
  const idv = keyColumn(frame, options.id);
  const clv = options.cluster === undefined ? idv : keyColumn(frame, options.cluster);
  const warnings: string[] = [];
  const rows: number[] = [];
  for (let i = 0; i < frame.nRows; i++) {
    if (
      Number.isFinite(yv[i]!) &&
      Number.isFinite(tv[i]!) &&
      !Number.isNaN(gv[i]!) &&
      !Number.isNaN(idv[i]!) &&
      !Number.isNaN(clv[i]!)
    ) {
      rows.push(i);
    }
  }
  const excluded = frame.nRows - rows.length;
  if (excluded > 0) warnings.push(`dropped ${excluded} rows with missing values`);
  const n = rows.length;
  const tlist = sortedUnique(rows.map((i) => tv[i]!));
  const tmax = tlist[tlist.length - 1]!;
  const ids = sortedUnique(rows.map((i) => idv[i]!));
  const unitOf = new Map(ids.map((v, k) => [v, k]));
  const tIndex = new Map(tlist.map((v, k) => [v, k]));
  const clusters = new Map<number, number>();
  const unit = new Int32Array(n);
  const period = new Int32Array(n);
  const cl = new Int32Array(n);
  const event = new Float64Array(n).fill(Number.NaN);
  rows.forEach((i, k) => {
    unit[k] = unitOf.get(idv[i]!)!;
    period[k] = tIndex.get(tv[i]!)!;
    let c = clusters.get(clv[i]!);
    if (c === undefined) {
      c = clusters.size;
      clusters.set(clv[i]!, c);
    }
    cl[k] = c;
    const g = gv[i]!;
    if (g > 0 && g <= tmax && Number.isFinite(g)) {
      let e = tv[i]! - g;
      if (options.window !== undefined)
        e = Math.min(Math.max(e, options.window[0]), options.window[1]);
      event[k] = e;
    }
  });
  const events = sortedUnique(Array.from(event).filter((e) => !Number.isNaN(e))).filter(
    (e) => e !== reference,
  );
  if (events.length === 0) {
    throw new ParcoursError(
      "DID_NO_EVENT_TIMES",
      "no treated unit has an event time other than the reference",
      {
        hint: `check the column "${options.g}" and the reference period`,
      },
    );
  }
  const p = events.length;
  const y = demeanTwoWay(
    Float64Array.from(rows, (i) => yv[i]!),
    unit,
    ids.length,
    period,
    tlist.length,
  );
  const X: Float64Array[] = events.map((e) =>
    demeanTwoWay(
      Float64Array.from(event, (v) => (v === e ? 1 : 0)),
      unit,
      ids.length,
      period,
      tlist.length,
    ),
  );
  const xtx = new Matrix(p, p);
  const xty = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[a]![i]! * X[b]![i]!;
      xtx.set(a, b, s);
      xtx.set(b, a, s);
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += X[a]![i]! * y[i]!;
    xty[a] = s;
  }
  const bread = safeInverse(xtx);
  if (bread === null) {
    throw new ParcoursError(
      "DID_COLLINEAR_EVENTS",
      "the event-time dummies are collinear with the fixed effects",
      {
        hint: "bin distant event times with window, or check that some units are never or later treated",
      },
    );
  }
  const beta = matVec(bread, xty);
  const nc = clusters.size;
  const meat = new Float64Array(nc * p);
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += X[a]![i]! * beta[a]!;
    const u = y[i]! - fitted;
    for (let a = 0; a < p; a++) meat[cl[i]! * p + a]! += X[a]![i]! * u;
  }
  const M = new Matrix(p, p);
  for (let c = 0; c < nc; c++) {
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) M.set(a, b, M.get(a, b) + meat[c * p + a]! * meat[c * p + b]!);
    }
  }
  const K = p + ids.length + tlist.length - 1;
  const adj = (nc / (nc - 1)) * ((n - 1) / (n - K));
  const V = bread.mmul(M).mmul(bread).mul(adj);
  const df = nc - 1;
  const crit = df > 0 ? tQuantile(1 - alpha / 2, df) : normalQuantile(1 - alpha / 2);
  const coefficients: EventCoefficient[] = [];
  const all = sortedUnique([...events, reference]);
  for (const e of all) {
    const a = events.indexOf(e);
    if (a < 0) {
      coefficients.push({
        e,
        estimate: 0,
        se: 0,
        ciLower: 0,
        ciUpper: 0,
        pValue: null,
        reference: true,
      });
      continue;
    }
    const se = Math.sqrt(V.get(a, a));
    const t = beta[a]! / se;
    coefficients.push({
      e,
      estimate: beta[a]!,
      se,
      ciLower: beta[a]! - crit * se,
      ciUpper: beta[a]! + crit * se,
      pValue: 2 * (1 - tCdf(Math.abs(t), df)),
      reference: false,
    });
  }
  const leads = events.map((e, a) => ({ e, a })).filter(({ e }) => e < 0);
  let pretrend: EventStudyResult["pretrend"] = null;
  if (leads.length > 0) {
    const Vl = new Matrix(leads.length, leads.length);
    leads.forEach((r, i) => {
      leads.forEach((s, j) => {
        Vl.set(i, j, V.get(r.a, s.a));
      });
    });
    const inv = safeInverse(Vl);
    if (inv === null)
      warnings.push("pre-trend test not computed: singular covariance of the leads");
    else {
      let w = 0;
      leads.forEach((r, i) => {
        leads.forEach((s, j) => {
          w += beta[r.a]! * inv.get(i, j) * beta[s.a]!;
        });
      });
      pretrend = { statistic: w, df: leads.length, pValue: 1 - chiSquareCdf(w, leads.length) };
    }
  } else warnings.push("pre-trend test not computed: no lead other than the reference");
  return {
    estimator: "twfe-event-study",
    options: { ...options, reference, alpha },
    coefficients,
    pretrend,
    vcov: V.to2DArray(),
    variance: `cluster-robust CR1 by ${options.cluster ?? options.id} (${nc} clusters), t(${df}) intervals`,
    counts: {
      rows: n,
      units: ids.length,
      periods: tlist.length,
      clusters: nc,
      rowsExcluded: excluded,
    },
    warnings,
  };
}
