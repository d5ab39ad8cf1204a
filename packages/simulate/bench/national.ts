/**
 * Benchmark: 630 000 national accounts (the 2023 volume of annex 9) written as canonical CSV,
 * then the Languedoc-Roussillon default set. Prints wall time and peak memory (max RSS).
 * Target (issue 5): under 60 s and 2 GB on 2 cores. There is no R peer for a generator of Urssaf
 * extracts, so no R time or ratio is printed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulateNational, simulateRegional } from "../src/index.js";

const accounts = Number(process.env.ACCOUNTS ?? 630_000);
const dir = mkdtempSync(join(tmpdir(), "simulate-bench-"));
try {
  let t = performance.now();
  const n = await simulateNational({ out: join(dir, "national"), accounts, seed: 1 });
  const national = (performance.now() - t) / 1000;
  const rows = Object.values(n.truth.counts.rows).reduce((s, x) => s + x, 0);
  const rssNational = process.resourceUsage().maxRSS / 1024;
  console.log(
    `national: ${accounts} accounts, ${rows} rows in ${national.toFixed(1)} s (${Math.round(rows / national)} rows/s), peak RSS ${rssNational.toFixed(0)} MB`,
  );
  t = performance.now();
  const r = await simulateRegional({ out: join(dir, "regional"), seed: 1 });
  const regional = (performance.now() - t) / 1000;
  console.log(
    `regional (LR default): ${r.truth.counts.accounts} accounts in ${regional.toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  t = performance.now();
  await simulateNational({
    out: join(dir, "national-parquet"),
    accounts,
    seed: 1,
    format: "parquet",
  });
  console.log(
    `national as Parquet: ${((performance.now() - t) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  console.log(
    `target: national CSV < 60 s and < 2048 MB → ${national < 60 && rssNational < 2048 ? "met" : "NOT met"}`,
  );
  console.log("R: no R peer exists for this generator (nothing to compare).");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
