import type { Frame } from "@parcours-eval/core";
import { rd, rddensity, rdMde, rdPlot, windowComparison } from "@parcours-eval/rdd";
import type { ReportBlock, ReportSection, ReportTable, VegaLiteSpec } from "@parcours-eval/report";
import { type AnalysisResult, pendingResult } from "../results.js";
import type { RunContext } from "../run/context.js";
import { type ThresholdFrameOptions, thresholdFrame } from "../run/threshold-frame.js";
import { effectTable } from "./effect-table.js";
import { exclusionTable, naiveVersusAdjustedChart } from "./matching-blocks.js";
import { runMatchingPlans } from "./national-matching.js";
import type { SectionOutput } from "./section.js";

const CUTOFF_MONTHS = 360;
const YEARS = [2018, 2019];
const REGION = "LANGUEDOC_ROUSSILLON";

type ThresholdId =
  | "lr.threshold30.first_declaration"
  | "lr.threshold30.first_payment"
  | "lr.rdd.first_declaration"
  | "lr.rdd.fuzzy.first_declaration";

const THRESHOLD_ANALYSES: Record<
  ThresholdId,
  { design: AnalysisResult["design"]; outcome: string; fr: string; en: string }
> = {
  "lr.threshold30.first_declaration": {
    design: "threshold",
    outcome: "first_declaration",
    fr: "Seuil de 30 ans : première déclaration (28–29 vs 30–31 ans)",
    en: "Age-30 threshold: first declaration (28–29 vs 30–31)",
  },
  "lr.threshold30.first_payment": {
    design: "threshold",
    outcome: "first_payment",
    fr: "Seuil de 30 ans : premier versement (28–29 vs 30–31 ans)",
    en: "Age-30 threshold: first payment (28–29 vs 30–31)",
  },
  "lr.rdd.first_declaration": {
    design: "rdd",
    outcome: "first_declaration",
    fr: "Discontinuité à 30 ans (âge en mois) : effet de l'éligibilité",
    en: "Discontinuity at 30 (age in months): effect of eligibility",
  },
  "lr.rdd.fuzzy.first_declaration": {
    design: "rdd_fuzzy",
    outcome: "first_declaration",
    fr: "Discontinuité floue à 30 ans : effet d'un appel reçu",
    en: "Fuzzy discontinuity at 30: effect of receiving a call",
  },
};

function base(ctx: RunContext, id: ThresholdId): AnalysisResult {
  const a = THRESHOLD_ANALYSES[id];
  return pendingResult({
    id,
    title: a[ctx.lang],
    design: a.design,
    population:
      ctx.lang === "fr"
        ? "AE de Languedoc-Roussillon immatriculés en 2018–2019"
        : "Languedoc-Roussillon AE registered in 2018–2019",
    outcome: a.outcome,
  });
}

/** A threshold analysis that cannot run, with the reason. */
function disabled(ctx: RunContext, id: ThresholdId, reason: string): AnalysisResult {
  return { ...base(ctx, id), disabled: reason, warnings: [reason] };
}

/** The study's comparison as is: ages 28–29 (eligible) vs 30–31, difference in proportions. */
function windowResult(
  ctx: RunContext,
  frame: Frame,
  outcome: "first_declaration" | "first_payment",
): AnalysisResult {
  const r = base(ctx, `lr.threshold30.${outcome}`);
  const w = windowComparison(frame, {
    outcome: "outcome",
    running: "age_years",
    below: [28, 30],
    above: [30, 32],
    treated: "below",
  });
  Object.assign(r, {
    estimate: w.difference,
    se: w.se,
    ciLower: w.ciLower,
    ciUpper: w.ciUpper,
    pValue: w.pValue,
    naiveEstimate: w.difference,
    nTreated: w.treated.n,
    nControl: w.control.n,
    meanTreated: w.treated.mean,
    meanControl: w.control.mean,
    excluded: Object.fromEntries(
      Object.entries({
        MISSING_OUTCOME_OR_AGE: w.excluded.missing,
        OUTSIDE_AGE_WINDOWS: w.excluded.outsideWindows,
      }).filter(([, n]) => n > 0),
    ),
    warnings: [...w.warnings],
    variance:
      "unpooled Wald CI; pooled two-proportion z test (prop.test, no continuity correction)",
    mde: {
      value: w.mde,
      method: "two-proportions",
      alpha: 1 - w.level / 100,
      power: w.power,
      nTreated: w.treated.n,
      nControl: w.control.n,
    },
  });
  return r;
}

/**
 * The local-polynomial discontinuity at 30 years (360 months), robust bias-corrected inference
 * (Calonico, Cattaneo & Titiunik 2014). rdrobust measures right minus left; eligibility is on the
 * left (under 30), so the eligibility effect is the negated jump.
 */
