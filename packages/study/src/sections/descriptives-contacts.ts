import { barChart, lineChart, type ReportBlock, type ReportSection } from "@parcours-eval/report";
import type { InboundContacts, OutboundRow } from "../descriptives/contacts.js";
import { channelName, missingName, statusName } from "../descriptives/vocabulary.js";
import { L } from "../labels.js";
import { type RunContext, tr } from "../run/context.js";
import { widenLabels } from "./chart-labels.js";

const share = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** Blocks on inbound contacts of the study year's accounts (annex 9 §44–49, tableaux 6–8). */
function inboundBlocks(ctx: RunContext, c: InboundContacts): ReportBlock[] {
  const fr = ctx.lang === "fr";
  const year = ctx.plan.studyYear;
  const contacts = c.byChannel.reduce((s, r) => s + r.contacts, 0);
  const accounts = c.reach.reduce((s, r) => s + r.accounts, 0);
  const reached = c.reach.reduce((s, r) => s + r.withContact, 0);
  const reach = (st: string): number | null => {
    const r = c.reach.find((x) => x.status === st);
    return r ? share(r.withContact, r.accounts) : null;
  };
  const blocks: ReportBlock[] = [
    {
      kind: "figures",
      figures: [
        {
          label: fr ? "Contacts entrants" : "Inbound contacts",
          value: contacts,
          format: "integer",
        },
        {
          label: fr ? "Primo-créateurs ayant eu un contact" : "Creators with a contact",
          value: share(reached, accounts),
          format: "percent",
          detail: `${reached.toLocaleString(fr ? "fr-FR" : "en-GB")} / ${accounts.toLocaleString(fr ? "fr-FR" : "en-GB")}`,
        },
        { label: fr ? "… parmi les AE" : "… among AE", value: reach("AE"), format: "percent" },
        {
          label: fr ? "… parmi les TI au réel" : "… among TI au réel",
          value: reach("TI_REEL"),
          format: "percent",
        },
      ],
    },
    {
      kind: "table",
      table: {
        id: "desc-inbound-channels",
        title: fr
          ? `Contacts entrants des primo-créateurs ${year} par canal (tableaux 6 et 7)`
          : `Inbound contacts of the ${year} first-time creators by channel (tableaux 6 and 7)`,
        columns: [
          { key: "channel", label: fr ? "Canal" : "Channel" },
          { key: "label", label: fr ? "Libellé source" : "Source label" },
          { key: "contacts", label: fr ? "Contacts" : "Contacts", format: "integer" },
          { key: "share", label: tr(ctx, L.share), format: "percent" },
          { key: "people", label: fr ? "Personnes" : "People", format: "integer" },
          { key: "shareAe", label: fr ? "Part des AE" : "AE share", format: "percent" },
          {
            key: "shareTi",
            label: fr ? "Part des TI au réel" : "TI au réel share",
            format: "percent",
          },
        ],
        rows: c.byChannel.map((r) => ({
          channel: channelName(r.channel, ctx.lang),
          label: r.label ?? "",
          contacts: r.contacts,
          share: share(r.contacts, contacts),
          people: r.people,
          shareAe: share(r.contactsAe, r.contacts),
          shareTi: share(r.contactsTi, r.contacts),
        })),
        note: fr
          ? "Tous les contacts entrants présents dans l'extraction pour les comptes immatriculés dans l'année, quelle que soit leur date. Les parts AE / TI se lisent en ligne (tableau 7)."
          : "Every inbound contact in the extract for the accounts registered in the year, whatever its date. AE / TI shares read across the row (tableau 7).",
      },
    },
  ];
  if (c.byChannel.length) {
    blocks.push({
      kind: "chart",
      id: "desc-inbound-channels",
      title: fr ? `Contacts entrants par canal, ${year}` : `Inbound contacts by channel, ${year}`,
      spec: barChart({
        data: c.byChannel.map((r) => ({
          channel: channelName(r.channel, ctx.lang),
          contacts: r.contacts,
        })),
        category: "channel",
        value: "contacts",
        sort: "data",
      }),
    });
  }
  const statuses = [...new Set(c.firstThreeMonths.map((r) => r.status))];
  blocks.push({
    kind: "table",
    table: {
      id: "desc-inbound-first-3-months",
      title: fr
        ? "Nombre de contacts entrants dans les 3 mois suivant le début d'activité (§46)"
        : "Number of inbound contacts in the 3 months after activity start (§46)",
      columns: [
        { key: "status", label: fr ? "Statut" : "Status" },
        { key: "c0", label: fr ? "Aucun" : "None", format: "percent" },
        { key: "c1", label: fr ? "Un" : "One", format: "percent" },
        { key: "c2", label: fr ? "Deux ou plus" : "Two or more", format: "percent" },
        { key: "accounts", label: fr ? "Comptes" : "Accounts", format: "integer" },
      ],
      rows: statuses.map((st) => {
        const rows = c.firstThreeMonths.filter((r) => r.status === st);
        const total = rows.reduce((s, r) => s + r.accounts, 0);
        const get = (k: string): number | null =>
          share(rows.find((r) => r.contacts === k)?.accounts ?? 0, total);
        return {
          status: statusName(st, ctx.lang),
          c0: get("0"),
          c1: get("1"),
          c2: get("2+"),
          accounts: total,
        };
      }),
    },
  });
  const rdv = c.rdvMotives.reduce((s, r) => s + r.n, 0);
  if (rdv > 0) {
    blocks.push({
      kind: "table",
      table: {
        id: "desc-rdv-motives",
        title: fr
          ? `Motifs des demandes de rendez-vous, ${year} (tableau 8)`
          : `Appointment request motives, ${year} (tableau 8)`,
        columns: [
          { key: "motive", label: tr(ctx, L.reason) },
          { key: "n", label: tr(ctx, L.count), format: "integer" },
          { key: "share", label: tr(ctx, L.share), format: "percent" },
        ],
        rows: c.rdvMotives.map((r) => ({
          motive: r.motive ?? missingName(ctx.lang),
          n: r.n,
          share: share(r.n, rdv),
        })),
      },
    });
    blocks.push({
      kind: "chart",
      id: "desc-rdv-motives",
      title: fr ? "Motifs des demandes de rendez-vous" : "Appointment request motives",
      spec: widenLabels(
        barChart({
          data: c.rdvMotives.map((r) => ({
            motive: r.motive ?? missingName(ctx.lang),
            share: share(r.n, rdv) ?? 0,
          })),
          category: "motive",
          value: "share",
          valueFormat: ".1%",
          sort: "data",
        }),
      ),
    });
  }
  return blocks;
}

