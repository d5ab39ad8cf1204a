import type { ReportBlock, ReportSection } from "@parcours-eval/report";
import type { AnalysisResult } from "../results.js";
import type { RunContext } from "../run/context.js";
import { runMatchingAnalysis } from "../run/matching.js";
import { effectTable } from "./effect-table.js";
import {
  balanceTable,
  exclusionTable,
  lovePlot,
  naiveVersusAdjustedChart,
} from "./matching-blocks.js";
import type { SectionOutput } from "./section.js";

const isCount = (r: AnalysisResult): boolean =>
  r.outcome === "taxation_office_events" || r.outcome === "later_inbound_contacts";

/** Runs the matched analyses of one dataset, in plan order, reporting progress. */
export async function runMatchingPlans(
  ctx: RunContext,
  dataset: "national" | "regional",
): Promise<AnalysisResult[]> {
  const results: AnalysisResult[] = [];
  for (const plan of ctx.plan.matching.filter((m) => m.dataset === dataset)) {
    for (const o of await runMatchingAnalysis(ctx, plan)) results.push(o.result);
    ctx.progress(plan.id);
  }
  return results;
}

/** Section: national propensity-score matching (annex 9 §83–95, tables 14–17, graphique 14). */
export async function nationalMatchingSection(ctx: RunContext): Promise<SectionOutput> {
  const results = await runMatchingPlans(ctx, "national");
  const fr = ctx.lang === "fr";
  const d = ctx.plan.matchingDefaults;
  const blocks: ReportBlock[] = [
    {
      kind: "paragraph",
      text: fr
        ? `Chaque primo-créateur ayant eu un contact entrant par téléphone ou rendez-vous avant sa première échéance (« traité ») est apparié à son plus proche voisin non traité sur le score de propension (logit sur ${d.covariates.join(", ")}), sans remise, avec un caliper de ${d.caliper} écart-type du score, comme dans l'étude. Là où AE et TI au réel sont réunis, l'appariement est de plus exact sur le statut, qui détermine à la fois les contacts et les résultats ; la spécification de l'étude est donnée à côté (suffixe .study_spec).`
        : `Each first-time creator with an inbound phone or appointment contact before the first due date ("treated") is matched to the nearest untreated unit on the propensity score (logit on ${d.covariates.join(", ")}), without replacement, with a caliper of ${d.caliper} SD of the score, as in the study. Where AE and TI au réel are pooled, matching is also exact on legal status, which drives both contacts and outcomes; the study's own specification is shown beside (suffix .study_spec).`,
    },
    {
      kind: "paragraph",
      text: fr
        ? "L'effet est la différence de moyennes entre traités et témoins appariés ; son erreur type est robuste par paire appariée (sandwich::vcovCL). Le test de deux proportions que l'étude imprimait figure dans results.json (details.twoProportion)."
        : "The effect is the difference in means between matched treated and controls; its standard error is cluster-robust by matched pair (sandwich::vcovCL). The two-proportion test the study printed is in results.json (details.twoProportion).",
    },
  ];
  const proportions = results.filter((r) => !isCount(r));
  const counts = results.filter(isCount);
  blocks.push({
    kind: "table",
    table: effectTable(
      ctx,
      "national-matching-effects",
      fr ? "Effets estimés (proportions)" : "Estimated effects (proportions)",
      proportions,
    ),
  });
  const chart = naiveVersusAdjustedChart(
    ctx,
    "national-matching",
    fr ? "Écart brut et effet ajusté" : "Naive difference and adjusted effect",
    proportions,
  );
  if (chart) blocks.push(chart);
  if (counts.length) {
    blocks.push({
      kind: "table",
      table: effectTable(
        ctx,
        "national-matching-workload",
        fr
          ? "Effets sur la charge de travail (nombre moyen par compte)"
          : "Effects on workload (mean count per account)",
        counts,
        false,
      ),
    });
    const c = naiveVersusAdjustedChart(
      ctx,
      "national-matching-workload",
      fr
        ? "Charge de travail : écart brut et effet ajusté"
        : "Workload: naive difference and adjusted effect",
      counts,
      "+.2f",
    );
    if (c) blocks.push(c);
  }
  const n1 = results.find((r) => r.id === "national.first_declaration.ae");
  const balance = n1 ? balanceTable(ctx, n1) : undefined;
  if (balance) blocks.push({ kind: "table", table: balance });
  const love = n1 ? lovePlot(ctx, n1) : undefined;
  if (love) blocks.push(love);
  blocks.push({
    kind: "table",
    table: exclusionTable(ctx, "national-matching-exclusions", results),
  });
  const section: ReportSection = {
    id: "national-matching",
    title: fr
      ? "Appariement national sur les contacts entrants"
      : "National matching on inbound contacts",
    blocks,
  };
  return { section, results };
}