function rddResult(ctx: RunContext, frame: Frame, fuzzy: boolean): AnalysisResult {
  const id: ThresholdId = fuzzy ? "lr.rdd.fuzzy.first_declaration" : "lr.rdd.first_declaration";
  const r = base(ctx, id);
  try {
    const res = rd(frame, {
      y: "outcome",
      x: "age_months",
      c: CUTOFF_MONTHS,
      ...(fuzzy ? { fuzzy: "called" } : {}),
    });
    const sign = fuzzy ? 1 : -1;
    const lo = sign * res.robust.ciLower;
    const hi = sign * res.robust.ciUpper;
    Object.assign(r, {
      estimate: sign * res.conventional.coef,
      se: res.robust.se,
      ciLower: Math.min(lo, hi),
      ciUpper: Math.max(lo, hi),
      pValue: res.robust.pValue,
      nTreated: res.nEffective.left,
      nControl: res.nEffective.right,
      excluded: res.excluded.missing ? { MISSING_OUTCOME_OR_AGE: res.excluded.missing } : {},
      warnings: [...res.warnings],
      variance: `robust bias-corrected (rdrobust, ${res.vce}, ${res.bwselect} bandwidth)`,
      mde: {
        value: rdMde(res),
        method: "standard-error",
        alpha: 0.05,
        power: 0.8,
        nTreated: res.nEffective.left,
        nControl: res.nEffective.right,
      },
    });
    r.details = {
      h: res.h,
      b: res.b,
      n: res.n,
      nEffective: res.nEffective,
      kernel: res.kernel,
      p: res.p,
      firstStage: res.firstStage ?? null,
    };
    return r;
  } catch (error) {
    return disabled(ctx, id, (error as Error).message);
  }
}

function densityTable(ctx: RunContext, frame: Frame): ReportTable | undefined {
  const x = frame.numeric("age_months").filter((v) => !Number.isNaN(v));
  try {
    const d = rddensity(x, { c: CUTOFF_MONTHS });
    return {
      id: "lr-density-test",
      title:
        ctx.lang === "fr"
          ? "Test de manipulation de l'âge au seuil (densité)"
          : "Manipulation test of age at the cutoff (density)",
      columns: [
        { key: "statistic", label: "T", format: "number" },
        { key: "pValue", label: ctx.lang === "fr" ? "p-valeur" : "p-value", format: "pvalue" },
        {
          key: "left",
          label: ctx.lang === "fr" ? "Densité à gauche" : "Density left",
          format: "number",
        },
        {
          key: "right",
          label: ctx.lang === "fr" ? "Densité à droite" : "Density right",
          format: "number",
        },
      ],
      rows: [
        { statistic: d.statistic, pValue: d.pValue, left: d.density.left, right: d.density.right },
      ],
      note:
        ctx.lang === "fr"
          ? "Cattaneo, Jansson et Ma (2020) : une p-valeur élevée ne montre aucun tassement des âges d'un côté du seuil."
          : "Cattaneo, Jansson and Ma (2020): a high p-value shows no bunching of ages on one side of the cutoff.",
    };
  } catch {
    return undefined;
  }
}

