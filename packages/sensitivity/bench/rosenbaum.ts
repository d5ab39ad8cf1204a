// Benchmark: Rosenbaum bounds on large matched designs, ours vs R sensitivitymv::senmv and
// rbounds::psens on the same CSV in the same run (when R and the peers are installed; put them on
// R_LIBS). Run: npx --yes pnpm@10 --filter @parcours-eval/sensitivity bench
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng } from "@parcours-eval/core";
import { mTestAt, signedRankBounds } from "../src/index.js";

const nSets = 100_000;
const rng = createRng(2024);
const sets: number[][] = [];
for (let i = 0; i < nSets; i++) {
  const base = rng.normal();
  sets.push([base + 0.3 + rng.normal(), base + rng.normal(), base + rng.normal()]);
}
const dir = mkdtempSync(join(tmpdir(), "sens-bench-"));
const csv = join(dir, "sets.csv");
writeFileSync(csv, `t,c1,c2\n${sets.map((s) => s.join(",")).join("\n")}\n`);

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

const ours = time(() => mTestAt(sets, 1.5));
const pairDiffs = sets.map((s) => s[0]! - s[1]!);
const oursSr = time(() => signedRankBounds(pairDiffs, { gammas: [1, 1.5, 2, 2.5, 3] }));
console.log(
  `senmv-type M-test, ${nSets} 1:2 sets, Γ = 1.5: ours ${ours.ms.toFixed(0)} ms (p = ${ours.value.pValue.toExponential(4)})`,
);
console.log(
  `signed-rank bounds, ${nSets} pairs, 5 Γ + critical Γ: ours ${oursSr.ms.toFixed(0)} ms`,
);

const rCode = `
suppressPackageStartupMessages({ library(sensitivitymv); library(rbounds) })
d <- as.matrix(read.csv("${csv}"))
t0 <- Sys.time(); r <- senmv(d, gamma = 1.5); t1 <- Sys.time()
t2 <- Sys.time(); s <- psens(d[, 1], d[, 2], Gamma = 3, GammaInc = 0.5); t3 <- Sys.time()
cat(as.numeric(t1 - t0, units = "secs") * 1000, r$pval, as.numeric(t3 - t2, units = "secs") * 1000, "\\n")
`;
try {
  const out = execFileSync("Rscript", ["-e", rCode], { encoding: "utf8" }).trim().split(/\s+/);
  const [rMs, rP, rSr] = out.map(Number) as [number, number, number];
  console.log(
    `R senmv: ${rMs.toFixed(0)} ms (p = ${rP.toExponential(4)}); ratio R/ours = ${(rMs / ours.ms).toFixed(1)}`,
  );
  console.log(
    `R rbounds::psens (Γ 1..3 by 0.5): ${rSr.toFixed(0)} ms; ratio R/ours = ${(rSr / oursSr.ms).toFixed(1)}`,
  );
} catch {
  console.log("R, sensitivitymv or rbounds not available: R timings skipped");
}
