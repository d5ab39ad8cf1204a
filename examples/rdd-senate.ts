/**
 * Regression discontinuity on the U.S. Senate data of Cattaneo, Frandsen & Titiunik (2015): does
 * a Democratic win (margin > 0) raise the party's vote share at the next election? Local-linear
 * fit with a triangular kernel and the MSE-optimal bandwidth, robust bias-corrected inference
 * (Calonico, Cattaneo & Titiunik 2014), as `rdrobust(vote, margin)`.
 *
 * Run: `npx tsx --conditions=source examples/rdd-senate.ts`
 */
import { readCsv } from "@parcours-eval/core";
import { type RdResult, rd } from "@parcours-eval/rdd";
import { fixture, isMain } from "./paths.js";

/** `rdrobust(y = vote, x = margin, c = 0)`. */
export async function rddSenate(): Promise<RdResult> {
  const frame = await readCsv(fixture("data/rdrobust_senate.csv"));
  // Rows with a missing vote are excluded and counted in `excluded.missing`.
  return rd(frame, { y: "vote", x: "margin", c: 0 });
}

if (isMain(import.meta.url)) {
  const r = await rddSenate();
  console.log(
    `bandwidth h = ${r.h.left.toFixed(2)}, ${r.nEffective.left} + ${r.nEffective.right} observations within h`,
  );
  console.log(
    `conventional jump ${r.conventional.coef.toFixed(4)} (SE ${r.conventional.se.toFixed(4)})`,
  );
  console.log(
    `robust 95% CI [${r.robust.ciLower.toFixed(3)}, ${r.robust.ciUpper.toFixed(3)}], p = ${r.robust.pValue.toExponential(2)}`,
  );
  console.log(`${r.excluded.missing} rows excluded for a missing value`);
}
