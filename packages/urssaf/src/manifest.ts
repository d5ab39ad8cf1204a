import { readFile } from "node:fs/promises";
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
const ISO = /^\d{4}-\d{2}-\d{2}$/;

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
  const problems: string[] = REQUIRED.filter((k) => m[k] === undefined || m[k] === null).map(
    (k) => `missing key "${k}"`,
  );
  for (const k of ["extract_date", "registration_from", "registration_to"] as const)
    if (typeof m[k] === "string" && !ISO.test(m[k] as string))
      problems.push(`"${k}" must be a date YYYY-MM-DD`);
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
  for (const p of problems)
    findings.add({
      code: "EXTRACT_BAD_MANIFEST",
      file: "manifest.json",
      column: p.match(/"([^"]+)"/)?.[1] ?? "",
      message: p,
    });
  return problems.length ? undefined : (m as unknown as Manifest);
}
