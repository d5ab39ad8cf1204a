import type { ReportBlock, ReportSection, ReportTable, VegaLiteSpec } from "@parcours-eval/report";
import { forestPlotSpec, type HeterogeneityResult } from "@parcours-eval/sensitivity";
import type { AnalysisResult } from "../results.js";
import type { RunContext } from "../run/context.js";
import type { SectionOutput } from "./section.js";

function sensitivityTable(ctx: RunContext, results: readonly AnalysisResult[]): ReportTable {
  const fr = ctx.lang === "fr";
  const share = (r: AnalysisResult, s: number) =>
    r.sensitivity?.contamination.find((c) => Math.abs(c.share - s) < 1e-9);
  return {
    id: "robustness-sensitivity",
    title: fr ? "Sensibilité des effets appariés" : "Sensitivity of the matched effects",
    columns: [
      { key: "title", label: fr ? "Analyse" : "Analysis" },
      { key: "estimate", label: fr ? "Effet" : "Effect", format: "estimate" },
      { key: "criticalGamma", label: fr ? "Γ critique" : "Critical Γ", format: "number" },
      { key: "eValue", label: "E-value", format: "number" },
      { key: "eValueCi", label: fr ? "E-value (IC)" : "E-value (CI)", format: "number" },
      {
        key: "contam20Lower",
        label: fr
          ? "Borne basse si 20 % de témoins traités"
          : "Lower bound if 20% of controls treated",
        format: "estimate",
      },
      { key: "mde", label: fr ? "EMD" : "MDE", format: "estimate" },
      { key: "id", label: "id", format: "text", csvOnly: true },
    ],
    rows: results.map((r) => ({
      id: r.id,
      title: r.title,
      estimate: r.estimate,
      criticalGamma: r.sensitivity?.criticalGamma ?? null,
      eValue: r.sensitivity?.eValue ?? null,
      eValueCi: r.sensitivity?.eValueCi ?? null,
      contam20Lower: share(r, 0.2)?.lower ?? null,
      mde: r.mde?.value ?? null,
    })),
    note: fr
      ? "Γ critique : biais caché (rapport de chances de traitement entre deux jumeaux observés identiques) à partir duquel l'effet cesse d'être significatif (Rosenbaum). E-value : force minimale d'association d'un facteur de confusion non observé avec le traitement et le résultat pour annuler l'effet (VanderWeele et Ding, 2017). Contamination : intervalle corrigé si une part des témoins a en réalité eu un contact non enregistré. EMD : effet minimal détectable (80 %, 5 %)."
      : "Critical Γ: hidden bias (odds of treatment between two observationally identical twins) at which the effect stops being significant (Rosenbaum). E-value: minimum strength of association of an unobserved confounder with both treatment and outcome that would explain the effect away (VanderWeele & Ding, 2017). Contamination: corrected interval if a share of controls in fact had an unrecorded contact. MDE: minimum detectable effect (80%, 5%).",
  };
}

function heterogeneityBlocks(ctx: RunContext, results: readonly AnalysisResult[]): ReportBlock[] {
  const fr = ctx.lang === "fr";
  const blocks: ReportBlock[] = [];
  for (const r of results) {
    const het = r.details?.heterogeneity as HeterogeneityResult[] | undefined;
    for (const h of het ?? []) {
      if (h.rows.filter((x) => x.estimate !== null).length < 2) continue;
      const id = `heterogeneity-${r.id}-${h.subgroup}`;
      blocks.push({
        kind: "table",
        table: {
          id,
          title: fr
            ? `Effet par ${h.subgroup} — ${r.title}`
            : `Effect by ${h.subgroup} — ${r.title}`,
          columns: [
            { key: "level", label: h.subgroup },
            { key: "nTreated", label: fr ? "Traités" : "Treated", format: "integer" },
            { key: "nControl", label: fr ? "Témoins" : "Controls", format: "integer" },
            { key: "estimate", label: fr ? "Effet" : "Effect", format: "estimate" },
            { key: "lower", label: fr ? "IC bas" : "CI low", format: "estimate" },
            { key: "upper", label: fr ? "IC haut" : "CI high", format: "estimate" },
            { key: "pHolm", label: "p (Holm)", format: "pvalue" },
            { key: "pBH", label: "p (BH)", format: "pvalue" },
          ],
          rows: h.rows.map((x) => ({
            level: x.level,
            nTreated: x.nTreated,
            nControl: x.nControl,
            estimate: x.estimate,
            lower: x.lower,
            upper: x.upper,
            pHolm: x.pHolm,
            pBH: x.pBH,
          })),
          note: fr
            ? `Erreurs types ${h.variance} ; p-valeurs ajustées pour les comparaisons multiples (Holm : erreur de famille ; Benjamini–Hochberg : taux de fausses découvertes).`
            : `Standard errors ${h.variance}; p-values adjusted for multiple comparisons (Holm: family-wise error; Benjamini–Hochberg: false discovery rate).`,
        },
      });
      blocks.push({
        kind: "chart",
        id,
        title: fr ? `Effet par ${h.subgroup} — ${r.title}` : `Effect by ${h.subgroup} — ${r.title}`,
        spec: forestPlotSpec(h, { title: "" }) as unknown as VegaLiteSpec,
      });
    }
  }
  return blocks;
}

/**
 * Section: robustness of every matched analysis — hidden-bias sensitivity, contaminated controls,
 * minimum detectable effects — and heterogeneity of the effect across subgroups.
 */
export async function robustnessSection(
  ctx: RunContext,
  earlier: readonly AnalysisResult[],
): Promise<SectionOutput> {
  const fr = ctx.lang === "fr";
  const matched = earlier.filter((r) => r.design === "matching" && r.estimate !== null);
  const blocks: ReportBlock[] = [
    {
      kind: "paragraph",
      text: fr
        ? "L'appariement ne corrige que les différences observées (cinq variables). Les tableaux suivants disent quelle force devrait avoir un facteur non observé (motivation, formation) pour annuler chaque effet, ce que deviendrait l'effet si une partie des témoins avait eu des contacts non transmis (annexe 9 §44, §121), et quel effet chaque analyse pouvait détecter."
        : "Matching only corrects observed differences (five variables). The tables below say how strong an unobserved factor (motivation, education) would have to be to erase each effect, what the effect would become if part of the controls had contacts that were not transmitted (annex 9 §44, §121), and what effect each analysis could detect.",
    },
    { kind: "table", table: sensitivityTable(ctx, matched) },
    ...heterogeneityBlocks(ctx, matched),
  ];
  const section: ReportSection = {
    id: "robustness",
    title: fr ? "Robustesse" : "Robustness",
    blocks,
  };
  return { section, results: [] };
}
