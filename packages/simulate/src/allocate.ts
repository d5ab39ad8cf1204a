import { dayNumber } from "./calendar.js";
import { FIRST_COUNT_YEAR, REGIONS } from "./reference/regions.js";

/** Accounts of one region × registration-year cell and the window their registrations fall in. */
export interface Cell {
  /** Index into REGIONS. */
  region: number;
  /** Registration year. */
  year: number;
  /** Accounts allocated. */
  accounts: number;
  /** First possible registration day. */
  from: number;
  /** Last possible registration day. */
  to: number;
}

/**
 * Allocates `total` accounts to region × year cells in proportion to tableau 5 (the 2024 column
 * covers January–June), restricted to the registration window and to `regions`, by largest
 * remainder so that the counts are exact and deterministic.
 */
export function allocate(
  total: number,
  from: number,
  to: number,
  regions: readonly number[],
): Cell[] {
  const cells: (Cell & { weight: number })[] = [];
  for (let yi = 0; yi < 8; yi++) {
    const year = FIRST_COUNT_YEAR + yi;
    const coverFrom = dayNumber(year, 1, 1);
    const coverTo = year === 2024 ? dayNumber(2024, 6, 30) : dayNumber(year, 12, 31);
    const lo = Math.max(from, coverFrom);
    const hi = Math.min(to, coverTo);
    if (hi < lo) continue;
    const share = (hi - lo + 1) / (coverTo - coverFrom + 1);
    for (const region of regions) {
      const count = REGIONS[region]!.counts[yi]!;
      if (count > 0)
        cells.push({ region, year, accounts: 0, from: lo, to: hi, weight: count * share });
    }
  }
  const sum = cells.reduce((s, c) => s + c.weight, 0);
  let given = 0;
  const rema = cells.map((c, i) => {
    const exact = (total * c.weight) / sum;
    c.accounts = Math.floor(exact);
    given += c.accounts;
    return { i, r: exact - c.accounts };
  });
  rema.sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; given < total; k++, given++) cells[rema[k % rema.length]!.i]!.accounts++;
  return cells.map(({ weight: _w, ...c }) => c);
}
