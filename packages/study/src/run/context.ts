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
  /**
   * The typology's partition, set by the typology section for later ones: a DuckDB view
   * `(account_id, cluster)` on the national connection, clusters 1…k (by decreasing size).
   */
  typology?: TypologyAssignment;
}

/** Where the typology's per-account clusters are (see {@link RunContext.typology}). */
export interface TypologyAssignment {
  /** Number of clusters. */
  k: number;
  /** View name on `data.national.connection`: columns `account_id`, `cluster` (1…k). */
  view: string;
  /** Short label of each cluster (index c = cluster c + 1), in the report's language. */
  labels: string[];
}

/** The label in the context's language. */
export function tr(ctx: Pick<RunContext, "lang">, text: Localized): string {
  return text[ctx.lang];
}
