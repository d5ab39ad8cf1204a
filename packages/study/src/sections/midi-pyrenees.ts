import {
  estimateChart,
  lineChart,
  type ReportBlock,
  type ReportSection,
  type ReportTable,
} from "@parcours-eval/report";
import { L } from "../labels.js";
import { type RunContext, tr } from "../run/context.js";
import { MP_OUTCOMES, type MpOutcome } from "../run/did-cohorts.js";
import { didSettings } from "../run/did-settings.js";
import {
  comparisonRegions,
  MP_OUTCOME_LABELS,
  MP_PLACEBO_YEAR,
  MP_YEAR,
  type MpOutcomeRun,
  runMpOutcomeSafe,
} from "../run/mp-did.js";
import { regionRollout } from "../run/rollout.js";
import { designCells, designColumns } from "./did-format.js";
import { exclusionTable } from "./matching-blocks.js";
import type { SectionOutput } from "./section.js";

const OUTCOMES = Object.keys(MP_OUTCOMES) as MpOutcome[];

/** The three designs of each outcome side by side. */
function designsTable(ctx: RunContext, runs: readonly MpOutcomeRun[]): ReportTable {
  const fr = ctx.lang === "fr";
  const ci = fr ? "effet [IC 95 %]" : "effect [95% CI]";
  const p = tr(ctx, L.pValue);
  return {
    id: "mp-designs",
    title: fr
      ? `Midi-Pyrénées : avant/après ${MP_YEAR} et différences de différences`
      : `Midi-Pyrénées: ${MP_YEAR} before/after and difference-in-differences`,
    columns: [
      { key: "outcome", label: fr ? "Indicateur" : "Outcome" },
      { key: "nAfter", label: fr ? "Après (S2)" : "After (H2)", format: "integer" },
      { key: "nBefore", label: fr ? "Avant (S1)" : "Before (H1)", format: "integer" },
      ...designColumns("ba", `${fr ? "Avant/après" : "Before/after"} : ${ci}`, p),
      ...designColumns(
        "did",
        `${fr ? `DiD placebo ${MP_PLACEBO_YEAR}` : `DiD ${MP_PLACEBO_YEAR} placebo`} : ${ci}`,
        p,
      ),
      ...designColumns("oth", `${fr ? "DiD autres régions" : "DiD other regions"} : ${ci}`, p),
      { key: "othWildP", label: fr ? "p bootstrap sauvage" : "wild bootstrap p", format: "pvalue" },
    ],
    rows: runs.map((r) => {
      const wild = r.didOthers.details?.wildBootstrap as { pValue: number } | null | undefined;
      const outcome = r.beforeAfter.id.replace("mp.before_after.", "") as MpOutcome;
      return {
        outcome: tr(ctx, MP_OUTCOME_LABELS[outcome].title),
        nAfter: r.beforeAfter.nTreated,
        nBefore: r.beforeAfter.nControl,
        ...designCells(ctx, "ba", r.beforeAfter),
        ...designCells(ctx, "did", r.did),
        ...designCells(ctx, "oth", r.didOthers),
        othWildP: wild?.pValue ?? null,
      };
    }),
    note: fr
      ? `Avant/après : différence de proportions S2 − S1 ${MP_YEAR} (IC de Wald, test z), comme le tableau 29 de l'annexe 9. DiD placebo : (S2 − S1 ${MP_YEAR}) − (S2 − S1 ${MP_PLACEBO_YEAR}) en Midi-Pyrénées, erreurs types HC1. DiD autres régions : (Midi-Pyrénées − autres régions) × (S2 − S1) en ${MP_YEAR}, erreurs types robustes par région (CR1, t à G − 1 degrés de liberté) et p-valeur du bootstrap sauvage par grappe (restreint, poids de Webb).`
      : `Before/after: difference in proportions H2 − H1 ${MP_YEAR} (Wald CI, z test), as annex 9 table 29. Placebo DiD: (H2 − H1 ${MP_YEAR}) − (H2 − H1 ${MP_PLACEBO_YEAR}) in Midi-Pyrénées, HC1 standard errors. Other-regions DiD: (Midi-Pyrénées − other regions) × (H2 − H1) in ${MP_YEAR}, region-clustered CR1 errors (t with G − 1 df) and the restricted wild cluster bootstrap p-value (Webb weights).`,
  };
}

function forestChart(ctx: RunContext, runs: readonly MpOutcomeRun[]): ReportBlock | undefined {
  const fr = ctx.lang === "fr";
  const series = [
    ["beforeAfter", fr ? "avant/après" : "before/after"],
    ["did", fr ? `DiD placebo ${MP_PLACEBO_YEAR}` : `DiD ${MP_PLACEBO_YEAR} placebo`],
    ["didOthers", fr ? "DiD autres régions" : "DiD other regions"],
  ] as const;
  const rows = runs.flatMap((run) =>
    series.flatMap(([key, label]) => {
      const r = run[key];
      const outcome = run.beforeAfter.id.replace("mp.before_after.", "") as MpOutcome;
      return r.estimate === null || r.ciLower === null || r.ciUpper === null
        ? []
        : [
            {
              label: tr(ctx, MP_OUTCOME_LABELS[outcome].title),
              series: label,
              estimate: r.estimate,
              ciLower: r.ciLower,
              ciUpper: r.ciUpper,
            },
          ];
    }),
  );
  if (!rows.length) return undefined;
  return {
    kind: "chart",
    id: "mp-designs",
    title: fr
      ? "Midi-Pyrénées : effet estimé selon le plan d'évaluation"
      : "Midi-Pyrénées: estimated effect by design",
    spec: estimateChart({ rows, effectTitle: tr(ctx, L.estimate) }),
    note: fr
      ? "Point : estimation ; trait : intervalle de confiance à 95 %. L'avant/après ajoute à l'effet la tendance et la saison ; les deux DiD les retirent."
      : "Dot: estimate; bar: 95% confidence interval. The before/after adds the trend and the season to the effect; both DiDs remove them.",
  };
}

