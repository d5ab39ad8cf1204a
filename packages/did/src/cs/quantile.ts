/**
 * R's `quantile(x, prob, type = 1)`: the inverse of the empirical distribution function, with R's
 * 4·eps fuzz. NaN values are ignored (`na.rm = TRUE`); NaN when nothing is left.
 */
export function quantileType1(values: ArrayLike<number>, prob: number): number {
  const sorted = Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const fuzz = 4 * Number.EPSILON;
  const nppm = n * prob;
  const j = Math.floor(nppm + fuzz);
  const h = nppm > j + fuzz ? 1 : 0;
  // R: x[j + h] (1-based), clamped to [1, n].
  const idx = Math.min(Math.max(j + h, 1), n);
  return sorted[idx - 1]!;
}
