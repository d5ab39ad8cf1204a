import {
  buildCohortFrame,
  type CohortResult,
  type CohortSpec,
  writeCohortFile,
} from "@parcours-eval/cohort";
import { ParcoursError } from "@parcours-eval/core";
import { ANALYSIS_IDS, type AnalysisId, type AnalysisParams, analysisSpec } from "./analyses.js";
import { assertUsable, type ExtractHandle } from "./load.js";

/** Why an analysis cannot run on this extract, or undefined when it can (contract §8 #2, #4). */
export function analysisDisabledReason(handle: ExtractHandle, id: AnalysisId): string | undefined {
  const m = handle.manifest;
  const f = handle.files;
  const needContacts = !f.has("contacts") ? "contacts.csv is absent" : undefined;
  const needDecl = !f.has("declarations") ? "declarations.csv is absent" : undefined;
  switch (id) {
    case "N1":
      return needDecl ?? needContacts;
    case "N2":
      return !m?.payments_usable
        ? "the manifest says payments are not usable"
        : !f.has("accounting_entries")
          ? "accounting_entries.csv is absent"
          : needContacts;
    case "N3":
      return needContacts;
    case "MP":
      return undefined;
    default:
      return !m?.contacts_outbound_available
        ? "the extract has no outbound contacts (manifest)"
        : needDecl && id !== "R4"
          ? needDecl
          : needContacts;
  }
}

/**
 * Builds the cohort of an annex-9 analysis (or any cohort spec over the extract's `units`,
 * `contact_events` and `to_events`) as a Frame with its exclusion table. Throws
 * `EXTRACT_NOT_USABLE` after a fatal validation error and `ANALYSIS_DISABLED` when the extract
 * lacks what the analysis needs.
 */
export async function buildCohort(
  handle: ExtractHandle,
  analysis: AnalysisId | CohortSpec,
  params: AnalysisParams = {},
): Promise<CohortResult> {
  assertUsable(handle.report);
  let spec: CohortSpec;
  if (typeof analysis === "string") {
    if (!(ANALYSIS_IDS as readonly string[]).includes(analysis)) {
      throw new ParcoursError("ANALYSIS_UNKNOWN", `unknown analysis "${analysis}"`, {
        hint: `use one of ${ANALYSIS_IDS.join(", ")}`,
      });
    }
    const reason = analysisDisabledReason(handle, analysis);
    if (reason)
      throw new ParcoursError("ANALYSIS_DISABLED", `analysis ${analysis} is disabled: ${reason}`, {
        hint: "see docs/extracts.md for the files each analysis needs",
      });
    spec = analysisSpec(analysis, params);
  } else spec = analysis;
  return buildCohortFrame(handle.connection, spec);
}

/** Writes a built cohort to `.parquet` or `.csv` (atomically). */
export async function writeCohort(
  handle: ExtractHandle,
  cohort: CohortResult,
  path: string,
): Promise<void> {
  await writeCohortFile(handle.connection, cohort, path);
}
