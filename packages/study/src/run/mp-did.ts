import { type Frame, numericColumn, twoProportionTest } from "@parcours-eval/core";
import { type Did2x2Result, did2x2 } from "@parcours-eval/did";
import type { Localized } from "../plan/types.js";
import { type AnalysisResult, pendingResult } from "../results.js";
import { AnalysisDisabled, analysisCohort } from "./cohort-frame.js";
import { type RunContext, tr } from "./context.js";
import { MP_OUTCOMES, type MpOutcome, mpDidFrame } from "./did-cohorts.js";
import type { DidSettings } from "./did-settings.js";
import { type RegionRollout, semesterNumber } from "./rollout.js";

/** The region, year and placebo year of the Midi-Pyrénées design (annex 9 §114–117). */
export const MP_REGION = "MIDI_PYRENEES";
export const MP_YEAR = 2023;
export const MP_PLACEBO_YEAR = 2022;

/** Outcome names for titles and populations. */
export const MP_OUTCOME_LABELS: Record<MpOutcome, { title: Localized; population: Localized }> = {
  first_declaration: {
    title: {
      fr: "première déclaration dans les délais (AE)",
      en: "on-time first declaration (AE)",
    },
    population: {
      fr: "AE dont la première échéance est passée",
      en: "AE whose first due date has passed",
    },
  },
  first_payment: {
    title: { fr: "premier versement conforme", en: "first payment conforme" },
    population: {
      fr: "AE et TI au réel avec une première échéance due et passée",
      en: "AE and TI au réel with a first échéance due and passed",
    },
  },
  acre: {
    title: { fr: "ACRE (moins de 26 ans)", en: "ACRE (under 26)" },
    population: {
      fr: "créateurs de 25 ans au plus au début d'activité",
      en: "creators aged 25 or less at activity start",
    },
  },
};

/** Semester means of one group of regions, for the chart. */
export interface SemesterMean {
  outcome: MpOutcome;
  group: "mp" | "others";
  year: number;
  semester: number;
  n: number;
  mean: number;
}

/** The three designs of one outcome, and the semester means behind them. */
export interface MpOutcomeRun {
  beforeAfter: AnalysisResult;
  did: AnalysisResult;
  didOthers: AnalysisResult;
  means: SemesterMean[];
}

/** Regions not deployed in the study year under the timing rule: the comparison regions. */
export function comparisonRegions(rollout: readonly RegionRollout[]): string[] {
  const s1 = semesterNumber(MP_YEAR, 1);
  const s2 = semesterNumber(MP_YEAR, 2);
  return rollout
    .filter((r) => r.region !== MP_REGION && (r.group === null || r.group < s1 || r.group > s2))
    .map((r) => r.region);
}

function blank(
  ctx: RunContext,
  id: string,
  design: AnalysisResult["design"],
  outcome: MpOutcome,
  title: Localized,
  population: Localized,
): AnalysisResult {
  return pendingResult({
    id,
    title: tr(ctx, title),
    design,
    population: tr(ctx, population),
    outcome: MP_OUTCOMES[outcome].column,
  });
}

/** Successes and trials of a 0/1 outcome among rows where `keep` holds. */
function tally(frame: Frame, outcome: string, keep: (i: number) => boolean): [number, number] {
  const y = frame.numeric(outcome);
  let x = 0;
  let n = 0;
  for (let i = 0; i < frame.nRows; i++) {
    if (!keep(i) || Number.isNaN(y[i]!)) continue;
    x += y[i]!;
    n++;
  }
  return [x, n];
}

/** The study's before/after: H2 versus H1 registrations of the study year, two-proportion Wald. */
async function beforeAfter(ctx: RunContext, outcome: MpOutcome): Promise<AnalysisResult> {
  const L = MP_OUTCOME_LABELS[outcome];
  const r = blank(
    ctx,
    `mp.before_after.${outcome}`,
    "before_after",
    outcome,
    {
      fr: `Midi-Pyrénées, avant/après juillet ${MP_YEAR} : ${L.title.fr}`,
      en: `Midi-Pyrénées, before/after July ${MP_YEAR}: ${L.title.en}`,
    },
    {
      fr: `Midi-Pyrénées, ${L.population.fr} ; immatriculés au 2e semestre ${MP_YEAR} (après) contre 1er semestre (avant)`,
      en: `Midi-Pyrénées, ${L.population.en}; registered in H2 ${MP_YEAR} (after) versus H1 (before)`,
    },
  );
  const { frame, excluded } = await analysisCohort(ctx, "national", "MP", {
    mpOutcome: MP_OUTCOMES[outcome].mpOutcome,
    cohortYears: [MP_YEAR],
  });
  const col = MP_OUTCOMES[outcome].column;
  const s2 = frame.numeric("treated");
  const [x1, n1] = tally(frame, col, (i) => s2[i] === 1);
  const [x0, n0] = tally(frame, col, (i) => s2[i] === 0);
  r.excluded = excluded;
  r.nTreated = n1;
  r.nControl = n0;
  if (n1 === 0 || n0 === 0) {
    r.disabled = `no ${n1 === 0 ? "second" : "first"}-semester registrations in the population`;
    return r;
  }
  const p = twoProportionTest(x1, n1, x0, n0);
  Object.assign(r, {
    estimate: p.difference,
    se: p.se,
    ciLower: p.ciLower,
    ciUpper: p.ciUpper,
    pValue: p.pValue,
    naiveEstimate: p.difference,
    meanTreated: p.p1,
    meanControl: p.p2,
    variance: "two-proportion: unpooled Wald CI, pooled z test (prop.test, no correction)",
    details: { z: p.z, afterMean: p.p1, beforeMean: p.p2 },
  });
  r.warnings.push(
    "a before/after comparison mixes the journey's effect with the secular trend and the season",
  );
  return r;
}

