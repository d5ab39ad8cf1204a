import type { Frame } from "@parcours-eval/core";
import { evaluateMatching, type MatchingEvaluation } from "@parcours-eval/matching";
import { heterogeneity } from "@parcours-eval/sensitivity";
import type { MatchingAnalysisPlan, MatchingSettings } from "../plan/types.js";
import { type AnalysisResult, pendingResult } from "../results.js";
import { AnalysisDisabled, analysisCohort } from "./cohort-frame.js";
import { type RunContext, tr } from "./context.js";
import { matchingRobustness } from "./matching-robustness.js";

/** A matching analysis' result plus what the report shows of it. */
export interface MatchingOutcome {
  result: AnalysisResult;
  /** The full evaluation (balance, matched sets), absent when disabled. */
  evaluation?: MatchingEvaluation;
}

const TREATMENT = "treated";

/** Settings of the plan's defaults overridden by an analysis (and a variant). */
export function resolveSettings(
  defaults: MatchingSettings,
  ...overrides: (Partial<MatchingSettings> | undefined)[]
): MatchingSettings {
  return Object.assign(
    {},
    defaults,
    ...overrides.filter((o) => o !== undefined),
  ) as MatchingSettings;
}

function emptyResult(ctx: RunContext, plan: MatchingAnalysisPlan, id: string): AnalysisResult {
  return pendingResult({
    id,
    title: tr(ctx, plan.title),
    design: "matching",
    population: tr(ctx, plan.population),
    outcome: plan.outcome,
  });
}

/** Compact balance rows for results.json and the report. */
function balanceDetails(ev: MatchingEvaluation): Record<string, unknown>[] {
  return ev.match.balance.map((b) => ({
    term: b.term,
    before: {
      meanTreated: b.before.meanTreated,
      meanControl: b.before.meanControl,
      smd: b.before.smd,
    },
    after: { meanTreated: b.after.meanTreated, meanControl: b.after.meanControl, smd: b.after.smd },
    flagged: b.flagged,
  }));
}

function runOne(
  ctx: RunContext,
  plan: MatchingAnalysisPlan,
  id: string,
  frame: Frame,
  cohortExcluded: Record<string, number>,
  settings: MatchingSettings,
): MatchingOutcome {
  const result = emptyResult(ctx, plan, id);
  const formula = `${TREATMENT} ~ ${settings.covariates.join(" + ")}`;
  const ev = evaluateMatching(frame, {
    formula,
    outcome: plan.outcome,
    caliper: settings.caliper,
    stdCaliper: true,
    ratio: settings.ratio,
    replace: settings.replace,
    mOrder: settings.mOrder,
    seed: ctx.seed,
    na: "drop",
    ...(settings.exact?.length ? { exact: settings.exact } : {}),
  });
  const m = ev.match;
  const excluded = { ...cohortExcluded };
  if (m.nDroppedMissing)
    excluded.MISSING_COVARIATE = (excluded.MISSING_COVARIATE ?? 0) + m.nDroppedMissing;
  const unmatchedTreated = m.nTreated - m.matchedTreated;
  if (unmatchedTreated) excluded.UNMATCHED_TREATED = unmatchedTreated;
  const effect = ev.effect;
  Object.assign(result, {
    estimate: effect?.estimate ?? null,
    se: effect?.se ?? null,
    ciLower: effect?.ciLower ?? null,
    ciUpper: effect?.ciUpper ?? null,
    pValue: effect?.pValue ?? null,
    naiveEstimate: Number.isFinite(ev.naiveDifference) ? ev.naiveDifference : null,
    nTreated: m.matchedTreated,
    nControl: m.matchedControl,
    excluded,
    warnings: [...ev.warnings],
    variance: effect
      ? `${effect.method}; ${effect.vcov === "HC3" ? "HC3" : "cluster-robust by matched pair (sandwich::vcovCL, HC1)"}`
      : undefined,
    meanTreated: effect?.meanTreated ?? null,
    meanControl: effect?.meanControl ?? null,
  });
  const robust = matchingRobustness(frame, ev, plan.outcome);
  if (robust) {
    result.sensitivity = robust.sensitivity;
    result.mde = robust.mde;
    result.warnings.push(...robust.warnings);
  }
  result.details = {
    formula,
    settings,
    nAnalysed: { treated: m.nTreated, control: m.nControl },
    caliper: m.caliper,
    sampleSizes: m.sampleSizes,
    twoProportion: ev.twoProportion,
    balance: balanceDetails(ev),
  };
  return { result, evaluation: ev };
}

/** Adds matching weights and subclasses as columns, for subgroup analyses on matched data. */
function withMatch(frame: Frame, ev: MatchingEvaluation): Frame {
  const subclass = new Float64Array(frame.nRows);
  for (let i = 0; i < frame.nRows; i++) subclass[i] = ev.match.subclass[i]! || Number.NaN;
  return frame
    .withColumn("__weight", { kind: "numeric", values: ev.match.weights })
    .withColumn("__subclass", { kind: "numeric", values: subclass });
}

/**
 * Runs one matched analysis of the plan, and its `.study_spec` variant when the plan has one:
 * cohort → propensity-score matching → ATT with a pair-clustered SE, naive difference, the
 * study's two-proportion test, hidden-bias sensitivity, MDE and subgroup effects.
 */
export async function runMatchingAnalysis(
  ctx: RunContext,
  plan: MatchingAnalysisPlan,
): Promise<MatchingOutcome[]> {
  const settings = resolveSettings(ctx.plan.matchingDefaults, plan.matching);
  let cohort: Awaited<ReturnType<typeof analysisCohort>>;
  try {
    cohort = await analysisCohort(
      ctx,
      plan.dataset,
      plan.cohort,
      { cohortYears: [ctx.plan.studyYear], ...plan.params },
      plan.filters,
    );
  } catch (error) {
    if (!(error instanceof AnalysisDisabled)) throw error;
    const ids = plan.studySpec ? [plan.id, `${plan.id}.study_spec`] : [plan.id];
    return ids.map((id) => ({
      result: { ...emptyResult(ctx, plan, id), disabled: error.reason, warnings: [error.reason] },
    }));
  }
  const main = runOne(ctx, plan, plan.id, cohort.frame, cohort.excluded, settings);
  if (main.evaluation && plan.subgroups?.length) {
    const matched = withMatch(cohort.frame, main.evaluation);
    main.result.details!.heterogeneity = plan.subgroups.map((subgroup) =>
      heterogeneity(matched, {
        treatment: TREATMENT,
        outcome: plan.outcome,
        subgroup,
        weights: "__weight",
        ...(settings.replace ? {} : { cluster: "__subclass" }),
      }),
    );
  }
  const out = [main];
  if (plan.studySpec) {
    const variant = resolveSettings(ctx.plan.matchingDefaults, plan.matching, plan.studySpec);
    const v = runOne(ctx, plan, `${plan.id}.study_spec`, cohort.frame, cohort.excluded, variant);
    v.result.title = `${v.result.title} — ${ctx.lang === "fr" ? "spécification de l'étude" : "study's specification"}`;
    out.push(v);
  }
  return out;
}
