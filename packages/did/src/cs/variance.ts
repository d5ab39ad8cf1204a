import type { InfluenceMatrix } from "./bootstrap.js";

/** Units split into blocks (e.g. cohorts) within which the influence columns share zeros. */
export interface UnitBlocks {
  /** Offsets into `units`, one more than the number of blocks. */
  readonly start: Int32Array;
  /** Unit indices, block after block. */
  readonly units: Int32Array;
  /**
   * Columns that may be non-zero on each block, increasing (known to the caller); when absent
   * the columns are scanned.
   */
  readonly support?: readonly number[][];
}

// Units gathered per chunk: the chunk of every non-zero column stays in cache.
const CHUNK = 512;

/**
 * Ψ'Ψ (k × k, row-major) summed block by block over the columns that are not zero on the block:
 * a cell's influence function vanishes outside its treated and comparison cohorts, so most
 * column pairs are skipped for most units. Equal to the dense product up to rounding.
 */
export function blockCrossprod(inf: InfluenceMatrix, blocks: UnitBlocks): Float64Array {
  const { k } = inf;
  const out = new Float64Array(k * k);
  const buf = new Float64Array(k * CHUNK);
  for (let b = 0; b + 1 < blocks.start.length; b++) {
    const from = blocks.start[b]!;
    const to = blocks.start[b + 1]!;
    const support = blocks.support?.[b] ?? blockSupport(inf, blocks.units, from, to);
    for (let c0 = from; c0 < to; c0 += CHUNK) {
      const len = Math.min(CHUNK, to - c0);
      gatherChunk(inf, blocks.units, c0, len, support, buf);
      accumulateChunk(buf, len, support, k, out);
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) out[a * k + b] = out[b * k + a]!;
  return out;
}

/** Columns not identically zero on the units `units[from .. to)`. */
function blockSupport(inf: InfluenceMatrix, units: Int32Array, from: number, to: number): number[] {
  const { n, k, values } = inf;
  const support: number[] = [];
  for (let j = 0; j < k; j++) {
    const o = j * n;
    for (let s = from; s < to; s++) {
      if (values[o + units[s]!] !== 0) {
        support.push(j);
        break;
      }
    }
  }
  return support;
}

/** Copies the support columns at `units[c0 .. c0 + len)` into `buf` (one CHUNK per column). */
function gatherChunk(
  inf: InfluenceMatrix,
  units: Int32Array,
  c0: number,
  len: number,
  support: number[],
  buf: Float64Array,
): void {
  const { n, values } = inf;
  for (let a = 0; a < support.length; a++) {
    const o = support[a]! * n;
    const ob = a * CHUNK;
    for (let r = 0; r < len; r++) buf[ob + r] = values[o + units[c0 + r]!]!;
  }
}

/** Adds the chunk's products of support columns to the upper triangle of `out`. */
function accumulateChunk(
  buf: Float64Array,
  len: number,
  support: number[],
  k: number,
  out: Float64Array,
): void {
  const q = support.length;
  for (let a = 0; a < q; a++) {
    const oa = a * CHUNK;
    const row = support[a]! * k;
    let b = a;
    // Four columns against one per sweep: each value of column a is loaded once for four.
    for (; b + 3 < q; b += 4) {
      const o0 = b * CHUNK;
      const o1 = o0 + CHUNK;
      const o2 = o1 + CHUNK;
      const o3 = o2 + CHUNK;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let r = 0; r < len; r++) {
        const va = buf[oa + r]!;
        s0 += va * buf[o0 + r]!;
        s1 += va * buf[o1 + r]!;
        s2 += va * buf[o2 + r]!;
        s3 += va * buf[o3 + r]!;
      }
      out[row + support[b]!]! += s0;
      out[row + support[b + 1]!]! += s1;
      out[row + support[b + 2]!]! += s2;
      out[row + support[b + 3]!]! += s3;
    }
    for (; b < q; b++) {
      const ob = b * CHUNK;
      let acc = 0;
      for (let r = 0; r < len; r++) acc += buf[oa + r]! * buf[ob + r]!;
      out[row + support[b]!]! += acc;
    }
  }
}

/**
 * Analytic variance of estimators from their influence functions: V = Σ_c s_c s_c' / n² with s_c
 * the sum of ψ over cluster c (each unit its own cluster by default: V = Ψ'Ψ / n², `did`'s
 * unit-clustered analytic variance). Returns the k × k matrix, row-major. Without clusters,
 * `blocks` (units grouped so that each column is zero on whole blocks) skips the zero products.
 */
export function influenceVcov(
  inf: InfluenceMatrix,
  cluster?: Int32Array,
  blocks?: UnitBlocks,
): Float64Array {
  const { n, k, values } = inf;
  if (cluster === undefined && blocks !== undefined) {
    const v = blockCrossprod(inf, blocks);
    for (let i = 0; i < v.length; i++) v[i]! /= n * n;
    return v;
  }
  let rows = values;
  let m = n;
  if (cluster !== undefined) {
    for (let i = 0; i < n; i++) m = i === 0 ? cluster[i]! + 1 : Math.max(m, cluster[i]! + 1);
    const sums = new Float64Array(m * k);
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < n; i++) sums[j * m + cluster[i]!]! += values[j * n + i]!;
    }
    rows = sums;
  }
  const v = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      const oa = a * m;
      const ob = b * m;
      for (let i = 0; i < m; i++) s += rows[oa + i]! * rows[ob + i]!;
      v[a * k + b] = s / (n * n);
      v[b * k + a] = s / (n * n);
    }
  }
  return v;
}

/** Standard error of one influence function (a k = 1 {@link influenceVcov}). */
export function influenceSe(psi: Float64Array, cluster?: Int32Array): number {
  return Math.sqrt(influenceVcov({ values: psi, n: psi.length, k: 1 }, cluster)[0]!);
}

/** `did` reports standard errors at or below √eps · 10 as missing. */
export function cleanSe(se: number): number {
  return se <= Math.sqrt(Number.EPSILON) * 10 || !Number.isFinite(se) ? Number.NaN : se;
}
