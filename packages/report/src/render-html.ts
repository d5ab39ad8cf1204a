import type {
  KeyFigure,
  ReportBlock,
  ReportDocument,
  ReportLang,
  ReportSection,
  ReportTable,
  ValueFormat,
} from "./document.js";
import { escapeHtml, formatValue } from "./format.js";
import { localizeSpec } from "./locale.js";
import { renderSvg } from "./render-svg.js";
import { reportCss } from "./style.js";

const numericFormats = new Set<ValueFormat>([
  "integer",
  "number",
  "percent",
  "proportion",
  "estimate",
  "pvalue",
]);

function renderTable(full: ReportTable, lang: ReportLang): string {
  const table = { ...full, columns: full.columns.filter((c) => !c.csvOnly) };
  const isNum = table.columns.map((c) =>
    c.format === undefined
      ? table.rows.some((r) => typeof r[c.key] === "number")
      : numericFormats.has(c.format),
  );
  const head = table.columns
    .map((c, j) => `<th scope="col"${isNum[j] ? ' class="num"' : ""}>${escapeHtml(c.label)}</th>`)
    .join("");
  const body = table.rows
    .map(
      (r) =>
        `<tr>${table.columns
          .map(
            (c, j) =>
              `<td${isNum[j] ? ' class="num"' : ""}>${escapeHtml(formatValue(r[c.key] ?? null, c.format, lang))}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("\n");
  const note = table.note ? `<div class="note">${escapeHtml(table.note)}</div>` : "";
  return `<figure class="table" id="table-${escapeHtml(table.id)}"><figcaption>${escapeHtml(table.title)}</figcaption><div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>${note}</figure>`;
}

function renderFigure(f: KeyFigure, lang: ReportLang): string {
  const detail = f.detail ? `<div class="detail">${escapeHtml(f.detail)}</div>` : "";
  return `<div class="figure"><div class="label">${escapeHtml(f.label)}</div><div class="value">${escapeHtml(formatValue(f.value, f.format, lang))}</div>${detail}</div>`;
}

async function renderBlock(block: ReportBlock, lang: ReportLang): Promise<string> {
  switch (block.kind) {
    case "paragraph":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "list":
      return `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
    case "callout":
      return `<div class="callout ${block.tone}">${escapeHtml(block.text)}</div>`;
    case "figures":
      return `<div class="figures">${block.figures.map((f) => renderFigure(f, lang)).join("")}</div>`;
    case "table":
      return renderTable(block.table, lang);
    case "chart": {
      const svg = await renderSvg(localizeSpec(block.spec, lang));
      const note = block.note ? `<div class="note">${escapeHtml(block.note)}</div>` : "";
      return `<figure class="chart" id="chart-${escapeHtml(block.id)}"><figcaption>${escapeHtml(block.title)}</figcaption>${svg}${note}</figure>`;
    }
  }
}

async function renderSection(
  section: ReportSection,
  lang: ReportLang,
  depth: number,
): Promise<string> {
  const h = `h${Math.min(depth + 2, 6)}`;
  const parts = [
    `<section id="${escapeHtml(section.id)}"><${h}>${escapeHtml(section.title)}</${h}>`,
  ];
  for (const b of section.blocks) parts.push(await renderBlock(b, lang));
  for (const sub of section.subsections ?? [])
    parts.push(await renderSection(sub, lang, depth + 1));
  parts.push("</section>");
  return parts.join("\n");
}

function renderToc(sections: readonly ReportSection[]): string {
  const items = sections
    .map((s) => {
      const sub = s.subsections?.length ? renderToc(s.subsections) : "";
      return `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>${sub}</li>`;
    })
    .join("");
  return `<ol>${items}</ol>`;
}

/**
 * Renders a report as one self-contained HTML page: inline CSS, charts inlined as SVG rendered
 * headless from their Vega-Lite specs, no script and no network access. Deterministic.
 */
export async function renderHtml(doc: ReportDocument): Promise<string> {
  const body: string[] = [];
  for (const s of doc.sections) body.push(await renderSection(s, doc.lang, 0));
  const subtitle = doc.subtitle ? `<p>${escapeHtml(doc.subtitle)}</p>` : "";
  const footer = doc.footer ? `<footer>${escapeHtml(doc.footer)}</footer>` : "";
  const tocTitle = doc.lang === "fr" ? "Sommaire" : "Contents";
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${reportCss}</style>
</head>
<body>
<div class="layout">
<nav class="toc" aria-label="${tocTitle}"><strong>${tocTitle}</strong>${renderToc(doc.sections)}</nav>
<main>
<header class="title"><h1>${escapeHtml(doc.title)}</h1>${subtitle}</header>
${body.join("\n")}
${footer}
</main>
</div>
</body>
</html>
`;
}
