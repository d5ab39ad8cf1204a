import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ParcoursError } from "@parcours-eval/core";
import { defaultStudyPlan, evaluate, type StudyPlan } from "@parcours-eval/study";
import type { Command } from "commander";
import { createProgress } from "../progress.js";

async function readPlan(path: string): Promise<StudyPlan> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ParcoursError("EVALUATE_PLAN_UNREADABLE", `cannot read the plan ${path}`, {
      file: path,
      cause,
    });
  }
  try {
    return JSON.parse(text) as StudyPlan;
  } catch (cause) {
    const m = /position (\d+)/.exec(String(cause));
    const pos = m ? Number(m[1]) : undefined;
    const line = pos === undefined ? undefined : text.slice(0, pos).split("\n").length;
    throw new ParcoursError(
      "EVALUATE_PLAN_NOT_JSON",
      `the plan is not valid JSON: ${(cause as Error).message}`,
      {
        file: path,
        ...(line !== undefined ? { line } : {}),
        hint: "print the default plan with `parcours evaluate --print-plan` and edit it",
      },
    );
  }
}

/** `parcours evaluate`: the whole annex-9 study in one command. */
export function register(program: Command): void {
  program
    .command("evaluate")
    .description(
      "Run the whole study (annex 9 redone) on Urssaf extracts — or, with no --data, on the built-in synthetic national and Languedoc-Roussillon extracts — and write report.html, results.json and tables/*.csv.",
    )
    .option(
      "--data <dir...>",
      "extract folders (one national and/or one regional; told apart by their manifest)",
    )
    .option(
      "--out <dir>",
      "output folder (replaced only when the new output is complete)",
      "parcours-report",
    )
    .option("--plan <file>", "study plan (JSON; see --print-plan)")
    .option("--seed <n>", "seed of every random step and of the synthetic data", "1")
    .option("--lang <lang>", "language of the report: fr or en", "fr")
    .option("--accounts <n>", "national accounts of the synthetic extract (no --data)", "630000")
    .option("--json", "print results.json to stdout when done")
    .option("--print-plan", "print the default study plan as JSON and exit")
    .action(
      async (opts: {
        data?: string[];
        out: string;
        plan?: string;
        seed: string;
        lang: string;
        accounts: string;
        json?: boolean;
        printPlan?: boolean;
      }) => {
        if (opts.printPlan) {
          process.stdout.write(`${JSON.stringify(defaultStudyPlan, null, 2)}\n`);
          return;
        }
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed)) {
          throw new ParcoursError(
            "EVALUATE_BAD_OPTION",
            `--seed must be an integer, got "${opts.seed}"`,
          );
        }
        if (opts.lang !== "fr" && opts.lang !== "en") {
          throw new ParcoursError(
            "EVALUATE_BAD_OPTION",
            `--lang must be fr or en, got "${opts.lang}"`,
          );
        }
        const accounts = Number(opts.accounts);
        if (!Number.isInteger(accounts) || accounts < 1000) {
          throw new ParcoursError(
            "EVALUATE_BAD_OPTION",
            `--accounts must be an integer ≥ 1000, got "${opts.accounts}"`,
          );
        }
        const progress = createProgress();
        try {
          const result = await evaluate({
            ...(opts.data ? { data: opts.data } : {}),
            out: opts.out,
            ...(opts.plan ? { plan: await readPlan(opts.plan) } : {}),
            seed,
            lang: opts.lang,
            syntheticSizes: { national: accounts },
            onProgress: progress,
          });
          progress.stop();
          const report = join(result.out, "report.html");
          process.stderr.write(`report: ${report}\nresults: ${join(result.out, "results.json")}\n`);
          if (opts.json) process.stdout.write(`${JSON.stringify(result.results, null, 2)}\n`);
        } finally {
          progress.stop();
        }
      },
    );
}
