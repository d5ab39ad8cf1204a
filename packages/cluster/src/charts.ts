import type { ClusterProfiles, IndicatorRow } from "./typology.js";

/**
 * Vega-Lite spec (plain object) of indicators by cluster: one panel per indicator, bars per
 * cluster, coloured by group (e.g. contact / no contact) when there is more than "all".
 * Render with the report package's `renderSvg(spec)`.
 */
export function indicatorChart(
  rows: readonly IndicatorRow[],
  options: {
    /** Chart title. */
    title?: string;
    /** Readable names of groups and indicators, e.g. { "0": "no contact", "1": "contact" }. */
    labels?: Readonly<Record<string, string>>;
  } = {},
): object {
  const title = options.title ?? "Indicators by cluster";
  const label = (x: string): string => options.labels?.[x] ?? x;
  const hasGroups = rows.some((r) => r.group !== "all");
  const values = rows
    .filter((r) => !hasGroups || r.group !== "all")
    .map((r) => ({
      cluster: r.cluster,
      group: label(r.group),
      indicator: label(r.indicator),
      share: r.share,
      n: r.n,
    }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    data: { values },
    facet: { column: { field: "indicator", type: "nominal", title: null } },
    spec: {
      width: 260,
      height: 200,
      mark: { type: "bar", tooltip: true },
      encoding: {
        x: { field: "cluster", type: "ordinal", title: "Cluster", sort: null },
        ...(hasGroups ? { xOffset: { field: "group", type: "nominal" } } : {}),
        y: {
          field: "share",
          type: "quantitative",
          title: "Share",
          axis: { format: "%" },
          scale: { domain: [0, 1] },
        },
        color: hasGroups ? { field: "group", type: "nominal", title: null } : { value: "#4c78a8" },
        tooltip: [
          { field: "cluster", type: "ordinal" },
          { field: "group", type: "nominal" },
          { field: "share", type: "quantitative", format: ".1%" },
          { field: "n", type: "quantitative", title: "rows" },
        ],
      },
    },
  };
}

/**
 * Vega-Lite spec of cluster profiles: cluster sizes as bars, and the interquartile range and
 * median of one numeric variable (e.g. age) as a range with a tick, one row per cluster.
 */
export function profileChart(
  profiles: ClusterProfiles,
  numericVariable: string,
  title = "Cluster profiles",
): object {
  const values = profiles.clusters.map((p) => {
    const s = p.numeric[numericVariable];
    const lead = Object.entries(p.categorical)
      .map(([v, levels]) =>
        levels[0] ? `${v}: ${levels[0].level} (${Math.round(levels[0].share * 100)}%)` : "",
      )
      .filter((x) => x !== "")
      .join(", ");
    return { cluster: p.cluster, size: p.size, q1: s?.q1, median: s?.median, q3: s?.q3, lead };
  });
  const y = { field: "cluster", type: "ordinal", title: "Cluster", sort: null };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    data: { values },
    hconcat: [
      {
        width: 220,
        mark: { type: "bar", tooltip: true },
        encoding: {
          y,
          x: { field: "size", type: "quantitative", title: "Size" },
          tooltip: [{ field: "cluster" }, { field: "size" }, { field: "lead", title: "dominant" }],
        },
      },
      {
        width: 220,
        layer: [
          {
            mark: { type: "rule", strokeWidth: 6, opacity: 0.5 },
            encoding: {
              y,
              x: {
                field: "q1",
                type: "quantitative",
                title: `${numericVariable} (Q1–Q3, median)`,
                scale: { zero: false },
              },
              x2: { field: "q3" },
            },
          },
          {
            mark: { type: "tick", thickness: 2, color: "black" },
            encoding: { y, x: { field: "median", type: "quantitative" } },
          },
        ],
      },
    ],
  };
}
