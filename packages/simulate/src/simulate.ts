import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createRng, ParcoursError } from "@parcours-eval/core";
import { AccountSimulator, CENSOR_MARGIN, NOTICE_LAG, type Sinks } from "./account-simulator.js";
import { allocate } from "./allocate.js";
import { parseIsoDay } from "./calendar.js";
import { CsvSink, csvText } from "./csv-sink.js";
import { type Effects, resolveEffects } from "./effects.js";
import { fileColumns } from "./files.js";
import { ACTIVE_SHARE, type CalibrationUnit, calibrate, type Intercepts } from "./models.js";
import { type ResolvedOptions, resolveOptions, type SimulateOptions } from "./options.js";
import { csvToParquet } from "./parquet.js";
import { blankPerson, PersonFactory } from "./person.js";
import { LR_CATEGORIES, LR_RAW_MOTIVES } from "./reference/labels.js";
import { REGIONS, regionsFirstYear } from "./reference/regions.js";
import { type AnalysisTruth, nationalTruth, regionalTruth } from "./truth.js";

/** Version written in the truth file. */
export const SIMULATE_VERSION = "0.1.0";
/** Contract version written in the manifest. */
export const CONTRACT_VERSION = "0.1";

/** The `truth.json` written beside a simulated dataset. */
export interface Truth {
  /** Generator name and version. */
  generator: { name: string; version: string; contractVersion: string };
  /** `national` or `regional`. */
  scope: "national" | "regional";
  /** Everything needed to regenerate the dataset, with the calibrated intercepts. */
  parameters: ResolvedOptions & {
    effects: Effects;
    intercepts: Intercepts;
    activeShare: number;
    censorMarginDays: number;
    noticeLagDays: number;
  };
  /** Accounts and rows per file. */
  counts: {
    accounts: number;
    byStatus: Record<string, number>;
    byRegistrationYear: Record<string, number>;
    byRegion: Record<string, number>;
    rows: Record<string, number>;
  };
  /** True effects, naive differences and designs, by analysis id. */
  analyses: Record<string, AnalysisTruth>;
}

/** What a simulation returns. */
export interface SimulationResult {
  /** Absolute path of the dataset folder. */
  dataset: string;
  /** Absolute path of the truth file (beside the dataset). */
  truthPath: string;
  /** The truth, as written. */
  truth: Truth;
}

/** Path of the truth file of dataset folder `out`: `<parent>/<name>.truth.json`. */
export function truthPathFor(out: string): string {
  const abs = resolve(out);
  return join(dirname(abs), `${basename(abs)}.truth.json`);
}

/**
 * Writes a synthetic national (DISEP-like, 21 metropolitan regions, 2017–2024) extract in the
 * canonical contract format, and its truth beside it.
 */
export async function simulateNational(options: SimulateOptions): Promise<SimulationResult> {
  return run(resolveOptions("national", options), options);
}

/**
 * Writes a synthetic Languedoc-Roussillon (Ouscac-like) regional extract with outbound calls, and
 * its truth beside it.
 */
export async function simulateRegional(options: SimulateOptions): Promise<SimulationResult> {
  return run(resolveOptions("regional", options), options);
}

const calibrationCache = new Map<string, Intercepts>();

/**
 * Intercepts calibrated on a fixed sample of the 2023 national cohort (seed-independent, so the
 * same effects always give the same model); memoised per effects and rollout.
 */
export function calibratedIntercepts(
  effects: Effects,
  rollout: Record<string, string>,
): Intercepts {
  const key = JSON.stringify([effects, rollout]);
  const hit = calibrationCache.get(key);
  if (hit) return structuredClone(hit);
  const ic = calibrateNow(effects, rollout);
  calibrationCache.set(key, ic);
  return structuredClone(ic);
}

