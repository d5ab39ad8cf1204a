import type { Design } from "../design/design.js";

/**
 * Detects quasi-complete separation on indicator columns (factor levels and their
 * interactions): when every row with the indicator on has the same outcome, the maximum-
 * likelihood estimate of that coefficient is infinite (Albert & Anderson 1984, Biometrika
 * 71:1–10), so R's glm returns a huge estimate and standard error. Returns one warning per
 * separated column.
 */
export function separationWarnings(design: Design, y: Float64Array, wt: Float64Array): string[] {
  const { p, K, nRows, names } = design;
  const count = new Float64Array(p);
  const sumY = new Float64Array(p);
  const indicator = new Uint8Array(p).fill(1);
  const layout = design.cellLayout();
  if (layout !== null) {
    // Counts per cell, then per indicator column; numeric slots row by row.
    const { nCells, cell, cellCols, m, onesCols, numSlots, numCols, numValues } = layout;
    const cellCount = new Float64Array(nCells);
    const cellY = new Float64Array(nCells);
    let total = 0;
    let totalY = 0;
    for (let i = 0; i < nRows; i++) {
      if (!(wt[i]! > 0)) continue;
      const yi = y[i]!;
      cellCount[cell[i]!] += 1;
      cellY[cell[i]!] += yi;
      total += 1;
      totalY += yi;
      for (let j = 0; j < numSlots.length; j++) {
        const v = numValues[j]![i]!;
        if (v === 0) continue;
        const c = numCols[j]!;
        if (v !== 1) indicator[c] = 0;
        count[c] += 1;
        sumY[c] += yi;
      }
    }
    for (let cl = 0; cl < nCells; cl++) {
      if (cellCount[cl] === 0) continue;
      for (let s = 0; s < m; s++) {
        const c = cellCols[cl * m + s]!;
        if (c < 0) continue;
        count[c] += cellCount[cl]!;
        sumY[c] += cellY[cl]!;
      }
    }
    for (const c of onesCols) {
      count[c] += total;
      sumY[c] += totalY;
    }
  } else {
    const { cols, vals } = design;
    for (let i = 0; i < nRows; i++) {
      if (!(wt[i]! > 0)) continue;
      for (let a = 0; a < K; a++) {
        const c = cols[i * K + a]!;
        if (c < 0) continue;
        const v = vals[i * K + a]!;
        if (v === 0) continue;
        if (v !== 1) indicator[c] = 0;
        count[c] += 1;
        sumY[c] += y[i]!;
      }
    }
  }
  const out: string[] = [];
  for (let j = 0; j < p; j++) {
    if (design.intercept && j === 0) continue;
    if (!indicator[j] || count[j] === 0 || count[j] === nRows) continue;
    const label = design.responseLabel ?? "the response";
    if (sumY[j] === 0 || sumY[j] === count[j]) {
      out.push(
        `quasi-complete separation: all ${count[j]} rows with ${names[j]} = 1 have ${label} = ${sumY[j] === 0 ? 0 : 1}; its estimate and standard error are not meaningful (merge levels or drop the term)`,
      );
    }
  }
  return out;
}
