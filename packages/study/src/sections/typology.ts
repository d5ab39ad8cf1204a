import type { ClusterProfile, IndicatorRow } from "@parcours-eval/cluster";
import { ParcoursError } from "@parcours-eval/core";
import {
  barChart,
  lineChart,
  type ReportBlock,
  type ReportSection,
  type ReportTable,
} from "@parcours-eval/report";
import { NAF_DIVISIONS } from "../descriptives/naf-labels.js";
import { INDICATOR_SHORT, INDICATOR_WORD } from "../descriptives/vocabulary.js";
import { type RunContext, tr } from "../run/context.js";
import { runTypology, type TypologyRun } from "../run/typology.js";
import { widenLabels } from "./chart-labels.js";
import type { SectionOutput } from "./section.js";

type Lang = "fr" | "en";

/** The typology options of the plan, checked, with defaults (k from 4 to 14, FasterPAM). */
export function typologyOptions(ctx: RunContext): {
  kMin: number;
  kMax: number;
  method: "pam" | "fasterpam";
} {
  const o = ctx.plan.typology ?? {};
  const kMin = o.kMin ?? 4;
  const kMax = o.kMax ?? 14;
  const method = o.method ?? "fasterpam";
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMax < kMin) {
    throw new ParcoursError(
      "STUDY_BAD_PLAN_OPTION",
      `typology.kMin and typology.kMax must be integers with 2 ≤ kMin ≤ kMax, got ${kMin} and ${kMax}`,
      { hint: 'e.g. "typology": { "kMin": 4, "kMax": 14 }' },
    );
  }
  if (method !== "pam" && method !== "fasterpam") {
    throw new ParcoursError(
      "STUDY_BAD_PLAN_OPTION",
      `typology.method must be pam or fasterpam, got "${method}"`,
      {
        hint: "pam is deterministic and slower; fasterpam is seeded with the run's seed",
      },
    );
  }
  return { kMin, kMax, method };
}

const pct = (x: number, lang: Lang): string =>
  new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(x);
const num1 = (x: number, lang: Lang): string =>
  new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 }).format(x);

