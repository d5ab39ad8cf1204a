import type { RolloutTiming } from "./did-settings.js";

/** A registration semester as one number: year × 2 + (semester − 1), so consecutive semesters differ by 1. */
export function semesterNumber(year: number, semester: number): number {
  return year * 2 + (semester - 1);
}

/** `2023-S2` for a {@link semesterNumber}. */
export function semesterLabel(n: number): string {
  return `${Math.floor(n / 2)}-S${(n % 2) + 1}`;
}

/** The semester a date (`YYYY-MM-DD`) falls in. */
export function semesterOfDate(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return semesterNumber(year, month <= 6 ? 1 : 2);
}

/** One region's deployment under a timing rule. */
export interface RegionRollout {
  region: string;
  /** First registration year of the region's data (manifest), when known. */
  firstDataYear: number | null;
  /** First exposed registration semester ({@link semesterNumber}); null = never deployed. */
  group: number | null;
  /** Where the date comes from, in words. */
  source: "first data year" | "date";
}

/**
 * Deployment semester of every region known to the manifest or named in the dates (domain §3.6):
 * the first data year's chosen semester, unless a date is given for the region.
 */
export function regionRollout(
  firstYear: Readonly<Record<string, number>> | undefined,
  timing: RolloutTiming,
): RegionRollout[] {
  const regions = new Set([...Object.keys(firstYear ?? {}), ...Object.keys(timing.dates)]);
  return [...regions].sort().map((region) => {
    const fy = firstYear?.[region] ?? null;
    const date = timing.dates[region];
    if (date !== undefined)
      return { region, firstDataYear: fy, group: semesterOfDate(date), source: "date" };
    const group =
      timing.rule === "first_data_year" && fy !== null ? semesterNumber(fy, timing.semester) : null;
    return { region, firstDataYear: fy, group, source: "first data year" };
  });
}
