import {
  chiSquareCdf,
  type Frame,
  normalCdf,
  normalQuantile,
  numericColumn,
} from "@parcours-eval/core";
import { type StaggeredDidResult, staggeredDid } from "@parcours-eval/did";
import type { DidSettings } from "./did-settings.js";
import { type RegionRollout, semesterLabel, semesterNumber } from "./rollout.js";

/** Semester numbers in the estimator's messages (e.g. 4047) as labels (2023-S2). */
const readable = (w: string): string =>
  w.replace(/\b(4[0-2]\d\d)\b/g, (m) => semesterLabel(Number(m)));

/** An estimate with its normal interval and p-value. */
export interface StaggeredEstimate {
  estimate: number | null;
  se: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  pValue: number | null;
}

/** One ATT(g,t) cell, tagged with the comparison set it comes from. */
export interface StaggeredCell {
  /** Comparison set: the regions' first data year, or "all". */
  set: string;
  group: number;
  time: number;
  att: number | null;
  se: number | null;
  nTreated: number;
  nControl: number;
}

/** A run of Callaway–Sant'Anna over one set of regions. */
export interface StaggeredSetRun {
  set: string;
  regions: string[];
  rows: number;
  controlGroup: "nevertreated" | "notyettreated";
  result: StaggeredDidResult;
  /** Treated observations of the estimated post-treatment cells (the set's weight). */
  weight: number;
}

/** What {@link runStaggered} returns. */
export interface StaggeredRun {
  /** Simple aggregation (the headline): average effect over exposed registrations. */
  simple: StaggeredEstimate;
  /** Event-study (dynamic) aggregation by semesters since deployment, pointwise intervals. */
  dynamic: (StaggeredEstimate & { e: number; n: number })[];
  /** Wald pre-test of parallel trends (sum over sets), null when no pre-period can be tested. */
  pretest: { statistic: number; df: number; pValue: number } | null;
  cells: StaggeredCell[];
  sets: StaggeredSetRun[];
  /** Rows used by the estimator(s) and rows left out, by reason. */
  rowsUsed: number;
  excluded: Record<string, number>;
  /** Mean outcome of exposed and not-yet-exposed rows used. */
  meanExposed: number | null;
  meanUnexposed: number | null;
  nExposed: number;
  nUnexposed: number;
  warnings: string[];
  variance: string;
}

const pValue = (est: number, se: number): number => 2 * normalCdf(-Math.abs(est / se));
const nn = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

function estimateOf(est: number | null, se: number | null, z: number): StaggeredEstimate {
  if (est === null || se === null || !(se > 0))
    return { estimate: nn(est), se: nn(se), ciLower: null, ciUpper: null, pValue: null };
  return {
    estimate: est,
    se,
    ciLower: est - z * se,
    ciUpper: est + z * se,
    pValue: pValue(est, se),
  };
}

/** Weighted mean of independent estimates: Σ w θ / W, variance Σ w² se² / W². */
function pool(parts: { est: number; se: number; w: number }[], z: number): StaggeredEstimate {
  const ok = parts.filter((p) => Number.isFinite(p.est) && Number.isFinite(p.se) && p.w > 0);
  const W = ok.reduce((s, p) => s + p.w, 0);
  if (!ok.length || W <= 0) return estimateOf(null, null, z);
  const est = ok.reduce((s, p) => s + p.w * p.est, 0) / W;
  const v = ok.reduce((s, p) => s + p.w * p.w * p.se * p.se, 0) / (W * W);
  return estimateOf(est, Math.sqrt(v), z);
}

/** The regions of each comparison set (regions with a deployment semester only). */
function comparisonSets(
  rollout: readonly RegionRollout[],
  comparison: DidSettings["comparison"],
): Map<string, RegionRollout[]> {
  const sets = new Map<string, RegionRollout[]>();
  for (const r of rollout) {
    const key = comparison === "all_regions" ? "all" : String(r.firstDataYear ?? "unknown");
    sets.set(key, [...(sets.get(key) ?? []), r]);
  }
  return sets;
}

