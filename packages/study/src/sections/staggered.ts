import { eventStudyChart } from "@parcours-eval/did";
import type { ReportBlock, ReportSection, ReportTable, VegaLiteSpec } from "@parcours-eval/report";
import type { Localized } from "../plan/types.js";
import { type AnalysisResult, pendingResult } from "../results.js";
import { AnalysisDisabled } from "../run/cohort-frame.js";
import { type RunContext, tr } from "../run/context.js";
import { STAGGERED_OUTCOMES, type StaggeredOutcome, staggeredFrame } from "../run/did-cohorts.js";
import { type DidSettings, didSettings } from "../run/did-settings.js";
import { type RegionRollout, regionRollout, semesterLabel } from "../run/rollout.js";
import { runStaggered, type StaggeredRun } from "../run/staggered-did.js";
import { staticTwfe, type TwfeResult } from "../run/twfe.js";
import { designCells, designColumns } from "./did-format.js";
import { exclusionTable } from "./matching-blocks.js";
import type { SectionOutput } from "./section.js";

const LABELS: Record<StaggeredOutcome, { title: Localized; population: Localized }> = {
  contacts: {
    title: {
      fr: "contacts entrants après la première échéance, jusqu'au 12e mois",
      en: "inbound contacts after the first due date, up to month 12",
    },
    population: {
      fr: "AE et TI au réel avec 12 mois de recul",
      en: "AE and TI au réel with 12 months of follow-up",
    },
  },
  first_payment: {
    title: { fr: "premier versement conforme", en: "first payment conforme" },
    population: {
      fr: "AE et TI au réel avec une première échéance due et passée",
      en: "AE and TI au réel with a first échéance due and passed",
    },
  },
  taxation_office: {
    title: {
      fr: "taxations d'office dans les 12 premiers mois (AE)",
      en: "taxations d'office in the first 12 months (AE)",
    },
    population: { fr: "AE avec 12 mois de recul", en: "AE with 12 months of follow-up" },
  },
};

interface OutcomeRun {
  outcome: StaggeredOutcome;
  result: AnalysisResult;
  run?: StaggeredRun;
  twfe?: TwfeResult | null;
}

function disabledReason(ctx: RunContext, outcome: StaggeredOutcome): string | undefined {
  const h = ctx.data.national;
  if (!h) return "no national extract was given";
  if (!h.manifest?.regions_first_year && didSettings(ctx.plan).rollout.rule !== "dates")
    return "the manifest gives no regions_first_year and the plan gives no rollout dates";
  if (outcome === "first_payment" && !h.manifest?.payments_usable)
    return "the manifest says payments are not usable";
  if (outcome === "contacts" && !h.files.has("contacts")) return "contacts.csv is absent";
  return undefined;
}

async function runOutcome(
  ctx: RunContext,
  outcome: StaggeredOutcome,
  rollout: readonly RegionRollout[],
  settings: DidSettings,
): Promise<OutcomeRun> {
  const L = LABELS[outcome];
  const result: AnalysisResult = pendingResult({
    id: `staggered.did.${outcome}`,
    title:
      ctx.lang === "fr"
        ? `Déploiement échelonné : ${L.title.fr}`
        : `Staggered rollout: ${L.title.en}`,
    design: "staggered_did",
    population: `${tr(ctx, L.population)}; ${ctx.lang === "fr" ? "toutes régions et semestres d'immatriculation" : "every region and registration semester"}`,
    outcome: STAGGERED_OUTCOMES[outcome].column,
  });
  const reason = disabledReason(ctx, outcome);
  if (reason) {
    result.disabled = reason;
    return { outcome, result };
  }
  let frame: Awaited<ReturnType<typeof staggeredFrame>>;
  try {
    frame = await staggeredFrame(ctx, outcome);
  } catch (error) {
    if (!(error instanceof AnalysisDisabled)) throw error;
    result.disabled = error.reason;
    return { outcome, result };
  }
  let run: StaggeredRun;
  try {
    run = runStaggered(frame.frame, frame.outcome, rollout, settings, ctx.seed);
  } catch (error) {
    result.disabled = (error as Error).message;
    result.excluded = frame.excluded;
    return { outcome, result };
  }
  const twfe = staticTwfe(frame.frame, frame.outcome, rollout);
  Object.assign(result, {
    ...run.simple,
    naiveEstimate:
      run.meanExposed !== null && run.meanUnexposed !== null
        ? run.meanExposed - run.meanUnexposed
        : null,
    nTreated: run.nExposed,
    nControl: run.nUnexposed,
    meanTreated: run.meanExposed,
    meanControl: run.meanUnexposed,
    excluded: { ...frame.excluded, ...run.excluded },
    warnings: run.warnings,
    variance: run.variance,
    details: {
      estimator:
        "Callaway & Sant'Anna (2021), repeated cross-sections, outcome regression without covariates",
      comparison: settings.comparison,
      rollout: settings.rollout,
      groups: Object.fromEntries(
        rollout.map((r) => [r.region, r.group === null ? null : semesterLabel(r.group)]),
      ),
      sets: run.sets.map((s) => ({
        set: s.set,
        regions: s.regions,
        rows: s.rows,
        controlGroup: s.controlGroup,
        weight: s.weight,
        simple: s.result.aggregate.simple,
        pretest: s.result.pretest,
      })),
      dynamic: run.dynamic.map((d) => ({ ...d, label: d.e })),
      pretest: run.pretest,
      attgt: run.cells.map((c) => ({
        ...c,
        groupLabel: semesterLabel(c.group),
        timeLabel: semesterLabel(c.time),
      })),
      twfe,
      rowsUsed: run.rowsUsed,
    },
  });
  if (run.simple.estimate === null && !result.warnings.length)
    result.warnings.push("no ATT(g,t) cell could be estimated");
  return { outcome, result, run, twfe };
}

