/**
 * Benchmark of the staggered DiD (issue 6): a seeded balanced panel of 200,000 units × 10 periods
 * with 4 cohorts, `reg` estimator with analytic influence-function SEs, against R's
 * did::att_gt on the same CSV in the same run when R and did are installed; without covariates
 * (`~ 1`, the issue's target) and with a time-invariant covariate (`~ x`). Only att_gt is timed
 * on both sides (CSV reading excluded). Wall and CPU seconds, first run and median.
 * Run: npx --yes pnpm@10 --filter @parcours-eval/did bench
 *   (BENCH_UNITS=… to change the size, BENCH_REPEATS=… runs per formula, default 3)
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

// Both sides time att_gt alone: the CSV is read before the timer starts (ours with core's
// readCsv, R's with data.table::fread) and a full garbage collection follows the read on both
// sides, so the ratio compares estimation like for like.
// Each formula is timed `repeats` times in a row on each side: the first run is cold (ours
// compiles its hot loops, R byte-compiles and lazy-loads), the median is the steady speed.
const repeats = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));
const distinct = ["~ 1", "~ x"];
const formulas = distinct.flatMap((f) => Array.from({ length: repeats }, () => f));
const here = fileURLToPath(new URL(".", import.meta.url));
const run = spawnSync(
  process.execPath,
  [
    "--expose-gc",
    "--import",
    "tsx/esm",
    "--conditions=source",
    join(here, "run-ours.ts"),
    csv,
    ...formulas,
  ],
  { encoding: "utf8", maxBuffer: 1 << 24 },
);
if (run.status !== 0) throw new Error(`our run failed: ${run.stderr}`);
interface Cell {
  group: number;
  time: number;
  att: number;
  se: number;
}
const me = JSON.parse(run.stdout.trim().split("\n").pop()!) as {
  read: number;
  runs: { xformla: string; wall: number; cpu: number; cells: number; first: Cell }[];
  peakMb: number;
};

const hasR =
  spawnSync("Rscript", ["-e", "quit(status = !requireNamespace('did', quietly = TRUE))"]).status ===
  0;
let theirs: { wall: number; cpu: number; att: number; se: number }[] = [];
let rVersion = "";
if (hasR) {
  const script = `
suppressPackageStartupMessages(library(did))
d <- data.table::fread("${csv}", data.table = FALSE)
invisible(gc())
for (f in c(${formulas.map((f) => `"${f}"`).join(", ")})) {
  tm <- system.time(o <- att_gt(yname = "y", tname = "t", idname = "id", gname = "g", data = d,
    xformla = as.formula(f), est_method = "reg", bstrap = FALSE, cband = FALSE))
  k <- which(o$group <= o$t)[1]
  cat(sprintf("%.3f %.3f %.10f %.10f %s\\n", tm[["elapsed"]], tm[["user.self"]] + tm[["sys.self"]],
    o$att[k], o$se[k], packageVersion("did")))
}`;
  const lines = execFileSync("Rscript", ["-e", script], { encoding: "utf8", maxBuffer: 1 << 24 })
    .trim()
    .split("\n");
  theirs = lines.map((line) => {
    const f = line.trim().split(/\s+/);
    rVersion = f[4]!;
    return { wall: Number(f[0]), cpu: Number(f[1]), att: Number(f[2]), se: Number(f[3]) };
  });
}

console.log(
  `timing: att_gt alone on both sides, CSV reading excluded (ours read it with core readCsv in ${me.read.toFixed(1)} s; R with data.table::fread, untimed), a full GC after the read on both sides; ${repeats} run(s) per formula, each side in its own process`,
);
const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (v: number[]): string => `${v[0]!.toFixed(2)} / ${median(v).toFixed(2)}`;
distinct.forEach((f, d) => {
  const mine = me.runs.slice(d * repeats, (d + 1) * repeats);
  const R = theirs.slice(d * repeats, (d + 1) * repeats);
  const c = mine[0]!.first;
  console.log(`reg, analytic SEs, xformla ${f} (${mine[0]!.cells} cells) — first run / median:`);
  const oursWall = mine.map((r) => r.wall);
  const oursCpu = mine.map((r) => r.cpu);
  console.log(`  ours: att_gt ${fmt(oursWall)} s wall, ${fmt(oursCpu)} s CPU`);
  console.log(`  ours ATT(${c.group},${c.time}) = ${c.att.toFixed(6)} (se ${c.se.toFixed(6)})`);
  if (R.length === 0) return;
  const rWall = R.map((r) => r.wall);
  const rCpu = R.map((r) => r.cpu);
  console.log(`  R did ${rVersion}: att_gt ${fmt(rWall)} s wall, ${fmt(rCpu)} s CPU`);
  console.log(
    `  R    ATT(${c.group},${c.time}) = ${R[0]!.att.toFixed(6)} (se ${R[0]!.se.toFixed(6)})`,
  );
  const ratio = (a: number[], b: number[]): string =>
    `${(a[0]! / b[0]!).toFixed(1)}× / ${(median(a) / median(b)).toFixed(1)}×`;
  console.log(
    `  ratio R / ours (first / median): ${ratio(rWall, oursWall)} wall, ${ratio(rCpu, oursCpu)} CPU (target ≥ 10×)`,
  );
});
if (!hasR) console.log("R or the did package is not installed: no comparison (ratio unavailable).");
console.log(`peak RSS of our process: ${me.peakMb.toFixed(0)} MB (limit 2048)`);
rmSync(dir, { recursive: true, force: true });
