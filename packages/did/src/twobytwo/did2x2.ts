import {
  createRng,
  designMatrix,
  type Frame,
  lm,
  numericColumn,
  ParcoursError,
  tCdf,
  tQuantile,
  vcov,
} from "@parcours-eval/core";
import { keyColumn, numberColumn } from "../frame-columns.js";
import { type WildWeights, wildClusterBootstrap } from "./wild-bootstrap.js";

/** Options of {@link did2x2}. */
export interface Did2x2Options {
  /** Outcome column (individual values, or cell means with `weights` = cell sizes). */
  y: string;
  /** 0/1 column: unit in the treated group (e.g. Midi-Pyrénées). */
  treated: string;
  /** 0/1 column: observation after the change (e.g. second semester). */
  post: string;
  /** Covariates, as a one-sided formula `"~ x1 + x2"`. */
  covariates?: string;
  /** Cluster column (e.g. region): CR1 standard errors and t(G − 1) inference. */
  cluster?: string;
  /** Weight column (weighted least squares). */
  weights?: string;
  /** Wild cluster bootstrap (needs `cluster`): draws (default 9999), weights, seed. */
  wildBootstrap?: { draws?: number; weights?: WildWeights; seed?: number | string };
  /** 1 − confidence level (default 0.05). */
  alpha?: number;
}

/** Result of {@link did2x2}. */
export interface Did2x2Result {
  /** Estimator name. */
  estimator: "did-2x2";
  /** The DiD coefficient (treated × post). */
  estimate: number;
  /** Its standard error. */
  se: number;
  /** t statistic. */
  statistic: number;
  /** Degrees of freedom of the reference t distribution (G − 1 when clustered, n − k else). */
  df: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Confidence interval. */
  ciLower: number;
  /** Upper bound. */
  ciUpper: number;
  /** Variance estimator. */
  variance: string;
  /** Restricted wild cluster bootstrap-t p-value, when asked. */
  wild: {
    pValue: number;
    draws: number;
    weights: WildWeights;
    enumerated: boolean;
    seed: number | string;
  } | null;
  /** Mean outcome by group and period (unweighted, rows used). */
  means: { treated: { pre: number; post: number }; control: { pre: number; post: number } };
  /** Counts. */
  counts: { rowsIn: number; rowsUsed: number; rowsExcluded: number; clusters: number | null };
  /** Warnings. */
  warnings: string[];
}

const Y = "did__y";
const D = "did__treated";
const P = "did__post";

function binary(frame: Frame, name: string, option: string): Float64Array {
  const v = numberColumn(frame, name, option);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isNaN(v[i]!) && v[i] !== 0 && v[i] !== 1) {
      throw new ParcoursError(
        "DID_NOT_BINARY",
        `column "${name}" (option ${option}) must be 0/1, found ${v[i]} at row ${i + 1}`,
        {
          column: name,
        },
      );
    }
  }
  return v;
}

/**
 * The 2×2 difference-in-differences regression y = a + b·treated + c·post + δ·treated×post
 * (+ covariates) by core `lm`, with heteroskedasticity-robust (HC1) or cluster-robust (CR1,
 * sandwich::vcovCL) standard errors, and optionally the restricted wild cluster bootstrap for few
 * clusters (Cameron, Gelbach & Miller 2008; Webb 2014 six-point weights), seeded.
 */
