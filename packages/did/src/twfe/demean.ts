/**
 * Removes unit and period means from a column by alternating projections (exact after one sweep
 * on a balanced panel; iterated to `tol` otherwise), i.e. the residual of a regression on unit
 * and period dummies (Frisch–Waugh–Lovell), without building those dummies.
 */
export function demeanTwoWay(
  values: Float64Array,
  unit: Int32Array,
  nUnits: number,
  period: Int32Array,
  nPeriods: number,
  tol = 1e-12,
  maxIter = 10_000,
): Float64Array {
  const n = values.length;
  const out = Float64Array.from(values);
  const su = new Float64Array(nUnits);
  const cu = new Float64Array(nUnits);
  const st = new Float64Array(nPeriods);
  const ct = new Float64Array(nPeriods);
  for (let i = 0; i < n; i++) {
    cu[unit[i]!]! += 1;
    ct[period[i]!]! += 1;
  }
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(values[i]!));
  for (let iter = 0; iter < maxIter; iter++) {
    su.fill(0);
    for (let i = 0; i < n; i++) su[unit[i]!]! += out[i]!;
    for (let i = 0; i < n; i++) out[i]! -= su[unit[i]!]! / cu[unit[i]!]!;
    st.fill(0);
    for (let i = 0; i < n; i++) st[period[i]!]! += out[i]!;
    let change = 0;
    for (let t = 0; t < nPeriods; t++) change = Math.max(change, Math.abs(st[t]! / ct[t]!));
    for (let i = 0; i < n; i++) out[i]! -= st[period[i]!]! / ct[period[i]!]!;
    if (change <= tol * Math.max(scale, 1)) break;
  }
  return out;
}
