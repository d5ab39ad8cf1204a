/**
 * Indices sorted by `key` ascending (descending with `descending`), ties kept in index order (a
 * stable sort, as R's `order()` with its default radix method). A least-significant-digit radix
 * sort on the IEEE bits: 11-bit digits (six passes at most, skipped when a digit is constant,
 * histograms of all digits in one pre-pass), keys moved along with the indices so every pass
 * reads sequentially and scatters into 2048 buckets that stay in cache. Linear time, no
 * comparator callbacks, which matters on hundreds of thousands of rows. With `subset`, sorts
 * those indices (ascending) instead of `0..n-1`. NaN keys are not expected here.
 */
export function stableOrder(
  key: ArrayLike<number>,
  subset?: ArrayLike<number>,
  descending = false,
): Int32Array {
  const m = subset ? subset.length : key.length;
  const sign = descending ? -1 : 1;
  const small = smallIntegerRange(key, subset, sign);
  if (small) return countingOrder(key, subset, small.min, small.max, sign);
  let lo = new Uint32Array(m);
  let hi = new Uint32Array(m);
  orderedBits(key, subset, sign, lo, hi);
  // Digits: bits 0-10, 11-21, 22-31 of each word.
  const counts = digitCounts(lo, hi);
  let idx = new Int32Array(m);
  for (let k = 0; k < m; k++) idx[k] = subset ? subset[k]! : k;
  let idx2 = new Int32Array(m);
  let lo2 = new Uint32Array(m);
  let hi2 = new Uint32Array(m);
  for (let pass = 0; pass < 6; pass++) {
    const onLow = pass < 3;
    const word = onLow ? lo : hi;
    const shift = [0, 11, 22][pass % 3]!;
    const count = counts.subarray(pass * 2048, pass * 2048 + 2048);
    if (m === 0 || count[(word[0]! >>> shift) & 2047] === m) continue;
    scatter(word, shift, count, idx, hi, onLow ? lo : null, idx2, hi2, lo2);
    [idx, idx2] = [idx2, idx];
    [hi, hi2] = [hi2, hi];
    if (onLow) [lo, lo2] = [lo2, lo];
  }
  return idx;
}

/**
 * Keys as unsigned 64-bit integers (`lo`, `hi` words) with the order of the doubles
 * `sign × key + 0` (+ 0 turns -0 into +0, as R compares them).
 */
function orderedBits(
  key: ArrayLike<number>,
  subset: ArrayLike<number> | undefined,
  sign: number,
  lo: Uint32Array,
  hi: Uint32Array,
): void {
  const m = lo.length;
  const f = new Float64Array(m);
  if (subset) for (let k = 0; k < m; k++) f[k] = sign * key[subset[k]!]! + 0;
  else for (let k = 0; k < m; k++) f[k] = sign * key[k]! + 0;
  const bits = new Uint32Array(f.buffer);
  // Little-endian: [lo, hi] per value. Negative values: flip all bits; others: set the sign.
  for (let k = 0; k < m; k++) {
    const h = bits[2 * k + 1]!;
    if (h & 0x80000000) {
      hi[k] = ~h >>> 0;
      lo[k] = ~bits[2 * k]! >>> 0;
    } else {
      hi[k] = (h | 0x80000000) >>> 0;
      lo[k] = bits[2 * k]!;
    }
  }
}

/** Histograms of the six 11-bit digits (2048 counts each), in one pass. */
function digitCounts(lo: Uint32Array, hi: Uint32Array): Int32Array {
  const counts = new Int32Array(6 * 2048);
  for (let k = 0; k < lo.length; k++) {
    const l = lo[k]!;
    const h = hi[k]!;
    counts[l & 2047]!++;
    counts[2048 + ((l >>> 11) & 2047)]!++;
    counts[4096 + (l >>> 22)]!++;
    counts[6144 + (h & 2047)]!++;
    counts[8192 + ((h >>> 11) & 2047)]!++;
    counts[10240 + (h >>> 22)]!++;
  }
  return counts;
}

/**
 * One stable counting pass on the digit `(word >>> shift) & 2047`: moves indices and the high
 * words (and the low words while they are still needed) to their buckets' slots.
 */
function scatter(
  word: Uint32Array,
  shift: number,
  count: Int32Array,
  idx: Int32Array,
  hi: Uint32Array,
  lo: Uint32Array | null,
  idxOut: Int32Array,
  hiOut: Uint32Array,
  loOut: Uint32Array,
): void {
  // Exclusive prefix sums give each bucket's first slot.
  let sum = 0;
  for (let d = 0; d < 2048; d++) {
    const c = count[d]!;
    count[d] = sum;
    sum += c;
  }
  const m = idx.length;
  if (lo !== null) {
    for (let k = 0; k < m; k++) {
      const at = count[(word[k]! >>> shift) & 2047]!++;
      idxOut[at] = idx[k]!;
      hiOut[at] = hi[k]!;
      loOut[at] = lo[k]!;
    }
  } else {
    for (let k = 0; k < m; k++) {
      const at = count[(word[k]! >>> shift) & 2047]!++;
      idxOut[at] = idx[k]!;
      hiOut[at] = hi[k]!;
    }
  }
}

/**
 * Distinct values of `x` in increasing order and, per element, the index of its value (used for
 * empirical CDFs evaluated at each distinct value).
 */
export function valueBuckets(
  x: ArrayLike<number>,
  order: ArrayLike<number> = stableOrder(x),
): { values: Float64Array; bucket: Int32Array } {
  const bucket = new Int32Array(x.length);
  const values: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const v = x[order[k]!]!;
    if (k === 0 || v !== values[values.length - 1]) values.push(v);
    bucket[order[k]!] = values.length - 1;
  }
  return { values: Float64Array.from(values), bucket };
}

/** Min and max when every key is an integer in a range narrow enough for a counting sort. */
function smallIntegerRange(
  key: ArrayLike<number>,
  subset: ArrayLike<number> | undefined,
  sign: number,
): { min: number; max: number } | null {
  const m = subset ? subset.length : key.length;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < m; k++) {
    const v = sign * key[subset ? subset[k]! : k]!;
    if (!Number.isInteger(v)) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return m > 0 && max - min <= 1 << 16 ? { min, max } : null;
}

/** Stable counting sort of small integer keys. */
function countingOrder(
  key: ArrayLike<number>,
  subset: ArrayLike<number> | undefined,
  min: number,
  max: number,
  sign: number,
): Int32Array {
  const m = subset ? subset.length : key.length;
  const start = new Int32Array(max - min + 2);
  for (let k = 0; k < m; k++) start[sign * key[subset ? subset[k]! : k]! - min + 1]!++;
  for (let d = 0; d <= max - min; d++) start[d + 1]! += start[d]!;
  const out = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const i = subset ? subset[k]! : k;
    out[start[sign * key[i]! - min]!++] = i;
  }
  return out;
}
