import { ParcoursError } from "@parcours-eval/core";
import type { StudyPlan } from "../plan/types.js";

/**
 * How each region's deployment semester is set (domain §3.6: the timing must be changeable).
 * `first_data_year`: the manifest's `regions_first_year` (T9.5: the extract starts in the
 * deployment year), placed in semester `semester` of that year, then `dates` override regions one
 * by one. `dates`: only the given dates (regions without one are treated as never deployed).
 * A date falls in a registration semester (January–June = 1, July–December = 2); that semester is
 * the first exposed one, so a date inside a semester counts the whole semester as exposed.
 */
export interface RolloutTiming {
  rule: "first_data_year" | "dates";
  /** Semester of the first data year in which the journey is taken to start (rule `first_data_year`). */
  semester: 1 | 2;
  /** Deployment date per region code (`YYYY-MM-DD`): overrides, or every date for rule `dates`. */
  dates: Record<string, string>;
}

/** The plan's `did` options: any subset, at any depth (a plan file is JSON, checked on reading). */
export type DidPlan = Partial<Omit<DidSettings, "rollout">> & { rollout?: Partial<RolloutTiming> };

/** Settings of the Midi-Pyrénées and staggered difference-in-differences. */
export interface DidSettings {
  rollout: RolloutTiming;
  /**
   * Comparison regions of the staggered design: `same_first_year` compares only regions whose data
   * start the same year (no region enters the comparison group between a base and a later
   * semester), `all_regions` uses every region observed in both semesters.
   */
  comparison: "same_first_year" | "all_regions";
  /**
   * Smallest number of registrations per semester of a comparison set's last-deployed regions (the
   * only comparisons of its latest cells); smaller sets are left out of the staggered design.
   */
  minComparisonRows: number;
  /** Draws of the wild cluster bootstrap of the 2×2 designs clustered by region. */
  wildDraws: number;
  /** Multiplier-bootstrap draws of Callaway–Sant'Anna (0: analytic influence-function SEs). */
  bootstrap: number;
}

/**
 * Regions with no creator counted as contacted before 2023 in T6.3 (domain §3.6), whose effective
 * delivery began with the journey's v2 (2023-07-18); Languedoc-Roussillon's experiment started in
 * February 2018.
 */
const V2 = "2023-07-18";
const DEFAULT_DATES: Record<string, string> = {
  LANGUEDOC_ROUSSILLON: "2018-02-01",
  BOURGOGNE: V2,
  ALSACE: V2,
  LORRAINE: V2,
  LIMOUSIN: V2,
  PICARDIE: V2,
  MIDI_PYRENEES: V2,
};

/** The default settings: T9.5 first data year, mid-year, corrected by T6.3 (domain §3.6). */
export const DEFAULT_DID_SETTINGS: DidSettings = {
  rollout: { rule: "first_data_year", semester: 2, dates: DEFAULT_DATES },
  comparison: "same_first_year",
  minComparisonRows: 100,
  wildDraws: 9999,
  bootstrap: 0,
};

function bad(option: string, value: unknown, hint: string): never {
  throw new ParcoursError("STUDY_BAD_DID_OPTION", `plan option did.${option} is invalid`, {
    value,
    hint,
  });
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The plan's `did` settings (a plan file may carry `"did": {…}`, any subset), merged with
 * {@link DEFAULT_DID_SETTINGS} and checked: bad values name the option and what is allowed.
 */
export function didSettings(plan: StudyPlan): DidSettings {
  const raw: unknown = plan.did;
  if (raw === undefined) return DEFAULT_DID_SETTINGS;
  if (typeof raw !== "object" || raw === null) bad("", raw, "an object, e.g. { rollout: {…} }");
  const o = raw as Partial<Record<keyof DidSettings, unknown>>;
  const d = DEFAULT_DID_SETTINGS;
  const r = (o.rollout ?? {}) as Partial<Record<keyof RolloutTiming, unknown>>;
  const rule = r.rule ?? d.rollout.rule;
  if (rule !== "first_data_year" && rule !== "dates")
    bad("rollout.rule", rule, 'one of "first_data_year", "dates"');
  const semester = r.semester ?? d.rollout.semester;
  if (semester !== 1 && semester !== 2) bad("rollout.semester", semester, "1 or 2");
  const dates = r.dates ?? (rule === "dates" ? {} : d.rollout.dates);
  if (typeof dates !== "object" || dates === null) bad("rollout.dates", dates, "{ REGION: date }");
  for (const [k, v] of Object.entries(dates)) {
    if (typeof v !== "string" || !ISO.test(v) || Number.isNaN(Date.parse(v)))
      bad(`rollout.dates.${k}`, v, "a date YYYY-MM-DD");
  }
  const comparison = o.comparison ?? d.comparison;
  if (comparison !== "same_first_year" && comparison !== "all_regions")
    bad("comparison", comparison, 'one of "same_first_year", "all_regions"');
  const count = (name: "wildDraws" | "bootstrap" | "minComparisonRows"): number => {
    const v = o[name] ?? d[name];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 1e6)
      bad(name, v, "an integer from 0 to 1 000 000");
    return v;
  };
  return {
    rollout: { rule, semester, dates: dates as Record<string, string> },
    comparison,
    minComparisonRows: count("minComparisonRows"),
    wildDraws: count("wildDraws"),
    bootstrap: count("bootstrap"),
  };
}
