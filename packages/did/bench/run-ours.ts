/**
 * Timed runs of our att_gt on a CSV, in a fresh process (as R runs in its own). The CSV is read
 * once (reported, not compared: R's side reads with fread outside its timer too), then att_gt is
 * timed for each covariate formula given, in order. Prints one JSON line: read seconds, then per
 * formula the wall and CPU seconds of att_gt alone and its first post-treatment cell; peak RSS.
 * Usage: node --expose-gc … run-ours.ts FILE.csv [XFORMLA ...]   (default "~ 1")
 */
import { readCsv } from "@parcours-eval/core";
import { attGt } from "../src/index.js";

const csv = process.argv[2]!;
const formulas = process.argv.length > 3 ? process.argv.slice(3) : ["~ 1"];
const t0 = performance.now();
const frame = await readCsv(csv);
const read = (performance.now() - t0) / 1000;
// Like R's side (gc() after fread): let the reader's stream close and collect what the read left
// behind, so the timed att_gt does not pay for garbage of the CSV parser (~300 MB of strings).
await new Promise((resolve) => setTimeout(resolve, 100));
(globalThis as { gc?: () => void }).gc?.();
const runs = formulas.map((xformla) => {
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const fit = attGt(frame, { y: "y", t: "t", id: "id", g: "g", estMethod: "reg", xformla });
  const cpu = process.cpuUsage(c1);
  const wall = (performance.now() - t1) / 1000;
  const first = fit.result.attgt.find((r) => r.post)!;
  return {
    xformla,
    wall,
    cpu: (cpu.user + cpu.system) / 1e6,
    cells: fit.result.attgt.length,
    first: { group: first.group, time: first.time, att: first.att, se: first.se },
  };
});
process.stdout.write(
  `${JSON.stringify({ read, runs, peakMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