function divisionName(code: string, lang: Lang, max = 30): string {
  const name = NAF_DIVISIONS[code]?.[lang] ?? code;
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/** "G1 · H · 26 ans · Poste et courrier": sex and division that dominate, mean age. */
function clusterLabel(p: ClusterProfile, lang: Lang): string {
  const sex = p.categorical.sex?.[0];
  const div = p.categorical.naf_div?.[0];
  const s = sex ? (sex.level === "F" ? "F" : lang === "fr" ? "H" : "M") : "?";
  const age = p.numeric.age ? Math.round(p.numeric.age.mean) : Number.NaN;
  return `G${p.cluster} · ${s} · ${age} ${lang === "fr" ? "ans" : "y"} · ${div ? divisionName(div.level, lang) : "?"}`;
}

function sexText(p: ClusterProfile, lang: Lang): string {
  const sex = p.categorical.sex?.[0];
  return sex
    ? `${sex.level === "F" ? "F" : lang === "fr" ? "H" : "M"} ${pct(sex.share, lang)}`
    : "";
}

/** Tableau 11, first half: who is in each group. */
function profilesTable(ctx: RunContext, run: TypologyRun): ReportTable {
  const fr = ctx.lang === "fr";
  const lang = ctx.lang;
  return {
    id: "typology-profiles",
    title: fr
      ? `Profil des ${run.best.k} groupes d'AE (tableau 11)`
      : `Profiles of the ${run.best.k} groups of AE (tableau 11)`,
    columns: [
      { key: "cluster", label: fr ? "Groupe" : "Group" },
      { key: "n", label: fr ? "Effectif" : "Size", format: "integer" },
      { key: "share", label: fr ? "Part" : "Share", format: "percent" },
      { key: "sex", label: fr ? "Sexe" : "Sex" },
      { key: "ageMean", label: fr ? "Âge moyen" : "Mean age", format: "number" },
      { key: "ageQuartiles", label: fr ? "Âge Q1 · médiane · Q3" : "Age Q1 · median · Q3" },
      { key: "divisions", label: fr ? "Divisions NAF principales" : "Main NAF divisions" },
      { key: "contact", label: fr ? "Contact entrant" : "Inbound contact", format: "percent" },
    ],
    rows: run.profiles.clusters.map((p) => {
      const a = p.numeric.age;
      const [lead, ...rest] = p.categorical.naf_div ?? [];
      const then = rest.map((d) => `${d.level} (${pct(d.share, lang)})`).join(", ");
      return {
        cluster: `G${p.cluster}`,
        n: p.size,
        share: p.share,
        sex: sexText(p, lang),
        ageMean: a ? Math.round(a.mean * 10) / 10 : null,
        ageQuartiles: a ? [a.q1, a.median, a.q3].map((x) => num1(x, lang)).join(" · ") : "",
        divisions: lead
          ? `${lead.level} ${divisionName(lead.level, lang, 48)} (${pct(lead.share, lang)})${then ? `${fr ? " ; puis " : "; then "}${then}` : ""}`
          : "",
        contact: p.binary.contact?.share ?? null,
      };
    }),
    note: fr
      ? "Âge au début d'activité. Contact entrant : au moins un contact (tous canaux) avant l'échéance de la première déclaration."
      : "Age at activity start. Inbound contact: at least one contact (any channel) before the first declaration's due date.",
  };
}

/** Tableau 11, second half: declared turnover bands, medoid and silhouette of each group. */
function turnoverTable(ctx: RunContext, run: TypologyRun): ReportTable {
  const fr = ctx.lang === "fr";
  const bandNames = run.profiles.clusters[0]?.bands.max_ca3?.map((b) => b.level) ?? [];
  return {
    id: "typology-turnover",
    title: fr
      ? "Chiffre d'affaires déclaré, médoïde et silhouette par groupe (tableau 11, suite)"
      : "Declared turnover, medoid and silhouette by group (tableau 11, continued)",
    columns: [
      { key: "cluster", label: fr ? "Groupe" : "Group" },
      ...bandNames.map((b, i) => ({
        key: `ca${i}`,
        label: `CA ${b} €`,
        format: "percent" as const,
      })),
      { key: "medoid", label: fr ? "Médoïde" : "Medoid" },
      { key: "silhouette", label: "Silhouette", format: "number" },
    ],
    rows: run.profiles.clusters.map((p, c) => {
      const m = run.medoids[c]!;
      const sil = run.best.clusterSilhouettes?.[c];
      return {
        cluster: `G${p.cluster}`,
        ...Object.fromEntries((p.bands.max_ca3 ?? []).map((b, i) => [`ca${i}`, b.share])),
        medoid: `${m.age} ${fr ? "ans" : "y"}, ${m.sex === "F" ? "F" : fr ? "H" : "M"}, ${m.naf_div}`,
        silhouette: sil === undefined ? null : Math.round(sil * 1000) / 1000,
      };
    }),
    note: fr
      ? `CA : maximum des trois premiers chiffres d'affaires déclarés, ramenés au mois (une déclaration trimestrielle compte pour trois mois) ; parts parmi les AE ayant déclaré au moins une fois${run.hasTurnover ? "" : " (pas de déclarations dans l'extraction)"}. Médoïde : l'AE réel qui représente le groupe (âge, sexe, division). Silhouette : de −1 à 1 ; plus elle est haute, mieux le groupe se distingue des autres.`
      : `CA: maximum of the first three declared turnovers, per month (a quarterly declaration counts as three months); shares among AE who declared at least once${run.hasTurnover ? "" : " (no declarations in the extract)"}. Medoid: the actual AE who represents the group (age, sex, division). Silhouette: from −1 to 1; the higher, the better the group stands apart.`,
  };
}

function indicatorLookup(rows: readonly IndicatorRow[]) {
  return (cluster: string, indicator: string, group: string): IndicatorRow | undefined =>
    rows.find((r) => r.cluster === cluster && r.indicator === indicator && r.group === group);
}

function indicatorsTable(ctx: RunContext, run: TypologyRun): ReportTable {
  const fr = ctx.lang === "fr";
  const get = indicatorLookup(run.indicators);
  const cols = (ind: string, key: string, name: string) => [
    {
      key: `${key}_all`,
      label: `${name} ${fr ? "ensemble" : "all"}`,
      format: "percent" as const,
    },
    {
      key: `${key}_1`,
      label: `${name} ${fr ? "avec contact" : "with contact"}`,
      format: "percent" as const,
    },
    {
      key: `${key}_0`,
      label: `${name} ${fr ? "sans contact" : "no contact"}`,
      format: "percent" as const,
    },
    { key: `${key}_n`, label: `${name} n`, format: "integer" as const, ind },
  ];
  const specs = [
    { ind: "first_decl_on_time", key: "decl", name: tr(ctx, INDICATOR_WORD.declaration) },
    { ind: "first_payment_conforme", key: "pay", name: tr(ctx, INDICATOR_WORD.payment) },
  ];
  return {
    id: "typology-indicators",
    title: fr
      ? "Indicateurs par groupe, avec et sans contact entrant (tableaux 12 et 13)"
      : "Indicators by group, with and without inbound contact (tableaux 12 and 13)",
    columns: [
      { key: "cluster", label: fr ? "Groupe" : "Group" },
      ...specs.flatMap((s) =>
        cols(s.ind, s.key, s.name).map(({ key, label, format }) => ({ key, label, format })),
      ),
    ],
    rows: run.profiles.clusters.map((p) => ({
      cluster: `G${p.cluster}`,
      ...Object.fromEntries(
        specs.flatMap((s) => {
          const all = get(p.cluster, s.ind, "all");
          return [
            [`${s.key}_all`, all?.n ? all.share : null],
            [`${s.key}_1`, get(p.cluster, s.ind, "1")?.share ?? null],
            [`${s.key}_0`, get(p.cluster, s.ind, "0")?.share ?? null],
            [`${s.key}_n`, all?.n ?? 0],
          ];
        }),
      ),
    })),
    note: fr
      ? "Corrélations descriptives, pas des effets : ceux qui appellent diffèrent de ceux qui n'appellent pas (voir l'appariement)."
      : "Descriptive correlations, not effects: people who call differ from those who do not (see the matching).",
  };
}

function summaryTable(ctx: RunContext, run: TypologyRun, method: string): ReportTable {
  const fr = ctx.lang === "fr";
  const rows: { item: string; value: string | number }[] = [
    { item: fr ? "AE classés" : "AE clustered", value: run.nClustered },
    ...Object.entries(run.excluded).map(([k, v]) => ({
      item: `${fr ? "Exclus" : "Excluded"} ${k}`,
      value: v,
    })),
    {
      item: fr
        ? "Profils distincts (âge × sexe × division)"
        : "Distinct profiles (age × sex × division)",
      value: run.best.profiles.count,
    },
    {
      item: fr ? "Méthode" : "Method",
      value: method === "pam" ? "PAM (BUILD + SWAP)" : "FasterPAM",
    },
    { item: fr ? "Graine" : "Seed", value: run.best.seed === null ? "—" : String(run.best.seed) },
    { item: fr ? "k retenu" : "Chosen k", value: run.best.k },
    {
      item: fr ? "Silhouette moyenne" : "Average silhouette",
      value: Math.round((run.best.silhouette ?? Number.NaN) * 10000) / 10000,
    },
    {
      item: fr ? "Distance moyenne au médoïde" : "Mean distance to medoid",
      value: Math.round(run.best.objective * 10000) / 10000,
    },
    { item: fr ? "Tailles des groupes" : "Group sizes", value: run.best.sizes.join(" ; ") },
  ];
  return {
    id: "typology-summary",
    title: fr ? "Typologie : résumé" : "Typology: summary",
    columns: [
      { key: "item", label: fr ? "Élément" : "Item" },
      { key: "value", label: fr ? "Valeur" : "Value" },
    ],
    rows,
  };
}

/** The typology's blocks once the clustering ran. */
function typologyBlocks(ctx: RunContext, run: TypologyRun, method: string): ReportBlock[] {
  const fr = ctx.lang === "fr";
  const lang = ctx.lang;
  const k = run.best.k;
  const kMin = run.kRows[0]!.k;
  const kMax = run.kRows[run.kRows.length - 1]!.k;
  const sil = run.best.silhouette ?? Number.NaN;
  const at10 = run.kRows.find((r) => r.k === 10);
  const labels = run.profiles.clusters.map((p) => clusterLabel(p, lang));
  const blocks: ReportBlock[] = [
    {
      kind: "paragraph",
      text: fr
        ? `L'étude avait classé un échantillon de 10 000 AE puis rattaché les autres au médoïde le plus proche, faute de pouvoir calculer la matrice de Gower des 549 000 AE. Ici les ${run.nClustered.toLocaleString("fr-FR")} AE de ${ctx.plan.studyYear} sont classés exactement : âge, sexe et division NAF ne prennent que ${run.best.profiles.count.toLocaleString("fr-FR")} combinaisons distinctes, et les k-médoïdes de ces profils pondérés par leurs effectifs sont ceux de la population entière (distance de Gower, ${method === "pam" ? "PAM" : `FasterPAM, graine ${ctx.seed}`}).`
        : `The study clustered a sample of 10,000 AE and attached the others to the nearest medoid, because the Gower matrix of 549,000 AE could not be computed. Here the ${run.nClustered.toLocaleString("en-GB")} AE of ${ctx.plan.studyYear} are clustered exactly: age, sex and NAF division take only ${run.best.profiles.count.toLocaleString("en-GB")} distinct combinations, and the k-medoids of these profiles weighted by their counts are those of the whole population (Gower distance, ${method === "pam" ? "PAM" : `FasterPAM, seed ${ctx.seed}`}).`,
    },
    {
      kind: "paragraph",
      text: fr
        ? `k = ${k} : la meilleure silhouette moyenne (${num1(sil * 100, lang)} %) parmi k = ${kMin} à ${kMax}.${at10 && k !== 10 ? ` À k = 10, le nombre retenu par l'étude, elle vaut ${num1(at10.silhouette * 100, lang)} %.` : ""}`
        : `k = ${k}: the best average silhouette (${num1(sil * 100, lang)}%) among k = ${kMin} to ${kMax}.${at10 && k !== 10 ? ` At k = 10, the study's choice, it is ${num1(at10.silhouette * 100, lang)}%.` : ""}`,
    },
  ];
  if (k === kMax && kMax > kMin) {
    blocks.push({
      kind: "callout",
      tone: "warning",
      text: fr
        ? "La silhouette croît encore à la borne haute de l'intervalle : avec deux variables nominales, plus de groupes reproduisent simplement les croisements sexe × division. Le critère seul ne tranche pas ; un k plus petit se lit plus facilement (l'étude en gardait une dizaine), et l'intervalle se règle dans le plan (typology.kMin, typology.kMax)."
        : "The silhouette still rises at the top of the range: with two nominal variables, more groups merely reproduce sex × division cells. The criterion alone does not settle k; a smaller k reads more easily (the study kept about ten), and the range is set in the plan (typology.kMin, typology.kMax).",
    });
  }
  blocks.push({
    kind: "chart",
    id: "typology-silhouette",
    title: fr
      ? "Silhouette moyenne selon le nombre de groupes"
      : "Average silhouette by number of groups",
    spec: lineChart({
      // Numbers, not text, so the ordinal axis runs 4, 5, … 14 rather than 10, 11, … 9.
      data: run.kRows.map((r) => ({ k: r.k, silhouette: r.silhouette })),
      x: "k",
      y: "silhouette",
      yFormat: ".2f",
      markX: k,
      xTitle: "k",
      yTitle: fr ? "silhouette moyenne" : "average silhouette",
    }),
  });
  blocks.push({ kind: "table", table: summaryTable(ctx, run, method) });
  blocks.push({ kind: "table", table: profilesTable(ctx, run) });
  blocks.push({ kind: "table", table: turnoverTable(ctx, run) });
  blocks.push({
    kind: "chart",
    id: "typology-sizes",
    title: fr ? "Taille des groupes" : "Group sizes",
    spec: widenLabels(
      barChart({
        data: run.profiles.clusters.map((p, c) => ({ group: labels[c]!, n: p.size })),
        category: "group",
        value: "n",
        sort: "data",
      }),
    ),
    note: fr
      ? "Libellé : sexe, âge moyen et division NAF dominants du groupe."
      : "Label: the group's dominant sex, mean age and dominant NAF division.",
  });
  blocks.push({ kind: "table", table: indicatorsTable(ctx, run) });
  const get = indicatorLookup(run.indicators);
  const byCluster = run.profiles.clusters.flatMap((p, c) =>
    (
      [
        ["first_decl_on_time", INDICATOR_SHORT.declaration],
        ["first_payment_conforme", INDICATOR_SHORT.payment],
      ] as const
    ).flatMap(([ind, name]) => {
      const r = get(p.cluster, ind, "all");
      return r?.n ? [{ group: labels[c]!, indicator: tr(ctx, name), rate: r.share }] : [];
    }),
  );
  if (byCluster.length) {
    blocks.push({
      kind: "chart",
      id: "typology-indicators",
      title: fr ? "Indicateurs par groupe (tableau 12)" : "Indicators by group (tableau 12)",
      spec: widenLabels(
        barChart({
          data: byCluster,
          category: "group",
          value: "rate",
          color: "indicator",
          valueFormat: ".0%",
          sort: "data",
        }),
      ),
    });
  }
  for (const [ind, key, name] of [
    ["first_decl_on_time", "declaration", INDICATOR_SHORT.declaration],
    ["first_payment_conforme", "payment", INDICATOR_SHORT.payment],
  ] as const) {
    const data = run.profiles.clusters.flatMap((p, c) =>
      (["1", "0"] as const).flatMap((g) => {
        const r = get(p.cluster, ind, g);
        const contact =
          g === "1" ? (fr ? "avec contact" : "with contact") : fr ? "sans contact" : "no contact";
        return r?.n ? [{ group: labels[c]!, contact, rate: r.share }] : [];
      }),
    );
    if (!data.length) continue;
    blocks.push({
      kind: "chart",
      id: `typology-contact-${key}`,
      title: fr
        ? `${tr(ctx, name)} par groupe, avec et sans contact entrant (tableau 13)`
        : `${tr(ctx, name)} by group, with and without inbound contact (tableau 13)`,
      spec: widenLabels(
        barChart({
          data,
          category: "group",
          value: "rate",
          color: "contact",
          valueFormat: ".0%",
          sort: "data",
        }),
      ),
    });
  }
  return blocks;
}

/**
 * Section: typology of the study year's AE (annex 9 §63–79, tableaux 11–13) — exact k-medoids on
 * the Gower distance of age, sex and NAF division, k chosen by the average silhouette over the
 * plan's range. Sets `ctx.typology` (a per-account cluster view) for later sections.
 */
export async function typologySection(ctx: RunContext): Promise<SectionOutput> {
  const fr = ctx.lang === "fr";
  const o = typologyOptions(ctx);
  const title = fr ? "Typologie des auto-entrepreneurs" : "Typology of auto-entrepreneurs";
  const national = ctx.data.national;
  let blocks: ReportBlock[];
  if (!national) {
    blocks = [
      {
        kind: "callout",
        tone: "warning",
        text: fr
          ? "Pas d'extraction nationale : typologie non réalisée."
          : "No national extract: typology not run.",
      },
    ];
  } else {
    try {
      const run = await runTypology(national, { year: ctx.plan.studyYear, seed: ctx.seed, ...o });
      blocks = typologyBlocks(ctx, run, o.method);
      ctx.typology = {
        k: run.best.k,
        view: run.view,
        labels: run.profiles.clusters.map((p) => clusterLabel(p, ctx.lang)),
      };
    } catch (error) {
      // Too few profiles for the k range, or no AE in the study year: say so, run the rest.
      if (!(error instanceof ParcoursError)) throw error;
      blocks = [
        {
          kind: "callout",
          tone: "warning",
          text: `${fr ? "Typologie non réalisée" : "Typology not run"} (${error.code}): ${error.message}${error.hint ? ` — ${error.hint}` : ""}`,
        },
      ];
    }
  }
  ctx.progress("typology");
  const section: ReportSection = { id: "typology", title, blocks };
  return { section, results: [] };
}
