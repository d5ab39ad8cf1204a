import type { ReportDocument, ReportSection } from "@parcours-eval/report";
import type { AnalysisResult } from "./results.js";
import type { RunContext } from "./run/context.js";
import { dataValidationSection } from "./sections/data-validation.js";
import { descriptivesSection } from "./sections/descriptives.js";
import { languedocSection } from "./sections/languedoc.js";
import { methodsSection } from "./sections/methods.js";
import { midiPyreneesSection } from "./sections/midi-pyrenees.js";
import { nationalMatchingSection } from "./sections/national-matching.js";
import { robustnessSection } from "./sections/robustness.js";
import type { SectionBuilder } from "./sections/section.js";
import { staggeredSection } from "./sections/staggered.js";
import { typologySection } from "./sections/typology.js";

/** The report's sections, in the order of annex 9. */
export const studySections: readonly SectionBuilder[] = [
  dataValidationSection,
  descriptivesSection,
  typologySection,
  nationalMatchingSection,
  languedocSection,
  midiPyreneesSection,
  staggeredSection,
  robustnessSection,
  methodsSection,
];

/** What a study run produces before anything is written. */
export interface StudyRun {
  analyses: AnalysisResult[];
  sections: ReportSection[];
}

/** Runs every section of the study in order and collects its analyses and report sections. */
export async function runStudy(
  ctx: RunContext,
  sections: readonly SectionBuilder[] = studySections,
): Promise<StudyRun> {
  const analyses: AnalysisResult[] = [];
  const out: ReportSection[] = [];
  for (const build of sections) {
    const { section, results } = await build(ctx, analyses);
    out.push(section);
    analyses.push(...results);
  }
  return { analyses, sections: out };
}

/** The report document of a run. */
export function studyDocument(ctx: RunContext, run: StudyRun, footer: string): ReportDocument {
  return {
    title: ctx.plan.title[ctx.lang],
    subtitle:
      ctx.lang === "fr"
        ? "L'annexe 9 du rapport IGAS 2024 refaite : descriptifs, typologie, appariement, discontinuité, différences de différences et robustesse."
        : "Annex 9 of the IGAS 2024 report redone: descriptives, typology, matching, discontinuity, difference-in-differences and robustness.",
    lang: ctx.lang,
    sections: run.sections,
    footer,
  };
}
