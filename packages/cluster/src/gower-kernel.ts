import type { GowerModel } from "./gower.js";

/**
 * Blocked row-versus-set Gower kernel: writes into `out[t]` the distance from row `i` to row
 * `targets[t]` (or to every row when `targets` is omitted), variable by variable over typed
 * arrays. Memory is O(set size): the n × n matrix is never built. `scratch` (same length as
 * `out`) holds the per-pair denominators when missing values or asymmetric binaries make them vary.
 */
export function gowerRow(
  model: GowerModel,
  i: number,
  out: Float64Array,
  targets?: ArrayLike<number>,
  scratch?: Float64Array,
): Float64Array {
  const m = targets ? targets.length : model.n;
  const vary = model.variableDenominator;
  const den = vary ? (scratch ?? new Float64Array(m)) : undefined;
  out.fill(0, 0, m);
  if (den) den.fill(0, 0, m);
  for (const v of model.variables) {
    const w = v.weight;
    if (v.kind === "interval") {
      const x = v.scaled!;
      const a = x[i]!;
      if (Number.isNaN(a)) continue;
      if (!den) {
        if (targets) for (let t = 0; t < m; t++) out[t]! += w * Math.abs(a - x[targets[t]!]!);
        else for (let t = 0; t < m; t++) out[t]! += w * Math.abs(a - x[t]!);
      } else {
        for (let t = 0; t < m; t++) {
          const b = x[targets ? targets[t]! : t]!;
          if (Number.isNaN(b)) continue;
          out[t]! += w * Math.abs(a - b);
          den[t]! += w;
        }
      }
    } else {
      const c = v.codes!;
      const a = c[i]!;
      if (a < 0) continue;
      const asymmZero = v.kind === "asymm" && a === 0;
      if (!den) {
        if (targets) for (let t = 0; t < m; t++) out[t]! += a !== c[targets[t]!]! ? w : 0;
        else for (let t = 0; t < m; t++) out[t]! += a !== c[t]! ? w : 0;
      } else {
        for (let t = 0; t < m; t++) {
          const b = c[targets ? targets[t]! : t]!;
          if (b < 0 || (asymmZero && b === 0)) continue;
          if (a !== b) out[t]! += w;
          den[t]! += w;
        }
      }
    }
  }
  if (den) for (let t = 0; t < m; t++) out[t] = den[t]! > 0 ? out[t]! / den[t]! : Number.NaN;
  else {
    const total = model.totalWeight;
    for (let t = 0; t < m; t++) out[t] = out[t]! / total;
  }
  return out;
}

/**
 * The full symmetric m × m Gower matrix (row-major) of the given rows (all rows by default).
 * Only for small m: it holds m² doubles.
 */
export function gowerMatrix(model: GowerModel, rows?: ArrayLike<number>): Float64Array {
  const m = rows ? rows.length : model.n;
  const out = new Float64Array(m * m);
  const buf = new Float64Array(m);
  const scratch = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    gowerRow(model, rows ? rows[a]! : a, buf, rows, scratch);
    out.set(buf, a * m);
  }
  return out;
}
