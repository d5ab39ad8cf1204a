import { createWriteStream } from "node:fs";
import { createRng } from "@parcours-eval/core";

/** Shape of the seeded national data set (annex 9: auto-entrepreneurs, one row per account). */
export interface NationalShape {
  /** Rows (accounts). */
  n: number;
  /** Seed. */
  seed: number;
}

const REGIONS = 13;
const NAF_DIVISIONS = 88;

/**
 * Writes a seeded, national-shape CSV: region (13), NAF division (88), sex, age, start month, a
 * contact flag `treat` (~8 %, depending on all covariates) and a 0/1 outcome `on_time` with a
 * true effect of +4 points. Streams rows so that generating it costs little memory.
 */
export async function writeNationalCsv(
  path: string,
  shape: NationalShape,
): Promise<{ treated: number }> {
  const rng = createRng(shape.seed);
  const regionEffect = Array.from({ length: REGIONS }, () => rng.normal() * 0.3);
  const nafEffect = Array.from({ length: NAF_DIVISIONS }, () => rng.normal() * 0.4);
  const nafWeight = Array.from({ length: NAF_DIVISIONS }, () => 0.2 + rng.uniform());
  const nafCum: number[] = [];
  let acc = 0;
  for (const w of nafWeight) {
    acc += w;
    nafCum.push(acc);
  }
  const out = createWriteStream(path);
  const write = (s: string) =>
    new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once("drain", resolve)));
  await write("region,naf,sex,age,month,treat,on_time\n");
  let treated = 0;
  let chunk = "";
  for (let i = 0; i < shape.n; i++) {
    const region = Math.min(REGIONS - 1, Math.floor(rng.uniform() ** 1.3 * REGIONS));
    const u = rng.uniform() * acc;
    let naf = 0;
    while (nafCum[naf]! < u) naf++;
    const sex = rng.bernoulli(0.42);
    const age = 18 + Math.min(52, Math.floor(Math.abs(rng.normal()) * 14 + rng.uniform() * 6));
    const month = 1 + rng.int(12);
    const eta =
      -2.42 +
      regionEffect[region]! +
      nafEffect[naf]! +
      0.15 * sex +
      0.012 * (age - 35) +
      0.02 * (month - 6);
    const treat = rng.bernoulli(1 / (1 + Math.exp(-eta)));
    treated += treat;
    const etaY = 0.3 + 0.5 * regionEffect[region]! - 0.3 * nafEffect[naf]! + 0.01 * (age - 35);
    const p = 1 / (1 + Math.exp(-etaY)) + 0.04 * treat;
    const y = rng.bernoulli(Math.min(1, p));
    chunk += `R${String(region + 1).padStart(2, "0")},N${String(naf + 1).padStart(2, "0")},${sex ? "M" : "F"},${age},${month},${treat},${y}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(resolve));
  return { treated };
}
