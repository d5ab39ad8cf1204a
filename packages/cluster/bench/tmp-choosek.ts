import { chooseK, kmedoids } from "../src/index.js";
import { syntheticPopulation } from "../test/population.js";

const frame = syntheticPopulation(549_000, 2024);
const vars = ["age", "sex", "naf_div"];
for (const method of ["fasterpam", "pam"] as const) {
  const t0 = performance.now();
  const c = chooseK(frame, { vars, kMin: 4, kMax: 14, method, seed: 1, profiles: "on" });
  console.log(
    method,
    ((performance.now() - t0) / 1000).toFixed(2),
    "s",
    c.bestK,
    c.rows.map((r) => `${r.k}:${r.silhouette.toFixed(3)}`).join(" "),
  );
}
