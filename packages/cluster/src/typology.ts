import { type Frame, ParcoursError } from "@parcours-eval/core";

/** Which cluster each row belongs to: a column name, or 0-based cluster indices per row. */
export type ClusterSpec = string | ArrayLike<number>;

/** A banded numeric variable, e.g. the maximum of the first three declared turnovers. */
export interface BandSpec {
  /** Column name. */
  column: string;
  /** Increasing band edges: bands are [e_i; e_{i+1}[ and [e_last; +∞[. */
  edges: readonly number[];
  /** Make the value 0 a band of its own ("0", then "]0;e1[", as tableau 11 does). */
  zeroBand?: boolean;
}

/** Options of {@link clusterProfiles}. */
export interface ClusterProfileOptions {
  /** Cluster of each row. */
  cluster: ClusterSpec;
  /** Numeric variables summarised by mean and quartiles (R's default type 7). */
  numeric?: readonly string[];
  /** Categorical variables summarised by their most frequent levels. */
  categorical?: readonly string[];
  /** How many levels to list per categorical variable (default 5). */
  top?: number;
  /** 0/1 variables summarised by their share of 1s (e.g. a contact indicator). */
  binary?: readonly string[];
  /** Banded numeric variables. */
  bands?: readonly BandSpec[];
}

/** Summary of a numeric variable in one cluster. */
export interface NumericSummary {
  /** Mean of the non-missing values. */
  mean: number;
  /** First quartile. */
  q1: number;
  /** Median. */
  median: number;
  /** Third quartile. */
  q3: number;
  /** Number of missing values. */
  nMissing: number;
}

/** A level (or band) with its count and share among non-missing values. */
export interface LevelShare {
  /** Level or band label. */
  level: string;
  /** Number of rows. */
  count: number;
  /** Share among the cluster's non-missing values. */
  share: number;
}

/** The profile of one cluster (one block of tableau 11). */
export interface ClusterProfile {
  /** Cluster label ("1"…"k" for 0-based indices). */
  cluster: string;
  /** Number of rows. */
  size: number;
  /** Share of all clustered rows. */
  share: number;
  /** Numeric summaries by variable. */
  numeric: Record<string, NumericSummary>;
  /** Most frequent levels by variable, most frequent first. */
  categorical: Record<string, LevelShare[]>;
  /** Share of 1s by variable, and missing count. */
  binary: Record<string, { share: number; nMissing: number }>;
  /** Band shares by variable, in band order. */
  bands: Record<string, LevelShare[]>;
}

/** Result of {@link clusterProfiles}. */
export interface ClusterProfiles {
  /** One profile per cluster, in cluster order. */
  clusters: ClusterProfile[];
  /** The same as a long table: one row per (cluster, variable, statistic). */
  table: { cluster: string; variable: string; statistic: string; value: number }[];
  /** Rows left out because their cluster is missing. */
  nExcluded: number;
}

