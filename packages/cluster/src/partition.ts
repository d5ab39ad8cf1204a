import { ParcoursError } from "@parcours-eval/core";
import type { MedoidState } from "./medoid-state.js";

/** A k-medoids partition of n points. Clusters are numbered 0…k-1 by first appearance. */
export interface Partition {
  /** Number of clusters. */
  k: number;
  /** Point index of the medoid of each cluster (cluster c's medoid is `medoids[c]`). */
  medoids: number[];
  /** Cluster (0-based) of each point. */
  assignment: Int32Array;
  /** Size of each cluster (sum of weights when weighted). */
  sizes: number[];
  /** Average distance to the nearest medoid: Σ w_j D_j / Σ w_j. */
  objective: number;
}

/**
 * Numbers clusters by order of first appearance in the data, as `cluster::pam` does, and
 * assigns each point to its nearest medoid (lowest medoid index on ties).
 */
export function partitionFromState(state: MedoidState, weights?: Float64Array): Partition {
  const k = state.medoids.length;
  const n = state.nearest.length;
  const label = new Int32Array(k).fill(-1);
  const medoids: number[] = [];
  const assignment = new Int32Array(n);
  const sizes: number[] = [];
  let next = 0;
  for (let j = 0; j < n; j++) {
    const p = state.nearest[j]!;
    if (label[p] === -1) {
      label[p] = next++;
      medoids.push(state.medoids[p]!);
      sizes.push(0);
    }
    const c = label[p]!;
    assignment[j] = c;
    sizes[c]! += weights ? weights[j]! : 1;
  }
  // A medoid nearer to another medoid (duplicate points) owns no point: keep it, empty.
  for (let p = 0; p < k; p++) {
    if (label[p] === -1) {
      label[p] = next++;
      medoids.push(state.medoids[p]!);
      sizes.push(0);
    }
  }
  const total = weights ? weights.reduce((s, w) => s + w, 0) : n;
  return { k, medoids, assignment, sizes, objective: state.total(weights) / total };
}

/** Validates k against the number of points; throws `KMEDOIDS_BAD_K`. */
export function checkK(k: number, n: number, what = "points"): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new ParcoursError("KMEDOIDS_BAD_K", `k must be a positive integer, got ${k}`, {
      value: k,
      hint: "k is the number of clusters, e.g. 10",
    });
  }
  if (k > n) {
    throw new ParcoursError(
      "KMEDOIDS_K_TOO_LARGE",
      `k = ${k} is larger than the number of distinct ${what} (${n})`,
      {
        value: k,
        hint: `choose k ≤ ${n}: there cannot be more clusters than distinct ${what}`,
      },
    );
  }
}

/** Validates optional point weights (finite, ≥ 0, positive total); throws `KMEDOIDS_BAD_WEIGHTS`. */
export function checkWeights(weights: Float64Array | undefined, n: number): void {
  if (!weights) return;
  if (weights.length !== n) {
    throw new ParcoursError(
      "KMEDOIDS_BAD_WEIGHTS",
      `${weights.length} weights given for ${n} points`,
      { hint: "give one weight (multiplicity) per point" },
    );
  }
  let total = 0;
  for (let j = 0; j < n; j++) {
    const w = weights[j]!;
    if (!Number.isFinite(w) || w < 0) {
      throw new ParcoursError("KMEDOIDS_BAD_WEIGHTS", `weight of point ${j + 1} is ${w}`, {
        value: w,
        hint: "weights are multiplicities: finite and ≥ 0",
      });
    }
    total += w;
  }
  if (!(total > 0)) {
    throw new ParcoursError("KMEDOIDS_BAD_WEIGHTS", "all weights are zero", {
      hint: "at least one point needs a positive weight",
    });
  }
}
