import { ParcoursError } from "@parcours-eval/core";
import {
  ANALYSIS_IDS,
  type AnalysisId,
  buildCohort,
  formatReport,
  loadExtract,
  writeCohort,
} from "@parcours-eval/urssaf";
import type { Command } from "commander";
import { writeAtomic } from "../write-atomic.js";

/** `parcours cohort DIR --analysis N1 --out FILE.parquet|csv`: builds an annex-9 cohort. */
export function register(program: Command): void {
  program
    .command("cohort")
    .description(
      "Build the cohort of an annex-9 analysis (one row per account: treatment, outcome, covariates) from an Urssaf extract folder.",
    )
    .argument("<dir>", "dataset folder")
    .requiredOption("--analysis <id>", `analysis: ${ANALYSIS_IDS.join(", ")}`)
    .requiredOption("--out <file>", "output file, .parquet or .csv")
    .option("--years <list>", "registration years kept, comma-separated (e.g. 2023)")
    .option("--exclusions <json>", "also write the exclusion table as JSON")
    .action(
      async (
        dir: string,
        opts: { analysis: string; out: string; years?: string; exclusions?: string },
      ) => {
        if (!(ANALYSIS_IDS as readonly string[]).includes(opts.analysis)) {
          throw new ParcoursError("ANALYSIS_UNKNOWN", `unknown analysis "${opts.analysis}"`, {
            hint: `use one of ${ANALYSIS_IDS.join(", ")}`,
          });
        }
        const { report, handle } = await loadExtract(dir);
        try {
          if (!report.usable) {
            process.stderr.write(`${formatReport(report)}\n`);
            process.exitCode = 1;
            return;
          }
          const years = opts.years?.split(",").map((y) => Number(y.trim()));
          const cohort = await buildCohort(
            handle,
            opts.analysis as AnalysisId,
            years ? { cohortYears: years } : {},
          );
          await writeCohort(handle, cohort, opts.out);
          if (opts.exclusions) {
            writeAtomic(
              opts.exclusions,
              `${JSON.stringify({ analysis: opts.analysis, nInput: cohort.nInput, nOutput: cohort.nOutput, nTreated: cohort.nTreated, nControl: cohort.nControl, exclusions: cohort.exclusions }, null, 2)}\n`,
            );
          }
          const lines = cohort.exclusions
            .filter((e) => e.excluded > 0)
            .map(
              (e) =>
                `  ${e.code}${e.column ? ` (${e.column})` : ""}: ${e.excluded} excluded, ${e.remaining} remaining`,
            );
          process.stdout.write(
            `${opts.analysis}: ${cohort.nInput} accounts → ${cohort.nOutput} in the cohort (${cohort.nTreated ?? 0} treated, ${cohort.nControl ?? 0} control)\n${lines.join("\n")}\nwritten ${opts.out}\n`,
          );
        } finally {
          await handle.close();
        }
      },
    );
}
