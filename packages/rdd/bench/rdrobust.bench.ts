// Benchmark: rdrobust default call (mserd, triangular, nn variance) on 630,000 synthetic rows,
// against R rdrobust on the same CSV in the same run when R and the package are installed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng, readCsv } from "@parcours-eval/core";
import { rd } from "../src/index.js";

const N = Number(process.env.RDD_BENCH_N ?? 630_000);
const dir = mkdtempSync(join(tmpdir(), "rdd-bench-"));
const csv = join(dir, "rd.csv");

// Age in days between 20 and 40 years (a discrete running variable with ~7,300 mass points),
// cutoff 30 years, smooth trend and a 0.05 jump in a 0/1 outcome.
const rng = createRng(2024);
const lines = ["x,y"];
for (let i = 0; i < N; i++) {
  const days = 20 * 365 + rng.int(20 * 365);
  const age = days / 365;
  const prob = 0.5 + 0.01 * (age - 30) + (age >= 30 ? 0.05 : 0);
  lines.push(`${age},${rng.bernoulli(prob)}`);
}
writeFileSync(csv, `${lines.join("\n")}\n`);

const frame = await readCsv(csv);
const t0 = performance.now();
const r = rd(frame, { y: "y", x: "x", c: 30 });
const ours = (performance.now() - t0) / 1000;
console.log(`rows: ${N}`);
console.log(
  `ours: ${ours.toFixed(2)} s  (h = ${r.h.left.toFixed(4)}, robust coef = ${r.robust.coef.toFixed(5)}, se = ${r.robust.se.toFixed(5)})`,
);

let rTime: number | undefined;
try {
  const script = [
    "suppressPackageStartupMessages(library(rdrobust))",
    `d <- read.csv("${csv}")`,
    "t <- system.time(f <- rdrobust(d$y, d$x, c = 30))[['elapsed']]",
    "cat(t, f$bws[1, 1], f$coef[3, 1], f$se[3, 1], '\\n')",
  ].join("; ");
  const out = execFileSync("Rscript", ["-e", script], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [t, h, coef, se] = out.trim().split(/\s+/).map(Number);
  rTime = t;
  console.log(
    `R rdrobust: ${t!.toFixed(2)} s  (h = ${h!.toFixed(4)}, robust coef = ${coef!.toFixed(5)}, se = ${se!.toFixed(5)})`,
  );
} catch {
  console.log("R rdrobust: not available (install R and rdrobust to compare)");
}
if (rTime !== undefined) console.log(`ratio ours / R: ${(ours / rTime).toFixed(2)}`);
