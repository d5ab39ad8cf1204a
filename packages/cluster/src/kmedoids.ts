import { type Frame, ParcoursError } from "@parcours-eval/core";
import { clara } from "./clara.js";
import { type Dissimilarity, gowerDissimilarity } from "./dissimilarity.js";
import { fasterPam } from "./fasterpam.js";
import { type GowerModel, type GowerOptions, type GowerType, prepareGower } from "./gower.js";
import { pam } from "./pam.js";
import { checkK, type Partition } from "./partition.js";
import { type DistinctProfiles, distinctProfiles } from "./profiles.js";
import { silhouette } from "./silhouette.js";

/** k-medoids algorithms of {@link kmedoids}. */
export type KMedoidsMethod = "pam" | "fasterpam" | "clara";

/** Options of {@link kmedoids}. */
export interface KMedoidsOptions extends GowerOptions {
  /** Clustering variables (column names). */
  vars: readonly string[];
  /** Number of clusters. */
  k: number;
  /** `pam` (BUILD + SWAP, default), `fasterpam` (seeded) or `clara` (sampled, seeded). */
  method?: KMedoidsMethod;
  /**
   * Cluster distinct profiles weighted by their counts: `on`, `off`, or `auto` (default: on when
   * there are at most half as many profiles as rows). Same objective as on all rows, far cheaper.
   */
  profiles?: "auto" | "on" | "off";
  /** Seed for fasterpam and clara (default 1). */
  seed?: number | string;
  /** Compute the silhouette (default true; O(P²) on P points). */
  silhouette?: boolean;
  /** CLARA: number of samples (default 5). */
  samples?: number;
  /** CLARA: units per sample (default 40 + 2k). */
  sampleSize?: number;
  /** Largest number of points PAM/FasterPAM accept without profiles (default 20,000). */
  maxPoints?: number;
}

/** Result of {@link kmedoids}: plain JSON-serialisable data (the assignment is an Int32Array). */
export interface KMedoidsResult {
  /** Number of clusters. */
  k: number;
  /** Algorithm used. */
  method: KMedoidsMethod;
  /** Seed (fasterpam, clara) or null (pam is deterministic). */
  seed: number | string | null;
  /** Number of rows clustered. */
  nRows: number;
  /** Whether distinct profiles were clustered, and how many there are. */
  profiles: { used: boolean; count: number };
  /** 0-based row index of each cluster's medoid (cluster c's medoid is `medoids[c]`). */
  medoids: number[];
  /** Average Gower distance of the rows to their medoid. */
  objective: number;
  /** Objective after PAM's BUILD (pam only, else null). */
  objectiveBuild: number | null;
  /** Number of rows in each cluster. */
  sizes: number[];
  /** Average silhouette width over all rows (null when not computed or k = 1). */
  silhouette: number | null;
  /** Average silhouette width in each cluster (null when not computed). */
  clusterSilhouettes: number[] | null;
  /** 0-based cluster of each row; clusters are numbered by first appearance in the data. */
  assignment: Int32Array;
  /** The clustering variables as prepared (type, weight, range used for scaling). */
  variables: { name: string; type: GowerType; weight: number; range: number | null }[];
  /** Number of swaps performed. */
  swaps: number;
  /** Warnings for the reader. */
  warnings: string[];
}

/** A prepared clustering problem: the Gower model, optional profiles and the dissimilarity. */
export interface ClusteringProblem {
  /** The prepared variables. */
  model: GowerModel;
  /** Distinct profiles when used. */
  profiles: DistinctProfiles | undefined;
  /** Count of distinct profiles (computed even when not used). */
  profileCount: number;
  /** Dissimilarity between the clustered points (profiles or rows). */
  diss: Dissimilarity;
  /** Point weights (profile counts) when profiles are used. */
  weights: Float64Array | undefined;
}

const METHODS: readonly KMedoidsMethod[] = ["pam", "fasterpam", "clara"];

/** Validates options and prepares model, profiles and dissimilarity (shared across k). */
export function prepareClustering(
  frame: Frame,
  options: Omit<KMedoidsOptions, "k"> & { k?: number },
): ClusteringProblem {
  const method = options.method ?? "pam";
  if (!METHODS.includes(method)) {
    throw new ParcoursError("KMEDOIDS_BAD_METHOD", `unknown method "${method}"`, {
      hint: `method is one of ${METHODS.join(", ")}`,
    });
  }
  const mode = options.profiles ?? "auto";
  if (!["auto", "on", "off"].includes(mode)) {
    throw new ParcoursError(
      "KMEDOIDS_BAD_PROFILES",
      `profiles must be auto, on or off, got "${mode}"`,
    );
  }
  const model = prepareGower(frame, options.vars, options);
  const all = distinctProfiles(model);
  const use = mode === "on" || (mode === "auto" && all.count * 2 <= model.n);
  const profiles = use ? all : undefined;
  const nPoints = profiles ? profiles.count : model.n;
  const maxPoints = options.maxPoints ?? 20_000;
  if (method !== "clara" && nPoints > maxPoints) {
    throw new ParcoursError(
      "KMEDOIDS_TOO_MANY_POINTS",
      `${method} on ${nPoints} ${profiles ? "distinct profiles" : "rows"} would need ${nPoints}² distances per pass`,
      {
        hint: profiles
          ? 'use method "clara", or fewer/coarser clustering variables'
          : `there are ${all.count} distinct profiles: use profiles "on" when that is much less than ${model.n}, or method "clara"`,
      },
    );
  }
  return {
    model,
    profiles,
    profileCount: all.count,
    diss: gowerDissimilarity(model, profiles?.rows),
    weights: profiles?.weights,
  };
}

