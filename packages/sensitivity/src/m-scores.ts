import { ParcoursError } from "@parcours-eval/core";

/** Options of the Huber–Maritz M-scores (names and defaults of R sensitivitymv's `senmv`). */
export interface MScoreOptions {
  /** Outer trimming: ψ levels off at `trim` scale units. Default 2.5; Infinity = no trimming. */
  trim?: number;
  /** Inner trimming: differences below `inner` scale units score 0. Default 0. */
  inner?: number;
  /** Scale = the `lambda` quantile of the absolute within-set differences. Default 0.5. */
  lambda?: number;
  /**
   * Divide a set's total score by n−1 and by the number of sets, so the statistic is the ATT-type
   * mean treated-minus-control difference (senmv's TonT). Default false: divide by n.
   */
  tonT?: boolean;
}

/** Quantile of type 7 (R's default): linear interpolation between order statistics. */
export function quantileType7(sortedValues: ArrayLike<number>, prob: number): number {
  const n = sortedValues.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sortedValues[lo]! + (h - lo) * (sortedValues[hi]! - sortedValues[lo]!);
}

/**
 * Huber's ψ with inner trimming: 0 below `inner`, rising linearly to 1, flat beyond `trim`
 * (Rosenbaum 2007, Biometrics 63:456–464 §2; Rosenbaum 2013 for the inner trimming).
 */
function psi(y: number, inner: number, trim: number): number {
  const a = Math.abs(y);
  if (a <= inner) return 0;
  // Normalised to rise from 0 to 1 between inner and trim, as senmv reports its statistic;
  // without outer trimming ψ is the identity (the permutational t-test).
  const scaled = Number.isFinite(trim) ? (Math.min(a, trim) - inner) / (trim - inner) : a - inner;
  return y < 0 ? -scaled : scaled;
}

/**
 * M-scores of matched sets (Rosenbaum 2007, expression 8): in set i of n_i units, unit j scores
 * (1/n_i) Σ_{k≠j} ψ((y_ij − y_ik)/σ), where σ is the λ quantile of all absolute within-set
 * differences |y_ij − y_ik|. These stay fixed when treatment is permuted within sets, as the
 * randomisation distribution requires (Maritz 1979).
 *
 * @param sets each set's responses, treated first, then its controls.
 * @returns the scores of each set, in the same layout, and the scale used.
 */
export function mScores(
  sets: ReadonlyArray<ArrayLike<number>>,
  options: MScoreOptions = {},
): { scores: Float64Array[]; scale: number } {
  const trim = options.trim ?? 2.5;
  const inner = options.inner ?? 0;
  const lambda = options.lambda ?? 0.5;
  if (!(trim > 0) || !(inner >= 0) || inner > trim) {
    throw new ParcoursError(
      "SENSITIVITY_INVALID_OPTION",
      `options "inner" (${inner}) and "trim" (${trim}) need 0 ≤ inner ≤ trim and trim > 0`,
    );
  }
  if (!(lambda > 0 && lambda < 1)) {
    throw new ParcoursError(
      "SENSITIVITY_INVALID_OPTION",
      `option "lambda" is ${lambda}; it must lie strictly between 0 and 1`,
    );
  }
  // Without trimming the observations themselves are permuted: no scale is needed.
  let scale = 1;
  if (Number.isFinite(trim) || inner > 0) {
    const diffs: number[] = [];
    for (const s of sets) {
      for (let j = 0; j < s.length; j++) {
        for (let k = j + 1; k < s.length; k++) diffs.push(Math.abs(s[j]! - s[k]!));
      }
    }
    diffs.sort((a, b) => a - b);
    scale = quantileType7(diffs, lambda);
    if (!(scale > 0)) {
      throw new ParcoursError(
        "SENSITIVITY_ZERO_SCALE",
        `the ${lambda} quantile of the absolute within-set differences is 0`,
        { hint: "increase lambda (e.g. 0.75), or use a binary test for 0/1 outcomes" },
      );
    }
  }
  const nSets = sets.length;
  const scores = sets.map((s) => {
    const n = s.length;
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let total = 0;
      for (let k = 0; k < n; k++) {
        if (k !== j) total += psi((s[j]! - s[k]!) / scale, inner, trim);
      }
      out[j] = options.tonT ? total / (n - 1) / nSets : total / n;
    }
    return out;
  });
  return { scores, scale };
}
