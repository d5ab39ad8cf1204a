import {
  chooseK,
  GOWER_TYPES,
  type GowerType,
  type KChoiceRow,
  type KMedoidsMethod,
  type KMedoidsResult,
  kmedoids,
} from "@parcours-eval/cluster";
import { type Frame, ParcoursError, readCsv } from "@parcours-eval/core";
import type { Command } from "commander";
import { writeAtomic } from "../write-atomic.js";

interface ClusterFlags {
  data: string;
  vars: string;
  types?: string;
  weights?: string;
  k?: string;
  kRange?: string;
  method: string;
  profiles: string;
  seed: string;
  samples?: string;
  sampleSize?: string;
  json?: string;
}

function int(flag: string, text: string): number {
  const v = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || !Number.isSafeInteger(v)) {
    throw new ParcoursError("CLI_BAD_OPTION", `--${flag} must be an integer, got "${text}"`, {
      hint: `e.g. --${flag} 10`,
    });
  }
  return v;
}

function list(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function parseTypes(text: string | undefined, vars: string[]): GowerType[] | undefined {
  if (text === undefined) return undefined;
  const types = list(text);
  if (types.length !== vars.length) {
    throw new ParcoursError(
      "CLI_BAD_OPTION",
      `--types lists ${types.length} types for ${vars.length} variables`,
      { hint: `one type per variable of --vars, among ${GOWER_TYPES.join(", ")}` },
    );
  }
  for (const t of types) {
    if (!GOWER_TYPES.includes(t as GowerType)) {
      throw new ParcoursError("CLI_BAD_OPTION", `--types: unknown type "${t}"`, {
        hint: `allowed: ${GOWER_TYPES.join(", ")}`,
      });
    }
  }
  return types as GowerType[];
}

function parseRange(text: string): [number, number] {
  const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(text);
  if (!m) {
    throw new ParcoursError("CLI_BAD_OPTION", `--k-range must look like 4:14, got "${text}"`, {
      hint: "two integers separated by a colon: the smallest and largest k",
    });
  }
  return [Number(m[1]), Number(m[2])];
}

function fmt(v: number | null, digits = 4): string {
  return v === null ? "—" : v.toFixed(digits);
}

function summary(
  frame: Frame,
  r: KMedoidsResult,
  vars: string[],
  range: KChoiceRow[] | null,
): string {
  const lines = [
    `k-medoids (${r.method}${r.seed === null ? "" : `, seed ${r.seed}`}) on the Gower distance of ${vars.join(", ")}`,
    `  rows ${r.nRows}, distinct profiles ${r.profiles.count}${r.profiles.used ? " (clustered with their counts: exact on all rows)" : ""}`,
    `  k = ${r.k}, objective ${fmt(r.objective, 6)}${r.objectiveBuild === null ? "" : ` (after BUILD ${fmt(r.objectiveBuild, 6)})`}, average silhouette ${fmt(r.silhouette)}`,
  ];
  if (range) {
    lines.push("", "   k   objective  silhouette");
    for (const row of range) {
      lines.push(
        `  ${String(row.k).padStart(2)}  ${fmt(row.objective, 6).padStart(10)}  ${fmt(row.silhouette).padStart(10)}${row.k === r.k ? "  ←" : ""}`,
      );
    }
  }
  lines.push("", `  cluster      size  silhouette  medoid (row, ${vars.join(", ")})`);
  r.medoids.forEach((m, c) => {
    const row = frame.row(m);
    const values = vars.map((v) => String(row[v] ?? "NA")).join(", ");
    lines.push(
      `  ${String(c + 1).padStart(7)}  ${String(r.sizes[c]).padStart(8)}  ${fmt(r.clusterSilhouettes?.[c] ?? null).padStart(10)}  ${m}: ${values}`,
    );
  });
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join("\n")}\n`;
}

async function action(flags: ClusterFlags): Promise<void> {
  const vars = list(flags.vars);
  const types = parseTypes(flags.types, vars);
  const weights = flags.weights === undefined ? undefined : list(flags.weights).map(Number);
  if (flags.k === undefined && flags.kRange === undefined) {
    throw new ParcoursError("CLI_BAD_OPTION", "give --k, --k-range, or both", {
      hint: "e.g. --k 10, or --k-range 4:14 to pick k by the average silhouette",
    });
  }
  const frame = await readCsv(flags.data);
  const common = {
    vars,
    ...(types ? { types } : {}),
    ...(weights ? { weights } : {}),
    method: flags.method as KMedoidsMethod,
    profiles: flags.profiles as "auto" | "on" | "off",
    seed: /^-?\d+$/.test(flags.seed) ? Number(flags.seed) : flags.seed,
    ...(flags.samples ? { samples: int("samples", flags.samples) } : {}),
    ...(flags.sampleSize ? { sampleSize: int("sample-size", flags.sampleSize) } : {}),
  };
  let range: KChoiceRow[] | null = null;
  let result: KMedoidsResult;
  if (flags.kRange !== undefined) {
    const [kMin, kMax] = parseRange(flags.kRange);
    const choice = chooseK(frame, { ...common, kMin, kMax });
    range = choice.rows;
    result =
      flags.k === undefined ? choice.best : kmedoids(frame, { ...common, k: int("k", flags.k) });
  } else {
    result = kmedoids(frame, { ...common, k: int("k", flags.k!) });
  }
  process.stdout.write(summary(frame, result, vars, range));
  if (flags.json) {
    const out = {
      k: result.k,
      medoids: result.medoids,
      objective: result.objective,
      sizes: result.sizes,
      silhouette: result.silhouette,
      assignment: Array.from(result.assignment),
      method: result.method,
      seed: result.seed,
      objectiveBuild: result.objectiveBuild,
      clusterSilhouettes: result.clusterSilhouettes,
      profiles: result.profiles,
      nRows: result.nRows,
      variables: result.variables,
      kRange: range,
      warnings: result.warnings,
      indexBase: 0,
    };
    writeAtomic(flags.json, `${JSON.stringify(out)}\n`);
  }
}

/** Registers `parcours cluster`. */
export function register(program: Command): void {
  program
    .command("cluster")
    .description(
      "k-medoids (PAM, FasterPAM or CLARA) on the Gower distance of mixed variables; exact on the whole population via weighted distinct profiles",
    )
    .requiredOption("--data <file>", "CSV file, one row per unit")
    .requiredOption(
      "--vars <list>",
      'clustering variables, comma-separated, e.g. "age,sex,naf_div"',
    )
    .option(
      "--types <list>",
      `Gower type per variable (${GOWER_TYPES.join(", ")}); default numeric for numbers, nominal otherwise`,
    )
    .option("--weights <list>", "weight per variable, comma-separated (default 1 each)")
    .option("--k <n>", "number of clusters")
    .option(
      "--k-range <a:b>",
      "tabulate objective and average silhouette for k = a…b; without --k, keep the best",
    )
    .option("--method <m>", "pam | fasterpam | clara", "pam")
    .option(
      "--profiles <mode>",
      "cluster distinct profiles with their counts: auto | on | off",
      "auto",
    )
    .option("--seed <s>", "seed of fasterpam and clara", "1")
    .option("--samples <n>", "clara: number of samples (default 5)")
    .option("--sample-size <n>", "clara: units per sample (default 40 + 2k)")
    .option(
      "--json <out>",
      'write {"k","medoids","objective","sizes","silhouette","assignment",…}; medoids and assignment are 0-based (row 0 = first data row, cluster 0 = medoids[0])',
    )
    .action(action);
}
