import { readCsv } from "@parcours-eval/core";
import { attGt } from "./src/index.js";

const f = await readCsv(process.env.CSV!);
console.log(
  "heap after read MB",
  process.memoryUsage().heapUsed / 1e6,
  "rss",
  process.memoryUsage().rss / 1e6,
);
(globalThis as any).gc?.();
console.log(
  "heap after gc MB",
  process.memoryUsage().heapUsed / 1e6,
  "rss",
  process.memoryUsage().rss / 1e6,
);
for (let r = 0; r < 2; r++) {
  const t1 = performance.now();
  attGt(f, { y: "y", t: "t", id: "id", g: "g", estMethod: "reg" });
  console.log("csv att_gt s", (performance.now() - t1) / 1000);
}
