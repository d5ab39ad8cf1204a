import type { Rng } from "@parcours-eval/core";
import { addMonths, completedYears, semesterOfDay, yearOfDay } from "./calendar.js";
import { between, cumulate, gamma, pick } from "./random.js";
import { NAF_CODES, type NafSpec, TAIL_CODES, TAIL_SHARE } from "./reference/naf.js";
import { REGIONS } from "./reference/regions.js";

/** Every APE code the generator can draw: the explicit ones, then the tail. */
export const ALL_NAF: readonly NafSpec[] = [
  ...NAF_CODES,
  ...TAIL_CODES.map((code) => ({ code, weights: [0, 0, 0, 0] as const })),
];

/** Pre-treatment covariates of one simulated primo-créateur (dates are day numbers). */
export interface Person {
  /** 0 = AE, 1 = TI au réel. */
  status: 0 | 1;
  /** Sex is F. */
  female: boolean;
  /** Completed years at the activity start. */
  age: number;
  /** Birth date. */
  birth: number;
  /** Registration (immatriculation) date. */
  registration: number;
  /** Declared activity start date. */
  start: number;
  /** Account creation date (0–5 days after registration). */
  creation: number;
  /** Index into {@link REGIONS}. */
  region: number;
  /** INSEE département code. */
  departement: string;
  /** Index into {@link ALL_NAF}. */
  naf: number;
  /** AE chose quarterly declarations (false for TI). */
  quarterly: boolean;
  /** Registration year. */
  year: number;
  /** Registration semester. */
  semester: 1 | 2;
  /** Semesters from mid-2023 (2023-S1 = -0.5, 2023-S2 = +0.5): the secular-trend clock. */
  clock: number;
}

const AGE_BANDS = 3;

/** Draws the covariates of a person given the region and the registration date. */
export class PersonFactory {
  private readonly nafTables: Float64Array[] = [];
  private readonly deptTables: Float64Array[];

  constructor(
    /** Share of quarterly periodicity among AE. */
    private readonly quarterlyShare = 0.4,
  ) {
    // One cumulative table per status × sex × age band.
    for (let g = 0; g < 4; g++) {
      const explicit = NAF_CODES.reduce((s, n) => s + n.weights[g]!, 0);
      const tailEach = ((TAIL_SHARE[g]! / (1 - TAIL_SHARE[g]!)) * explicit) / TAIL_CODES.length;
      for (let band = 0; band < AGE_BANDS; band++) {
        const w = ALL_NAF.map((n, i) =>
          i < NAF_CODES.length ? n.weights[g]! * (n.ageTilt?.[band] ?? 1) : tailEach,
        );
        this.nafTables.push(cumulate(w));
      }
    }
    this.deptTables = REGIONS.map((r) => cumulate(r.departements.map((d) => d[1])));
  }

  /** Fills `p` for a creator of region `region` registered on `registration`. */
  draw(rng: Rng, p: Person, region: number, registration: number): void {
    const spec = REGIONS[region]!;
    p.region = region;
    p.registration = registration;
    p.status = rng.uniform() < spec.tiShare ? 1 : 0;
    // Women: 43% of AE, 37.5% of TI au réel (A9 §42).
    p.female = rng.uniform() < (p.status === 0 ? 0.43 : 0.375);
    // Age 18 + Gamma: AE mean 34.4 with 27% under 25; TI mean 37.1 with 12% under 25 (A9 §40);
    // women slightly older (graphique 5).
    const scale = p.female ? 1.06 : 0.96;
    const x = p.status === 0 ? gamma(rng, 1.45, 11.6 * scale) : gamma(rng, 2.65, 7.4 * scale);
    p.age = Math.min(80, 18 + Math.floor(x));
    // Activity start within two weeks of registration, more often just before.
    const offset = rng.uniform() < 0.6 ? -between(rng, 0, 14) : between(rng, 1, 14);
    p.start = registration + offset;
    p.creation = registration + between(rng, 0, 5);
    // Birth date uniform among those giving exactly `age` completed years at the start.
    const lo = addMonths(p.start, -12 * (p.age + 1)) + 1;
    const hi = addMonths(p.start, -12 * p.age);
    p.birth = between(rng, lo, hi);
    if (completedYears(p.birth, p.start) !== p.age) p.birth = hi;
    p.departement = spec.departements[pick(rng, this.deptTables[region]!)]![0];
    const band = p.age < 26 ? 0 : p.age <= 40 ? 1 : 2;
    const g = p.status * 2 + (p.female ? 1 : 0);
    p.naf = pick(rng, this.nafTables[g * AGE_BANDS + band]!);
    p.quarterly = p.status === 0 && rng.uniform() < this.quarterlyShare;
    p.year = yearOfDay(registration);
    p.semester = semesterOfDay(registration);
    p.clock = (p.year - 2023) * 2 + (p.semester === 2 ? 0.5 : -0.5);
  }
}

/** A blank person to be filled by {@link PersonFactory.draw}. */
export function blankPerson(): Person {
  return {
    status: 0,
    female: false,
    age: 0,
    birth: 0,
    registration: 0,
    start: 0,
    creation: 0,
    region: 0,
    departement: "",
    naf: 0,
    quarterly: false,
    year: 0,
    semester: 1,
    clock: 0,
  };
}