/** Cluster labels of each row and the ordered list of labels (rows with no cluster get -1). */
export function clusterLabels(
  frame: Frame,
  spec: ClusterSpec,
): { index: Int32Array; labels: string[] } {
  const n = frame.nRows;
  let raw: string[];
  if (typeof spec === "string") {
    const col = frame.column(spec);
    raw = new Array<string>(n);
    if (col.kind === "categorical") {
      for (let i = 0; i < n; i++) raw[i] = col.codes[i]! < 0 ? "" : col.levels[col.codes[i]!]!;
    } else {
      const v = frame.numeric(spec);
      for (let i = 0; i < n; i++) raw[i] = Number.isNaN(v[i]!) ? "" : String(v[i]);
    }
  } else {
    if (spec.length !== n) {
      throw new ParcoursError(
        "TYPOLOGY_CLUSTER_LENGTH",
        `${spec.length} cluster indices for ${n} rows`,
        { hint: "pass one 0-based cluster index per row (kmedoids().assignment)" },
      );
    }
    raw = Array.from({ length: n }, (_, i) => (spec[i]! >= 0 ? String(spec[i]! + 1) : ""));
  }
  const distinct = [...new Set(raw.filter((r) => r !== ""))];
  const allNumeric = distinct.every((d) => !Number.isNaN(Number(d)));
  distinct.sort((a, b) => (allNumeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  const pos = new Map(distinct.map((d, i) => [d, i]));
  const index = Int32Array.from(raw, (r) => (r === "" ? -1 : pos.get(r)!));
  return { index, labels: distinct };
}

/** Quantile of sorted values, R's type 7 (the default of `quantile()`). */
export function quantile7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function bandLabels(spec: BandSpec): string[] {
  const e = spec.edges;
  const out: string[] = [];
  if (spec.zeroBand) out.push("0");
  for (let b = 0; b < e.length; b++) {
    const lo = e[b]!;
    const open = spec.zeroBand && lo === 0 ? "]" : "[";
    out.push(b + 1 < e.length ? `${open}${lo};${e[b + 1]}[` : `≥ ${lo}`);
  }
  return out;
}

function bandOf(spec: BandSpec, v: number): number {
  if (Number.isNaN(v)) return -1;
  const z = spec.zeroBand ? 1 : 0;
  if (spec.zeroBand && v === 0) return 0;
  const e = spec.edges;
  if (v < e[0]!) return -1;
  let b = 0;
  while (b + 1 < e.length && v >= e[b + 1]!) b++;
  return b + z;
}

/**
 * Profiles of clusters like tableau 11 of the study (annex 9): size and share, mean and
 * quartiles of numeric variables, most frequent levels of categorical ones, share of 1s of
 * binary ones and distribution over bands. Generic: it knows only column names.
 */
export function clusterProfiles(frame: Frame, options: ClusterProfileOptions): ClusterProfiles {
  const { index, labels } = clusterLabels(frame, options.cluster);
  const k = labels.length;
  const n = frame.nRows;
  const top = options.top ?? 5;
  const sizes = new Array<number>(k).fill(0);
  let nExcluded = 0;
  for (let i = 0; i < n; i++) {
    if (index[i]! < 0) nExcluded++;
    else sizes[index[i]!]!++;
  }
  const total = n - nExcluded;
  const clusters: ClusterProfile[] = labels.map((cluster, c) => ({
    cluster,
    size: sizes[c]!,
    share: total > 0 ? sizes[c]! / total : 0,
    numeric: {},
    categorical: {},
    binary: {},
    bands: {},
  }));
  for (const name of options.numeric ?? []) {
    const v = frame.numeric(name);
    const groups: number[][] = labels.map(() => []);
    const missing = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const c = index[i]!;
      if (c < 0) continue;
      if (Number.isNaN(v[i]!)) missing[c]!++;
      else groups[c]!.push(v[i]!);
    }
    groups.forEach((g, c) => {
      const sorted = Float64Array.from(g).sort();
      clusters[c]!.numeric[name] = {
        mean: g.length ? g.reduce((s, x) => s + x, 0) / g.length : Number.NaN,
        q1: quantile7(sorted, 0.25),
        median: quantile7(sorted, 0.5),
        q3: quantile7(sorted, 0.75),
        nMissing: missing[c]!,
      };
    });
  }
  for (const name of options.categorical ?? []) {
    const col = frame.column(name);
    if (col.kind !== "categorical") {
      throw new ParcoursError("TYPOLOGY_NOT_CATEGORICAL", `"${name}" is not categorical`, {
        column: name,
        hint: "list numeric variables under numeric, 0/1 ones under binary",
      });
    }
    const counts = labels.map(() => new Array<number>(col.levels.length).fill(0));
    const valid = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const c = index[i]!;
      const code = col.codes[i]!;
      if (c < 0 || code < 0) continue;
      counts[c]![code]!++;
      valid[c]!++;
    }
    counts.forEach((cnt, c) => {
      clusters[c]!.categorical[name] = cnt
        .map((count, l) => ({
          level: col.levels[l]!,
          count,
          share: valid[c]! ? count / valid[c]! : 0,
        }))
        .filter((x) => x.count > 0)
        .sort((a, b) => b.count - a.count || (a.level < b.level ? -1 : 1))
        .slice(0, top);
    });
  }
  for (const name of options.binary ?? []) {
    const v = frame.numeric(name);
    const ones = new Array<number>(k).fill(0);
    const valid = new Array<number>(k).fill(0);
    const missing = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const c = index[i]!;
      if (c < 0) continue;
      const x = v[i]!;
      if (Number.isNaN(x)) missing[c]!++;
      else {
        if (x !== 0 && x !== 1) {
          throw new ParcoursError(
            "TYPOLOGY_NOT_BINARY",
            `"${name}" has value ${x} at row ${i + 1}`,
            {
              column: name,
              line: i + 1,
              hint: "binary variables take the values 0, 1 or missing",
            },
          );
        }
        ones[c]! += x;
        valid[c]!++;
      }
    }
    for (let c = 0; c < k; c++) {
      clusters[c]!.binary[name] = {
        share: valid[c]! ? ones[c]! / valid[c]! : Number.NaN,
        nMissing: missing[c]!,
      };
    }
  }
  for (const spec of options.bands ?? []) {
    const e = spec.edges;
    if (e.length === 0 || e.some((x, i) => i > 0 && !(x > e[i - 1]!))) {
      throw new ParcoursError(
        "TYPOLOGY_BAD_BANDS",
        `band edges of "${spec.column}" must increase`,
        {
          column: spec.column,
          value: e,
        },
      );
    }
    const v = frame.numeric(spec.column);
    const names = bandLabels(spec);
    const counts = labels.map(() => new Array<number>(names.length).fill(0));
    const valid = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const c = index[i]!;
      const b = c < 0 ? -1 : bandOf(spec, v[i]!);
      if (b < 0) continue;
      counts[c]![b]!++;
      valid[c]!++;
    }
    counts.forEach((cnt, c) => {
      clusters[c]!.bands[spec.column] = cnt.map((count, b) => ({
        level: names[b]!,
        count,
        share: valid[c]! ? count / valid[c]! : 0,
      }));
    });
  }
  const table: ClusterProfiles["table"] = [];
  for (const p of clusters) {
    table.push({ cluster: p.cluster, variable: "", statistic: "size", value: p.size });
    table.push({ cluster: p.cluster, variable: "", statistic: "share", value: p.share });
    for (const [v, s] of Object.entries(p.numeric)) {
      for (const st of ["mean", "q1", "median", "q3"] as const) {
        table.push({ cluster: p.cluster, variable: v, statistic: st, value: s[st] });
      }
    }
    for (const [v, levels] of Object.entries({ ...p.categorical, ...p.bands })) {
      for (const l of levels)
        table.push({
          cluster: p.cluster,
          variable: v,
          statistic: `share:${l.level}`,
          value: l.share,
        });
    }
    for (const [v, s] of Object.entries(p.binary)) {
      table.push({ cluster: p.cluster, variable: v, statistic: "share", value: s.share });
    }
  }
  return { clusters, table, nExcluded };
}