/** The did package's chart labels are English: French reports get them translated. */
function localizeEventChart(ctx: RunContext, spec: VegaLiteSpec): VegaLiteSpec {
  if (ctx.lang !== "fr") return spec;
  const json = JSON.stringify(spec)
    .replaceAll('"before treatment"', '"avant"')
    .replaceAll('"after treatment"', '"après"')
    .replaceAll(
      '"periods since treatment (e = t − g)"',
      '"semestres depuis le déploiement (e = t − g)"',
    );
  return JSON.parse(json) as VegaLiteSpec;
}

function fmt(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? "n/a" : v.toFixed(digits);
}

function effectsTable(ctx: RunContext, runs: readonly OutcomeRun[]): ReportTable {
  const fr = ctx.lang === "fr";
  const ci = fr ? "effet [IC 95 %]" : "effect [95% CI]";
  const p = fr ? "p-valeur" : "p-value";
  return {
    id: "staggered-effects",
    title: fr
      ? "Déploiement échelonné : effet moyen sur les créateurs exposés (Callaway–Sant'Anna) et TWFE"
      : "Staggered rollout: average effect on exposed creators (Callaway–Sant'Anna) and TWFE",
    columns: [
      { key: "outcome", label: fr ? "Indicateur" : "Outcome" },
      { key: "nTreated", label: fr ? "Exposés" : "Exposed", format: "integer" },
      { key: "nControl", label: fr ? "Non encore exposés" : "Not yet exposed", format: "integer" },
      ...designColumns("cs", `Callaway–Sant'Anna : ${ci}`, p),
      { key: "se", label: fr ? "Erreur type" : "Std. error", format: "estimate" },
      { key: "pretestP", label: fr ? "Pré-test — p" : "Pre-test — p", format: "pvalue" },
      ...designColumns("twfe", `TWFE : ${ci}`, p),
      { key: "id", label: "id", format: "text", csvOnly: true },
    ],
    rows: runs.map(({ outcome, result: r, run, twfe }) => ({
      id: r.id,
      outcome: r.disabled
        ? `${tr(ctx, LABELS[outcome].title)} — ${fr ? "non réalisée" : "not run"} : ${r.disabled}`
        : tr(ctx, LABELS[outcome].title),
      nTreated: r.nTreated,
      nControl: r.nControl,
      ...designCells(ctx, "cs", r),
      se: r.se,
      pretestP: run?.pretest?.pValue ?? null,
      ...designCells(
        ctx,
        "twfe",
        twfe ? twfe : { estimate: null, ciLower: null, ciUpper: null, pValue: null },
      ),
    })),
    note: fr
      ? "ATT : moyenne des ATT(g,t) postérieurs au déploiement, pondérés par la taille des cohortes (agrégation « simple »). Contacts et taxations d'office : nombre moyen par compte ; premier versement : différence de proportions. TWFE : régression à effets fixes région et semestre sur toutes les régions et tous les semestres, erreurs types par région."
      : "ATT: mean of the post-deployment ATT(g,t) weighted by cohort size (the 'simple' aggregation). Contacts and taxations d'office: mean count per account; first payment: difference in proportions. TWFE: region and semester fixed-effects regression on every region and semester, region-clustered errors.",
  };
}

