import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** The MatchIt goldens (fixtures/reference/matching/matchit.json). */
export interface GoldenCase {
  name: string;
  call: string;
  distance: number[] | null;
  discarded: boolean[];
  caliper: number[] | number | null;
  weights: number[];
  subclass: (number | null)[] | null;
  matchMatrix: number[][] | null;
  treatedOrder?: number[];
  balanceAll: GoldenBalance[];
  balanceMatched: GoldenBalance[] | null;
  nn: { rows: string[]; control: number[]; treated: number[] };
  att?: {
    estimate: number;
    se: number;
    vcov: string;
    nObs: number;
    df: number;
    pValueT: number;
    ciT: number[];
  };
}

/** One row of a MatchIt `summary()` balance table. */
export interface GoldenBalance {
  term: string;
  meanTreated: number;
  meanControl: number;
  smd: number;
  varRatio: number | null;
  ecdfMean: number;
  ecdfMax: number;
}

/** The parsed golden file. */
export const golden = JSON.parse(
  readFileSync(`${root}fixtures/reference/matching/matchit.json`, "utf8"),
) as { cases: GoldenCase[]; cobalt: { balance: Record<string, unknown>[] } };

/** The golden case of that name. */
export function goldenCase(name: string): GoldenCase {
  const c = golden.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no golden ${name}`);
  return c;
}

/** Path of lalonde.csv. */
export const lalondePath = `${root}fixtures/data/lalonde.csv`;

/** lalonde as plain columns (the file has no quoted fields). */
export function lalondeColumns(): Record<string, (string | number)[]> {
  const lines = readFileSync(lalondePath, "utf8").trim().split("\n");
  const head = lines[0]!.split(",");
  const cols: Record<string, (string | number)[]> = {};
  for (const h of head) cols[h] = [];
  for (const line of lines.slice(1)) {
    line.split(",").forEach((v, j) => {
      const num = Number(v);
      cols[head[j]!]!.push(v !== "" && !Number.isNaN(num) ? num : v);
    });
  }
  return cols;
}
