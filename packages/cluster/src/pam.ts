import { ParcoursError } from "@parcours-eval/core";
import type { Dissimilarity } from "./dissimilarity.js";
import { assertFinite, MedoidState } from "./medoid-state.js";
import { checkK, checkWeights, type Partition, partitionFromState } from "./partition.js";

/** Options of {@link pam}. */
export interface PamOptions {
  /**
   * Multiplicity of each point (e.g. how many accounts share a profile). PAM on weighted
   * distinct points minimises the same objective as PAM on the expanded population.
   */
  weights?: Float64Array;
  /** Initial medoids (0-based point indices) instead of BUILD, as `pam(medoids = …)`. */
  medoids?: ArrayLike<number>;
  /** Run the SWAP phase (default true, as `pam(do.swap = TRUE)`). */
  doSwap?: boolean;
  /** Stop after this many swaps (default: no limit). */
  maxSwaps?: number;
  /**
   * How exact ties are broken. `"r"`: as `cluster::pam` (BUILD keeps the last best point, SWAP
   * the first best pair, R's summation order). `"first"`: values within a relative 1e-10 of the
   * best count as tied and the lowest index wins — a rule that does not depend on whether
   * duplicates are listed or weighted, so PAM on weighted profiles follows the same path as PAM
   * on the expanded rows. Default: `"r"` for unweighted problems of up to 5,000 points.
   */
  ties?: "r" | "first";
}

/** Result of {@link pam}: a partition with the objective after BUILD and after SWAP. */
export interface PamResult extends Partition {
  /** Average distance after BUILD (or the given medoids) and after SWAP, as `pam()$objective`. */
  objectiveBuild: number;
  /** Number of swaps performed. */
  swaps: number;
}

/**
 * PAM, BUILD then SWAP (Kaufman & Rousseeuw 1990, ch. 2), equal to `cluster::pam` with the
 * default `variant = "original"`: BUILD adds the point with the largest gain
 * Σ_j w_j max(D_j − d(i,j), 0) (the last one on ties); SWAP performs the best swap of a
 * medoid and a non-medoid while it lowers Σ_j w_j D_j. The swap cost of each candidate is
 * accumulated in one pass over the points, per medoid, in the order R sums it.
 */
export function pam(diss: Dissimilarity, k: number, options: PamOptions = {}): PamResult {
  const n = diss.n;
  checkK(k, n);
  const w = options.weights;
  checkWeights(w, n);
  const ties = options.ties ?? defaultTies(n, w);
  const init = options.medoids ? checkMedoids(options.medoids, k, n) : build(diss, k, w, ties);
  const state = new MedoidState(diss, init);
  const total = w ? w.reduce((s, x) => s + x, 0) : n;
  const objectiveBuild = state.total(w) / total;
  let swaps = 0;
  if (options.doSwap !== false)
    swaps = swapPhase(diss, state, w, options.maxSwaps ?? Infinity, ties);
  return { ...partitionFromState(state, w), objectiveBuild, swaps };
}

function checkMedoids(medoids: ArrayLike<number>, k: number, n: number): Int32Array {
  const m = Int32Array.from(medoids);
  const seen = new Set<number>();
  for (const i of m) {
    if (!Number.isInteger(i) || i < 0 || i >= n || seen.has(i)) {
      throw new ParcoursError("KMEDOIDS_BAD_MEDOIDS", `initial medoid ${i} is invalid`, {
        value: i,
        hint: `give ${k} distinct 0-based point indices below ${n}`,
      });
    }
    seen.add(i);
  }
  if (m.length !== k) {
    throw new ParcoursError("KMEDOIDS_BAD_MEDOIDS", `${m.length} initial medoids for k = ${k}`, {
      hint: "give exactly k initial medoids",
    });
  }
  return m;
}

/** The tie rule {@link pam} uses by default: R's for unweighted problems up to 5,000 points. */
export function defaultTies(n: number, weights?: Float64Array): "r" | "first" {
  return !weights && n <= 5000 ? "r" : "first";
}

/** Relative tolerance of the `"first"` tie rule. */
const TIE = 1e-10;