/** Section: Languedoc-Roussillon — outbound calls (matching) and the age-30 threshold. */
export async function languedocSection(ctx: RunContext): Promise<SectionOutput> {
  const fr = ctx.lang === "fr";
  const results = await runMatchingPlans(ctx, "regional");
  const blocks: ReportBlock[] = [
    {
      kind: "paragraph",
      text: fr
        ? "Les appels sortants de l'Urssaf Languedoc-Roussillon (Ouscac) servent de traitement : AE appelés avant leur première déclaration et son échéance (ou dans les 6 mois pour ceux qui n'ont pas déclaré), appariés comme au niveau national, par année et par motif d'appel ; les témoins des analyses par motif n'ont jamais été appelés."
        : "Outbound calls of Urssaf Languedoc-Roussillon (Ouscac) are the treatment: AE called before their first declaration and its due date (or within 6 months for non-filers), matched as nationally, by year and by call motive; controls of the motive analyses were never called.",
    },
    {
      kind: "table",
      table: effectTable(
        ctx,
        "lr-outbound-effects",
        fr ? "Appels sortants : effets estimés" : "Outbound calls: estimated effects",
        results,
      ),
    },
  ];
  const chart = naiveVersusAdjustedChart(
    ctx,
    "lr-outbound",
    fr
      ? "Appels sortants : écart brut et effet ajusté"
      : "Outbound calls: naive difference and adjusted effect",
    results,
  );
  if (chart) blocks.push(chart);

  const threshold: AnalysisResult[] = [];
  const opts: Omit<ThresholdFrameOptions, "outcome"> = { years: YEARS, callWindowMonths: 6 };
  const regional = ctx.data.regional;
  const declFrame = regional
    ? await thresholdFrame(regional, { ...opts, outcome: "first_declaration" })
    : undefined;
  // LR payment data are unusable in the regional extract (annex 9 §112): the national extract
  // restricted to the region is used, as the study's T9.23 most likely was (domain §10.7).
  const national = ctx.data.national;
  const payFrame = national
    ? await thresholdFrame(national, { ...opts, outcome: "first_payment", region: REGION })
    : undefined;
  const noRegional = "no regional extract was given";
  threshold.push(
    declFrame
      ? windowResult(ctx, declFrame, "first_declaration")
      : disabled(ctx, "lr.threshold30.first_declaration", noRegional),
    payFrame
      ? windowResult(ctx, payFrame, "first_payment")
      : disabled(ctx, "lr.threshold30.first_payment", "no national extract was given"),
    declFrame
      ? rddResult(ctx, declFrame, false)
      : disabled(ctx, "lr.rdd.first_declaration", noRegional),
    declFrame
      ? rddResult(ctx, declFrame, true)
      : disabled(ctx, "lr.rdd.fuzzy.first_declaration", noRegional),
  );

  blocks.push({
    kind: "paragraph",
    text: fr
      ? "De 2018 à février 2022, les appels aux AE étaient réservés aux moins de 30 ans. L'étude comparait les 28–29 ans aux 30–31 ans (immatriculés en 2018–2019) ; on la refait telle quelle, puis on estime une vraie discontinuité sur l'âge en mois (polynôme local, fenêtre optimale, inférence robuste), sa version floue (effet d'avoir reçu un appel, le seuil servant d'instrument) et l'effet minimal détectable, pour dire si un résultat nul était informatif."
      : "From 2018 to February 2022, calls to AE were reserved to people under 30. The study compared ages 28–29 with 30–31 (registered 2018–2019); it is redone as is, then a proper discontinuity on age in months (local polynomial, optimal bandwidth, robust inference), its fuzzy version (effect of receiving a call, the threshold as instrument) and the minimum detectable effect, to tell whether a null result was informative.",
  });
  blocks.push({
    kind: "table",
    table: effectTable(
      ctx,
      "lr-threshold-effects",
      fr
        ? "Seuil de 30 ans : comparaison de l'étude et discontinuité"
        : "Age-30 threshold: the study's comparison and the discontinuity",
      threshold,
    ),
  });
  blocks.push({
    kind: "table",
    table: {
      id: "lr-threshold-mde",
      title: fr
        ? "Effet minimal détectable (puissance 80 %, risque 5 %)"
        : "Minimum detectable effect (80% power, 5% level)",
      columns: [
        { key: "id", label: "id", format: "text" },
        { key: "mde", label: fr ? "EMD" : "MDE", format: "estimate" },
        { key: "estimate", label: fr ? "Effet" : "Effect", format: "estimate" },
      ],
      rows: threshold.map((r) => ({ id: r.id, mde: r.mde?.value ?? null, estimate: r.estimate })),
      note: fr
        ? "Un effet plus petit que l'EMD a moins de 80 % de chances d'être détecté : un résultat non significatif n'exclut pas un tel effet."
        : "An effect smaller than the MDE has less than an 80% chance of being detected: a non-significant result does not rule it out.",
    },
  });
  if (declFrame) {
    const density = densityTable(ctx, declFrame);
    if (density) blocks.push({ kind: "table", table: density });
    const y: number[] = [];
    const x: number[] = [];
    const yy = declFrame.numeric("outcome");
    const xx = declFrame.numeric("age_months");
    for (let i = 0; i < declFrame.nRows; i++) {
      if (!Number.isNaN(yy[i]!) && !Number.isNaN(xx[i]!) && xx[i]! >= 240 && xx[i]! < 480) {
        y.push(yy[i]!);
        x.push(xx[i]!);
      }
    }
    if (x.length > 50) {
      const plot = rdPlot(y, x, {
        c: CUTOFF_MONTHS,
        xTitle: fr ? "Âge à l'immatriculation (mois)" : "Age at registration (months)",
        yTitle: fr ? "Première déclaration dans les délais" : "On-time first declaration",
      });
      blocks.push({
        kind: "chart",
        id: "lr-rd-plot",
        title: fr
          ? "Première déclaration dans les délais selon l'âge, 20 à 40 ans"
          : "On-time first declaration by age, 20 to 40",
        spec: plot.spec as unknown as VegaLiteSpec,
        note: fr
          ? "Moyennes par classe d'âge et polynômes ajustés de part et d'autre de 30 ans."
          : "Binned means and polynomials fitted on each side of 30.",
      });
    }
  }
  const all = [...results, ...threshold];
  blocks.push({ kind: "table", table: exclusionTable(ctx, "lr-exclusions", all) });
  const section: ReportSection = {
    id: "languedoc-roussillon",
    title: "Languedoc-Roussillon",
    blocks,
  };
  return { section, results: all };
}
