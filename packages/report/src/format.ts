import type { CellValue, ReportLang, ValueFormat } from "./document.js";

const locales: Record<ReportLang, string> = { fr: "fr-FR", en: "en-GB" };

/** Missing-value mark per language. */
const missing: Record<ReportLang, string> = { fr: "n.d.", en: "n/a" };

/**
 * Formats a value for people: French readers get `12 345,6` and `45,2 %`, English readers
 * `12,345.6` and `45.2%`. p-values below 1e-4 are shown in scientific notation, never as 0.
 */
export function formatValue(
  value: CellValue,
  format: ValueFormat | undefined,
  lang: ReportLang,
): string {
  if (value === null || (typeof value === "number" && Number.isNaN(value))) return missing[lang];
  if (typeof value === "boolean")
    return value ? (lang === "fr" ? "oui" : "yes") : lang === "fr" ? "non" : "no";
  if (typeof value === "string") return value;
  const locale = locales[lang];
  const fmt = format ?? "number";
  switch (fmt) {
    case "text":
      return String(value);
    case "integer":
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    case "percent":
      return new Intl.NumberFormat(locale, {
        style: "percent",
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(value);
    case "proportion":
      return new Intl.NumberFormat(locale, {
        minimumFractionDigits: 3,
        maximumFractionDigits: 3,
      }).format(value);
    case "estimate":
      return new Intl.NumberFormat(locale, {
        minimumFractionDigits: 4,
        maximumFractionDigits: 4,
        signDisplay: "exceptZero",
      }).format(value);
    case "pvalue":
      return formatPValue(value, locale);
    case "number":
      return new Intl.NumberFormat(locale, { maximumSignificantDigits: 6 }).format(value);
  }
}

function formatPValue(p: number, locale: string): string {
  if (p === 0) return "< 1e-300";
  if (p < 1e-4) {
    const [mantissa, exponent] = p.toExponential(1).split("e");
    const m = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).format(Number(mantissa));
    return `${m}e${exponent}`;
  }
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(p);
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
