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

/** Values of a covariate column per design row. */
export function covariateValues(
  design: Design,
  col: CovariateColumn,
  out = new Float64Array(design.nRows),
): Float64Array {
  const { K, cols, vals, nRows } = design;
  if (col.column >= 0) {
    out.fill(0);
    for (let i = 0; i < nRows; i++) {
      const base = i * K;
      for (let a = 0; a < K; a++) {
        if (cols[base + a] === col.column) {
          out[i] = vals[base + a]!;
          break;
        }
      }
    }
    return out;
  }
  const sib = new Set(col.siblings);
  for (let i = 0; i < nRows; i++) {
    const base = i * K;
    let any = 0;
    for (let a = 0; a < K; a++) {
      const c = cols[base + a]!;
      if (c >= 0 && sib.has(c) && vals[base + a] !== 0) any = 1;
    }
    out[i] = 1 - any;
  }
  return out;
}
