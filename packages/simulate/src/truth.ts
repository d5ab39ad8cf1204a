import type { CellSums, Cells } from "./cells.js";
import { LR_CATEGORIES } from "./reference/labels.js";
import { REGIONS } from "./reference/regions.js";

/** True and naive figures of a treated-versus-control comparison. */
export interface TwoGroupTruth {
  /** Treated units in the population. */
  nTreated: number;
  /** Control units in the population. */
  nControl: number;
  /** Sample ATT: mean over the treated of Y(1) − Y(0). */
  att: number | null;
  /** Observed mean of the treated minus observed mean of the controls. */
  naiveDifference: number | null;
  /** Observed mean outcome of the treated. */
  meanTreated: number | null;
  /** Observed mean outcome of the controls. */
  meanControl: number | null;
  /** Mean of Y(0) among the treated minus among the controls: the selection bias of the naive difference. */
  selectionBias: number | null;
}

/** One analysis of the truth file. */
export interface AnalysisTruth extends TwoGroupTruth {
  /** Analysis id (as in `evaluate`'s results.json). */
  id: string;
  /** Who is in the population. */
  population: string;
  /** What the treatment is, and the rule the written files satisfy. */
  treatment: string;
  /** The outcome and its scale. */
  outcome: string;
  /** Registration years of the headline figures. */
  cohortYears: number[];
  /** The same figures per registration year. */
  byCohortYear?: Record<string, TwoGroupTruth>;
  /** Extra figures for designs other than treated versus control. */
  design?: Record<string, unknown>;
}

const ratio = (a: number, n: number): number | null => (n > 0 ? a / n : null);

/** Builds a {@link TwoGroupTruth} from treated and control sums. */
export function twoGroup(t: CellSums, c: CellSums): TwoGroupTruth {
  const mT = ratio(t.obs, t.n);
  const mC = ratio(c.obs, c.n);
  const y0T = ratio(t.y0, t.n);
  const y0C = ratio(c.y0, c.n);
  return {
    nTreated: t.n,
    nControl: c.n,
    att: ratio(t.y1 - t.y0, t.n),
    naiveDifference: mT !== null && mC !== null ? mT - mC : null,
    meanTreated: mT,
    meanControl: mC,
    selectionBias: y0T !== null && y0C !== null ? y0T - y0C : null,
  };
}

/** Parsed `analysis|year|group` key. */
function parts(key: string): [string, string, string] {
  const [a = "", b = "", c = ""] = key.split("|");
  return [a, b, c];
}

function sumOf(
  cells: Cells,
  prefixes: readonly string[],
  years: readonly number[] | null,
  group: string,
) {
  const ys = years?.map(String);
  return cells.sum((k) => {
    const [a, y, g] = parts(k);
    return prefixes.includes(a) && g === group && (ys === undefined || ys.includes(y));
  });
}

function yearsOf(cells: Cells, prefixes: readonly string[]): number[] {
  const ys = new Set<number>();
  for (const k of cells.keys()) {
    const [a, y] = parts(k);
    if (prefixes.includes(a)) ys.add(Number(y));
  }
  return [...ys].sort((a, b) => a - b);
}

/** A treated-versus-control analysis over `prefixes`, headline on `years`, plus per-year figures. */
function analysis(
  cells: Cells,
  meta: Omit<AnalysisTruth, keyof TwoGroupTruth | "byCohortYear" | "cohortYears">,
  prefixes: readonly string[],
  years: readonly number[],
  controlPrefixes: readonly string[] = prefixes,
): AnalysisTruth {
  const head = twoGroup(
    sumOf(cells, prefixes, years, "T"),
    sumOf(cells, controlPrefixes, years, "C"),
  );
  const byCohortYear: Record<string, TwoGroupTruth> = {};
  for (const y of yearsOf(cells, prefixes)) {
    byCohortYear[String(y)] = twoGroup(
      sumOf(cells, prefixes, [y], "T"),
      sumOf(cells, controlPrefixes, [y], "C"),
    );
  }
  return { ...meta, ...head, cohortYears: [...years], byCohortYear };
}

const NATIONAL_CONTACT =
  "an inbound PHONE or APPOINTMENT contact dated from max(registration, activity start) to 30 days later: before the first declaration and its due date, before the first payment and the first échéance's due date, within 6 months of the start for non-filers, and within 45 days of the start (ACRE window)";

