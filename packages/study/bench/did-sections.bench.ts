/**
 * Times the Midi-Pyrénées and staggered DiD sections on the synthetic national extract (630,000
 * accounts by default, cached) and prints each estimate beside the generator's truth.
 * Usage: tsx --conditions=source bench/did-sections.bench.ts [accounts]
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadExtract } from "@parcours-eval/urssaf";
import { defaultStudyPlan } from "../src/plan/default-plan.js";
import type { RunContext } from "../src/run/context.js";
import { midiPyreneesSection } from "../src/sections/midi-pyrenees.js";
import { staggeredSection } from "../src/sections/staggered.js";
import { syntheticExtracts } from "../src/synthetic-data.js";

const accounts = Number(process.argv[2] ?? 630_000);
const { national } = await syntheticExtracts(1, { national: accounts });
const truth = JSON.parse(readFileSync(join(dirname(national), "national.truth.json"), "utf8"))
  .analyses as Record<string, { att: number | null; design?: Record<string, unknown> }>;
const { handle } = await loadExtract(national);
const ctx: RunContext = {
  data: { national: handle },
  plan: defaultStudyPlan,
  seed: 1,
  lang: "en",
  progress: () => {},
};
for (const [name, section] of [
  ["midi-pyrenees", midiPyreneesSection],
  ["staggered", staggeredSection],
] as const) {
  const t0 = performance.now();
  const { results } = await section(ctx);
  const ms = performance.now() - t0;
  console.log(`${name}: ${(ms / 1000).toFixed(1)} s at ${accounts} accounts`);
  for (const r of results) {
    const t = truth[r.id.replace(".other_regions", "")];
    const d = t?.design as Record<string, number> | undefined;
    const target = r.id.startsWith("mp.before_after")
      ? `truth after−before ${d?.afterMean !== undefined ? (d.afterMean - d.beforeMean!).toFixed(4) : "?"}`
      : r.id.endsWith("other_regions")
        ? `truth observed ${d?.didVsOtherRegionsObserved?.toFixed(4)}`
        : r.id.startsWith("mp.did")
          ? `truth observed ${d?.didObserved?.toFixed(4)}`
          : "";
    console.log(
      `  ${r.id.padEnd(40)} ${r.estimate?.toFixed(4)} [${r.ciLower?.toFixed(4)}, ${r.ciUpper?.toFixed(4)}] p=${r.pValue?.toExponential(2)}  att=${t?.att?.toFixed(4)} ${target}`,
    );
  }
}
await handle.close();