/** Blocks on the regional extract's outbound contacts by channel and year (tableau 9, §50). */
function outboundBlocks(ctx: RunContext, rows: readonly OutboundRow[]): ReportBlock[] {
  const fr = ctx.lang === "fr";
  const years = [...new Set(rows.map((r) => r.year))]
    .filter((y): y is number => y !== null)
    .sort((a, b) => a - b);
  const channels = [...new Set(rows.map((r) => r.channel))];
  const cell = (ch: string | null, y: number, k: "contacts" | "people"): number =>
    rows.find((r) => r.channel === ch && r.year === y)?.[k] ?? 0;
  const phone = rows.filter((r) => r.channel === "PHONE");
  const blocks: ReportBlock[] = [
    {
      kind: "table",
      table: {
        id: "desc-lr-outbound",
        title: fr
          ? "Contacts sortants de l'Urssaf Languedoc-Roussillon par canal et par année (tableau 9)"
          : "Outbound contacts of Urssaf Languedoc-Roussillon by channel and year (tableau 9)",
        columns: [
          { key: "channel", label: fr ? "Canal" : "Channel" },
          ...years.map((y) => ({ key: `y${y}`, label: String(y), format: "integer" as const })),
        ],
        rows: channels.map((ch) => ({
          channel: channelName(ch, ctx.lang),
          ...Object.fromEntries(years.map((y) => [`y${y}`, cell(ch, y, "contacts")])),
        })),
        note: fr
          ? "Année du contact. Un appel enregistré une fois par motif compte pour un contact (compte, jour, canal)."
          : "Year of the contact. A call recorded once per motive counts as one contact (account, day, channel).",
      },
    },
  ];
  if (phone.length) {
    blocks.push({
      kind: "table",
      table: {
        id: "desc-lr-outbound-calls",
        title: fr
          ? "Appels sortants : personnes appelées et part des TI au réel (§50)"
          : "Outbound calls: people called and TI au réel share (§50)",
        columns: [
          { key: "year", label: fr ? "Année" : "Year", format: "text" },
          { key: "calls", label: fr ? "Appels" : "Calls", format: "integer" },
          { key: "people", label: fr ? "Personnes appelées" : "People called", format: "integer" },
          {
            key: "shareTi",
            label: fr ? "Part des TI au réel" : "TI au réel share",
            format: "percent",
          },
          {
            key: "motivesPerCall",
            label: fr ? "Motifs par appel" : "Motives per call",
            format: "number",
          },
        ],
        rows: phone
          .filter((r) => r.year !== null)
          .map((r) => ({
            year: String(r.year),
            calls: r.contacts,
            people: r.people,
            shareTi: share(r.peopleTi, r.people),
            motivesPerCall: r.contacts ? Math.round((r.rows / r.contacts) * 100) / 100 : null,
          })),
      },
    });
  }
  if (years.length > 1) {
    blocks.push({
      kind: "chart",
      id: "desc-lr-outbound",
      title: fr
        ? "Contacts sortants par canal et par année, Languedoc-Roussillon"
        : "Outbound contacts by channel and year, Languedoc-Roussillon",
      spec: lineChart({
        data: channels.flatMap((ch) =>
          years.map((y) => ({
            year: String(y),
            channel: channelName(ch, ctx.lang),
            contacts: cell(ch, y, "contacts"),
          })),
        ),
        x: "year",
        y: "contacts",
        series: "channel",
        yFormat: ",d",
      }),
    });
  }
  return blocks;
}

/** Subsection 3.2: contacts (inbound nationally, outbound in Languedoc-Roussillon). */
export function contactsSubsection(
  ctx: RunContext,
  inbound: InboundContacts | undefined,
  outbound: readonly OutboundRow[] | undefined,
): ReportSection {
  const fr = ctx.lang === "fr";
  const blocks: ReportBlock[] = [];
  if (inbound) blocks.push(...inboundBlocks(ctx, inbound));
  else
    blocks.push({
      kind: "callout",
      tone: "warning",
      text: fr
        ? "Pas d'extraction nationale : contacts entrants non décrits."
        : "No national extract: inbound contacts are not described.",
    });
  if (outbound?.length) blocks.push(...outboundBlocks(ctx, outbound));
  else
    blocks.push({
      kind: "callout",
      tone: "info",
      text: fr
        ? "Pas de contacts sortants (ils ne figurent que dans l'extraction régionale du Languedoc-Roussillon)."
        : "No outbound contacts (only the Languedoc-Roussillon regional extract has them).",
    });
  return { id: "descriptives-contacts", title: fr ? "Les contacts" : "Contacts", blocks };
}