function rolloutTable(ctx: RunContext, rollout: readonly RegionRollout[]): ReportTable {
  const fr = ctx.lang === "fr";
  return {
    id: "staggered-rollout",
    title: fr ? "Semestre de déploiement retenu par région" : "Deployment semester used per region",
    columns: [
      { key: "region", label: fr ? "Région" : "Region" },
      {
        key: "firstDataYear",
        label: fr ? "Première année de données" : "First data year",
        format: "integer",
      },
      { key: "deployment", label: fr ? "Semestre de déploiement" : "Deployment semester" },
      { key: "source", label: fr ? "Source" : "Source" },
    ],
    rows: rollout.map((r) => ({
      region: r.region,
      firstDataYear: r.firstDataYear === null ? null : String(r.firstDataYear),
      deployment: r.group === null ? null : semesterLabel(r.group),
      source:
        r.source === "date"
          ? fr
            ? "date du plan"
            : "plan date"
          : fr
            ? "première année (manifeste)"
            : "first year (manifest)",
    })),
    note: fr
      ? "Règle par défaut (domaine §3.6) : année de début des séries du tableau 5, déploiement au second semestre ; les régions sans créateur contacté avant 2023 au tableau 6.3 (Bourgogne, Alsace, Lorraine, Limousin, Picardie, Midi-Pyrénées) prennent la v2 du 18 juillet 2023 ; Languedoc-Roussillon l'expérimentation de février 2018. Option du plan : did.rollout."
      : "Default rule (domain §3.6): first data year of table 5, deployment in the second semester; regions with no creator contacted before 2023 in table 6.3 (Bourgogne, Alsace, Lorraine, Limousin, Picardie, Midi-Pyrénées) take the v2 date of 18 July 2023; Languedoc-Roussillon the February 2018 experiment. Plan option: did.rollout.",
  };
}

function eventChart(ctx: RunContext, o: OutcomeRun): ReportBlock | undefined {
  const points = (o.run?.dynamic ?? []).flatMap((d) =>
    d.estimate === null || d.ciLower === null || d.ciUpper === null
      ? []
      : [{ e: d.e, estimate: d.estimate, ciLower: d.ciLower, ciUpper: d.ciUpper }],
  );
  if (points.length < 2) return undefined;
  const fr = ctx.lang === "fr";
  const name = tr(ctx, LABELS[o.outcome].title);
  return {
    kind: "chart",
    id: `staggered-event-study-${o.outcome}`,
    title: fr
      ? `Effet par semestre depuis le déploiement : ${name}`
      : `Effect by semesters since deployment: ${name}`,
    spec: localizeEventChart(
      ctx,
      eventStudyChart(points, {
        title: fr ? "IC ponctuels à 95 %" : "95% pointwise intervals",
        yTitle: fr ? "effet" : "effect",
        band: "",
      }),
    ),
    note: fr
      ? "Agrégation dynamique de Callaway et Sant'Anna : e = semestre d'immatriculation − semestre de déploiement ; e < 0 : semestres avant le déploiement (placebos)."
      : "Callaway and Sant'Anna dynamic aggregation: e = registration semester − deployment semester; e < 0: semesters before deployment (placebos).",
  };
}

/**
 * Section: staggered difference-in-differences across the regions' deployment dates (DESIGN.md
 * plan step 5; domain §3.6, §7 G): Callaway & Sant'Anna on repeated cross-sections of
 * registration semesters, with the static TWFE beside it.
 */
