import { createRng } from "@parcours-eval/core";
import type { Dissimilarity } from "./dissimilarity.js";
import { MedoidState } from "./medoid-state.js";
import { build } from "./pam.js";
import { checkK, checkWeights, type Partition, partitionFromState } from "./partition.js";

/** Options of {@link fasterPam}. */
export interface FasterPamOptions {
  /** Multiplicity of each point (see {@link PamOptions.weights}). */
  weights?: Float64Array;
  /** Seed of the random initial medoids and of the candidate order (default 1). */
  seed?: number | string;
  /** `"random"` initial medoids (the paper's default) or PAM's greedy `"build"`. */
  init?: "random" | "build";
  /** Safety cap on passes over the candidates (default 100). */
  maxPasses?: number;
}

/** Result of {@link fasterPam}. */
export interface FasterPamResult extends Partition {
  /** Objective of the initial medoids. */
  objectiveInit: number;
  /** Number of swaps performed. */
  swaps: number;
  /** Number of passes over the candidates. */
  passes: number;
  /** The seed used. */
  seed: number | string;
}

/**
 * FasterPAM (Schubert & Rousseeuw 2021, "Fast and eager k-medoids clustering", Information
 * Systems 101, Alg. 2): for each candidate x_c, the change of the objective for removing every
 * medoid at once is computed in O(n) from the nearest/second-nearest distances and the removal
 * loss; the best improving swap is applied at once ("eager"), and the loop stops after a full
 * pass without improvement. O(n²) per pass instead of PAM's O(k n²) per swap.
 */
export function fasterPam(
  diss: Dissimilarity,
  k: number,
  options: FasterPamOptions = {},
): FasterPamResult {
  const n = diss.n;
  checkK(k, n);
  const w = options.weights;
  checkWeights(w, n);
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  let init: Int32Array;
  if (options.init === "build") init = build(diss, k, w);
  else {
    const perm = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
    init = perm.slice(0, k);
  }
  const state = new MedoidState(diss, init);
  const total = w ? w.reduce((s, x) => s + x, 0) : n;
  const objectiveInit = state.total(w) / total;
  const buf = new Float64Array(n);
  const removal = new Float64Array(k);
  const delta = new Float64Array(k);
  const isMedoid = new Uint8Array(n);
  for (const m of state.medoids) isMedoid[m] = 1;
  const computeRemoval = (): void => {
    removal.fill(0);
    for (let j = 0; j < n; j++) {
      removal[state.nearest[j]!]! +=
        (w ? w[j]! : 1) * (state.secondDist[j]! - state.nearestDist[j]!);
    }
  };
  computeRemoval();
  const start = rng.int(n);
  const maxPasses = options.maxPasses ?? 100;
  let swaps = 0;
  let lastSwap = -1;
  let sinceSwap = 0;
  let sky = state.total(w);
  let step = 0;
  // Stop after n consecutive candidates without an improving swap (one full quiet pass).
  for (; sinceSwap < n && step < maxPasses * n; step++) {
    const c = (start + step) % n;
    sinceSwap++;
    if (isMedoid[c] || c === lastSwap) continue;
    const r = diss.row(c, buf);
    delta.set(removal);
    let shared = 0;
    const D = state.nearestDist;
    const E = state.secondDist;
    const near = state.nearest;
    for (let j = 0; j < n; j++) {
      const d = r[j]!;
      const Dj = D[j]!;
      const wj = w ? w[j]! : 1;
      if (d < Dj) {
        shared += wj * (d - Dj);
        delta[near[j]!]! += wj * (Dj - E[j]!);
      } else if (d < E[j]!) {
        delta[near[j]!]! += wj * (d - E[j]!);
      }
    }
    let best = 0;
    for (let p = 1; p < k; p++) if (delta[p]! < delta[best]!) best = p;
    const change = shared + delta[best]!;
    if (change < -16 * Number.EPSILON * Math.abs(sky)) {
      isMedoid[state.medoids[best]!] = 0;
      isMedoid[c] = 1;
      state.swap(best, c);
      computeRemoval();
      sky = state.total(w);
      swaps++;
      lastSwap = c;
      sinceSwap = 0;
    }
  }
  const passes = Math.ceil(step / n);
  return { ...partitionFromState(state, w), objectiveInit, swaps, passes, seed };
}