/** The national analyses (contact-based matching designs, MP, staggered rollout). */
export function nationalTruth(cells: Cells, studyYear: number): Record<string, AnalysisTruth> {
  const y = [studyYear];
  const out: Record<string, AnalysisTruth> = {};
  const add = (a: AnalysisTruth) => {
    out[a.id] = a;
  };
  const pop = (what: string) => `${what}, registered in ${studyYear}`;
  add(
    analysis(
      cells,
      {
        id: "national.first_declaration.ae",
        population: pop("AE not censored (theoretical first due date + 15 days ≤ extract date)"),
        treatment: NATIONAL_CONTACT,
        outcome: "first declaration filed on or before its due date (0/1)",
      },
      ["decl"],
      y,
    ),
  );
  const payPop =
    "not censored; AE whose first échéance has an expected amount > 0 (turnover declared, or a DC charged without declaration) and all TI au réel";
  add(
    analysis(
      cells,
      {
        id: "national.first_payment.all",
        population: pop(payPop),
        treatment: NATIONAL_CONTACT,
        outcome: "first payment conforme (0/1)",
      },
      ["pay.ae", "pay.ti"],
      y,
    ),
  );
  add(
    analysis(
      cells,
      {
        id: "national.first_payment.ae",
        population: pop(`AE ${payPop.split(";")[1]}`),
        treatment: NATIONAL_CONTACT,
        outcome: "first payment conforme (0/1)",
      },
      ["pay.ae"],
      y,
    ),
  );
  add(
    analysis(
      cells,
      {
        id: "national.first_payment.ti",
        population: pop("TI au réel not censored"),
        treatment: NATIONAL_CONTACT,
        outcome: "first payment conforme (0/1)",
      },
      ["pay.ti"],
      y,
    ),
  );
  add(
    analysis(
      cells,
      {
        id: "national.acre.under26",
        population: pop("aged 25 or less at the activity start (AE and TI au réel)"),
        treatment: NATIONAL_CONTACT,
        outcome: "ACRE start date not null (0/1)",
      },
      ["acre.ae", "acre.ti"],
      y,
    ),
  );
  add(
    analysis(
      cells,
      {
        id: "national.acre.under26.ae",
        population: pop("AE aged 25 or less"),
        treatment: NATIONAL_CONTACT,
        outcome: "ACRE (0/1)",
      },
      ["acre.ae"],
      y,
    ),
  );
  add(
    analysis(
      cells,
      {
        id: "national.acre.under26.ti",
        population: pop("TI au réel aged 25 or less"),
        treatment: NATIONAL_CONTACT,
        outcome: "ACRE (0/1)",
      },
      ["acre.ti"],
      y,
    ),
  );
  add(
    analysis(
      cells,
      {
        id: "national.taxation_office.ae",
        population: pop(
          "AE with 12 months of follow-up (activity start + 12 months ≤ extract date)",
        ),
        treatment: NATIONAL_CONTACT,
        outcome:
          "number of taxation-d'office events (taxations_office.csv rows) notified within 12 months of the activity start",
      },
      ["to"],
      y,
    ),
  );
  add(
    analysis(
      cells,
      {
        id: "national.later_contacts.all",
        population: pop("AE and TI au réel with 12 months of follow-up"),
        treatment: NATIONAL_CONTACT,
        outcome:
          "number of inbound contacts after the first due date (AE: first declaration; TI: first échéance, same rule) up to activity start + 12 months",
      },
      ["later.ae", "later.ti"],
      y,
    ),
  );
  Object.assign(out, midiPyrenees(cells), staggered(cells));
  return out;
}

const DEP_OUTCOMES = {
  first_declaration: ["dep.decl", "AE not censored", "on-time first declaration (0/1)"],
  first_payment: [
    "dep.pay",
    "payment population (see national.first_payment.all)",
    "first payment conforme (0/1)",
  ],
  acre: ["dep.acre", "aged 25 or less", "ACRE (0/1)"],
  contacts: [
    "dep.later",
    "12 months of follow-up",
    "later inbound contacts (count, as national.later_contacts.all)",
  ],
  taxation_office: [
    "dep.to",
    "AE with 12 months of follow-up",
    "taxation-d'office events within 12 months (count)",
  ],
} as const;

function depCell(
  cells: Cells,
  prefix: string,
  region: string | ((r: string) => boolean),
  sem: string,
): CellSums {
  return cells.sum((k) => {
    const [a, r, s] = parts(k);
    return a === prefix && s === sem && (typeof region === "string" ? r === region : region(r));
  });
}

const mean = (c: CellSums): number | null => ratio(c.obs, c.n);
const diff = (a: number | null, b: number | null): number | null =>
  a !== null && b !== null ? a - b : null;

