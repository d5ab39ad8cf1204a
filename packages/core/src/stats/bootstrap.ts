import { ParcoursError } from "../errors.js";
import { createRng } from "../rng.js";

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** Number of resamples (default 999). */
  replicates?: number;
  /** Seed of the resampling (required: same seed, same replicates). */
  seed: number | string;
  /** Confidence level of the percentile interval (default 0.95). */
  conf?: number;
}

/** Result of {@link bootstrap}. */
export interface BootstrapResult {
  /** The statistic on the original rows (indices 0…n−1). */
  estimate: number;
  /** The statistic on each resample (NaN results are kept and counted). */
  replicates: Float64Array;
  /** Standard deviation of the finite replicates. */
  se: number;
  /** Percentile interval (R's `quantile` type 7 on the finite replicates). */
  ciLower: number;
  ciUpper: number;
  /** Confidence level. */
  conf: number;
  /** Replicates whose statistic was not finite (left out of se and the interval). */
  nNonFinite: number;
  /** The seed used. */
  seed: number | string;
}

/** R's default quantile (type 7) of sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, prob: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Nonparametric bootstrap (Efron & Tibshirani 1993, ch. 6 and 13): resamples `nRows` row
 * indices with replacement `replicates` times with {@link createRng}(seed), calls
 * `statistic(indices)` on each, and returns the replicates, their standard deviation and the
 * percentile interval. Deterministic for a given seed.
 * @throws ParcoursError BOOTSTRAP_BAD_OPTIONS.
 */
export function bootstrap(
  nRows: number,
  statistic: (indices: Int32Array) => number,
  options: BootstrapOptions,
): BootstrapResult {
  const replicates = options.replicates ?? 999;
  const conf = options.conf ?? 0.95;
  if (!(Number.isInteger(nRows) && nRows > 0)) {
    throw new ParcoursError(
      "BOOTSTRAP_BAD_OPTIONS",
      `nRows = ${nRows} must be a positive integer`,
      {
        hint: "pass the number of rows (units) to resample",
      },
    );
  }
  if (!(Number.isInteger(replicates) && replicates >= 2)) {
    throw new ParcoursError(
      "BOOTSTRAP_BAD_OPTIONS",
      `replicates = ${replicates} must be an integer ≥ 2`,
      {
        hint: "999 or 1999 are usual",
      },
    );
  }
  if (options.seed === undefined || options.seed === null) {
    throw new ParcoursError("BOOTSTRAP_BAD_OPTIONS", "bootstrap needs a seed", {
      hint: "pass { seed: 20240101 } so results can be reproduced",
    });
  }
  if (!(conf > 0 && conf < 1)) {
    throw new ParcoursError("BOOTSTRAP_BAD_OPTIONS", `conf = ${conf} is not in (0, 1)`, {
      hint: "use e.g. 0.95",
    });
  }
  const rng = createRng(options.seed);
  const identity = Int32Array.from({ length: nRows }, (_, i) => i);
  const estimate = statistic(identity);
  const values = new Float64Array(replicates);
  const idx = new Int32Array(nRows);
  for (let b = 0; b < replicates; b++) {
    for (let i = 0; i < nRows; i++) idx[i] = rng.int(nRows);
    values[b] = statistic(idx);
  }
  const finite = Float64Array.from(values.filter(Number.isFinite)).sort();
  const m = finite.length;
  let mean = 0;
  for (let i = 0; i < m; i++) mean += finite[i]!;
  mean /= m;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (finite[i]! - mean) ** 2;
  const alpha = (1 - conf) / 2;
  return {
    estimate,
    replicates: values,
    se: m > 1 ? Math.sqrt(ss / (m - 1)) : Number.NaN,
    ciLower: quantileSorted(finite, alpha),
    ciUpper: quantileSorted(finite, 1 - alpha),
    conf,
    nNonFinite: replicates - m,
    seed: options.seed,
  };
}