/** One row of {@link indicatorsByCluster} (tableaux 12–13). */
export interface IndicatorRow {
  /** Cluster label. */
  cluster: string;
  /** Level of the `by` variable, or "all". */
  group: string;
  /** Indicator (column) name. */
  indicator: string;
  /** Rows with a non-missing indicator. */
  n: number;
  /** Rows with a missing indicator (excluded from the share). */
  nMissing: number;
  /** Mean of the indicator: the share of successes for a 0/1 indicator. */
  share: number;
}

/**
 * Indicators by cluster (tableau 12) and, with `by`, by cluster and group such as contact /
 * no contact (tableau 13): the mean of each 0/1 indicator, with counts of rows used and missing.
 */
export function indicatorsByCluster(
  frame: Frame,
  options: { cluster: ClusterSpec; indicators: readonly string[]; by?: string },
): IndicatorRow[] {
  const { index, labels } = clusterLabels(frame, options.cluster);
  const n = frame.nRows;
  let groups = ["all"];
  let groupOf: (i: number) => number = () => 0;
  if (options.by !== undefined) {
    const g = clusterLabels(frame, options.by);
    groups = ["all", ...g.labels];
    groupOf = (i) => (g.index[i]! < 0 ? -1 : g.index[i]! + 1);
  }
  const rows: IndicatorRow[] = [];
  for (const name of options.indicators) {
    const v = frame.numeric(name);
    const k = labels.length;
    const m = groups.length;
    const sum = new Float64Array(k * m);
    const cnt = new Float64Array(k * m);
    const miss = new Float64Array(k * m);
    for (let i = 0; i < n; i++) {
      const c = index[i]!;
      if (c < 0) continue;
      const gs = [0];
      const g = groupOf(i);
      if (g > 0) gs.push(g);
      for (const gg of gs) {
        const x = v[i]!;
        if (Number.isNaN(x)) miss[c * m + gg]!++;
        else {
          sum[c * m + gg]! += x;
          cnt[c * m + gg]!++;
        }
      }
    }
    for (let c = 0; c < k; c++) {
      for (let g = 0; g < m; g++) {
        if (g > 0 && cnt[c * m + g] === 0 && miss[c * m + g] === 0) continue;
        rows.push({
          cluster: labels[c]!,
          group: groups[g]!,
          indicator: name,
          n: cnt[c * m + g]!,
          nMissing: miss[c * m + g]!,
          share: cnt[c * m + g]! ? sum[c * m + g]! / cnt[c * m + g]! : Number.NaN,
        });
      }
    }
  }
  return rows;
}