function fill(r: AnalysisResult, d: Did2x2Result): void {
  Object.assign(r, {
    estimate: d.estimate,
    se: d.se,
    ciLower: d.ciLower,
    ciUpper: d.ciUpper,
    pValue: d.pValue,
    variance: d.variance,
    meanTreated: d.means.treated.post,
    meanControl: d.means.treated.pre,
  });
  r.warnings.push(...d.warnings);
  if (d.counts.rowsExcluded) r.excluded.MISSING_OUTCOME = d.counts.rowsExcluded;
}

/**
 * Midi-Pyrénées, one outcome: the study's before/after (`mp.before_after.*`), the DiD with the
 * previous year as seasonal placebo (`mp.did.*`: (MP 2023 H2 − H1) − (MP 2022 H2 − H1), HC1 SEs)
 * and the DiD against regions not deployed in 2023 (`mp.did.*.other_regions`: CR1 by region and
 * the restricted wild cluster bootstrap, Webb weights, seeded).
 */
export async function runMpOutcome(
  ctx: RunContext,
  outcome: MpOutcome,
  rollout: readonly RegionRollout[],
  settings: DidSettings,
): Promise<MpOutcomeRun> {
  const L = MP_OUTCOME_LABELS[outcome];
  const col = MP_OUTCOMES[outcome].column;
  const did = blank(
    ctx,
    `mp.did.${outcome}`,
    "did",
    outcome,
    {
      fr: `Midi-Pyrénées, différence de différences (placebo ${MP_PLACEBO_YEAR}) : ${L.title.fr}`,
      en: `Midi-Pyrénées, difference-in-differences (${MP_PLACEBO_YEAR} placebo): ${L.title.en}`,
    },
    {
      fr: `Midi-Pyrénées, ${L.population.fr} ; 2e contre 1er semestre d'immatriculation, ${MP_YEAR} contre ${MP_PLACEBO_YEAR}`,
      en: `Midi-Pyrénées, ${L.population.en}; H2 versus H1 registrations, ${MP_YEAR} versus ${MP_PLACEBO_YEAR}`,
    },
  );
  const others = blank(
    ctx,
    `mp.did.${outcome}.other_regions`,
    "did",
    outcome,
    {
      fr: `Midi-Pyrénées contre régions non déployées en ${MP_YEAR} : ${L.title.fr}`,
      en: `Midi-Pyrénées versus regions not deployed in ${MP_YEAR}: ${L.title.en}`,
    },
    {
      fr: `${L.population.fr} ; Midi-Pyrénées contre les régions non déployées en ${MP_YEAR}, 2e contre 1er semestre ${MP_YEAR}`,
      en: `${L.population.en}; Midi-Pyrénées versus regions not deployed in ${MP_YEAR}, H2 versus H1 ${MP_YEAR}`,
    },
  );
  const ba = await beforeAfter(ctx, outcome);
  const comparison = comparisonRegions(rollout);
  const mpGroup = rollout.find((r) => r.region === MP_REGION)?.group ?? null;
  if (mpGroup !== semesterNumber(MP_YEAR, 2)) {
    const w = `the timing rule does not deploy Midi-Pyrénées in H2 ${MP_YEAR}: the design follows the study's July ${MP_YEAR} date`;
    for (const r of [did, others]) r.warnings.push(w);
  }
  const { frame, excluded } = await mpDidFrame(
    ctx,
    outcome,
    [MP_REGION, ...comparison],
    [MP_PLACEBO_YEAR, MP_YEAR],
  );
  const region = frame.column("urssaf_region");
  if (region.kind !== "categorical") throw new Error("urssaf_region must be categorical");
  const mpCode = region.levels.indexOf(MP_REGION);
  const year = frame.numeric("cohort_year");
  const s2 = frame.numeric("treated");
  const isMp = (i: number) => region.codes[i] === mpCode;
  const means: SemesterMean[] = [];
  for (const y of [MP_PLACEBO_YEAR, MP_YEAR]) {
    for (const s of [1, 2]) {
      for (const group of ["mp", "others"] as const) {
        const [x, n] = tally(
          frame,
          col,
          (i) => year[i] === y && s2[i] === s - 1 && isMp(i) === (group === "mp"),
        );
        if (n > 0) means.push({ outcome, group, year: y, semester: s, n, mean: x / n });
      }
    }
  }
  // Placebo year: MP only, treated = the study year, post = H2.
  const mpFrame = frame
    .withColumn("did__year", numericColumn(Float64Array.from(year, (v) => (v === MP_YEAR ? 1 : 0))))
    .filter(Uint8Array.from({ length: frame.nRows }, (_, i) => (isMp(i) ? 1 : 0)));
  did.excluded = { ...excluded };
  did.excluded.NOT_MIDI_PYRENEES = frame.nRows - mpFrame.nRows;
  try {
    const d = did2x2(mpFrame, { y: col, treated: "did__year", post: "treated" });
    fill(did, d);
    did.naiveEstimate = ba.estimate;
    const y2023 = mpFrame.numeric("did__year").reduce((a, v) => a + v, 0);
    did.nTreated = y2023;
    did.nControl = mpFrame.nRows - y2023;
    did.details = {
      means: d.means,
      placeboDifference: d.means.control.post - d.means.control.pre,
      beforeAfter: ba.estimate,
      estimand: `(MP ${MP_YEAR} H2 − H1) − (MP ${MP_PLACEBO_YEAR} H2 − H1)`,
      counts: d.counts,
      df: d.df,
    };
  } catch (error) {
    did.disabled = (error as Error).message;
  }
  // Other regions, study year: treated = MP, post = H2, clustered by region.
  const yearFrame = frame
    .withColumn("did__mp", numericColumn(Float64Array.from(year, (_, i) => (isMp(i) ? 1 : 0))))
    .filter(Uint8Array.from(year, (v) => (v === MP_YEAR ? 1 : 0)));
  others.excluded = { ...excluded, OUTSIDE_STUDY_YEAR: frame.nRows - yearFrame.nRows };
  if (comparison.length === 0) {
    others.disabled = `no region is left undeployed in ${MP_YEAR} under the timing rule`;
  } else {
    try {
      const d = did2x2(yearFrame, {
        y: col,
        treated: "did__mp",
        post: "treated",
        cluster: "urssaf_region",
        ...(settings.wildDraws > 0
          ? { wildBootstrap: { draws: settings.wildDraws, weights: "webb", seed: ctx.seed } }
          : {}),
      });
      fill(others, d);
      // Account-level SEs beside: with one treated cluster CR1 is biased downwards.
      const hc1 = did2x2(yearFrame, { y: col, treated: "did__mp", post: "treated" });
      others.naiveEstimate = ba.estimate;
      const mpRows = yearFrame.numeric("did__mp").reduce((a, v) => a + v, 0);
      others.nTreated = mpRows;
      others.nControl = d.counts.rowsUsed - mpRows;
      others.details = {
        means: d.means,
        comparisonRegions: comparison,
        clusters: d.counts.clusters,
        df: d.df,
        wildBootstrap: d.wild,
        hc1: { se: hc1.se, ciLower: hc1.ciLower, ciUpper: hc1.ciUpper, pValue: hc1.pValue },
        estimand: `(MP H2 − H1) − (other regions H2 − H1), ${MP_YEAR}`,
        counts: d.counts,
      };
      others.warnings.push(
        "one treated cluster: the cluster-robust SE is biased downwards and the wild bootstrap conservative (MacKinnon & Webb 2017); account-level HC1 SEs are in details.hc1; read this design as a check of the placebo-year one",
      );
    } catch (error) {
      others.disabled = (error as Error).message;
    }
  }
  return { beforeAfter: ba, did, didOthers: others, means };
}

/** Runs {@link runMpOutcome}, turning a missing extract or unusable data into disabled results. */
export async function runMpOutcomeSafe(
  ctx: RunContext,
  outcome: MpOutcome,
  rollout: readonly RegionRollout[],
  settings: DidSettings,
): Promise<MpOutcomeRun> {
  try {
    if (
      outcome === "first_payment" &&
      ctx.data.national &&
      !ctx.data.national.manifest?.payments_usable
    )
      throw new AnalysisDisabled("the manifest says payments are not usable");
    return await runMpOutcome(ctx, outcome, rollout, settings);
  } catch (error) {
    if (!(error instanceof AnalysisDisabled)) throw error;
    const make = (id: string, design: AnalysisResult["design"]): AnalysisResult => {
      const r = blank(
        ctx,
        id,
        design,
        outcome,
        { fr: id, en: id },
        MP_OUTCOME_LABELS[outcome].population,
      );
      r.disabled = error.reason;
      return r;
    };
    return {
      beforeAfter: make(`mp.before_after.${outcome}`, "before_after"),
      did: make(`mp.did.${outcome}`, "did"),
      didOthers: make(`mp.did.${outcome}.other_regions`, "did"),
      means: [],
    };
  }
}