/** The lowest index whose value is within the tie tolerance of the best (min or max). */
function firstBest(
  values: Float64Array,
  skip: Uint8Array | undefined,
  sign: 1 | -1,
  scale: number,
): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    if (skip?.[i]) continue;
    const v = sign * values[i]!;
    if (v < best) best = v;
  }
  const tol = TIE * Math.abs(scale);
  for (let i = 0; i < values.length; i++) {
    if (!skip?.[i] && sign * values[i]! <= best + tol) return i;
  }
  return -1;
}

/**
 * The BUILD phase: greedy medoid selection (see {@link PamOptions.ties} for ties). With the
 * `"first"` rule, gains are updated incrementally from the rows of the points that moved closer
 * to the new medoid, which needs a symmetric dissimilarity (as every dissimilarity here is).
 */
export function build(
  diss: Dissimilarity,
  k: number,
  w?: Float64Array,
  ties: "r" | "first" = "r",
): Int32Array {
  const n = diss.n;
  const buf = new Float64Array(n);
  const isMedoid = new Uint8Array(n);
  const D = new Float64Array(n);
  const medoids = new Int32Array(k);
  const score = new Float64Array(n);
  const rowBuf = new Float64Array(n);
  // First medoid: smallest Σ_j w_j d(i,j) (the last on exact ties, like R).
  for (let i = 0; i < n; i++) {
    const r = diss.row(i, buf);
    assertFinite(r, i);
    let s = 0;
    if (w) for (let j = 0; j < n; j++) s += w[j]! * r[j]!;
    else for (let j = 0; j < n; j++) s += r[j]!;
    score[i] = s;
  }
  let arg = 0;
  if (ties === "r") {
    for (let i = 0; i < n; i++) if (score[i]! <= score[arg]!) arg = i;
  } else arg = firstBest(score, undefined, 1, Math.min(...score));
  medoids[0] = arg;
  isMedoid[arg] = 1;
  D.set(diss.row(arg, buf));
  const incremental = ties === "first";
  for (let m = 1; m < k; m++) {
    if (!incremental || m === 1) {
      for (let i = 0; i < n; i++) {
        if (isMedoid[i]) continue;
        const r = diss.row(i, buf);
        let g = 0;
        if (w) {
          for (let j = 0; j < n; j++) {
            const diff = D[j]! - r[j]!;
            if (diff > 0) g += w[j]! * diff;
          }
        } else {
          for (let j = 0; j < n; j++) {
            const diff = D[j]! - r[j]!;
            if (diff > 0) g += diff;
          }
        }
        score[i] = g;
      }
    }
    let argGain = -1;
    if (ties === "r") {
      for (let i = 0; i < n; i++) {
        if (!isMedoid[i] && (argGain < 0 || score[i]! >= score[argGain]!)) argGain = i;
      }
    } else {
      let cost = 0;
      for (let j = 0; j < n; j++) cost += (w ? w[j]! : 1) * D[j]!;
      argGain = firstBest(score, isMedoid, -1, cost);
    }
    medoids[m] = argGain;
    isMedoid[argGain] = 1;
    const r = diss.row(argGain, buf);
    if (incremental && m + 1 < k) {
      // Only points that moved closer change anyone's gain: update the gains from their rows
      // (d is symmetric), O(|moved| n) instead of O(n²) per step.
      const moved: number[] = [];
      const before: number[] = [];
      for (let j = 0; j < n; j++) {
        if (r[j]! < D[j]!) {
          moved.push(j);
          before.push(D[j]!);
        }
      }
      for (let t = 0; t < moved.length; t++) {
        const j = moved[t]!;
        const oldD = before[t]!;
        const newD = r[j]!;
        const wj = w ? w[j]! : 1;
        const rj = diss.row(j, rowBuf);
        for (let i = 0; i < n; i++) {
          const d = rj[i]!;
          if (d >= oldD) continue;
          // max(oldD − d, 0) − max(newD − d, 0), with d < oldD.
          score[i]! -= wj * (d < newD ? oldD - newD : oldD - d);
        }
      }
    }
    for (let j = 0; j < n; j++) if (r[j]! < D[j]!) D[j] = r[j]!;
  }
  return medoids;
}

/**
 * SWAP: repeatedly applies the single best (medoid, non-medoid) exchange. For candidate h the
 * change of Σ w D when medoid i leaves is Σ_j w_j c_jih, with c = min(E_j, d_jh) − D_j when i is
 * j's nearest medoid and min(d_jh − D_j, 0) otherwise (Kaufman & Rousseeuw 1990, §2.4).
 */
