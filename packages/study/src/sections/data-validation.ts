import type { ReportBlock, ReportSection, ReportTable } from "@parcours-eval/report";
import type { ValidationReport } from "@parcours-eval/urssaf";
import { L } from "../labels.js";
import { type RunContext, tr } from "../run/context.js";
import type { SectionOutput } from "./section.js";

function filesTable(ctx: RunContext, role: string, report: ValidationReport): ReportTable {
  return {
    id: `validation-files-${role}`,
    title: ctx.lang === "fr" ? `Fichiers de l'extraction ${role}` : `Files of the ${role} extract`,
    columns: [
      { key: "file", label: tr(ctx, L.file) },
      { key: "rowsRead", label: tr(ctx, L.rowsRead), format: "integer" },
      { key: "rowsKept", label: tr(ctx, L.rowsKept), format: "integer" },
      { key: "rowsExcluded", label: tr(ctx, L.rowsExcluded), format: "integer" },
    ],
    rows: report.files.map((f) => ({
      file: f.file,
      rowsRead: f.rowsRead,
      rowsKept: f.rowsKept ?? null,
      rowsExcluded: f.rowsExcluded ?? null,
    })),
  };
}

function findingsTable(ctx: RunContext, role: string, report: ValidationReport): ReportTable {
  const order = { fatal: 0, row: 1, warn: 2, info: 3 } as const;
  const findings = [...report.findings].sort(
    (a, b) => order[a.severity] - order[b.severity] || a.code.localeCompare(b.code),
  );
  return {
    id: `validation-findings-${role}`,
    title:
      ctx.lang === "fr" ? `Contrôles de l'extraction ${role}` : `Checks of the ${role} extract`,
    columns: [
      { key: "severity", label: tr(ctx, L.severity) },
      { key: "code", label: tr(ctx, L.code) },
      { key: "count", label: tr(ctx, L.count), format: "integer" },
      { key: "file", label: tr(ctx, L.file) },
      { key: "message", label: "Message" },
      { key: "example", label: tr(ctx, L.example) },
    ],
    rows: findings.map((f) => {
      const e = f.examples[0];
      const where = e
        ? [f.file, e.line, e.column].filter((x) => x !== undefined && x !== "").join(":")
        : "";
      return {
        severity: f.severity,
        code: f.code,
        count: f.count,
        file: f.file ?? "",
        message: f.message,
        example: where,
      };
    }),
    note:
      ctx.lang === "fr"
        ? "Chaque ligne exclue est comptée sous son code ; aucune ligne n'est écartée en silence."
        : "Every excluded row is counted under its code; no row is dropped silently.",
  };
}

/** Section 1: the data and their validation, extract by extract. */
export async function dataValidationSection(ctx: RunContext): Promise<SectionOutput> {
  const blocks: ReportBlock[] = [];
  for (const role of ["national", "regional"] as const) {
    const handle = ctx.data[role];
    if (!handle) {
      blocks.push({
        kind: "callout",
        tone: "warning",
        text:
          ctx.lang === "fr"
            ? `Aucune extraction ${role === "national" ? "nationale" : "régionale"} : les analyses qui en dépendent ne sont pas réalisées.`
            : `No ${role} extract: the analyses that need it are not run.`,
      });
      continue;
    }
    const r = handle.report;
    const m = handle.manifest;
    blocks.push({
      kind: "figures",
      figures: [
        {
          label: ctx.lang === "fr" ? "Extraction" : "Extract",
          value: `${role} — ${m?.producer ?? ""}`,
        },
        {
          label: ctx.lang === "fr" ? "Date d'extraction" : "Extract date",
          value: r.extractDate ?? null,
        },
        {
          label: ctx.lang === "fr" ? "Comptes" : "Accounts",
          value: r.files.find((f) => f.file.startsWith("accounts"))?.rowsKept ?? null,
          format: "integer",
        },
        {
          label: ctx.lang === "fr" ? "Lignes exclues" : "Rows excluded",
          value: r.counts.row,
          format: "integer",
        },
        {
          label: ctx.lang === "fr" ? "Avertissements" : "Warnings",
          value: r.counts.warn,
          format: "integer",
        },
      ],
    });
    blocks.push({ kind: "table", table: filesTable(ctx, role, r) });
    const problems = { ...r, findings: r.findings.filter((f) => f.severity !== "info") };
    if (problems.findings.length)
      blocks.push({ kind: "table", table: findingsTable(ctx, role, problems) });
    const info = r.findings.filter((f) => f.severity === "info");
    if (info.length) {
      blocks.push({
        kind: "paragraph",
        text: ctx.lang === "fr" ? "Pour information :" : "For information:",
      });
      blocks.push({
        kind: "list",
        items: info.map((f) => `${f.code} — ${f.file ?? ""}: ${f.message}`),
      });
    }
  }
  const section: ReportSection = {
    id: "data",
    title: ctx.lang === "fr" ? "Données et contrôles" : "Data and validation",
    blocks,
  };
  return { section, results: [] };
}
