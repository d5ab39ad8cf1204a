import type { Design } from "@parcours-eval/core";

/** One covariate column for balance or distance: how to read it from a design. */
export interface CovariateColumn {
  /** Name as MatchIt/cobalt print it (`age`, `raceblack`, …). */
  name: string;
  /** Design column, or -1 for a factor's reference level (built from the other levels). */
  column: number;
  /** For a reference level: the design columns of the other levels of that factor. */
  siblings: number[];
  /** Whether the column is a factor indicator. */
  factorLevel: boolean;
}

/**
 * The covariate columns MatchIt and cobalt report: every design column except the intercept,
 * with factors of main-effect terms expanded to one indicator per level (the reference level
 * included, placed first), as `model.matrix(..., contrasts = FALSE)` does.
 */
export function covariateColumns(design: Design): CovariateColumn[] {
  const spec = design.spec;
  const out: CovariateColumn[] = [];
  spec.terms.terms.forEach((term, t) => {
    const cols: number[] = [];
    for (let c = 0; c < design.p; c++) if (design.assign[c] === t + 1) cols.push(c);
    const single = term.vars.length === 1 ? term.vars[0]! : -1;
    const levels = single >= 0 ? spec.levels[single] : null;
    const isFactor = levels !== null && levels !== undefined;
    if (isFactor && spec.coding[t]![0] === 1) {
      out.push({
        name: `${term.label}${levels[0]}`,
        column: -1,
        siblings: cols,
        factorLevel: true,
      });
    }
    for (const c of cols)
      out.push({ name: design.names[c]!, column: c, siblings: [], factorLevel: isFactor });
  });
  return out;
}

/**
 * Values of a covariate column per design row. Each term has one (column, value) slot per row in
 * core's sparse design (slot = term index, after the intercept's), so this reads one slot.
 */
export function covariateValues(
  design: Design,
  col: CovariateColumn,
  out = new Float64Array(design.nRows),
): Float64Array {
  const { K, cols, vals, nRows } = design;
  const ref = col.column >= 0 ? col.column : col.siblings[0]!;
  const slot = design.assign[ref]! - 1 + (design.intercept ? 1 : 0);
  if (col.column >= 0) {
    for (let i = 0; i < nRows; i++)
      out[i] = cols[i * K + slot] === col.column ? vals[i * K + slot]! : 0;
    return out;
  }
  const sib = new Set(col.siblings);
  for (let i = 0; i < nRows; i++) {
    const c = cols[i * K + slot]!;
    out[i] = c >= 0 && sib.has(c) && vals[i * K + slot] !== 0 ? 0 : 1;
  }
  return out;
}