function swapPhase(
  diss: Dissimilarity,
  state: MedoidState,
  w: Float64Array | undefined,
  maxSwaps: number,
  ties: "r" | "first",
): number {
  const n = diss.n;
  const k = state.medoids.length;
  const buf = new Float64Array(n);
  const acc = new Float64Array(k);
  const isMedoid = new Uint8Array(n);
  // R's summation order and tie rule, or FastPAM1 with the "first" tie rule.
  const exactOrder = ties === "r";
  const deltas = new Float64Array(exactOrder ? 0 : n * k).fill(Number.POSITIVE_INFINITY);
  const ww = w ?? new Float64Array(n).fill(1);
  const removal = new Float64Array(k);
  let swaps = 0;
  while (swaps < maxSwaps) {
    isMedoid.fill(0);
    for (const m of state.medoids) isMedoid[m] = 1;
    const order = Array.from({ length: k }, (_, p) => p).sort(
      (a, b) => state.medoids[a]! - state.medoids[b]!,
    );
    const D = state.nearestDist;
    const E = state.secondDist;
    const near = state.nearest;
    const tied = state.tied;
    if (!exactOrder) {
      removal.fill(0);
      for (let j = 0; j < n; j++) removal[near[j]!]! += ww[j]! * (E[j]! - D[j]!);
    }
    let bestDelta = Number.POSITIVE_INFINITY;
    let bestH = -1;
    let bestPos = -1;
    for (let h = 0; h < n; h++) {
      if (isMedoid[h]) continue;
      const r = diss.row(h, buf);
      acc.fill(0);
      if (exactOrder) {
        // Sums each medoid's cost in point order, as R does, so exact ties break the same way.
        for (let j = 0; j < n; j++) {
          const d = r[j]!;
          const Dj = D[j]!;
          if (d < Dj) {
            const c = ww[j]! * (d - Dj);
            for (let p = 0; p < k; p++) acc[p]! += c;
          } else if (!tied[j]) {
            const Ej = E[j]!;
            acc[near[j]!]! += ww[j]! * (Math.min(d, Ej) - Dj);
          }
        }
      } else {
        // FastPAM1 (Schubert & Rousseeuw 2021, §4): the d < D_j term is shared by every medoid,
        // so one pass costs O(n) instead of O(nk). Points with d ≥ E_j only lose their medoid:
        // that removal loss Σ w (E_j − D_j) is precomputed per medoid, and only closer points
        // are visited in detail. When j is tied, E_j = D_j and its terms vanish.
        acc.set(removal);
        let shared = 0;
        for (let j = 0; j < n; j++) {
          const d = r[j]!;
          const Ej = E[j]!;
          if (d >= Ej) continue;
          const Dj = D[j]!;
          const wj = ww[j]!;
          if (d < Dj) {
            shared += wj * (d - Dj);
            acc[near[j]!]! -= wj * (Ej - Dj);
          } else acc[near[j]!]! += wj * (d - Ej);
        }
        for (let p = 0; p < k; p++) acc[p]! += shared;
      }
      if (!exactOrder) {
        for (let t = 0; t < k; t++) deltas[h * k + t] = acc[order[t]!]!;
        continue;
      }
      for (const p of order) {
        if (acc[p]! < bestDelta) {
          bestDelta = acc[p]!;
          bestH = h;
          bestPos = p;
        }
      }
    }
    const sky = state.total(w);
    if (!exactOrder) {
      // Lowest (candidate, medoid index) among the swaps within the tolerance of the best.
      const cell = firstBest(deltas, undefined, 1, sky);
      if (cell >= 0) {
        bestDelta = deltas[cell]!;
        bestH = Math.floor(cell / k);
        bestPos = order[cell % k]!;
      }
      deltas.fill(Number.POSITIVE_INFINITY);
    }
    // Stop when no swap lowers the objective beyond rounding noise.
    const stopTol = exactOrder ? 16 * Number.EPSILON : TIE;
    if (!(bestDelta < -stopTol * Math.abs(sky)) || bestH < 0) break;
    state.swap(bestPos, bestH);
    swaps++;
  }
  return swaps;
}