/** Runs the chosen algorithm on a prepared problem. */
export function clusterProblem(
  problem: ClusteringProblem,
  k: number,
  options: Pick<KMedoidsOptions, "method" | "seed" | "samples" | "sampleSize">,
  buildMedoids?: Int32Array,
): Partition & { objectiveBuild: number | null; swaps: number } {
  const { diss, weights } = problem;
  const method = options.method ?? "pam";
  // BUILD is greedy, so BUILD(k) is the first k medoids of BUILD(kMax): callers may pass them.
  if (method === "pam") {
    return pam(diss, k, {
      weights,
      ...(buildMedoids ? { medoids: buildMedoids.slice(0, k) } : {}),
    });
  }
  if (method === "fasterpam") {
    const r = fasterPam(diss, k, { weights, seed: options.seed ?? 1 });
    return { ...r, objectiveBuild: null };
  }
  const r = clara(diss, k, {
    weights,
    seed: options.seed ?? 1,
    ...(options.samples !== undefined ? { samples: options.samples } : {}),
    ...(options.sampleSize !== undefined ? { sampleSize: options.sampleSize } : {}),
  });
  return { ...r, objectiveBuild: null, swaps: 0 };
}

/** Expands a partition of points (profiles or rows) into a per-row result. */
export function resultFromPartition(
  problem: ClusteringProblem,
  part: Partition & { objectiveBuild: number | null; swaps: number },
  options: Omit<KMedoidsOptions, "vars"> & { vars?: readonly string[] },
): KMedoidsResult {
  const { profiles, model } = problem;
  const method = options.method ?? "pam";
  const assignment = profiles ? new Int32Array(model.n) : part.assignment;
  if (profiles) {
    for (let i = 0; i < model.n; i++) assignment[i] = part.assignment[profiles.profileOf[i]!]!;
  }
  let sil: ReturnType<typeof silhouette> | undefined;
  if (options.silhouette !== false && part.k >= 2) {
    sil = silhouette(problem.diss, part.assignment, part.k, problem.weights);
  }
  const warnings: string[] = [];
  const medoidRows = part.medoids.map((m) => (profiles ? profiles.rows[m]! : m));
  const withMissing = medoidRows.filter((r) =>
    model.variables.some((v) => (v.scaled ? Number.isNaN(v.scaled[r]!) : v.codes![r]! < 0)),
  ).length;
  if (withMissing > 0) {
    warnings.push(
      `${withMissing} medoid(s) have a missing clustering value: Gower distances skip missing variables, which makes such rows look central; consider imputing or dropping them`,
    );
  }
  const empty = part.sizes.filter((s) => s === 0).length;
  if (empty > 0)
    warnings.push(`${empty} cluster(s) are empty: their medoid duplicates another point`);
  return {
    k: part.k,
    method,
    seed: method === "pam" ? null : (options.seed ?? 1),
    nRows: model.n,
    profiles: { used: profiles !== undefined, count: problem.profileCount },
    medoids: medoidRows,
    objective: part.objective,
    objectiveBuild: part.objectiveBuild,
    sizes: part.sizes,
    silhouette: sil ? sil.average : null,
    clusterSilhouettes: sil ? sil.clusterAverages : null,
    assignment,
    variables: model.variables.map((v) => ({
      name: v.name,
      type: v.type,
      weight: v.weight,
      range: v.kind === "interval" ? v.range : null,
    })),
    swaps: part.swaps,
    warnings,
  };
}

/**
 * k-medoids on the Gower distance of `vars` (the study's typology, annex 9 §64): exact PAM
 * (BUILD + SWAP, as `cluster::pam`), FasterPAM or CLARA, on all rows or — when the variables
 * take few distinct combinations — on the distinct profiles weighted by their counts, which
 * gives the PAM of the whole population without its n × n matrix.
 * Throws `KMEDOIDS_K_TOO_LARGE` when k exceeds the number of distinct profiles.
 */
export function kmedoids(frame: Frame, options: KMedoidsOptions): KMedoidsResult {
  const problem = prepareClustering(frame, options);
  checkK(options.k, problem.profileCount, "profiles (combinations of the clustering variables)");
  checkK(options.k, problem.diss.n);
  return resultFromPartition(problem, clusterProblem(problem, options.k, options), options);
}
