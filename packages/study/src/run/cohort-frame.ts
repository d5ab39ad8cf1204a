import type { CohortResult, CohortSpec } from "@parcours-eval/cohort";
import { type Frame, ParcoursError } from "@parcours-eval/core";
import { type AnalysisId, type AnalysisParams, buildCohort } from "@parcours-eval/urssaf";
import { laterContactsSpec, taxationOfficeSpec } from "../plan/journey-specs.js";
import type { DatasetRole, RowFilter, StudyCohortId } from "../plan/types.js";
import type { RunContext } from "./context.js";

/** A cohort ready for an estimator, with every exclusion counted by reason. */
export interface AnalysisCohort {
  frame: Frame;
  excluded: Record<string, number>;
}

/** Why an analysis cannot run, carried as an error so callers can report it and go on. */
export class AnalysisDisabled extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "AnalysisDisabled";
  }
}

function cellKey(frame: Frame, column: string): (i: number) => string | number | null {
  const col = frame.column(column);
  if (col.kind === "categorical")
    return (i) => (col.codes[i]! < 0 ? null : col.levels[col.codes[i]!]!);
  const v = frame.numeric(column);
  return (i) => (Number.isNaN(v[i]!) ? null : v[i]!);
}

/** Applies row filters, counting the rows each one removes under `FILTER_<COLUMN>`. */
export function applyFilters(
  frame: Frame,
  filters: readonly RowFilter[] | undefined,
  excluded: Record<string, number>,
): Frame {
  let out = frame;
  for (const f of filters ?? []) {
    const allowed = new Set(f.in.map((v) => String(v)));
    const key = cellKey(out, f.column);
    const mask = new Uint8Array(out.nRows);
    let dropped = 0;
    for (let i = 0; i < out.nRows; i++) {
      const v = key(i);
      mask[i] = v !== null && allowed.has(String(v)) ? 1 : 0;
      if (!mask[i]) dropped++;
    }
    if (dropped) excluded[`FILTER_${f.column.toUpperCase()}`] = dropped;
    out = out.filter(mask);
  }
  return out;
}

/** Exclusions of a built cohort, by code (codes repeated across columns are summed). */
export function cohortExclusions(cohort: CohortResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of cohort.exclusions)
    if (e.excluded > 0) out[e.code] = (out[e.code] ?? 0) + e.excluded;
  return out;
}

/**
 * Builds an analysis cohort from one of the study's extracts: the urssaf cohort (annex-9 id or a
 * spec), then the plan's row filters. A missing extract or an analysis the extract cannot
 * support (contract §8 #2) becomes {@link AnalysisDisabled}.
 */
export async function analysisCohort(
  ctx: RunContext,
  dataset: DatasetRole,
  cohort: AnalysisId | StudyCohortId | CohortSpec,
  params: AnalysisParams,
  filters?: readonly RowFilter[],
): Promise<AnalysisCohort> {
  const handle = ctx.data[dataset];
  if (!handle) throw new AnalysisDisabled(`no ${dataset} extract was given`);
  let built: CohortResult;
  try {
    const extractDate = handle.manifest?.extract_date ?? "";
    const year = params.cohortYears?.[0] ?? ctx.plan.studyYear;
    const spec =
      cohort === "TO12"
        ? taxationOfficeSpec(year, extractDate)
        : cohort === "LATER_CONTACTS"
          ? laterContactsSpec(year, extractDate)
          : cohort;
    built = await buildCohort(handle, spec, params);
  } catch (error) {
    if (error instanceof ParcoursError && error.code === "ANALYSIS_DISABLED")
      throw new AnalysisDisabled(error.message);
    throw error;
  }
  const excluded = cohortExclusions(built);
  return { frame: applyFilters(built.frame, filters, excluded), excluded };
}
