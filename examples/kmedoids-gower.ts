/**
 * A typology by k-medoids on the Gower distance, the method of annex 9 (§64) for mixed data:
 * 2,000 synthetic people described by age, income (40 missing), sex, activity code (25 missing),
 * an ordered size class and an asymmetric "online" flag. PAM (BUILD + SWAP, as `cluster::pam`) on
 * the daisy-style Gower distance, with silhouettes to judge the number of groups.
 *
 * Run: `npx tsx --conditions=source examples/kmedoids-gower.ts`
 */
import { type KMedoidsResult, kmedoids } from "@parcours-eval/cluster";
import { readCsv } from "@parcours-eval/core";
import { fixture, isMain } from "./paths.js";

/** Clusters `fixtures/reference/cluster/mixed2000.csv` into `k` groups (default 10). */
export async function kmedoidsGower(k = 10): Promise<KMedoidsResult> {
  const frame = await readCsv(fixture("reference/cluster/mixed2000.csv"), {
    categorical: ["sex", "naf", "size"],
    // An ordered variable needs its levels in order; the others sort alphabetically.
    levels: { size: ["small", "medium", "large"] },
  });
  return kmedoids(frame, {
    vars: ["age", "income", "sex", "naf", "size", "online"],
    k,
    method: "pam",
    // daisy(type = list(asymm = "online")) with `size` an ordered factor.
    types: { size: "ordered", online: "asymm" },
  });
}

if (isMain(import.meta.url)) {
  const r = await kmedoidsGower();
  console.log(
    `k = ${r.k}: average distance to the medoid ${r.objective.toFixed(4)}, silhouette ${r.silhouette?.toFixed(3)}`,
  );
  console.log(`cluster sizes ${r.sizes.join(", ")}`);
  console.log(`medoids (rows) ${r.medoids.join(", ")}`);
}
