import { categoricalColumn, createRng, Frame, numericColumn } from "@parcours-eval/core";

/**
 * A synthetic population of auto-entrepreneurs: age in years, sex and NAF division, with a
 * few latent groups so clusters exist (used by tests and the benchmark).
 */
export function syntheticPopulation(n: number, seed: number, nNaf = 88): Frame {
  const rng = createRng(seed);
  const age = new Array<number>(n);
  const sex = new Array<string>(n);
  const naf = new Array<string>(n);
  const groups = 10;
  for (let i = 0; i < n; i++) {
    const g = rng.int(groups);
    age[i] = Math.min(75, Math.max(18, Math.round(22 + 2.8 * g + 8 * Math.abs(rng.normal()))));
    sex[i] = rng.uniform() < (g % 2 === 0 ? 0.85 : 0.15) ? "M" : "F";
    // Each group has a dominant division, the rest spread with a Zipf-like tail.
    const d = rng.uniform() < 0.55 ? (g * 7) % nNaf : Math.floor(nNaf * rng.uniform() ** 2);
    naf[i] = `N${String(d + 1).padStart(2, "0")}`;
  }
  return new Frame({
    age: numericColumn(age),
    sex: categoricalColumn(sex),
    naf_div: categoricalColumn(naf),
  });
}
