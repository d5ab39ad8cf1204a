/**
 * One timed run of our att_gt on a CSV, in a fresh process (as R runs in its own), printing one
 * JSON line: seconds to read, seconds to estimate, peak RSS, first post-treatment cell.
 */
import { readCsv } from "@parcours-eval/core";
import { attGt } from "../src/index.js";

const csv = process.argv[2]!;
const t0 = performance.now();
const frame = await readCsv(csv);
const t1 = performance.now();
const fit = attGt(frame, { y: "y", t: "t", id: "id", g: "g", estMethod: "reg" });
const t2 = performance.now();
const first = fit.result.attgt.find((r) => r.post)!;
process.stdout.write(
  `${JSON.stringify({
    read: (t1 - t0) / 1000,
    estimate: (t2 - t1) / 1000,
    peakMb: process.resourceUsage().maxRSS / 1024,
    cells: fit.result.attgt.length,
    first,
  })}\n`,
);
