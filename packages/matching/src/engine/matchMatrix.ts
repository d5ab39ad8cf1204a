/**
 * Matches of each treated unit: row `i` is treated unit `treated[i]` (input rows, data order),
 * its matched controls in `matches[i * width .. i * width + width)`, -1 where empty, in the
 * order they were chosen.
 */
export interface MatchMatrix {
  /** Input rows of the treated units, in data order. */
  treated: Int32Array;
  /** Row-major `treated.length × width` control rows, -1 for no match. */
  matches: Int32Array;
  /** Maximum number of controls per treated unit (the ratio). */
  width: number;
}

/** An empty match matrix for the given treated rows. */
export function emptyMatchMatrix(treated: Int32Array, width: number): MatchMatrix {
  return { treated, matches: new Int32Array(treated.length * width).fill(-1), width };
}

/** Appends `control` to row `i` (first empty slot). */
export function addMatch(mm: MatchMatrix, i: number, control: number): void {
  const base = i * mm.width;
  for (let j = 0; j < mm.width; j++) {
    if (mm.matches[base + j] === -1) {
      mm.matches[base + j] = control;
      return;
    }
  }
}

/** The controls matched to row `i`, in the order chosen. */
export function matchesOf(mm: MatchMatrix, i: number): number[] {
  const out: number[] = [];
  const base = i * mm.width;
  for (let j = 0; j < mm.width; j++) {
    const c = mm.matches[base + j]!;
    if (c >= 0) out.push(c);
  }
  return out;
}