function calibrateNow(effects: Effects, rollout: Record<string, string>): Intercepts {
  const rng = createRng("parcours-eval/simulate/calibration");
  const factory = new PersonFactory();
  const cells = allocate(
    50_000,
    parseIsoDay("2023-01-01"),
    parseIsoDay("2023-12-31"),
    REGIONS.map((_, i) => i),
  );
  const units: CalibrationUnit[] = [];
  for (const cell of cells) {
    const rolloutDay = parseIsoDay(rollout[REGIONS[cell.region]!.code]!);
    for (let k = 0; k < cell.accounts; k++) {
      const person = blankPerson();
      const reg = cell.from + Math.floor(rng.uniform() * (cell.to - cell.from + 1));
      factory.draw(rng, person, cell.region, reg);
      units.push({ person, exposed: reg >= rolloutDay });
    }
  }
  return calibrate(units, effects);
}

async function run(o: ResolvedOptions, raw: SimulateOptions): Promise<SimulationResult> {
  const dataset = resolve(o.out);
  const truthPath = truthPathFor(dataset);
  if ((existsSync(dataset) || existsSync(truthPath)) && !o.overwrite) {
    throw new ParcoursError("SIMULATE_OUTPUT_EXISTS", `${dataset} already exists`, {
      file: dataset,
      hint: "choose another --out folder, or pass --force (overwrite: true) to replace it",
    });
  }
  let effectsInput = raw.effects;
  if (typeof effectsInput === "string") {
    effectsInput = readEffectsFile(effectsInput);
  }
  const effects = resolveEffects(
    effectsInput,
    typeof raw.effects === "string" ? raw.effects : undefined,
  );
  const intercepts = calibratedIntercepts(effects, o.rollout);

  const temp = `${dataset}.partial-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  try {
    const columns = fileColumns(o.scope);
    const sinks: Sinks = {};
    for (const [name, cols] of Object.entries(columns)) {
      if (name === "lr_motive_map") continue;
      sinks[name] = new CsvSink(
        join(temp, `${name}.csv`),
        cols.map((c) => c.name),
      );
    }
    const regions = o.scope === "national" ? REGIONS.map((_, i) => i) : [0];
    const cells = allocate(
      o.accounts,
      parseIsoDay(o.registrationFrom),
      parseIsoDay(o.registrationTo),
      regions,
    );
    const rng = createRng(`${o.scope}:${String(o.seed)}`);
    const sim = new AccountSimulator({
      scope: o.scope,
      rng,
      effects,
      intercepts,
      extractDate: parseIsoDay(o.extractDate),
      rolloutDay: REGIONS.map((r) => parseIsoDay(o.rollout[r.code]!)),
      sinks,
      onAccount: raw.onAccount,
    });
    const prefix = o.scope === "national" ? "N" : "L";
    const width = Math.max(7, String(o.accounts).length);
    const byStatus: Record<string, number> = {};
    const byYear: Record<string, number> = {};
    const byRegion: Record<string, number> = {};
    let done = 0;
    for (const cell of cells) {
      byYear[cell.year] = (byYear[cell.year] ?? 0) + cell.accounts;
      const code = REGIONS[cell.region]!.code;
      byRegion[code] = (byRegion[code] ?? 0) + cell.accounts;
      for (let k = 0; k < cell.accounts; k++) {
        const reg = cell.from + Math.floor(rng.uniform() * (cell.to - cell.from + 1));
        done++;
        sim.simulate(`${prefix}${String(done).padStart(width, "0")}`, cell.region, reg);
        if (done % 10_000 === 0) raw.onProgress?.(done, o.accounts);
      }
    }
    const rows: Record<string, number> = {};
    const hashes: Record<string, { rows: number; sha256: string }> = {};
    for (const [name, sink] of Object.entries(sinks)) {
      const s = sink.close();
      rows[name] = s.rows;
      hashes[name] = s;
    }
    if (o.scope === "regional") {
      const map = new CsvSink(join(temp, "lr_motive_map.csv"), ["motive_label", "motive_category"]);
      for (const cat of LR_CATEGORIES)
        for (const label of LR_RAW_MOTIVES[cat]) map.row(`${csvText(label)};${cat}`);
      const s = map.close();
      rows.lr_motive_map = s.rows;
      hashes.lr_motive_map = s;
    }
    const files: Record<string, { rows: number; sha256: string }> = {};
    if (o.format === "parquet") {
      const jobs = Object.keys(hashes).map((name) => ({
        csv: join(temp, `${name}.csv`),
        parquet: join(temp, `${name}.parquet`),
        columns: columns[name]!,
      }));
      await csvToParquet(jobs);
      for (const job of jobs) {
        rmSync(job.csv);
        const name = basename(job.parquet);
        files[name] = {
          rows: rows[name.replace(".parquet", "")]!,
          sha256: sha256File(job.parquet),
        };
      }
    } else {
      for (const [name, s] of Object.entries(hashes)) files[`${name}.csv`] = s;
    }
    byStatus.AE = sim.statusCounts[0]!;
    byStatus.TI_REEL = sim.statusCounts[1]!;
    writeFileSync(join(temp, "manifest.json"), `${JSON.stringify(manifest(o, files), null, 2)}\n`);
    const analyses =
      o.scope === "national" ? nationalTruth(sim.cells, 2023) : regionalTruth(sim.cells);
    const truth: Truth = {
      generator: {
        name: "@parcours-eval/simulate",
        version: SIMULATE_VERSION,
        contractVersion: CONTRACT_VERSION,
      },
      scope: o.scope,
      parameters: {
        ...o,
        out: basename(dataset),
        effects,
        intercepts,
        activeShare: ACTIVE_SHARE,
        censorMarginDays: CENSOR_MARGIN,
        noticeLagDays: NOTICE_LAG,
      },
      counts: {
        accounts: o.accounts,
        byStatus,
        byRegistrationYear: byYear,
        byRegion,
        rows,
      },
      analyses,
    };
    if (existsSync(dataset)) rmSync(dataset, { recursive: true, force: true });
    renameSync(temp, dataset);
    const truthTemp = `${truthPath}.partial-${process.pid}`;
    writeFileSync(truthTemp, `${JSON.stringify(truth, null, 2)}\n`);
    renameSync(truthTemp, truthPath);
    raw.onProgress?.(o.accounts, o.accounts);
    return { dataset, truthPath, truth };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

function readEffectsFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new ParcoursError("SIMULATE_BAD_EFFECTS", `cannot read the effects file ${path}`, {
      file: path,
      cause,
      hint: "give a JSON file shaped like DEFAULT_EFFECTS (see docs/simulate.md)",
    });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ParcoursError(
      "SIMULATE_BAD_EFFECTS",
      `the effects file is not valid JSON: ${(cause as Error).message}`,
      {
        file: path,
        cause,
        hint: "check commas and quotes; see docs/simulate.md for an example",
      },
    );
  }
}

function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function manifest(o: ResolvedOptions, files: Record<string, { rows: number; sha256: string }>) {
  const national = o.scope === "national";
  return {
    contract_version: CONTRACT_VERSION,
    scope: o.scope,
    producer: national
      ? "parcours-eval simulate (synthetic, DISEP-like national extract)"
      : "parcours-eval simulate (synthetic, Urssaf Languedoc-Roussillon Ouscac-like extract)",
    ...(national ? {} : { urssaf_region: "LANGUEDOC_ROUSSILLON" }),
    extract_date: o.extractDate,
    registration_from: o.registrationFrom,
    registration_to: o.registrationTo,
    ...(national ? { regions_first_year: regionsFirstYear() } : {}),
    contacts_inbound_completeness: "complete",
    contacts_outbound_available: !national,
    payments_usable: national,
    naf_version: "NAF_REV2",
    amount_sign_convention: "magnitude",
    anonymisation_scope: `simulate:${o.scope}:${String(o.seed)}`,
    files,
  };
}