/**
 * Callaway & Sant'Anna (2021) on repeated cross-sections of registration semesters: each row is an
 * account (region, registration semester, outcome), g = its region's deployment semester. With
 * `comparison: "same_first_year"` the design runs separately on regions whose data start the same
 * year — otherwise regions entering the extract later join the comparison group between a base
 * semester and a later one, and their level differences bias the repeated cross-section DiD — and
 * the sets' estimates (independent samples) are pooled, weighted by their exposed registrations.
 * Not-yet-treated regions are the comparisons when every region is eventually deployed.
 */
export function runStaggered(
  frame: Frame,
  outcome: string,
  rollout: readonly RegionRollout[],
  settings: DidSettings,
  seed: number,
): StaggeredRun {
  const z = normalQuantile(0.975);
  const excluded: Record<string, number> = {};
  const warnings: string[] = [];
  const byRegion = new Map(rollout.map((r) => [r.region, r]));
  const region = frame.column("urssaf_region");
  const year = frame.numeric("cohort_year");
  const sem = frame.numeric("cohort_semester");
  const y = frame.numeric(outcome);
  const n = frame.nRows;
  const t = new Float64Array(n);
  const g = new Float64Array(n);
  const regionOf: (string | null)[] = new Array(n);
  if (region.kind !== "categorical") throw new Error("urssaf_region must be categorical");
  for (let i = 0; i < n; i++) {
    const code = region.codes[i]!;
    const name = code < 0 ? null : region.levels[code]!;
    regionOf[i] = name;
    t[i] = semesterNumber(year[i]!, sem[i]!);
    const r = name === null ? undefined : byRegion.get(name);
    g[i] = r?.group ?? 0;
  }
  const lastT = t.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
  const cells: StaggeredCell[] = [];
  const sets: StaggeredSetRun[] = [];
  let rowsUsed = 0;
  const sums = { exposed: 0, nExposed: 0, unexposed: 0, nUnexposed: 0 };
  for (const [set, members] of comparisonSets(rollout, settings.comparison)) {
    const names = new Set(members.map((m) => m.region));
    const mask = new Uint8Array(n);
    let rows = 0;
    let firstT = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (regionOf[i] !== null && names.has(regionOf[i]!)) {
        mask[i] = 1;
        rows++;
        if (t[i]! < firstT) firstT = t[i]!;
      }
    }
    if (rows === 0) continue;
    const treatedLater = members.filter(
      (m) => m.group !== null && m.group > firstT && m.group <= lastT,
    );
    const groups = new Set(treatedLater.map((m) => m.group));
    const never = members.some((m) => m.group === null || m.group > lastT);
    // A set needs a deployed cohort with a pre-period and someone to compare it with.
    if (groups.size === 0 || (!never && groups.size < 2)) {
      const why =
        settings.comparison === "all_regions"
          ? "NO_COMPARISON_COHORT"
          : `NO_COMPARISON_REGION_FIRST_YEAR_${set}`;
      excluded[why] = (excluded[why] ?? 0) + rows;
      warnings.push(
        `regions ${[...names].join(", ")}: no deployment with a pre-period and a comparison region${settings.comparison === "same_first_year" ? " among the regions whose data start the same year" : ""}; left out`,
      );
      continue;
    }
    // The last-deployed (or never-deployed) regions are the only comparisons of the latest
    // cells: with few of their registrations per semester the influence-function normal
    // approximation fails (simulations: |z| ≈ 3 with 20–30 rows), so the set is left out.
    const lastGroup = Math.max(...members.map((m) => m.group ?? Number.POSITIVE_INFINITY));
    const finalRegions = new Set(
      members
        .filter((m) => (m.group ?? Number.POSITIVE_INFINITY) === lastGroup)
        .map((m) => m.region),
    );
    const perPeriod = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (mask[i] && finalRegions.has(regionOf[i]!) && t[i]! < Math.min(lastGroup, lastT + 1))
        perPeriod.set(t[i]!, (perPeriod.get(t[i]!) ?? 0) + 1);
    }
    const smallest = Math.min(...perPeriod.values());
    if (smallest < settings.minComparisonRows) {
      const why = `SMALL_COMPARISON_SET_${set}`;
      excluded[why] = (excluded[why] ?? 0) + rows;
      warnings.push(
        `regions ${[...names].join(", ")}: the comparison regions ${[...finalRegions].join(", ")} have only ${smallest} registrations in some semester (< ${settings.minComparisonRows}); left out`,
      );
      continue;
    }
    const controlGroup = never ? "nevertreated" : "notyettreated";
    const sub = frame
      .withColumn("did__t", numericColumn(t))
      .withColumn("did__g", numericColumn(g))
      .filter(mask);
    const result = staggeredDid(sub, {
      y: outcome,
      t: "did__t",
      g: "did__g",
      panel: false,
      controlGroup,
      estMethod: "reg",
      bootstrap: settings.bootstrap,
      seed: `${seed}:${outcome}:${set}`,
    });
    for (const e of result.details.counts.excluded) {
      const code = e.reason.startsWith("periods from")
        ? "PERIODS_WITHOUT_COMPARISON"
        : e.reason.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
      excluded[code] = (excluded[code] ?? 0) + e.rows;
    }
    rowsUsed += result.details.counts.rowsUsed;
    let weight = 0;
    for (const c of result.attgt) {
      cells.push({
        set,
        group: c.group,
        time: c.time,
        att: c.att,
        se: c.se,
        nTreated: c.nTreated,
        nControl: c.nControl,
      });
      if (c.post && c.att !== null) weight += c.nTreated;
    }
    sets.push({ set, regions: [...names].sort(), rows, controlGroup, result, weight });
    warnings.push(...result.warnings.map((w) => readable(set === "all" ? w : `[${set}] ${w}`)));
    // Means of the rows the set uses (periods before its cutoff).
    const maxT = Math.max(...result.details.periods);
    for (let i = 0; i < n; i++) {
      if (!mask[i] || t[i]! > maxT || Number.isNaN(y[i]!)) continue;
      if (g[i]! > 0 && t[i]! >= g[i]!) {
        sums.exposed += y[i]!;
        sums.nExposed++;
      } else {
        sums.unexposed += y[i]!;
        sums.nUnexposed++;
      }
    }
  }
  const simple =
    sets.length === 1
      ? estimateOf(sets[0]!.result.aggregate.simple.att, sets[0]!.result.aggregate.simple.se, z)
      : pool(
          sets.map((s) => ({
            est: s.result.aggregate.simple.att ?? Number.NaN,
            se: s.result.aggregate.simple.se ?? Number.NaN,
            w: s.weight,
          })),
          z,
        );
  // Dynamic: per event time, pool the sets weighted by their treated observations at that e.
  const events = new Map<number, { est: number; se: number; w: number }[]>();
  for (const s of sets) {
    const nAt = new Map<number, number>();
    for (const c of s.result.attgt)
      if (c.att !== null) nAt.set(c.time - c.group, (nAt.get(c.time - c.group) ?? 0) + c.nTreated);
    for (const b of s.result.aggregate.dynamic.byEvent) {
      if (b.att === null || b.se === null) continue;
      const list = events.get(b.e) ?? [];
      list.push({ est: b.att, se: b.se, w: nAt.get(b.e) ?? 0 });
      events.set(b.e, list);
    }
  }
  const dynamic = [...events.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([e, parts]) => ({ e, n: parts.reduce((s, p) => s + p.w, 0), ...pool(parts, z) }));
  // Pre-tests of independent sets add up (χ² statistics and degrees of freedom).
  const tests = sets.map((s) => s.result.pretest).filter((p) => p !== null);
  const pretest = tests.length
    ? (() => {
        const statistic = tests.reduce((a, p) => a + p.statistic, 0);
        const df = tests.reduce((a, p) => a + p.df, 0);
        return { statistic, df, pValue: 1 - chiSquareCdf(statistic, df) };
      })()
    : null;
  const variance =
    (settings.bootstrap > 0
      ? `multiplier bootstrap (${settings.bootstrap} draws)`
      : "analytic influence function (account level)") +
    (sets.length > 1
      ? `; ${sets.length} comparison sets pooled as independent samples, weighted by exposed registrations`
      : "");
  return {
    simple,
    dynamic,
    pretest,
    cells,
    sets,
    rowsUsed,
    excluded,
    meanExposed: sums.nExposed ? sums.exposed / sums.nExposed : null,
    meanUnexposed: sums.nUnexposed ? sums.unexposed / sums.nUnexposed : null,
    nExposed: sums.nExposed,
    nUnexposed: sums.nUnexposed,
    warnings: [...new Set(warnings)],
    variance,
  };
}
