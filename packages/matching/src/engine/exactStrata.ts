/**
 * Stratum code per unit from the joint values of several categorical codes (missing not expected):
 * codes 0..S-1 in order of first appearance.
 */
export function jointCodes(
  columns: readonly ArrayLike<number>[],
  n: number,
): { codes: Int32Array; count: number } {
  const codes = new Int32Array(n);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let key = "";
    for (const c of columns) key += `${c[i]}\u0001`;
    let k = seen.get(key);
    if (k === undefined) {
      k = seen.size;
      seen.set(key, k);
    }
    codes[i] = k;
  }
  return { codes, count: seen.size };
}

/**
 * MatchIt's exact matching (`method = "exact"`): one subclass per combination of covariate
 * values present in both groups, numbered in order of first appearance among units of the first
 * row's treatment group; units in other combinations are unmatched (0).
 */
export function exactSubclasses(treat: Uint8Array, strata: Int32Array, count: number): Int32Array {
  const has = [new Uint8Array(count), new Uint8Array(count)];
  for (let i = 0; i < treat.length; i++) has[treat[i]!]![strata[i]!] = 1;
  const first = treat[0] ?? 1;
  const number = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < treat.length; i++) {
    if (treat[i] !== first) continue;
    const s = strata[i]!;
    if (number[s] === 0 && has[0]![s] && has[1]![s]) number[s] = ++k;
  }
  const out = new Int32Array(treat.length);
  for (let i = 0; i < treat.length; i++) out[i] = number[strata[i]!]!;
  return out;
}
