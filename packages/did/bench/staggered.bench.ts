/**
 * Benchmark of the staggered DiD (issue 6): a seeded balanced panel of 200,000 units × 10 periods
 * with 4 cohorts, `reg` estimator with analytic influence-function SEs, against R's
 * did::att_gt on the same CSV in the same run when R and did are installed.
 * Run: npx --yes pnpm@10 --filter @parcours-eval/did bench   (BENCH_UNITS=… to change the size)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { simulateStaggeredPanel } from "../src/index.js";

const units = Number(process.env.BENCH_UNITS ?? 200_000);
const periods = 10;
const dir = mkdtempSync(join(tmpdir(), "did-bench-"));
const csv = join(dir, "panel.csv");

const sim = simulateStaggeredPanel({
  units,
  periods,
  cohorts: [3, 5, 7, 9],
  effect: (e, g) => 0.1 * (e + 1) + 0.01 * g,
  seed: 2024,
  neverShare: 0.4,
});
{
  const cols = ["id", "t", "g", "y", "x"];
  const v = cols.map((c) => sim.numeric(c));
  const lines: string[] = [cols.join(",")];
  for (let i = 0; i < sim.nRows; i++) lines.push(v.map((a) => String(a[i])).join(","));
  writeFileSync(csv, `${lines.join("\n")}\n`);
}
console.log(
  `panel: ${units} units × ${periods} periods (${sim.nRows} rows), 4 cohorts; CSV ${csv}`,
);

// Our run in a fresh process, like R's: the CSV is read there, then att_gt is timed.
const here = fileURLToPath(new URL(".", import.meta.url));
const run = spawnSync(
  process.execPath,
  ["--import", "tsx/esm", "--conditions=source", join(here, "run-ours.ts"), csv],
  {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  },
);
if (run.status !== 0) throw new Error(`our run failed: ${run.stderr}`);
const me = JSON.parse(run.stdout.trim().split("\n").pop()!) as {
  read: number;
  estimate: number;
  peakMb: number;
  cells: number;
  first: { group: number; time: number; att: number; se: number };
};
const ours = me.estimate;
console.log(
  `ours: read ${me.read.toFixed(2)} s, att_gt ${ours.toFixed(2)} s (${me.cells} cells), peak RSS ${me.peakMb.toFixed(0)} MB (limit 2048)`,
);
console.log(
  `  ATT(${me.first.group},${me.first.time}) = ${me.first.att.toFixed(6)} (se ${me.first.se.toFixed(6)})`,
);

const hasR =
  spawnSync("Rscript", ["-e", "quit(status = !requireNamespace('did', quietly = TRUE))"]).status ===
  0;
if (!hasR) {
  console.log("R or the did package is not installed: no comparison (ratio unavailable).");
} else {
  const script = `
suppressPackageStartupMessages(library(did))
d <- data.table::fread("${csv}", data.table = FALSE)
tm <- system.time(o <- att_gt(yname = "y", tname = "t", idname = "id", gname = "g", data = d,
  est_method = "reg", bstrap = FALSE, cband = FALSE))
k <- which(o$group <= o$t)[1]
cat(sprintf("%.3f %.10f %.10f %s\\n", tm[["elapsed"]], o$att[k], o$se[k], packageVersion("did")))`;
  const out = execFileSync("Rscript", ["-e", script], { encoding: "utf8", maxBuffer: 1 << 24 })
    .trim()
    .split(/\s+/);
  const rTime = Number(out[0]);
  console.log(
    `R did ${out[3]}: att_gt ${rTime.toFixed(2)} s; ATT = ${Number(out[1]).toFixed(6)} (se ${Number(out[2]).toFixed(6)})`,
  );
  console.log(`ratio R / ours: ${(rTime / ours).toFixed(1)}×`);
}
rmSync(dir, { recursive: true, force: true });
