import { describe, expect, it } from "vitest";
import { documentTables, type ReportDocument, renderHtml } from "../src/index.js";

const doc: ReportDocument = {
  title: "Évaluation <test>",
  lang: "fr",
  sections: [
    {
      id: "data",
      title: "Données",
      blocks: [
        { kind: "paragraph", text: "Deux régions." },
        { kind: "figures", figures: [{ label: "Comptes", value: 630007, format: "integer" }] },
        {
          kind: "table",
          table: {
            id: "by-region",
            title: "Par région",
            columns: [
              { key: "region", label: "Région" },
              { key: "n", label: "Effectif", format: "integer" },
            ],
            rows: [{ region: "Bretagne", n: 25533 }],
          },
        },
      ],
      subsections: [
        {
          id: "chart",
          title: "Graphique",
          blocks: [
            {
              kind: "chart",
              id: "bars",
              title: "Barres",
              spec: {
                data: { values: [{ a: "x", b: 1 }] },
                mark: "bar",
                encoding: {
                  x: { field: "a", type: "nominal" },
                  y: { field: "b", type: "quantitative" },
                },
              },
            },
          ],
        },
      ],
    },
  ],
};

describe("renderHtml", () => {
  it("renders a self-contained page with contents, tables and inline SVG", async () => {
    const html = await renderHtml(doc);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("<title>Évaluation &lt;test&gt;</title>");
    expect(html).toContain('<a href="#chart">Graphique</a>');
    expect(html).toContain('<td class="num">25\u202f533</td>');
    expect(html).toContain("<h3>Graphique</h3>");
    expect(html).toMatch(
      /<figure class="chart" id="chart-bars"><figcaption>Barres<\/figcaption><svg/,
    );
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
  it("is deterministic and lists tables in reading order", async () => {
    expect(await renderHtml(doc)).toBe(await renderHtml(doc));
    expect(documentTables(doc).map((t) => t.id)).toEqual(["by-region"]);
  });
});
