import { disabledAnalysisFindings, formatReport, loadExtract } from "@parcours-eval/urssaf";
import type { Command } from "commander";
import { writeAtomic } from "../write-atomic.js";

/** `parcours validate DIR [--json OUT]`: validates an Urssaf extract folder. */
export function register(program: Command): void {
  program
    .command("validate")
    .description(
      "Validate an Urssaf extract folder (manifest + CSV/Parquet files): every finding with its code, count and first file:line:column examples. Exit 0 when usable (row errors and warnings are counted), 1 on a fatal error.",
    )
    .argument("<dir>", "dataset folder")
    .option(
      "--json <out>",
      "also write the report as JSON (fields: dataset, usable, scope, extractDate, files, findings, counts, options); findings include one EXTRACT_ANALYSIS_DISABLED per analysis the extract cannot feed",
    )
    .option(
      "--accept-excel-serial-dates",
      "read 5-digit numbers in date columns as Excel serial dates",
    )
    .action(async (dir: string, opts: { json?: string; acceptExcelSerialDates?: boolean }) => {
      const { report: loaded, handle } = await loadExtract(dir, {
        acceptExcelSerialDates: opts.acceptExcelSerialDates === true,
      });
      // The analyses this extract cannot feed, each with its reason (contract §8 #2, #4).
      const disabled = disabledAnalysisFindings(handle);
      await handle.close();
      const report = {
        ...loaded,
        findings: [...loaded.findings, ...disabled],
        counts: { ...loaded.counts, info: loaded.counts.info + disabled.length },
      };
      process.stdout.write(`${formatReport(report)}\n`);
      if (opts.json) {
        writeAtomic(opts.json, `${JSON.stringify(report, null, 2)}\n`);
      }
      process.exitCode = report.usable ? 0 : 1;
    });
}
