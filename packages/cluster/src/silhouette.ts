import { ParcoursError } from "@parcours-eval/core";
import type { Dissimilarity } from "./dissimilarity.js";

/** Silhouette widths of a partition (Rousseeuw 1987), as `cluster::silhouette` / `pam()$silinfo`. */
export interface Silhouette {
  /** Width s(i) of each point (0 for a point alone in its cluster). */
  widths: Float64Array;
  /** Neighbour cluster of each point (nearest other cluster by average distance). */
  neighbor: Int32Array;
  /** Average width in each cluster (weighted by multiplicities). */
  clusterAverages: number[];
  /** Average width over all points (weighted): `avg.width`. */
  average: number;
}

/**
 * Silhouette of a partition: a(i) is the average distance from i to the other members of its
 * cluster, b(i) the smallest average distance to another cluster, s(i) = (b − a) / max(a, b),
 * s(i) = 0 when i is alone (Rousseeuw 1987; `?silhouette`). With `weights` (multiplicities of
 * distinct profiles) each point stands for w_i identical units, so a(i) divides by W_c − 1 and
 * the averages are weighted: the result equals the silhouette of the expanded population.
 * Costs O(n²) distance reads, no n × n storage.
 */
export function silhouette(
  diss: Dissimilarity,
  assignment: Int32Array,
  k: number,
  weights?: Float64Array,
): Silhouette {
  const n = diss.n;
  if (assignment.length !== n) {
    throw new ParcoursError(
      "SILHOUETTE_LENGTH",
      `assignment has ${assignment.length} entries for ${n} points`,
    );
  }
  if (k < 2) {
    throw new ParcoursError("SILHOUETTE_K", "the silhouette needs at least 2 clusters", {
      hint: "silhouettes are defined for 2 ≤ k ≤ n − 1",
    });
  }
  const size = new Float64Array(k);
  for (let j = 0; j < n; j++) size[assignment[j]!]! += weights ? weights[j]! : 1;
  const buf = new Float64Array(n);
  const sums = new Float64Array(k);
  const widths = new Float64Array(n);
  const neighbor = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = diss.row(i, buf);
    sums.fill(0);
    if (weights) for (let j = 0; j < n; j++) sums[assignment[j]!]! += weights[j]! * r[j]!;
    else for (let j = 0; j < n; j++) sums[assignment[j]!]! += r[j]!;
    const c = assignment[i]!;
    let b = Number.POSITIVE_INFINITY;
    let nb = -1;
    for (let q = 0; q < k; q++) {
      if (q === c || size[q] === 0) continue;
      const avg = sums[q]! / size[q]!;
      if (avg < b) {
        b = avg;
        nb = q;
      }
    }
    neighbor[i] = nb;
    if (size[c]! <= 1 || nb < 0) {
      widths[i] = 0;
      continue;
    }
    const a = sums[c]! / (size[c]! - 1);
    const mx = Math.max(a, b);
    widths[i] = mx > 0 ? (b - a) / mx : 0;
  }
  const clusterAverages = new Array<number>(k).fill(0);
  let total = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const wi = weights ? weights[i]! : 1;
    clusterAverages[assignment[i]!]! += wi * widths[i]!;
    total += wi * widths[i]!;
    wsum += wi;
  }
  for (let q = 0; q < k; q++)
    clusterAverages[q] = size[q]! > 0 ? clusterAverages[q]! / size[q]! : 0;
  return { widths, neighbor, clusterAverages, average: total / wsum };
}
