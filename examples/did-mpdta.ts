/**
 * Staggered difference-in-differences on `did::mpdta` (teen employment in 500 US counties,
 * 2003–2007, minimum-wage rises in 2004, 2006 and 2007): Callaway & Sant'Anna (2021) group-time
 * ATTs with the doubly robust estimator, never-treated counties as controls, log population as
 * covariate, then the overall ATT and the event study.
 *
 * Run: `npx tsx --conditions=source examples/did-mpdta.ts`
 */
import { readCsv } from "@parcours-eval/core";
import { type StaggeredDidResult, staggeredDid } from "@parcours-eval/did";
import { fixture, isMain } from "./paths.js";

/** `att_gt(yname = "lemp", tname = "year", idname = "countyreal", gname = "first.treat",
 * xformla = ~ lpop, est_method = "dr")` followed by every `aggte()`. */
export async function didMpdta(): Promise<StaggeredDidResult> {
  const frame = await readCsv(fixture("data/mpdta.csv"));
  return staggeredDid(frame, {
    y: "lemp",
    t: "year",
    id: "countyreal",
    g: "first.treat", // 0 = never treated
    xformla: "~ lpop",
    estMethod: "dr",
    controlGroup: "nevertreated",
  });
}

if (isMain(import.meta.url)) {
  const r = await didMpdta();
  const s = r.aggregate.simple;
  console.log(`overall ATT ${s.att?.toFixed(4)} (SE ${s.se?.toFixed(4)})`);
  for (const e of r.aggregate.dynamic.byEvent) {
    console.log(
      `event time ${String(e.e).padStart(2)}: ${e.att?.toFixed(4)} [${e.ciLower?.toFixed(4)}, ${e.ciUpper?.toFixed(4)}]`,
    );
  }
  if (r.pretest) console.log(`pre-trend Wald test p = ${r.pretest.pValue.toFixed(3)}`);
}
