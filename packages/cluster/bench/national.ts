/**
 * Benchmark: exact k = 10 k-medoids (PAM on weighted distinct profiles) of a synthetic
 * 549,000-account population (age in years, sex, NAF division), against R cluster::pam on a
 * 10,000-row sample (what the study did, annex 9 note 418) run on the same CSV in the same run.
 * Run: npx --yes pnpm@10 --filter @parcours-eval/cluster bench
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng } from "@parcours-eval/core";
import { kmedoids } from "../src/index.js";
import { syntheticPopulation } from "../test/population.js";

const N = 549_000;
const K = 10;
const vars = ["age", "sex", "naf_div"];

const frame = syntheticPopulation(N, 2024);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const res = kmedoids(frame, { vars, k: K, method: "pam", profiles: "on" });
const ours = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const oursCpu = (cpu.user + cpu.system) / 1e6;
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `ours: exact PAM k=${K} on ${N} accounts (${res.profiles.count} distinct profiles): ${ours.toFixed(2)} s wall, ${oursCpu.toFixed(2)} s CPU, peak RSS ${rssMb.toFixed(0)} MB`,
);
console.log(
  `  objective ${res.objective.toFixed(6)} (build ${res.objectiveBuild!.toFixed(6)}), swaps ${res.swaps}, silhouette ${res.silhouette!.toFixed(4)}`,
);
console.log(`  sizes ${res.sizes.join(", ")}`);
console.log(
  `  budget: ${ours < 10 ? "OK" : "OVER"} (< 10 s), ${rssMb < 1024 ? "OK" : "OVER"} (< 1 GB)`,
);

function hasR(): boolean {
  try {
    execFileSync("Rscript", ["-e", "library(cluster)"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

if (process.env.BENCH_SKIP_R === "1") {
  console.log("BENCH_SKIP_R=1: R timing skipped");
} else if (!hasR()) {
  console.log("R or cluster not installed: R timing skipped");
} else {
  const dir = mkdtempSync(join(tmpdir(), "cluster-bench-"));
  try {
    // The study's approach: a 10,000-account sample, Gower matrix, pam().
    const rng = createRng(7);
    const idx = rng.shuffle(Int32Array.from({ length: N }, (_, i) => i)).slice(0, 10_000);
    const lines = ["age,sex,naf_div"];
    for (const i of idx) {
      const r = frame.row(i);
      lines.push(`${r.age},${r.sex},${r.naf_div}`);
    }
    const csv = join(dir, "sample.csv");
    writeFileSync(csv, `${lines.join("\n")}\n`);
    const script = `suppressPackageStartupMessages(library(cluster))
x <- read.csv("${csv}", stringsAsFactors = TRUE)
t <- system.time({ d <- daisy(x, metric = "gower"); p <- pam(d, ${K}) })[["elapsed"]]
cat(t, p$objective[["swap"]], "\\n")`;
    const tR0 = performance.now();
    const out = execFileSync("Rscript", ["-e", script], { encoding: "utf8" }).trim().split(/\s+/);
    const wall = (performance.now() - tR0) / 1000;
    const rTime = Number(out[0]);
    console.log(
      `R: cluster::pam k=${K} on a 10,000-row sample (daisy + pam): ${rTime.toFixed(2)} s (${wall.toFixed(2)} s with start-up), objective ${Number(out[1]).toFixed(6)}`,
    );
    console.log(
      `ratio ours(549,000 rows, exact) / R(10,000-row sample): ${(ours / rTime).toFixed(3)} (R is ${(rTime / ours).toFixed(1)}× slower on 55× fewer rows)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