export function did2x2(frame: Frame, options: Did2x2Options): Did2x2Result {
  const alpha = options.alpha ?? 0.05;
  const warnings: string[] = [];
  let f = frame
    .withColumn(Y, numericColumn(numberColumn(frame, options.y, "y")))
    .withColumn(D, numericColumn(binary(frame, options.treated, "treated")))
    .withColumn(P, numericColumn(binary(frame, options.post, "post")));
  const rhsCov =
    options.covariates === undefined ? "" : options.covariates.replace(/^\s*~/, "").trim();
  const formula = `${Y} ~ ${D} * ${P}${rhsCov ? ` + ${rhsCov}` : ""}`;
  let clusterIds: Float64Array | undefined;
  if (options.cluster !== undefined) {
    clusterIds = keyColumn(frame, options.cluster);
    f = f.withColumn("did__cluster", numericColumn(clusterIds));
  }
  const weights =
    options.weights === undefined ? undefined : numberColumn(frame, options.weights, "weights");
  // Rows with a missing cluster or weight are dropped by the model as well (counted).
  const design = designMatrix(f, `${formula}${clusterIds ? " + did__cluster" : ""}`, {
    alsoRequire: weights === undefined ? {} : { weights },
  });
  const used = design.rowsUsed;
  const fit = lm(f.take(used), formula, {
    weights: weights === undefined ? undefined : Float64Array.from(used, (i) => weights[i]!),
  });
  const term = `${D}:${P}`;
  const j = fit.names.indexOf(term);
  if (j < 0 || Number.isNaN(fit.beta[j]!)) {
    throw new ParcoursError(
      "DID_NOT_IDENTIFIED",
      "the treated × post coefficient is not identified",
      {
        hint: "every group needs observations before and after",
      },
    );
  }
  const p = fit.names.length;
  let clusters: number | null = null;
  let V: Float64Array;
  let df: number;
  let variance: string;
  let clusterCodes: Int32Array | undefined;
  if (clusterIds !== undefined) {
    const codes = new Map<number, number>();
    clusterCodes = Int32Array.from(used, (i) => {
      let c = codes.get(clusterIds![i]!);
      if (c === undefined) {
        c = codes.size;
        codes.set(clusterIds![i]!, c);
      }
      return c;
    });
    clusters = codes.size;
    V = vcov(fit, { cluster: clusterCodes });
    df = clusters - 1;
    variance = `cluster-robust CR1 by ${options.cluster} (${clusters} clusters), t(${df})`;
    if (clusters < 42 && options.wildBootstrap === undefined) {
      warnings.push(
        `only ${clusters} clusters: cluster-robust SEs are unreliable; use the wild cluster bootstrap`,
      );
    }
  } else {
    V = vcov(fit, "HC1");
    df = fit.dfResidual;
    variance = "heteroskedasticity-robust HC1";
  }
  const estimate = fit.beta[j]!;
  const se = Math.sqrt(V[j * p + j]!);
  const statistic = estimate / se;
  const crit = tQuantile(1 - alpha / 2, df);
  let wild: Did2x2Result["wild"] = null;
  if (options.wildBootstrap !== undefined) {
    if (clusterCodes === undefined) {
      throw new ParcoursError("DID_BAD_OPTION", "wildBootstrap needs option cluster", {
        hint: 'e.g. cluster: "region"',
      });
    }
    const draws = options.wildBootstrap.draws ?? 9999;
    const wts = options.wildBootstrap.weights ?? "webb";
    const seed = options.wildBootstrap.seed ?? 1;
    // The model's own design on the rows used (columns in fit.names order).
    const model = designMatrix(f.take(used), formula);
    const x = model.toDense();
    const xs = new Float64Array(used.length * p);
    const ys = new Float64Array(used.length);
    for (let r = 0; r < used.length; r++) {
      const sw = weights === undefined ? 1 : Math.sqrt(weights[used[r]!]!);
      for (let a = 0; a < p; a++) xs[r * p + a] = sw * x[r * p + a]!;
      ys[r] = sw * model.response![r]!;
    }
    const out = wildClusterBootstrap(
      xs,
      ys,
      p,
      j,
      clusterCodes,
      clusters!,
      draws,
      wts,
      createRng(seed),
    );
    if (out === null) warnings.push("wild cluster bootstrap not computed: singular design");
    else
      wild = {
        pValue: out.pValue,
        draws: out.draws,
        weights: wts,
        enumerated: out.enumerated,
        seed,
      };
  }
  const means = { treated: { pre: 0, post: 0 }, control: { pre: 0, post: 0 } };
  const count = { treated: { pre: 0, post: 0 }, control: { pre: 0, post: 0 } };
  const yv = f.numeric(Y);
  const dv = f.numeric(D);
  const pv = f.numeric(P);
  for (const i of used) {
    const grp = dv[i] === 1 ? "treated" : "control";
    const per = pv[i] === 1 ? "post" : "pre";
    means[grp][per] += yv[i]!;
    count[grp][per] += 1;
  }
  for (const grp of ["treated", "control"] as const) {
    for (const per of ["pre", "post"] as const) means[grp][per] /= count[grp][per];
  }
  return {
    estimator: "did-2x2",
    estimate,
    se,
    statistic,
    df,
    pValue: 2 * (1 - tCdf(Math.abs(statistic), df)),
    ciLower: estimate - crit * se,
    ciUpper: estimate + crit * se,
    variance,
    wild,
    means,
    counts: {
      rowsIn: frame.nRows,
      rowsUsed: used.length,
      rowsExcluded: frame.nRows - used.length,
      clusters,
    },
    warnings,
  };
}
