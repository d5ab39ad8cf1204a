import { readFile } from "node:fs/promises";
import { dayNumber } from "@parcours-eval/core";
import type { FindingList } from "./findings.js";

/** The dataset manifest (contract §3.1). */
export interface Manifest {
  contract_version: string;
  scope: "national" | "regional";
  producer: string;
  urssaf_region?: string;
  extract_date: string;
  registration_from: string;
  registration_to: string;
  regions_first_year?: Record<string, number>;
  contacts_inbound_completeness: "complete" | "partial" | "none";
  contacts_outbound_available: boolean;
  payments_usable: boolean;
  naf_version: string;
  amount_sign_convention: "magnitude" | "signed";
  anonymisation_scope: string;
  files?: Record<string, { rows?: number; sha256?: string }>;
}

const REQUIRED: readonly (keyof Manifest)[] = [
  "contract_version",
  "scope",
  "producer",
  "extract_date",
  "registration_from",
  "registration_to",
  "contacts_inbound_completeness",
  "contacts_outbound_available",
  "payments_usable",
  "naf_version",
  "amount_sign_convention",
  "anonymisation_scope",
];
/** A calendar date written YYYY-MM-DD (2024-02-30 is not one). */
const isIsoDate = (v: unknown): v is string => typeof v === "string" && !Number.isNaN(dayNumber(v));

/** Reads and checks manifest.json; records a fatal finding and returns undefined when unusable. */
export async function readManifest(
  path: string,
  findings: FindingList,
): Promise<Manifest | undefined> {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    findings.add({
      code: "EXTRACT_BAD_MANIFEST",
      file: "manifest.json",
      message: `manifest.json is not valid JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
  if (typeof m !== "object" || m === null || Array.isArray(m)) {
    findings.add({
      code: "EXTRACT_BAD_MANIFEST",
      file: "manifest.json",
      message: "manifest.json must hold a JSON object",
    });
    return undefined;
  }
  const problems: string[] = REQUIRED.filter((k) => m[k] === undefined || m[k] === null).map(
    (k) => `missing key "${k}"`,
  );
  const dates = ["extract_date", "registration_from", "registration_to"] as const;
  for (const k of dates)
    if (m[k] !== undefined && m[k] !== null && !isIsoDate(m[k]))
      problems.push(`"${k}" must be a date YYYY-MM-DD`);
  if (
    isIsoDate(m.registration_from) &&
    isIsoDate(m.registration_to) &&
    m.registration_from > m.registration_to
  )
    problems.push(`"registration_from" must not be after "registration_to"`);
  // A string "false" would read as true: booleans must be JSON booleans.
  for (const k of ["contacts_outbound_available", "payments_usable"] as const)
    if (m[k] !== undefined && m[k] !== null && typeof m[k] !== "boolean")
      problems.push(`"${k}" must be true or false`);
  if (
    m.contacts_inbound_completeness !== undefined &&
    m.contacts_inbound_completeness !== null &&
    !["complete", "partial", "none"].includes(m.contacts_inbound_completeness as string)
  )
    problems.push(`"contacts_inbound_completeness" must be complete, partial or none`);
  if (m.scope !== undefined && m.scope !== "national" && m.scope !== "regional")
    problems.push(`"scope" must be national or regional`);
  if (
    m.amount_sign_convention !== undefined &&
    m.amount_sign_convention !== "magnitude" &&
    m.amount_sign_convention !== "signed"
  )
    problems.push(`"amount_sign_convention" must be magnitude or signed`);
  if (m.scope === "regional" && m.urssaf_region === undefined)
    problems.push(`missing key "urssaf_region" (required when scope is regional)`);
  for (const p of problems) {
    const key = p.match(/"([^"]+)"/)?.[1] ?? "";
    const v = m[key];
    findings.add({
      code: "EXTRACT_BAD_MANIFEST",
      file: "manifest.json",
      column: key,
      message: p,
      // The offending value as written (a key's value only, never the whole manifest).
      ...(v !== undefined && v !== null && typeof v !== "object"
        ? { examples: [{ column: key, value: String(v).slice(0, 80) }] }
        : {}),
    });
  }
  return problems.length ? undefined : (m as unknown as Manifest);
}
