import { ParcoursError } from "@parcours-eval/core";

/**
 * Adjusted Rand index of two partitions (Hubert & Arabie 1985, J. Classification 2:193–218):
 * (Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E), E = Σ C(a_i,2) Σ C(b_j,2) / C(n,2).
 * With `weights` each point counts as that many identical units. 1 = same partition, ≈ 0 = chance.
 */
export function adjustedRandIndex(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  if (a.length !== b.length) {
    throw new ParcoursError("ARI_LENGTH", `partitions of ${a.length} and ${b.length} points`);
  }
  const table = new Map<number, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  let n = 0;
  let kb = 0;
  for (let i = 0; i < b.length; i++) kb = Math.max(kb, b[i]! + 1);
  for (let i = 0; i < a.length; i++) {
    const w = weights ? weights[i]! : 1;
    const key = a[i]! * kb + b[i]!;
    table.set(key, (table.get(key) ?? 0) + w);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + w);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + w);
    n += w;
  }
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let sumIJ = 0;
  for (const v of table.values()) sumIJ += c2(v);
  let sumA = 0;
  for (const v of rows.values()) sumA += c2(v);
  let sumB = 0;
  for (const v of cols.values()) sumB += c2(v);
  const expected = (sumA * sumB) / c2(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (sumIJ - expected) / (max - expected);
}
