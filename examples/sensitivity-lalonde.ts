/**
 * How robust is a matched estimate? After 1:1 matching on lalonde (examples/matching-lalonde.ts),
 * the questions annex 9 leaves open: how strong would a hidden confounder have to be to explain
 * the effect away (Rosenbaum bounds, E-value), how much would unrecorded treatment among the
 * controls change it (contamination), and what effect could the study have detected at all
 * (minimum detectable effect)?
 *
 * Run: `npx tsx --conditions=source examples/sensitivity-lalonde.ts`
 */
import { readCsv } from "@parcours-eval/core";
import { type RobustnessResult, robustness } from "@parcours-eval/sensitivity";
import { matchingLalonde } from "./matching-lalonde.js";
import { fixture, isMain } from "./paths.js";

/** Robustness of lalonde's matched ATT on re78: the sensitivity package's one call. */
export async function sensitivityLalonde(): Promise<RobustnessResult> {
  const frame = await readCsv(fixture("data/lalonde.csv"));
  const { match, effect } = await matchingLalonde();
  if (!effect) throw new Error("nothing matched");
  // The matched units, one entry per unit with a positive matching weight.
  const rows = Array.from(match.weights.keys()).filter((i) => match.weights[i]! > 0);
  const re78 = frame.numeric("re78");
  return robustness(
    {
      treat: rows.map((i) => match.treat[i]!),
      outcome: rows.map((i) => re78[i]!),
      setId: rows.map((i) => match.subclass[i]!), // the pair: Rosenbaum bounds compare within it
      weight: rows.map((i) => match.weights[i]!),
      effect: {
        estimate: effect.estimate,
        lower: effect.ciLower,
        upper: effect.ciUpper,
        se: effect.se,
      },
    },
    { alpha: 0.05, power: 0.8, gammas: [1, 1.1, 1.25, 1.5, 2] },
  );
}

if (isMain(import.meta.url)) {
  const r = await sensitivityLalonde();
  console.log("Rosenbaum bounds (Wilcoxon signed rank), upper p-value by Γ:");
  for (const b of r.details.rosenbaum?.bounds ?? [])
    console.log(`  Γ = ${b.gamma}: ${b.upper.toFixed(4)}`);
  console.log(
    `critical Γ ${r.sensitivity.criticalGamma} (1: not significant even without hidden bias)`,
  );
  console.log(`E-value ${r.sensitivity.eValue?.toFixed(3)}, of the CI ${r.sensitivity.eValueCi}`);
  console.log(`minimum detectable effect at 80% power: ${r.mde.value?.toFixed(0)} dollars`);
  for (const c of r.sensitivity.contamination)
    console.log(
      `  ${c.share * 100}% treated controls: [${c.lower.toFixed(0)}, ${c.upper.toFixed(0)}]`,
    );
  for (const w of r.warnings) console.log(`warning: ${w}`);
}
