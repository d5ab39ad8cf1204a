import type { ReportSection } from "@parcours-eval/report";
import type { RunContext } from "../run/context.js";
import type { SectionOutput } from "./section.js";

const TEXT = {
  fr: [
    "Traitement. Les bénéficiaires du parcours ne sont pas repérés dans les systèmes d'information : le traitement est approché par un contact entrant téléphonique ou un rendez-vous (national) ou un appel sortant (Languedoc-Roussillon) avant la première échéance. Les « non traités » ne sont pas sans contact : une partie des contacts n'a pas été transmise (annexe 9 §44).",
    "Appariement. Chaque traité est comparé à un non-traité aussi semblable que possible sur la région, la division NAF, le sexe, l'âge et le mois de début d'activité. Tout ce qui n'est pas observé (motivation, formation, expérience) peut encore biaiser l'effet : la section Robustesse en donne l'ampleur nécessaire.",
    "Statut. AE et TI au réel n'ont ni les mêmes contacts ni les mêmes obligations : là où l'étude les réunissait, l'appariement est exact sur le statut, et la spécification de l'étude est rapportée à côté pour montrer l'écart.",
    "Censure. Un créateur dont la première échéance (plus une marge de 15 jours) est postérieure à la date d'extraction n'est pas compté comme défaillant : il est exclu et compté.",
    "Tendances. Les indicateurs s'améliorent d'année en année dans toutes les régions ; une comparaison avant/après les confond avec l'effet du parcours. Les différences de différences retirent la tendance commune et la saisonnalité (2022 comme année placebo).",
    "Seuil de 30 ans. La comparaison de l'étude (28–29 contre 30–31 ans) mesure l'effet de l'éligibilité et non d'un appel reçu ; la discontinuité floue estime ce dernier, et l'effet minimal détectable dit si un résultat nul est informatif.",
    "Inférence. Chaque effet est donné avec son erreur type, son intervalle de confiance à 95 % et sa p-valeur ; la méthode de variance est indiquée dans results.json (champ variance).",
  ],
  en: [
    'Treatment. Journey beneficiaries are not flagged in the information systems: treatment is proxied by an inbound phone contact or appointment (national) or an outbound call (Languedoc-Roussillon) before the first due date. The "untreated" are not contact-free: part of the contacts were not transmitted (annex 9 §44).',
    "Matching. Each treated creator is compared with an untreated one as similar as possible on region, NAF division, sex, age and start month. Anything unobserved (motivation, education, experience) can still bias the effect: the Robustness section says how strong it would have to be.",
    "Status. AE and TI au réel have neither the same contacts nor the same obligations: where the study pooled them, matching is exact on status, and the study's specification is reported beside to show the difference.",
    "Censoring. A creator whose first due date (plus a 15-day margin) falls after the extract date is not counted as failing: they are excluded and counted.",
    "Trends. Indicators improve year after year in every region; a before/after comparison confounds this with the journey's effect. Difference-in-differences removes the common trend and the season (2022 as placebo year).",
    "Age-30 threshold. The study's comparison (28–29 vs 30–31) measures the effect of eligibility, not of a call received; the fuzzy discontinuity estimates the latter, and the minimum detectable effect says whether a null result is informative.",
    "Inference. Every effect comes with its standard error, 95% confidence interval and p-value; the variance method is stated in results.json (field variance).",
  ],
} as const;

/** Section: methods and caveats, in plain language. */
export async function methodsSection(ctx: RunContext): Promise<SectionOutput> {
  const section: ReportSection = {
    id: "methods",
    title: ctx.lang === "fr" ? "Méthodes et précautions de lecture" : "Methods and caveats",
    blocks: [{ kind: "list", items: [...TEXT[ctx.lang]] }],
  };
  return { section, results: [] };
}
