import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ParcoursError } from "@parcours-eval/core";
import { documentTables, type ReportLang, renderHtml, tableToCsv } from "@parcours-eval/report";
import { type ExtractHandle, loadExtract, type ValidationReport } from "@parcours-eval/urssaf";
import { writeDirAtomically } from "./output/atomic-dir.js";
import { stableJson } from "./output/stable-json.js";
import { defaultStudyPlan } from "./plan/default-plan.js";
import type { StudyPlan } from "./plan/types.js";
import type { StudyResults } from "./results.js";
import type { RunContext, StudyData } from "./run/context.js";
import { runStudy, studyDocument } from "./run-study.js";
import type { SectionBuilder } from "./sections/section.js";
import { type SyntheticSizes, syntheticExtracts } from "./synthetic-data.js";

/** Version written in results.json. */
export const STUDY_VERSION = "0.1.0";

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Extract folders (national and/or regional, told apart by their manifest). None: synthetic. */
  data?: string[];
  /** Output folder (replaced atomically). */
  out: string;
  plan?: StudyPlan;
  seed?: number;
  lang?: ReportLang;
  /** Sizes of the synthetic extracts used when `data` is empty. */
  syntheticSizes?: SyntheticSizes;
  /** Cache folder of the synthetic extracts. */
  cacheDir?: string;
  /** Progress: a named step, with counts when known. */
  onProgress?: (step: string, done?: number, total?: number) => void;
  /** Sections to run (default: the whole study). */
  sections?: readonly SectionBuilder[];
}

/** What {@link evaluate} wrote. */
export interface EvaluateOutput {
  out: string;
  results: StudyResults;
  files: string[];
}

/** The first fatal finding of a validation, as an error naming file, line and column. */
function fatalError(report: ValidationReport): ParcoursError {
  const fatal = report.findings.find((f) => f.severity === "fatal");
  const e = fatal?.examples[0];
  return new ParcoursError(
    fatal?.code ?? "EXTRACT_NOT_USABLE",
    fatal?.message ?? `extract ${report.dataset} is not usable`,
    {
      file: fatal?.file ? join(report.dataset, fatal.file) : report.dataset,
      ...(e?.line !== undefined ? { line: e.line } : {}),
      ...(e?.column !== undefined
        ? { column: e.column }
        : fatal?.column
          ? { column: fatal.column }
          : {}),
      hint: "run `parcours validate DIR` for the full validation report; nothing was written",
    },
  );
}

async function loadAll(
  dirs: readonly string[],
  onProgress: EvaluateOptions["onProgress"],
): Promise<StudyData> {
  const data: StudyData = {};
  const handles: ExtractHandle[] = [];
  try {
    for (const dir of dirs) {
      onProgress?.(`load ${dir}`);
      const { report, handle } = await loadExtract(dir);
      handles.push(handle);
      if (!report.usable) throw fatalError(report);
      const role = handle.manifest?.scope === "regional" ? "regional" : "national";
      if (data[role]) {
        throw new ParcoursError(
          "EVALUATE_TWO_EXTRACTS_SAME_SCOPE",
          `two ${role} extracts were given`,
          {
            file: dir,
            hint: "give at most one national and one regional extract",
          },
        );
      }
      data[role] = handle;
    }
  } catch (error) {
    await Promise.all(handles.map((h) => h.close()));
    throw error;
  }
  return data;
}

/**
 * The `evaluate` job: loads and validates the extracts (synthetic ones when none are given), runs
 * the study plan, and writes `report.html`, `results.json` and `tables/*.csv` into `out` — all at
 * once, through a temporary folder, so a failure leaves any earlier output untouched. A fatal
 * validation error throws before anything is written.
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluateOutput> {
  const seed = options.seed ?? 1;
  const lang = options.lang ?? "fr";
  const plan = options.plan ?? defaultStudyPlan;
  const onProgress = options.onProgress;
  let dirs = (options.data ?? []).map((d) => resolve(d));
  if (!dirs.length) {
    const synthetic = await syntheticExtracts(
      seed,
      options.syntheticSizes ?? { national: 630_000 },
      {
        ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
        onProgress: (what, done, total) => onProgress?.(`simulate ${what}`, done, total),
      },
    );
    dirs = [synthetic.national, synthetic.regional];
  }
  const data = await loadAll(dirs, onProgress);
  try {
    const ctx: RunContext = { data, plan, seed, lang, progress: (step) => onProgress?.(step) };
    const run = await runStudy(ctx, options.sections);
    const results: StudyResults = {
      version: STUDY_VERSION,
      seed,
      data: {
        paths: dirs,
        manifests: [data.national?.manifest, data.regional?.manifest].filter(
          (m) => m !== undefined,
        ),
        validation: [data.national?.report, data.regional?.report].filter((r) => r !== undefined),
      },
      analyses: run.analyses,
    };
    const footer = `parcours-eval ${STUDY_VERSION} — seed ${seed} — ${dirs.join(", ")}`;
    onProgress?.("render report");
    const doc = studyDocument(ctx, run, footer);
    const html = await renderHtml(doc);
    const tables = documentTables(doc);
    const out = resolve(options.out);
    const files = ["report.html", "results.json", ...tables.map((t) => `tables/${t.id}.csv`)];
    await writeDirAtomically(out, async (tmp) => {
      await writeFile(join(tmp, "report.html"), html);
      await writeFile(join(tmp, "results.json"), stableJson(results));
      await mkdir(join(tmp, "tables"));
      for (const t of tables) await writeFile(join(tmp, "tables", `${t.id}.csv`), tableToCsv(t));
    });
    return { out, results, files };
  } finally {
    await Promise.all([data.national?.close(), data.regional?.close()]);
  }
}
