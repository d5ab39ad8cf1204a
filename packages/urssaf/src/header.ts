/**
 * Normalises a header before alias lookup (contract §2): trim, strip BOM, lower case, remove
 * accents, `space - . ' /` → `_`, collapse repeated `_` (and trim them at the ends).
 */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s\-.'’/]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}
