/**
 * Indices `0..n-1` sorted by `key` ascending, ties kept in index order (a stable sort, as R's
 * `order()` with its default radix method). NaN keys are not expected here.
 */
export function stableOrder(key: Float64Array, subset?: Int32Array): Int32Array {
  const idx = subset ? Int32Array.from(subset) : new Int32Array(key.length).map((_, i) => i);
  idx.sort((a, b) => {
    const d = key[a]! - key[b]!;
    return d !== 0 ? d : a - b;
  });
  return idx;
}
