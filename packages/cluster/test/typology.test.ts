import { categoricalColumn, Frame, numericColumn } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import {
  clusterProfiles,
  indicatorChart,
  indicatorsByCluster,
  profileChart,
  quantile7,
} from "../src/index.js";

const frame = new Frame({
  age: numericColumn([21, 23, 25, 30, 44, 46, 50, 60, null]),
  sex: categoricalColumn(["M", "M", "F", "M", "F", "F", "F", "M", "F"]),
  contact: numericColumn([0, 1, 0, 0, 1, 1, 0, null, 0]),
  ca3: numericColumn([0, 250, 500, 2500, 0, 1999, 1000, 0, 700]),
  onTime: numericColumn([1, 0, 1, 1, 1, 1, 0, 1, null]),
});
const assignment = [0, 0, 0, 0, 1, 1, 1, 1, -1];

describe("cluster profiles (tableau 11)", () => {
  const p = clusterProfiles(frame, {
    cluster: assignment,
    numeric: ["age"],
    categorical: ["sex"],
    binary: ["contact"],
    bands: [{ column: "ca3", edges: [0, 500, 1000, 2000], zeroBand: true }],
  });
  it("sizes, shares and exclusions", () => {
    expect(p.nExcluded).toBe(1);
    expect(p.clusters.map((c) => [c.cluster, c.size, c.share])).toEqual([
      ["1", 4, 0.5],
      ["2", 4, 0.5],
    ]);
  });
  it("age quartiles as R's quantile(type = 7)", () => {
    // quantile(c(21,23,25,30)) = 21, 22.5, 24, 26.25, 30; mean 24.75.
    expect(p.clusters[0]!.numeric.age).toEqual({
      mean: 24.75,
      q1: 22.5,
      median: 24,
      q3: 26.25,
      nMissing: 0,
    });
    expect(quantile7([44, 46, 50, 60], 0.75)).toBe(52.5);
  });
  it("top levels, binary shares and bands", () => {
    expect(p.clusters[0]!.categorical.sex).toEqual([
      { level: "M", count: 3, share: 0.75 },
      { level: "F", count: 1, share: 0.25 },
    ]);
    expect(p.clusters[1]!.binary.contact).toEqual({ share: 2 / 3, nMissing: 1 });
    expect(p.clusters[1]!.bands.ca3!.map((b) => [b.level, b.count])).toEqual([
      ["0", 2],
      ["]0;500[", 0],
      ["[500;1000[", 0],
      ["[1000;2000[", 2],
      ["≥ 2000", 0],
    ]);
    expect(p.clusters[0]!.bands.ca3!.map((b) => b.count)).toEqual([1, 1, 1, 0, 1]);
    expect(p.table.find((r) => r.cluster === "2" && r.statistic === "median")!.value).toBe(48);
  });
  it("a readable chart spec", () => {
    const spec = profileChart(p, "age") as {
      hconcat: unknown[];
      data: { values: { lead: string }[] };
    };
    expect(spec.hconcat).toHaveLength(2);
    expect(spec.data.values[0]!.lead).toBe("sex: M (75%)");
  });
});

describe("indicators by cluster and contact (tableaux 12–13)", () => {
  const rows = indicatorsByCluster(frame, {
    cluster: assignment,
    indicators: ["onTime"],
    by: "contact",
  });
  it("shares per cluster, overall and by group, counting missing indicators", () => {
    const get = (c: string, g: string) => rows.find((r) => r.cluster === c && r.group === g);
    expect(get("1", "all")).toMatchObject({ n: 4, nMissing: 0, share: 0.75 });
    expect(get("1", "1")).toMatchObject({ n: 1, share: 0 });
    expect(get("1", "0")).toMatchObject({ n: 3, share: 1 });
    expect(get("2", "all")).toMatchObject({ n: 4, share: 0.75 });
    // Row 8 has a missing contact: in "all" only.
    expect(get("2", "1")).toMatchObject({ n: 2, share: 1 });
    expect(get("2", "0")).toMatchObject({ n: 1, share: 0 });
    const spec = indicatorChart(rows, { labels: { "0": "no contact", "1": "contact" } }) as {
      data: { values: { group: string }[] };
    };
    expect(spec.data.values).toHaveLength(4);
    expect(spec.data.values.map((v) => v.group).sort()).toEqual([
      "contact",
      "contact",
      "no contact",
      "no contact",
    ]);
  });
});
