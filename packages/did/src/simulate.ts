import { createRng, Frame, numericColumn } from "@parcours-eval/core";

/** Options of {@link simulateStaggeredPanel}. */
export interface SimulateStaggeredOptions {
  /** Units. */
  units: number;
  /** Periods 1..periods. */
  periods: number;
  /** Cohorts (first-treatment periods); units are spread evenly over them and never-treated. */
  cohorts: number[];
  /** Treatment effect at event time e ≥ 0 for cohort g. */
  effect: (e: number, g: number) => number;
  /** Seed. */
  seed: number | string;
  /** Share of never-treated units (default 1 / (cohorts + 1)). */
  neverShare?: number;
}

/**
 * A seeded balanced panel with staggered adoption, parallel trends and known effects:
 * y_it = α_i + λ_t + τ_g(t − g)·1{t ≥ g} + ε_it, α_i ~ N(0, 1), λ_t = 0.3 t + sin t, ε ~ N(0, 1),
 * plus a time-invariant covariate x = α_i + N(0, 1). Columns: id, t, g (0 = never), y, x.
 */
export function simulateStaggeredPanel(o: SimulateStaggeredOptions): Frame {
  const rng = createRng(o.seed);
  const n = o.units * o.periods;
  const id = new Float64Array(n);
  const t = new Float64Array(n);
  const g = new Float64Array(n);
  const y = new Float64Array(n);
  const x = new Float64Array(n);
  const never = o.neverShare ?? 1 / (o.cohorts.length + 1);
  for (let u = 0; u < o.units; u++) {
    const alpha = rng.normal();
    const xu = alpha + rng.normal();
    const draw = rng.uniform();
    const gu =
      draw < never ? 0 : o.cohorts[Math.floor(((draw - never) / (1 - never)) * o.cohorts.length)]!;
    for (let s = 1; s <= o.periods; s++) {
      const i = u * o.periods + s - 1;
      id[i] = u + 1;
      t[i] = s;
      g[i] = gu;
      x[i] = xu;
      const tau = gu > 0 && s >= gu ? o.effect(s - gu, gu) : 0;
      y[i] = alpha + 0.3 * s + Math.sin(s) + tau + rng.normal();
    }
  }
  return new Frame({
    id: numericColumn(id),
    t: numericColumn(t),
    g: numericColumn(g),
    y: numericColumn(y),
    x: numericColumn(x),
  });
}