function midiPyrenees(cells: Cells): Record<string, AnalysisTruth> {
  const out: Record<string, AnalysisTruth> = {};
  const MP = "MIDI_PYRENEES";
  const rolloutIn2023 = new Set([
    "MIDI_PYRENEES",
    "BOURGOGNE",
    "LORRAINE",
    "ALSACE",
    "LIMOUSIN",
    "PICARDIE",
  ]);
  for (const key of ["first_declaration", "first_payment", "acre"] as const) {
    const [prefix, population, outcome] = DEP_OUTCOMES[key];
    const a1 = depCell(cells, prefix, MP, "2023-S1");
    const a2 = depCell(cells, prefix, MP, "2023-S2");
    const p1 = depCell(cells, prefix, MP, "2022-S1");
    const p2 = depCell(cells, prefix, MP, "2022-S2");
    const o1 = depCell(cells, prefix, (r) => !rolloutIn2023.has(r), "2023-S1");
    const o2 = depCell(cells, prefix, (r) => !rolloutIn2023.has(r), "2023-S2");
    const before = twoGroup(a2, a1);
    const didObserved = diff(diff(mean(a2), mean(a1)), diff(mean(p2), mean(p1)));
    const y0 = (c: CellSums) => ratio(c.y0, c.n);
    const didY0 = diff(diff(y0(a2), y0(a1)), diff(y0(p2), y0(p1)));
    const design = {
      afterMean: mean(a2),
      beforeMean: mean(a1),
      nAfter: a2.n,
      nBefore: a1.n,
      placebo2022Difference: diff(mean(p2), mean(p1)),
      n2022: { S1: p1.n, S2: p2.n },
      didObserved,
      didWithoutEffect: didY0,
      didVsOtherRegionsObserved: diff(diff(mean(a2), mean(a1)), diff(mean(o2), mean(o1))),
      otherRegions: REGIONS.map((r) => r.code).filter((c) => !rolloutIn2023.has(c)),
      note: "att = mean over Midi-Pyrénées 2023-S2 registrations (all exposed from 2023-07-01) of Y(deployed) − Y(not deployed); the before/after difference adds the secular trend and the season, which the 2022 placebo removes",
    };
    const common = {
      population: `Midi-Pyrénées, ${population}; registered in 2023-S2 (after) versus 2023-S1 (before)`,
      treatment: "registration after the region's deployment (2023-07-01)",
      outcome,
      cohortYears: [2023],
    };
    out[`mp.before_after.${key}`] = {
      id: `mp.before_after.${key}`,
      ...common,
      ...before,
      selectionBias: diff(ratio(a2.y0, a2.n), ratio(a1.y0, a1.n)),
      design,
    };
    out[`mp.did.${key}`] = {
      id: `mp.did.${key}`,
      ...common,
      ...before,
      selectionBias: diff(ratio(a2.y0, a2.n), ratio(a1.y0, a1.n)),
      design: { ...design, estimand: "DiD of 2023 S2 − S1 against 2022 S2 − S1 (placebo year)" },
    };
  }
  return out;
}

/** Semester label → index (2017-S1 = 1). */
export function semesterIndex(label: string): number {
  const [y, s] = label.split("-S");
  return (Number(y) - 2017) * 2 + Number(s);
}

function staggered(cells: Cells): Record<string, AnalysisTruth> {
  const out: Record<string, AnalysisTruth> = {};
  const ids = {
    contacts: "contacts",
    first_payment: "first_payment",
    taxation_office: "taxation_office",
  } as const;
  for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
    const [prefix, population, outcome] = DEP_OUTCOMES[key];
    // Group each region by the first semester in which its units are exposed.
    const firstExposed = new Map<string, number>();
    const perCell: { region: string; sem: string; c: CellSums }[] = [];
    for (const k of cells.keys()) {
      const [a, r, s] = parts(k);
      if (a !== prefix) continue;
      const c = cells.get(k)!;
      perCell.push({ region: r, sem: s, c });
      if (c.treated > 0) {
        const t = semesterIndex(s);
        firstExposed.set(r, Math.min(firstExposed.get(r) ?? Number.POSITIVE_INFINITY, t));
      }
    }
    const gt = new Map<string, CellSums>();
    let exposedN = 0;
    let exposedEffect = 0;
    let exposedObs = 0;
    let unexposedN = 0;
    let unexposedObs = 0;
    for (const { region, sem, c } of perCell) {
      if (c.treated > 0) {
        exposedN += c.n;
        exposedObs += c.obs;
        exposedEffect += c.y1 - c.y0;
        const g = firstExposed.get(region)!;
        const k = `${g}|${semesterIndex(sem)}`;
        const cur = gt.get(k) ?? { n: 0, obs: 0, y1: 0, y0: 0, treated: 0 };
        cur.n += c.n;
        cur.y1 += c.y1;
        cur.y0 += c.y0;
        gt.set(k, cur);
      } else {
        unexposedN += c.n;
        unexposedObs += c.obs;
      }
    }
    const attgt = [...gt.entries()]
      .map(([k, c]) => {
        const [g, t] = k.split("|").map(Number) as [number, number];
        return { group: g, time: t, att: (c.y1 - c.y0) / c.n, n: c.n };
      })
      .sort((a, b) => a.group - b.group || a.time - b.time);
    const byEvent = new Map<number, { n: number; s: number }>();
    for (const r of attgt) {
      const e = r.time - r.group;
      const cur = byEvent.get(e) ?? { n: 0, s: 0 };
      cur.n += r.n;
      cur.s += r.att * r.n;
      byEvent.set(e, cur);
    }
    const groups: Record<string, number> = {};
    for (const [r, g] of [...firstExposed.entries()].sort()) groups[r] = g;
    const id = `staggered.did.${key}`;
    out[id] = {
      id,
      population: `every region and registration semester; ${population}`,
      treatment:
        "registration on or after the region's deployment date (semester starts; see parameters.rollout)",
      outcome,
      cohortYears: [],
      nTreated: exposedN,
      nControl: unexposedN,
      att: ratio(exposedEffect, exposedN),
      naiveDifference: diff(ratio(exposedObs, exposedN), ratio(unexposedObs, unexposedN)),
      meanTreated: ratio(exposedObs, exposedN),
      meanControl: ratio(unexposedObs, unexposedN),
      selectionBias: null,
      design: {
        periods: "registration semesters, 2017-S1 = 1, 2017-S2 = 2, …, 2024-S1 = 15",
        groupOfRegion: groups,
        attgt,
        dynamic: [...byEvent.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([e, v]) => ({ e, att: v.s / v.n, n: v.n })),
        note: "att is the unit-weighted mean of Y(deployed) − Y(not deployed) over every exposed unit (the 'simple' aggregation weights ATT(g,t) by cell size, which is the same quantity)",
      },
    };
  }
  return out;
}

