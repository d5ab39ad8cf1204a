/**
 * Evaluate a folder of Urssaf extracts in twenty lines, through the public API (what
 * `parcours evaluate --data DIR` does): validate the extract, build the annex-9 cohorts, match,
 * estimate, test robustness, and write report.html, results.json and tables/*.csv.
 * Here the folder is a small synthetic national extract, so the estimate can meet the truth.
 *
 * Run: `npx tsx --conditions=source examples/urssaf-folder.ts [output-folder]`
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulateNational } from "@parcours-eval/simulate";
import { type EvaluateOutput, evaluate } from "@parcours-eval/study";
import { isMain } from "./paths.js";

/** Simulates an extract of `accounts` accounts, then evaluates it into `out`. */
export async function evaluateFolder(
  out: string,
  accounts = 40_000,
): Promise<{
  output: EvaluateOutput;
  truth: Awaited<ReturnType<typeof simulateNational>>["truth"];
}> {
  const work = await mkdtemp(join(tmpdir(), "parcours-extract-"));
  // With a real extract, skip this line and pass its folder below.
  const { dataset, truth } = await simulateNational({
    out: join(work, "national"),
    accounts,
    seed: 1,
  });
  const output = await evaluate({ data: [dataset], out, seed: 1, lang: "en" });
  return { output, truth };
}

if (isMain(import.meta.url)) {
  const out = process.argv[2] ?? (await mkdtemp(join(tmpdir(), "parcours-evaluation-")));
  const { output, truth } = await evaluateFolder(out);
  for (const a of output.results.analyses) {
    const t = truth.analyses[a.id]?.att;
    const ci = a.ciLower === null ? "" : `[${a.ciLower.toFixed(3)}, ${a.ciUpper!.toFixed(3)}]`;
    console.log(
      `${a.id.padEnd(40)} ${a.estimate?.toFixed(3) ?? a.disabled} ${ci}${t === undefined || t === null ? "" : `  truth ${t.toFixed(3)}`}`,
    );
  }
  console.log(`wrote ${output.files.length} files to ${output.out}`);
}