function meansChart(ctx: RunContext, run: MpOutcomeRun): ReportBlock | undefined {
  if (!run.means.length) return undefined;
  const fr = ctx.lang === "fr";
  const outcome = run.means[0]!.outcome;
  const name = tr(ctx, MP_OUTCOME_LABELS[outcome].title);
  const group = (g: "mp" | "others") =>
    g === "mp" ? "Midi-Pyrénées" : fr ? "autres régions" : "other regions";
  return {
    kind: "chart",
    id: `mp-semester-means-${outcome}`,
    title: fr
      ? `${name} par semestre d'immatriculation, ${MP_PLACEBO_YEAR}–${MP_YEAR}`
      : `${name} by registration semester, ${MP_PLACEBO_YEAR}–${MP_YEAR}`,
    spec: lineChart({
      data: run.means.map((m) => ({
        semester: `${m.year}-S${m.semester}`,
        group: group(m.group),
        mean: m.mean,
      })),
      x: "semester",
      y: "mean",
      series: "group",
      yFormat: ".0%",
      markX: `${MP_YEAR}-S2`,
    }),
    note: fr
      ? `Moyennes brutes ; autres régions : régions non déployées en ${MP_YEAR}. Le trait vertical marque le déploiement du parcours en Midi-Pyrénées (juillet ${MP_YEAR}).`
      : `Raw means; other regions: regions not deployed in ${MP_YEAR}. The vertical rule marks the journey's deployment in Midi-Pyrénées (July ${MP_YEAR}).`,
  };
}

/**
 * Section: Midi-Pyrénées (annex 9 §114–117, tableau 29) — the study's H2 versus H1 2023
 * before/after, then the two difference-in-differences that remove the season and the trend.
 */
export async function midiPyreneesSection(ctx: RunContext): Promise<SectionOutput> {
  const fr = ctx.lang === "fr";
  const settings = didSettings(ctx.plan);
  const rollout = regionRollout(ctx.data.national?.manifest?.regions_first_year, settings.rollout);
  const runs: MpOutcomeRun[] = [];
  for (const outcome of OUTCOMES) {
    runs.push(await runMpOutcomeSafe(ctx, outcome, rollout, settings));
    ctx.progress(`mp.${outcome}`);
  }
  const results = runs.flatMap((r) => [r.beforeAfter, r.did, r.didOthers]);
  const others = comparisonRegions(rollout);
  const blocks: ReportBlock[] = [
    {
      kind: "paragraph",
      text: fr
        ? `L'étude comparait les créateurs de Midi-Pyrénées immatriculés au second semestre ${MP_YEAR}, après le déploiement du parcours en juillet, à ceux du premier semestre. Cette comparaison mêle à l'effet du parcours la tendance séculaire (les indicateurs progressent d'année en année, §96–98) et la saison (les créateurs d'été et d'automne ne sont pas ceux d'hiver). On la refait telle quelle, puis on retire la saison avec l'année ${MP_PLACEBO_YEAR} comme placebo — même écart S2 − S1, sans parcours — et on la compare aux régions non déployées en ${MP_YEAR} (${others.length} régions : ${others.join(", ")}).`
        : `The study compared Midi-Pyrénées creators registered in the second half of ${MP_YEAR}, after the journey was deployed in July, with those of the first half. That comparison mixes the journey's effect with the secular trend (the indicators improve year after year, §96–98) and the season (summer and autumn creators are not winter's). It is redone as is, then the season is removed with ${MP_PLACEBO_YEAR} as placebo — the same H2 − H1 gap without the journey — and Midi-Pyrénées is compared with the regions not deployed in ${MP_YEAR} (${others.length} regions: ${others.join(", ")}).`,
    },
    { kind: "table", table: designsTable(ctx, runs) },
  ];
  const forest = forestChart(ctx, runs);
  if (forest) blocks.push(forest);
  for (const run of runs) {
    const chart = meansChart(ctx, run);
    if (chart) blocks.push(chart);
  }
  blocks.push({
    kind: "callout",
    tone: "info",
    text: fr
      ? "La DiD contre les autres régions ne compte qu'une région traitée : ses erreurs types robustes par région et le bootstrap sauvage sont fragiles avec une seule grappe traitée (MacKinnon et Webb, 2017). La DiD avec l'année placebo est le résultat principal ; l'autre en est un contrôle. Aucune ne corrige une différence de tendance propre à Midi-Pyrénées entre 2022 et 2023."
      : "The other-regions DiD has a single treated region: its region-clustered standard errors and the wild bootstrap are fragile with one treated cluster (MacKinnon & Webb, 2017). The placebo-year DiD is the headline; the other is a check. Neither corrects a trend specific to Midi-Pyrénées between 2022 and 2023.",
  });
  blocks.push({ kind: "table", table: exclusionTable(ctx, "mp-exclusions", results) });
  const section: ReportSection = {
    id: "midi-pyrenees",
    title: fr
      ? "Midi-Pyrénées : avant/après et différences de différences"
      : "Midi-Pyrénées: before/after and difference-in-differences",
    blocks,
  };
  return { section, results };
}
