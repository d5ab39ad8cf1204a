/**
 * Fingerprint of everything the loader produces on one extract folder, to prove that a change
 * (a faster statement, a new fast path) leaves every output identical: the validation report,
 * the `units` table, the row issues, and every enabled analysis cohort (frame and exclusions).
 *
 *   tsx --conditions=source bench/fingerprint.ts DIR
 *
 * Prints one `name sha256` line per output; compare two runs with `diff`.
 */
import { createHash } from "node:crypto";
import type { Column } from "@parcours-eval/core";
import { ANALYSIS_IDS, analysisDisabledReason, buildCohort, loadExtract } from "../src/index.js";

const sha = (x: string | Uint8Array): string => createHash("sha256").update(x).digest("hex");

function columnHash(c: Column): string {
  const h = createHash("sha256").update(c.kind);
  if (c.kind === "numeric") h.update(new Uint8Array(c.values.buffer));
  else if (c.kind === "date") h.update(new Uint8Array(c.days.buffer));
  else h.update(JSON.stringify(c.levels)).update(new Uint8Array(c.codes.buffer));
  return h.digest("hex");
}

const dir = process.argv[2];
if (!dir) throw new Error("usage: fingerprint.ts DIR");
const { report, handle } = await loadExtract(dir);
const { options: _o, ...rest } = report;
console.log("report", sha(JSON.stringify(rest)));
console.log(
  `usable ${report.usable} fatal ${report.counts.fatal} row ${report.counts.row} warn ${report.counts.warn}`,
);
const conn = handle.connection;
const dump = async (sql: string): Promise<string> =>
  sha(JSON.stringify((await conn.runAndReadAll(sql)).getRowsJson()));
if (report.usable) {
  console.log("units", await dump("SELECT * FROM units ORDER BY ALL"));
  for (const v of ["contact_events", "to_events", "to_risk_events"])
    console.log(v, await dump(`SELECT * FROM ${v} ORDER BY ALL`).catch(() => "absent"));
  for (const id of ANALYSIS_IDS) {
    if (analysisDisabledReason(handle, id)) continue;
    const c = await buildCohort(handle, id);
    const cols = c.frame.names.map((n) => `${n}:${columnHash(c.frame.column(n))}`).join(",");
    console.log(`cohort ${id}`, c.nOutput, sha(cols), sha(JSON.stringify(c.exclusions)));
  }
}
console.log("issues", await dump("SELECT * FROM __issues ORDER BY ALL"));
await handle.close();
