import { Frame, lm, normalQuantile, tCdf, tQuantile, vcov } from "@parcours-eval/core";
import { type RegionRollout, semesterLabel, semesterNumber } from "./rollout.js";

/** Static two-way fixed-effects DiD, for comparison with Callaway–Sant'Anna. */
export interface TwfeResult {
  estimate: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  pValue: number;
  /** Region × semester cells and regions (clusters) used. */
  cells: number;
  clusters: number;
  variance: string;
}

/**
 * y = α_region + λ_semester + β·1{semester ≥ deployment} + ε on region × semester cell means
 * weighted by cell size (the same β as the account-level regression, whose regressors are constant
 * within cells), CR1 standard errors clustered by region with t(G − 1) inference. With staggered
 * deployment and effects that vary over time, β mixes comparisons of later- with earlier-deployed
 * regions and can even take the wrong sign (Goodman-Bacon 2021; de Chaisemartin & D'Haultfœuille 2020).
 */
export function staticTwfe(
  frame: Frame,
  outcome: string,
  rollout: readonly RegionRollout[],
): TwfeResult | null {
  const groupOf = new Map(rollout.map((r) => [r.region, r.group]));
  const region = frame.column("urssaf_region");
  if (region.kind !== "categorical") return null;
  const year = frame.numeric("cohort_year");
  const sem = frame.numeric("cohort_semester");
  const y = frame.numeric(outcome);
  const cells = new Map<string, { region: string; t: number; n: number; s: number }>();
  for (let i = 0; i < frame.nRows; i++) {
    const code = region.codes[i]!;
    if (code < 0 || Number.isNaN(y[i]!)) continue;
    const name = region.levels[code]!;
    if (!groupOf.has(name)) continue;
    const t = semesterNumber(year[i]!, sem[i]!);
    const key = `${name}|${t}`;
    const c = cells.get(key) ?? { region: name, t, n: 0, s: 0 };
    c.n++;
    c.s += y[i]!;
    cells.set(key, c);
  }
  const rows = [...cells.values()].sort((a, b) => a.region.localeCompare(b.region) || a.t - b.t);
  if (rows.length < 4) return null;
  const data = Frame.fromObjects(
    rows.map((c) => {
      const g = groupOf.get(c.region);
      return {
        y: c.s / c.n,
        d: g !== null && g !== undefined && c.t >= g ? 1 : 0,
        region: c.region,
        period: semesterLabel(c.t),
      };
    }),
    { categorical: ["region", "period"] },
  );
  const weights = Float64Array.from(rows, (c) => c.n);
  const fit = lm(data, "y ~ d + region + period", { weights });
  const j = fit.names.indexOf("d");
  if (j < 0 || Number.isNaN(fit.beta[j]!)) return null;
  const regions = new Set(rows.map((c) => c.region));
  const V = vcov(fit, { cluster: "region" });
  const se = Math.sqrt(V[j * fit.names.length + j]!);
  const df = regions.size - 1;
  const est = fit.beta[j]!;
  const crit = df > 0 ? tQuantile(0.975, df) : normalQuantile(0.975);
  return {
    estimate: est,
    se,
    ciLower: est - crit * se,
    ciUpper: est + crit * se,
    pValue: 2 * (1 - tCdf(Math.abs(est / se), df)),
    cells: rows.length,
    clusters: regions.size,
    variance: `CR1 clustered by region (${regions.size} clusters), t(${df}); cell means weighted by size`,
  };
}