export async function staggeredSection(ctx: RunContext): Promise<SectionOutput> {
  const fr = ctx.lang === "fr";
  const settings = didSettings(ctx.plan);
  const rollout = regionRollout(ctx.data.national?.manifest?.regions_first_year, settings.rollout);
  const runs: OutcomeRun[] = [];
  for (const outcome of Object.keys(STAGGERED_OUTCOMES) as StaggeredOutcome[]) {
    runs.push(await runOutcome(ctx, outcome, rollout, settings));
    ctx.progress(`staggered.did.${outcome}`);
  }
  const results = runs.map((r) => r.result);
  const blocks: ReportBlock[] = [
    {
      kind: "paragraph",
      text: fr
        ? "Les régions ont ouvert le parcours à des dates différentes. Chaque créateur est rattaché à sa région et à son semestre d'immatriculation ; il est « exposé » s'il s'immatricule à partir du semestre de déploiement de sa région. L'estimateur de Callaway et Sant'Anna (2021) compare, pour chaque cohorte de régions g et chaque semestre t, l'évolution depuis le semestre précédant le déploiement à celle des régions pas encore déployées (toutes le sont à terme), sur des coupes répétées de créateurs."
        : "Regions opened the journey at different dates. Each creator belongs to a region and a registration semester, and is 'exposed' when registered from the region's deployment semester on. The Callaway and Sant'Anna (2021) estimator compares, for each cohort of regions g and semester t, the change since the semester before deployment with that of regions not yet deployed (all are eventually), on repeated cross-sections of creators.",
    },
    {
      kind: "paragraph",
      text:
        settings.comparison === "same_first_year"
          ? fr
            ? "Les séries de chaque région commencent l'année de son déploiement (§26). Si l'on comparait toutes les régions, celles qui entrent dans l'extraction plus tard rejoindraient le groupe de comparaison entre le semestre de base et le semestre étudié, et leurs écarts de niveau passeraient pour un effet. Les régions sont donc comparées à celles dont les séries commencent la même année ; les estimations de ces ensembles, indépendants, sont moyennées selon leur nombre de créateurs exposés. Le Languedoc-Roussillon, seul en 2017, n'a pas de région de comparaison."
            : "Each region's series start in its deployment year (§26). Comparing all regions, those entering the extract later would join the comparison group between the base semester and the semester studied, and their level differences would pass for an effect. Regions are therefore compared with those whose series start the same year; the estimates of these independent sets are averaged by their numbers of exposed creators. Languedoc-Roussillon, alone in 2017, has no comparison region."
          : fr
            ? "Toutes les régions observées aux deux semestres servent de comparaison (option did.comparison = all_regions) : cela suppose que les régions qui entrent dans l'extraction plus tard ont le même niveau que les autres."
            : "Every region observed in both semesters serves as comparison (option did.comparison = all_regions): this assumes regions entering the extract later have the same level as the others.",
    },
    { kind: "table", table: rolloutTable(ctx, rollout) },
    { kind: "table", table: effectsTable(ctx, runs) },
  ];
  for (const o of runs) {
    const c = eventChart(ctx, o);
    if (c) blocks.push(c);
  }
  const pre = runs.map((o) => o.run?.pretest ?? null);
  blocks.push({
    kind: "paragraph",
    text: pre.every((p) => p === null)
      ? fr
        ? "Pré-test des tendances parallèles : non calculable. Avec ces dates, aucune région déployée n'a plus d'un semestre de données avant son déploiement, faute de séries antérieures (les extractions commencent l'année du déploiement) : l'hypothèse de tendances parallèles ne peut pas être testée, seulement supposée."
        : "Pre-test of parallel trends: not computable. With these dates no deployed region has more than one semester of data before its deployment, since the extracts start in the deployment year: parallel trends cannot be tested, only assumed."
      : fr
        ? `Pré-test des tendances parallèles (Wald, tous les ATT(g,t) antérieurs au déploiement nuls) : ${runs.map((o) => `${o.outcome} p = ${fmt(o.run?.pretest?.pValue)}`).join(" ; ")}.`
        : `Pre-test of parallel trends (Wald, every pre-deployment ATT(g,t) zero): ${runs.map((o) => `${o.outcome} p = ${fmt(o.run?.pretest?.pValue)}`).join("; ")}.`,
  });
  blocks.push({
    kind: "paragraph",
    text: fr
      ? "La régression à double effet fixe (TWFE) est donnée pour comparaison. Avec des déploiements échelonnés, elle compare aussi des régions déployées tard à des régions déjà déployées, dont l'effet évolue encore : ces comparaisons entrent avec des poids négatifs et l'estimation peut s'éloigner de tout effet moyen, voire changer de signe (Goodman-Bacon, 2021 ; de Chaisemartin et D'Haultfœuille, 2020). Callaway et Sant'Anna n'utilisent que des régions pas encore déployées comme comparaison."
      : "The two-way fixed-effects regression (TWFE) is shown for comparison. With staggered deployments it also compares late-deployed regions with already-deployed ones whose effect is still evolving: these comparisons enter with negative weights and the estimate can drift away from any average effect, even change sign (Goodman-Bacon, 2021; de Chaisemartin & D'Haultfœuille, 2020). Callaway and Sant'Anna use only not-yet-deployed regions as comparisons.",
  });
  const sizes = runs.flatMap((o) => o.run?.sets.map((s) => s.regions.length) ?? []);
  const few = sizes.length ? `${Math.min(...sizes)}–${Math.max(...sizes)}` : "0";
  blocks.push({
    kind: "callout",
    tone: "info",
    text: fr
      ? `Les erreurs types portent sur l'échantillonnage des créateurs (fonction d'influence au niveau du compte). Un choc propre à une région et un semestre n'y est pas compté ; le regroupement par région serait la bonne réponse, mais chaque ensemble de comparaison ne compte que ${few} régions.`
      : `Standard errors reflect the sampling of creators (account-level influence function). A shock specific to a region and semester is not counted; clustering by region would be the answer, but each comparison set has only ${few} regions.`,
  });
  blocks.push({ kind: "table", table: exclusionTable(ctx, "staggered-exclusions", results) });
  const section: ReportSection = {
    id: "staggered-rollout",
    title: fr ? "Déploiement échelonné entre régions" : "Staggered rollout across regions",
    blocks,
  };
  return { section, results };
}
