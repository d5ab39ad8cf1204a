import {
  buildCohortFrame,
  type CohortResult,
  type CohortSpec,
  writeCohortFile,
} from "@parcours-eval/cohort";
import { ParcoursError } from "@parcours-eval/core";
import { ANALYSIS_IDS, type AnalysisId, type AnalysisParams, analysisSpec } from "./analyses.js";
import type { ExtractFileName } from "./contract.js";
import type { Finding } from "./findings.js";
import { assertUsable, type ExtractHandle } from "./load.js";

/** True when the report says that an optional column of a present file is absent (§8 #4). */
function columnAbsent(handle: ExtractHandle, file: ExtractFileName, column: string): boolean {
  return handle.report.findings.some(
    (f) =>
      f.code === "EXTRACT_OPTIONAL_COLUMN_MISSING" &&
      f.column === column &&
      f.file?.toLowerCase().replace(/\.[a-z]+$/, "") === file,
  );
}

/** Why an analysis cannot run on this extract, or undefined when it can (contract §8 #2, #4). */
export function analysisDisabledReason(handle: ExtractHandle, id: AnalysisId): string | undefined {
  const m = handle.manifest;
  const f = handle.files;
  const needContacts = !f.has("contacts") ? "contacts.csv is absent" : undefined;
  const needDecl = !f.has("declarations") ? "declarations.csv is absent" : undefined;
  // ACRE outcomes (N3, R4) are all false without the column: never run them on empty data.
  const needAcre = columnAbsent(handle, "accounts", "acre_start_date")
    ? "accounts.csv has no acre_start_date column (the ACRE outcome cannot be observed)"
    : undefined;
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
      return needContacts ?? needAcre;
    case "MP":
      return undefined;
    default: {
      if (!m?.contacts_outbound_available) return "the extract has no outbound contacts (manifest)";
      if (id === "R4") return needContacts ?? needAcre;
      if (needDecl ?? needContacts) return needDecl ?? needContacts;
      // R3: the motive category comes from the column or from lr_motive_map (§3.5, §3.8).
      if (
        id !== "R2" &&
        columnAbsent(handle, "contacts", "motive_category") &&
        !f.has("lr_motive_map")
      )
        return "contacts.csv has no motive_category column and lr_motive_map.csv is absent";
      return undefined;
    }
  }
}

/**
 * One info finding `EXTRACT_ANALYSIS_DISABLED` per annex-9 analysis that cannot run on this
 * extract, with its reason (contract §8 #2, #4), for the validation report a user reads. None
 * when the extract is unusable (then nothing runs at all).
 */
export function disabledAnalysisFindings(handle: ExtractHandle): Finding[] {
  if (!handle.report.usable) return [];
  return ANALYSIS_IDS.flatMap((id) => {
    const reason = analysisDisabledReason(handle, id);
    return reason
      ? [
          {
            code: "EXTRACT_ANALYSIS_DISABLED",
            severity: "info" as const,
            count: 1,
            message: `analysis ${id} is disabled: ${reason}`,
            examples: [],
          },
        ]
      : [];
  });
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
