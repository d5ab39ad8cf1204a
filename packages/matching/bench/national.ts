/**
 * Matching benchmark on a seeded national-shape data set (550,000 accounts, ~45,000 contacted):
 * the study's pipeline (logit propensity score, 1:1 nearest neighbour without replacement,
 * caliper 0.5 SD, balance table, ATT with pair-clustered SE) against MatchIt + summary() +
 * vcovCL in R on the same CSV, in the same run when R and MatchIt >= 4.5.4 are installed.
 * Usage: pnpm --filter @parcours-eval/matching bench [-- --rows N --seed S --no-r]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCsv } from "@parcours-eval/core";
import { evaluateMatching } from "../src/index.js";
import { writeNationalCsv } from "./nationalData.js";

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const rows = arg("rows", 550_000);
const seed = arg("seed", 20240611);
const runR = !argv.includes("--no-r");

const dir = join(tmpdir(), "parcours-bench-matching");
mkdirSync(dir, { recursive: true });
const csv = join(dir, `national-${rows}-${seed}.csv`);
const { treated } = await writeNationalCsv(csv, { n: rows, seed });
console.log(`data: ${rows} rows, ${treated} treated, ${csv}`);

const formula = "treat ~ region + naf + sex + age + month";
const t0 = performance.now();
const frame = await readCsv(csv);
// readCsv resolves while its parser stream (and the raw text columns its listeners hold) is
// still referenced; one event-loop turn lets it go. Without this, every full GC of the timed
// pipeline marks ~80 MB of dead strings, which a real run (that awaits anything) never sees.
await new Promise((resolve) => setImmediate(resolve));
const t1 = performance.now();
const c1 = process.cpuUsage();
const result = evaluateMatching(frame, { formula, outcome: "on_time", caliper: 0.5 });
const cpu = process.cpuUsage(c1);
const t2 = performance.now();
const ours = (t2 - t1) / 1000;
const oursCpu = (cpu.user + cpu.system) / 1e6;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const e = result.effect!;
console.log(`ours: read CSV ${((t1 - t0) / 1000).toFixed(2)} s (not in the comparison)`);
console.log(
  `ours: score + matching + balance + effect ${ours.toFixed(2)} s wall, ${oursCpu.toFixed(2)} s CPU; peak RSS ${maxRssMb.toFixed(0)} MB (whole process)`,
);
console.log(
  `ours: matched ${result.match.matchedTreated} treated / ${result.match.matchedControl} controls, ATT ${e.estimate.toFixed(6)} (SE ${e.se.toFixed(6)}, ${e.vcov})`,
);

if (!runR) process.exit(0);
const check = spawnSync("Rscript", [
  "-e",
  'quit(status = as.integer(!requireNamespace("MatchIt", quietly = TRUE) || packageVersion("MatchIt") < "4.5.4"))',
]);
if (check.status !== 0) {
  console.log(
    "R: skipped (Rscript or MatchIt >= 4.5.4 not available; set R_LIBS to a library that has it)",
  );
  process.exit(0);
}
const here = dirname(fileURLToPath(import.meta.url));
const pairsFile = join(dir, "r-pairs.csv");
const r = spawnSync(
  "/usr/bin/time",
  ["-f", "R_MAXRSS_KB %M", "Rscript", join(here, "matchit_national.R"), csv, pairsFile],
  {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  },
);
const text = `${r.stdout}\n${r.stderr}`;
const seconds = Number(/R_SECONDS ([\d.]+)/.exec(text)?.[1]);
const rReadSeconds = Number(/R_READ_SECONDS ([\d.]+)/.exec(text)?.[1]);
const rCpu = Number(/R_CPU_PIPELINE ([\d.]+)/.exec(text)?.[1]);
const rssKb = Number(/R_MAXRSS_KB (\d+)/.exec(text)?.[1]);
if (!Number.isFinite(seconds)) {
  console.log(`R: failed\n${text.slice(-2000)}`);
  process.exit(1);
}
const rAtt = /R_ATT (\S+) (\S+)/.exec(text);
console.log(/R_VERSIONS (.*)/.exec(text)?.[1] ?? "");
console.log(
  `R:    read.csv ${rReadSeconds.toFixed(2)} s (not in the comparison); matchit + summary + lm + vcovCL ${seconds.toFixed(2)} s wall, ${rCpu.toFixed(2)} s CPU; peak RSS ${(rssKb / 1024).toFixed(0)} MB`,
);
console.log(`R:    ATT ${Number(rAtt?.[1]).toFixed(6)} (SE ${Number(rAtt?.[2]).toFixed(6)})`);
console.log(
  `ratio: ${(seconds / ours).toFixed(1)}x faster (wall clock), ${(rCpu / oursCpu).toFixed(1)}x (CPU time)`,
);

// Same matched set? Compare each treated unit's control.
const rPairs = new Map<number, number>();
for (const line of readFileSync(pairsFile, "utf8").trim().split("\n").slice(1)) {
  const [t, c] = line.split(",");
  if (c !== "" && c !== undefined) rPairs.set(Number(t), Number(c));
}
let same = 0;
let different = 0;
const ourPairs = new Map(result.match.matchedSets.map((s) => [s.treated, s.controls[0]!]));
for (const [t, c] of ourPairs) {
  if (rPairs.get(t) === c) same++;
  else different++;
}
const onlyR = [...rPairs.keys()].filter((t) => !ourPairs.has(t)).length;
console.log(
  `matched sets: ${same} identical pairs, ${different} differ, ${onlyR} treated matched by R only -> ${different === 0 && onlyR === 0 ? "IDENTICAL" : "NOT identical"}`,
);
