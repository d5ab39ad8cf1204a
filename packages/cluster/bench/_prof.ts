import {
  build,
  distinctProfiles,
  gowerDissimilarity,
  pam,
  prepareGower,
  silhouette,
} from "../src/index.js";
import { syntheticPopulation } from "../test/population.js";

const frame = syntheticPopulation(549_000, 2024);
let t = process.cpuUsage().user / 1000;
let tw = performance.now();
const lap = (s: string) => {
  const n = process.cpuUsage().user / 1000;
  const nw = performance.now();
  console.log(s, "cpu", ((n - t) / 1000).toFixed(2), "wall", ((nw - tw) / 1000).toFixed(2));
  t = n;
  tw = nw;
};
const model = prepareGower(frame, ["age", "sex", "naf_div"]);
lap("prepare");
const prof = distinctProfiles(model);
lap("profiles");
const diss = gowerDissimilarity(model, prof.rows);
lap("matrix");
const b = build(diss, 10, prof.weights);
lap("build");
const p = pam(diss, 10, { weights: prof.weights, medoids: b });
lap("swap");
silhouette(diss, p.assignment, 10, prof.weights);
lap("silhouette");
