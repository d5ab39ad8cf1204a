import type { ReportLang } from "@parcours-eval/report";
import type { ExtractHandle } from "@parcours-eval/urssaf";
import type { Localized, StudyPlan } from "../plan/types.js";

/** The loaded extracts a study runs on, by role. */
export interface StudyData {
  national?: ExtractHandle;
  regional?: ExtractHandle;
}

/** Everything an analysis module needs. */
export interface RunContext {
  data: StudyData;
  plan: StudyPlan;
  seed: number;
  lang: ReportLang;
  /** Reports progress (one step done). */
  progress(step: string): void;
}

/** The label in the context's language. */
export function tr(ctx: Pick<RunContext, "lang">, text: Localized): string {
  return text[ctx.lang];
}
