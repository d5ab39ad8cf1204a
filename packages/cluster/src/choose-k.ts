import { createRng, type Frame, ParcoursError } from "@parcours-eval/core";
import { adjustedRandIndex } from "./ari.js";
import { drawUnits, subDissimilarity } from "./clara.js";
import { fasterPam } from "./fasterpam.js";
import {
  type ClusteringProblem,
  clusterProblem,
  type KMedoidsOptions,
  type KMedoidsResult,
  prepareClustering,
  resultFromPartition,
} from "./kmedoids.js";
import { MedoidState } from "./medoid-state.js";
import { build, defaultTies, pam } from "./pam.js";
import { checkK } from "./partition.js";

/** One row of {@link chooseK}'s table. */
export interface KChoiceRow {
  /** Number of clusters. */
  k: number;
  /** Average distance to the medoid. */
  objective: number;
  /** Average silhouette width (weighted by profile counts). */
  silhouette: number;
}

/** Result of {@link chooseK}. */
export interface KChoice {
  /** One row per k. */
  rows: KChoiceRow[];
  /** The k with the largest average silhouette (the smallest on ties). */
  bestK: number;
  /** The full result at {@link KChoice.bestK}. */
  best: KMedoidsResult;
}

/**
 * Average silhouette over a range of k (Kaufman & Rousseeuw 1990 §2.2; `?pam.object` example),
 * on the same prepared problem (profiles weighted by their counts when used).
 */
export function chooseK(
  frame: Frame,
  options: Omit<KMedoidsOptions, "k"> & { kMin: number; kMax: number },
): KChoice {
  const { kMin, kMax } = options;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMax < kMin) {
    throw new ParcoursError("KMEDOIDS_BAD_K_RANGE", `bad k range ${kMin}:${kMax}`, {
      hint: "give two integers 2 ≤ kMin ≤ kMax, e.g. 4:14",
    });
  }
  const problem = prepareClustering(frame, options);
  checkK(kMax, problem.profileCount, "profiles (combinations of the clustering variables)");
  const rows: KChoiceRow[] = [];
  let best: KMedoidsResult | undefined;
  const { diss, weights } = problem;
  const greedy =
    (options.method ?? "pam") === "pam"
      ? build(diss, kMax, weights, defaultTies(diss.n, weights))
      : undefined;
  for (let k = kMin; k <= kMax; k++) {
    const res = resultFromPartition(problem, clusterProblem(problem, k, options, greedy), {
      ...options,
      k,
    });
    rows.push({ k, objective: res.objective, silhouette: res.silhouette! });
    if (!best || res.silhouette! > best.silhouette!) best = res;
  }
  return { rows, bestK: best!.k, best: best! };
}

/** Result of {@link stability}. */
export interface Stability {
  /** Adjusted Rand index of each seeded run against the reference partition. */
  seedAri: number[];
  /** Adjusted Rand index of each sample-based partition (PAM on a sample, everyone assigned to the nearest medoid) against the reference. */
  sampleAri: number[];
  /** Smallest of all indices. */
  minAri: number;
}

/**
 * Stability of a k-medoids partition: FasterPAM from several seeds, and — as the study did with
 * three samples of 10,000 accounts (annex 9, note 417) — PAM on random samples of units with
 * everyone assigned to the nearest medoid, each compared with `reference` by the adjusted Rand
 * index (weighted by profile counts).
 */
export function stability(
  problem: ClusteringProblem,
  k: number,
  reference: Int32Array,
  options: {
    seeds?: (number | string)[];
    samples?: number;
    sampleSize?: number;
    seed?: number | string;
  } = {},
): Stability {
  const { diss, weights } = problem;
  checkK(k, diss.n);
  const seedAri = (options.seeds ?? [1, 2, 3]).map((seed) =>
    adjustedRandIndex(reference, fasterPam(diss, k, { weights, seed }).assignment, weights),
  );
  const rng = createRng(options.seed ?? 1);
  const sampleAri: number[] = [];
  for (let s = 0; s < (options.samples ?? 3); s++) {
    const draw = drawUnits(diss.n, weights, options.sampleSize ?? 10_000, rng);
    if (draw.points.length <= k) continue;
    const sub = subDissimilarity(diss, draw.points);
    const p = pam(sub, k, { weights: draw.counts });
    const state = new MedoidState(
      diss,
      p.medoids.map((m) => draw.points[m]!),
    );
    sampleAri.push(adjustedRandIndex(reference, state.nearest, weights));
  }
  return { seedAri, sampleAri, minAri: Math.min(...seedAri, ...sampleAri) };
}

/** Options of {@link kmedoidsStability}. */
export interface KMedoidsStabilityOptions extends KMedoidsOptions {
  /** Seeds of the FasterPAM reruns (default 1, 2, 3). */
  seeds?: (number | string)[];
  /** Number of sample-based reruns (default 3, as the study). */
  samples?: number;
  /** Units per sample (default 10,000, as the study). */
  sampleSize?: number;
}

/**
 * Clusters `frame` with {@link kmedoids} and measures the stability of the partition with
 * {@link stability}: `{ reference, seedAri, sampleAri, minAri }`.
 */
export function kmedoidsStability(
  frame: Frame,
  options: KMedoidsStabilityOptions,
): Stability & { reference: KMedoidsResult } {
  const { samples, sampleSize, seeds, ...clusterOptions } = options;
  const problem = prepareClustering(frame, clusterOptions);
  checkK(options.k, problem.profileCount, "profiles (combinations of the clustering variables)");
  const part = clusterProblem(problem, options.k, clusterOptions);
  const s = stability(problem, options.k, part.assignment, {
    ...(seeds ? { seeds } : {}),
    ...(samples !== undefined ? { samples } : {}),
    ...(sampleSize !== undefined ? { sampleSize } : {}),
    seed: options.seed ?? 1,
  });
  return { ...s, reference: resultFromPartition(problem, part, clusterOptions) };
}
