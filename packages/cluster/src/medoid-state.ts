import { ParcoursError } from "@parcours-eval/core";
import type { Dissimilarity } from "./dissimilarity.js";

/**
 * Distances of every point to the current medoids: nearest (D) and second nearest (E) distance
 * and the position of the nearest medoid, the bookkeeping of PAM's SWAP (Kaufman & Rousseeuw
 * 1990, ch. 2) and of FastPAM/FasterPAM (Schubert & Rousseeuw 2021).
 */
export class MedoidState {
  /** Point index of each medoid, by position. */
  readonly medoids: Int32Array;
  /** Distance rows of the medoids, by position (k × n). */
  readonly rows: Float64Array[];
  /** Distance to the nearest medoid. */
  readonly nearestDist: Float64Array;
  /** Distance to the second nearest medoid (equal to the nearest on ties). */
  readonly secondDist: Float64Array;
  /** Position of the nearest medoid (the lowest point index on ties). */
  readonly nearest: Int32Array;
  /** True when another medoid is exactly as near as the nearest. */
  readonly tied: Uint8Array;
  readonly #diss: Dissimilarity;

  constructor(diss: Dissimilarity, medoids: ArrayLike<number>) {
    const n = diss.n;
    this.#diss = diss;
    this.medoids = Int32Array.from(medoids);
    this.rows = Array.from(this.medoids, (m) => copyRow(diss, m));
    this.nearestDist = new Float64Array(n);
    this.secondDist = new Float64Array(n);
    this.nearest = new Int32Array(n);
    this.tied = new Uint8Array(n);
    this.refresh();
  }

  /** Replaces the medoid at `position` by point `point` and updates every point. */
  swap(position: number, point: number): void {
    this.medoids[position] = point;
    this.rows[position] = copyRow(this.#diss, point);
    this.refresh();
  }

  /** Recomputes nearest and second nearest distances (O(nk)). */
  refresh(): void {
    const k = this.medoids.length;
    // Visit medoids by increasing point index so ties go to the lowest index, as in cluster::pam.
    const order = Array.from({ length: k }, (_, p) => p).sort(
      (a, b) => this.medoids[a]! - this.medoids[b]!,
    );
    const n = this.nearestDist.length;
    for (let j = 0; j < n; j++) {
      let d1 = Number.POSITIVE_INFINITY;
      let d2 = Number.POSITIVE_INFINITY;
      let p1 = -1;
      for (const p of order) {
        const d = this.rows[p]![j]!;
        if (d < d1) {
          d2 = d1;
          d1 = d;
          p1 = p;
        } else if (d < d2) d2 = d;
      }
      this.nearestDist[j] = d1;
      this.secondDist[j] = d2;
      this.nearest[j] = p1;
      this.tied[j] = d1 === d2 ? 1 : 0;
    }
  }

  /** Σ_j w_j D_j. */
  total(weights?: Float64Array): number {
    let s = 0;
    const D = this.nearestDist;
    if (weights) for (let j = 0; j < D.length; j++) s += weights[j]! * D[j]!;
    else for (let j = 0; j < D.length; j++) s += D[j]!;
    return s;
  }
}

/** A copy of row `i` (rows may be views of a shared buffer). */
export function copyRow(diss: Dissimilarity, i: number): Float64Array {
  const out = new Float64Array(diss.n);
  const r = diss.row(i, out);
  if (r !== out) out.set(r);
  assertFinite(r, i);
  return out;
}

/** Throws `DISSIMILARITY_MISSING` when a row has a missing (NaN) distance. */
export function assertFinite(row: Float64Array, i: number): void {
  for (let j = 0; j < row.length; j++) {
    if (Number.isNaN(row[j]!)) {
      throw new ParcoursError(
        "DISSIMILARITY_MISSING",
        `points ${i + 1} and ${j + 1} share no non-missing clustering variable, so their distance is undefined`,
        {
          hint: "every pair of rows needs at least one variable observed in both (as cluster::pam requires); impute or drop rows with many missing values",
        },
      );
    }
  }
}
