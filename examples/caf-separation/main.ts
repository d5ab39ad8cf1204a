/**
 * The CAF « séparation » journey end to end: generate a seeded synthetic extract of the caisse's
 * tables, evaluate it, and compare with the truth the generator planted.
 *
 * Run: `npx tsx --conditions=source examples/caf-separation/main.ts [output-folder]`
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMain } from "../paths.js";
import { evaluateSeparation, type SeparationEvaluation } from "./evaluate.js";
import { writeSeparationExtract } from "./extract-files.js";
import { generateSeparationExtract, type SeparationExtract } from "./generate.js";

/** Generates the extract (seeded) into `dir`, or a new temporary folder, and evaluates it. */
export async function runSeparation(
  seed: number | string = 1,
  dir?: string,
): Promise<{ dir: string; truth: SeparationExtract["truth"]; evaluation: SeparationEvaluation }> {
  const out = dir ?? (await mkdtemp(join(tmpdir(), "caf-separation-")));
  const extract = generateSeparationExtract({ seed });
  await writeSeparationExtract(out, extract);
  return { dir: out, truth: extract.truth, evaluation: await evaluateSeparation(out) };
}

if (isMain(import.meta.url)) {
  const { dir, truth, evaluation: e } = await runSeparation(1, process.argv[2]);
  const show = (label: string, est: number, lo: number, hi: number, t: number) =>
    console.log(
      `${label.padEnd(34)} ${est.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]  truth ${t.toFixed(3)}`,
    );
  console.log(`extract in ${dir}`);
  console.log(
    `cohort: ${e.cohort.nOutput} of ${e.cohort.nInput} separations, ${e.cohort.nTreated} with a rendez-vous within 30 days`,
  );
  for (const x of e.cohort.exclusions)
    console.log(`  excluded ${String(x.excluded).padStart(5)}  ${x.label}`);
  console.log(
    `naive differences: take-up ${e.matching.naiveTakeUp.toFixed(3)}, contacts ${e.matching.naiveContacts.toFixed(3)}`,
  );
  const m = e.matching;
  show(
    "matching: take-up within 6 months",
    m.takeUp.estimate,
    m.takeUp.ciLower,
    m.takeUp.ciUpper,
    truth.attTakeUp,
  );
  show(
    "matching: repeated contacts",
    m.contacts.estimate,
    m.contacts.ciLower,
    m.contacts.ciUpper,
    truth.attContacts,
  );
  const d = e.did;
  show(
    "DiD deployment: take-up",
    d.takeUp.att!,
    d.takeUp.ciLower!,
    d.takeUp.ciUpper!,
    truth.deploymentTakeUp,
  );
  show(
    "DiD deployment: repeated contacts",
    d.contacts.att!,
    d.contacts.ciLower!,
    d.contacts.ciUpper!,
    truth.deploymentContacts,
  );
}