/** The Languedoc-Roussillon analyses (outbound calls, age-30 threshold). */
export function regionalTruth(cells: Cells): Record<string, AnalysisTruth> {
  const out: Record<string, AnalysisTruth> = {};
  const CALL =
    "at least one outbound PHONE call (Ouscac), all dated from max(registration, activity start) to 75 days later: before the first declaration and its due date, within 6 months for non-filers, within 9 months of the start";
  const decl =
    "on-time first declaration (0/1; due date = terme légal; every late declaration is also after the terme toléré)";
  for (const y of yearsOf(cells, ["lr.decl"])) {
    const id = `lr.outbound.first_declaration.${y}`;
    out[id] = analysis(
      cells,
      { id, population: `LR AE registered in ${y}, not censored`, treatment: CALL, outcome: decl },
      ["lr.decl"],
      [y],
    );
    delete out[id]!.byCohortYear;
    for (const cat of LR_CATEGORIES) {
      const cid = `lr.outbound.first_declaration.${cat}.${y}`;
      out[cid] = analysis(
        cells,
        {
          id: cid,
          population: `LR AE registered in ${y}, not censored; controls = AE never called`,
          treatment: `${CALL}, one of whose calls carries a ${cat} motive (effect of the calls as made, versus no call)`,
          outcome: decl,
        },
        [`lr.decl.${cat}`],
        [y],
        ["lr.decl"],
      );
      delete out[cid]!.byCohortYear;
    }
  }
  for (const y of yearsOf(cells, ["lr.acre"])) {
    const id = `lr.outbound.acre.under26.${y}`;
    out[id] = analysis(
      cells,
      {
        id,
        population: `LR AE aged 25 or less at the activity start, registered in ${y}`,
        treatment: `${CALL} (the ACRE effect only applies to calls within 45 days of the start)`,
        outcome: "ACRE (0/1)",
      },
      ["lr.acre"],
      [y],
    );
    delete out[id]!.byCohortYear;
  }
  const a = cells.sum((k) => parts(k)[0] === "lr.thr" && parts(k)[2] === "A");
  const b = cells.sum((k) => parts(k)[0] === "lr.thr" && parts(k)[2] === "B");
  const itt = (c: CellSums) => ratio(c.y1 - c.y0, c.n);
  const base = twoGroup(a, b);
  out["lr.threshold30.first_declaration"] = {
    id: "lr.threshold30.first_declaration",
    population:
      "LR AE registered in 2018–2019, not censored, aged 28–29 (eligible) versus 30–31 at registration",
    treatment:
      "eligibility to the outbound calls (AE under 30 from April 2018 to February 2022; some over-30 were called anyway)",
    outcome: decl,
    cohortYears: [2018, 2019],
    ...base,
    att: diff(itt(a), itt(b)),
    design: {
      ittEligible: itt(a),
      ittIneligible: itt(b),
      callRateEligible: ratio(a.treated, a.n),
      callRateIneligible: ratio(b.treated, b.n),
      ageGradientBias: base.selectionBias,
      note: "att = effect of the calls among 28–29 minus among 30–31 (both as intention to treat); the naive difference adds the age gradient of the outcome",
    },
  };
  return out;
}
