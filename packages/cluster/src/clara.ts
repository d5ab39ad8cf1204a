import { createRng, ParcoursError } from "@parcours-eval/core";
import type { Dissimilarity } from "./dissimilarity.js";
import { MedoidState } from "./medoid-state.js";
import { pam } from "./pam.js";
import { checkK, checkWeights, type Partition, partitionFromState } from "./partition.js";

/** Options of {@link clara}. */
export interface ClaraOptions {
  /** Multiplicity of each point: samples draw units, so a point is drawn in proportion to it. */
  weights?: Float64Array;
  /** Number of samples (default 5, as `cluster::clara`). */
  samples?: number;
  /** Units per sample (default min(N, 40 + 2k), as `cluster::clara`; the study used 10,000). */
  sampleSize?: number;
  /** Seed of the draws (default 1). */
  seed?: number | string;
}

/** Result of {@link clara}. */
export interface ClaraResult extends Partition {
  /** Objective (on all points) of each sample's medoids. */
  sampleObjectives: number[];
  /** Index of the retained sample. */
  bestSample: number;
  /** The seed used. */
  seed: number | string;
}

/**
 * Draws `size` distinct units out of Σ w (points repeated by their weight) and returns the
 * sampled points with their multiplicities in the sample.
 */
export function drawUnits(
  n: number,
  weights: Float64Array | undefined,
  size: number,
  rng: ReturnType<typeof createRng>,
): { points: Int32Array; counts: Float64Array } {
  const cum = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) {
    total += weights ? Math.round(weights[j]!) : 1;
    cum[j] = total;
  }
  const m = Math.min(size, total);
  const taken = new Set<number>();
  // Floyd's algorithm: m distinct units out of `total`, in O(m).
  for (let t = total - m; t < total; t++) {
    const u = rng.int(t + 1);
    taken.add(taken.has(u) ? t : u);
  }
  const counts = new Map<number, number>();
  for (const u of taken) {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    counts.set(lo, (counts.get(lo) ?? 0) + 1);
  }
  const points = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  return { points, counts: Float64Array.from(points, (p) => counts.get(p)!) };
}

/** The dissimilarity restricted to `points` (point t of the result is `points[t]`), precomputed. */
export function subDissimilarity(diss: Dissimilarity, points: Int32Array): Dissimilarity {
  const m = points.length;
  const matrix = new Float64Array(m * m);
  const buf = new Float64Array(m);
  for (let a = 0; a < m; a++) matrix.set(diss.rowTo(points[a]!, points, buf), a * m);
  return {
    n: m,
    row: (i) => matrix.subarray(i * m, (i + 1) * m),
    rowTo(i, targets, out) {
      for (let t = 0; t < targets.length; t++) out[t] = matrix[i * m + targets[t]!]!;
      return out;
    },
  };
}

/**
 * CLARA-style k-medoids for any dissimilarity (Kaufman & Rousseeuw 1990, ch. 3): PAM on random
 * samples of units (the best medoids so far are added to each new sample, as in
 * `cluster::clara`), every point assigned to its nearest medoid, and the sample whose medoids
 * give the lowest objective on all points retained. Samples are drawn with `createRng(seed)`.
 */
export function clara(diss: Dissimilarity, k: number, options: ClaraOptions = {}): ClaraResult {
  const n = diss.n;
  checkK(k, n);
  const w = options.weights;
  checkWeights(w, n);
  const samples = options.samples ?? 5;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new ParcoursError(
      "CLARA_BAD_SAMPLES",
      `samples must be a positive integer, got ${samples}`,
    );
  }
  const sampleSize = options.sampleSize ?? 40 + 2 * k;
  if (!Number.isInteger(sampleSize) || sampleSize <= k) {
    throw new ParcoursError(
      "CLARA_BAD_SAMPLE_SIZE",
      `sampleSize must be an integer larger than k = ${k}, got ${sampleSize}`,
    );
  }
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const total = w ? w.reduce((s, x) => s + x, 0) : n;
  let best: MedoidState | undefined;
  let bestObjective = Number.POSITIVE_INFINITY;
  let bestSample = 0;
  const sampleObjectives: number[] = [];
  for (let s = 0; s < samples; s++) {
    const draw = drawUnits(n, w, sampleSize, rng);
    const counts = new Map<number, number>();
    for (let t = 0; t < draw.points.length; t++) counts.set(draw.points[t]!, draw.counts[t]!);
    if (best) for (const m of best.medoids) if (!counts.has(m)) counts.set(m, 1);
    const points = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    if (points.length < k) continue;
    const sub = subDissimilarity(diss, points);
    const fit = pam(sub, k, { weights: Float64Array.from(points, (p) => counts.get(p)!) });
    const state = new MedoidState(
      diss,
      fit.medoids.map((m) => points[m]!),
    );
    const objective = state.total(w) / total;
    sampleObjectives.push(objective);
    if (objective < bestObjective) {
      bestObjective = objective;
      best = state;
      bestSample = s;
    }
  }
  if (!best) {
    throw new ParcoursError("CLARA_SAMPLES_TOO_SMALL", `no sample had ${k} distinct points`, {
      hint: "raise sampleSize",
    });
  }
  return { ...partitionFromState(best, w), sampleObjectives, bestSample, seed };
}
