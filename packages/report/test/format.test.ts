import { describe, expect, it } from "vitest";
import { escapeHtml, formatValue, type ReportTable, tableToCsv } from "../src/index.js";

describe("formatValue", () => {
  it("formats for French readers", () => {
    expect(formatValue(12345.678, "integer", "fr")).toBe("12\u202f346");
    expect(formatValue(0.4523, "percent", "fr")).toBe("45,2\u00a0%");
    expect(formatValue(0.0546, "estimate", "fr")).toBe("+0,0546");
    expect(formatValue(2.672125e-96, "pvalue", "fr")).toBe("2,7e-96");
    expect(formatValue(null, "integer", "fr")).toBe("n.d.");
  });
  it("formats for English readers", () => {
    expect(formatValue(12345.678, "integer", "en")).toBe("12,346");
    expect(formatValue(0.4523, "percent", "en")).toBe("45.2%");
    expect(formatValue(-0.0314, "estimate", "en")).toBe("-0.0314");
    expect(formatValue(0.0144, "pvalue", "en")).toBe("0.014");
    expect(formatValue(0, "pvalue", "en")).toBe("< 1e-300");
    expect(formatValue(Number.NaN, "number", "en")).toBe("n/a");
  });
  it("escapes HTML", () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;",
    );
  });
});

describe("tableToCsv", () => {
  it("keeps raw values and quotes when needed", () => {
    const table: ReportTable = {
      id: "t",
      title: "T",
      columns: [
        { key: "region", label: "Région" },
        { key: "share", label: "Part", format: "percent" },
      ],
      rows: [
        { region: 'Provence, "PACA"', share: 0.123456789 },
        { region: "Corse", share: null },
      ],
    };
    expect(tableToCsv(table)).toBe('region,share\n"Provence, ""PACA""",0.123456789\nCorse,\n');
  });
});
