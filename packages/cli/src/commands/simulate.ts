import { ParcoursError } from "@parcours-eval/core";
import { simulateNational, simulateRegional } from "@parcours-eval/simulate";
import type { Command } from "commander";
import { createProgress } from "../progress.js";

interface SimulateCliOptions {
  scope: string;
  accounts?: string;
  seed: string;
  out: string;
  effects?: string;
  format: string;
  from?: string;
  to?: string;
  extractDate?: string;
  force?: boolean;
}

/** `parcours simulate`: writes a synthetic Urssaf extract with known true effects. */
export function register(program: Command): void {
  program
    .command("simulate")
    .description(
      "Write a synthetic Urssaf extract (manifest + contract files) whose true effects are known, and <out>.truth.json beside it (sample ATTs, naive differences, before/after and DiD truths, counts, parameters).",
    )
    .requiredOption(
      "--scope <scope>",
      "national (21 regions, 2017–2024) or regional (Languedoc-Roussillon with outbound calls)",
    )
    .option("--accounts <n>", "number of accounts (national 630000, regional 164602)")
    .option("--seed <s>", "seed: same seed and options give byte-identical files", "1")
    .requiredOption("--out <dir>", "dataset folder to create (must not exist unless --force)")
    .option("--effects <file>", "JSON file overriding the true effects (see docs/simulate.md)")
    .option("--format <format>", "csv or parquet", "csv")
    .option("--from <date>", "first registration date YYYY-MM-DD")
    .option("--to <date>", "last registration date YYYY-MM-DD")
    .option("--extract-date <date>", "extract date YYYY-MM-DD")
    .option("--force", "replace an existing output folder and truth file")
    .action(async (opts: SimulateCliOptions) => {
      if (opts.scope !== "national" && opts.scope !== "regional") {
        throw new ParcoursError(
          "SIMULATE_BAD_OPTION",
          `option "--scope": unknown scope "${opts.scope}"`,
          {
            value: opts.scope,
            hint: "national or regional",
          },
        );
      }
      let accounts: number | undefined;
      if (opts.accounts !== undefined) {
        accounts = Number(opts.accounts.replace(/[_\s]/g, ""));
        if (!Number.isInteger(accounts)) {
          throw new ParcoursError("SIMULATE_BAD_OPTION", `option "--accounts": not an integer`, {
            value: opts.accounts,
            hint: "e.g. --accounts 630000",
          });
        }
      }
      const progress = createProgress();
      const started = performance.now();
      const run = opts.scope === "national" ? simulateNational : simulateRegional;
      const result = await run({
        out: opts.out,
        accounts,
        seed: /^-?\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed,
        format: opts.format as "csv" | "parquet",
        effects: opts.effects,
        registrationFrom: opts.from,
        registrationTo: opts.to,
        extractDate: opts.extractDate,
        overwrite: opts.force === true,
        onProgress: (done, total) => progress(`simulate ${opts.scope}`, done, total),
      });
      progress.stop();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const rows = Object.entries(result.truth.counts.rows)
        .map(([f, n]) => `${f} ${n}`)
        .join(", ");
      process.stdout.write(
        `${result.truth.counts.accounts} accounts written to ${result.dataset} in ${seconds} s (${rows})\ntruth: ${result.truthPath}\n`,
      );
    });
}
