import type { ReportSection } from "@parcours-eval/report";
import type { AnalysisResult } from "../results.js";
import type { RunContext } from "../run/context.js";

/** What one part of the study produces: its report section and its analyses for results.json. */
export interface SectionOutput {
  section: ReportSection;
  results: AnalysisResult[];
}

/**
 * Builds one part of the study (data, descriptives, typology, national matching…). Sections run
 * in report order; each may read the results of the sections before it (e.g. robustness).
 */
export type SectionBuilder = (
  ctx: RunContext,
  earlier: readonly AnalysisResult[],
) => Promise<SectionOutput>;
