import { ParcoursError } from "@parcours-eval/core";
import { fitPoly } from "./localfit.js";
import type { Sample } from "./sample.js";

/** Options of {@link rdPlot}. */
export interface RdPlotOptions {
  /** Cutoff (default 0). */
  c?: number;
  /** Order of the global polynomial fitted on each side (default 4, as rdplot). */
  p?: number;
  /** Evenly-spaced ("es", default) or quantile-spaced ("qs") bins. */
  binselect?: "es" | "qs";
  /**
   * Bins per side: one number or [left, right]. Default ⌈√n⌉ capped at 40 per side; a side
   * with fewer mass points than that gets one bin per mass point (discrete running variables).
   */
  nbins?: number | readonly [number, number];
  /** Axis titles. */
  xTitle?: string;
  yTitle?: string;
  /** Chart title. */
  title?: string;
}

/** One bin: its range, centre (mean x), mean outcome and count. */
export interface RdBin {
  side: "left" | "right";
  xMin: number;
  xMax: number;
  x: number;
  y: number;
  n: number;
}

/** Result of {@link rdPlot}: the data and a Vega-Lite spec built from it. */
export interface RdPlotResult {
  bins: RdBin[];
  /** Fitted polynomial evaluated on a grid of 100 points per side. */
  fit: { side: "left" | "right"; x: number; y: number }[];
  /** Vega-Lite spec (plain object): render with renderSvg from @parcours-eval/report. */
  spec: Record<string, unknown>;
  nExcluded: number;
}

function binsOf(
  xs: number[],
  ys: number[],
  j: number,
  rule: "es" | "qs",
  side: "left" | "right",
): RdBin[] {
  const n = xs.length;
  const unique = [...new Set(xs)];
  const out: RdBin[] = [];
  const push = (lo: number, hi: number, idx: number[]) => {
    if (idx.length === 0) return;
    let sx = 0;
    let sy = 0;
    for (const i of idx) {
      sx += xs[i]!;
      sy += ys[i]!;
    }
    out.push({ side, xMin: lo, xMax: hi, x: sx / idx.length, y: sy / idx.length, n: idx.length });
  };
  if (unique.length <= j) {
    const groups = new Map<number, number[]>();
    xs.forEach((v, i) => {
      const g = groups.get(v);
      if (g) g.push(i);
      else groups.set(v, [i]);
    });
    for (const [v, idx] of [...groups].sort((a, b) => a[0] - b[0])) push(v, v, idx);
    return out;
  }
  const order = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const lo = xs[order[0]!]!;
  const hi = xs[order[n - 1]!]!;
  const edges: number[] = [];
  for (let k = 0; k <= j; k++) {
    if (rule === "es") edges.push(lo + ((hi - lo) * k) / j);
    else edges.push(xs[order[Math.min(n - 1, Math.round(((n - 1) * k) / j))]!]!);
  }
  const members: number[][] = Array.from({ length: j }, () => []);
  for (const i of order) {
    let b = 0;
    while (b < j - 1 && xs[i]! >= edges[b + 1]!) b++;
    members[b]!.push(i);
  }
  members.forEach((idx, b) => {
    push(edges[b]!, edges[b + 1]!, idx);
  });
  return out;
}

/**
 * RD plot in the spirit of rdplot (Calonico, Cattaneo & Titiunik 2015, JASA 110(512)): binned
 * outcome means on each side of the cutoff (evenly- or quantile-spaced bins) and a global
 * polynomial of order p fitted separately on each side, as a Vega-Lite spec.
 */
export function rdPlot(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  options: RdPlotOptions = {},
): RdPlotResult {
  const c = options.c ?? 0;
  const p = options.p ?? 4;
  const rule = options.binselect ?? "es";
  if (rule !== "es" && rule !== "qs") {
    throw new ParcoursError("RDD_BAD_OPTION", `option "binselect" is ${JSON.stringify(rule)}`, {
      hint: "allowed: es, qs",
    });
  }
  const sides = {
    left: { x: [] as number[], y: [] as number[] },
    right: { x: [] as number[], y: [] as number[] },
  };
  let excluded = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) {
      excluded++;
      continue;
    }
    const s = xi < c ? sides.left : sides.right;
    s.x.push(xi);
    s.y.push(yi);
  }
  if (sides.left.x.length === 0 || sides.right.x.length === 0) {
    throw new ParcoursError("RDD_EMPTY_SIDE", `no observations on one side of the cutoff ${c}`, {
      hint: "the cutoff must leave observations on both sides",
    });
  }
  const nb =
    options.nbins === undefined
      ? undefined
      : typeof options.nbins === "number"
        ? [options.nbins, options.nbins]
        : options.nbins;
  const bins: RdBin[] = [];
  const fit: RdPlotResult["fit"] = [];
  (["left", "right"] as const).forEach((side, k) => {
    const s = sides[side];
    const j = nb?.[k] ?? Math.min(40, Math.ceil(Math.sqrt(s.x.length)));
    bins.push(...binsOf(s.x, s.y, j, rule, side));
    const order = Math.min(p, new Set(s.x).size - 1);
    const u = Float64Array.from(s.x, (v) => v - c);
    const sample: Sample = {
      n: u.length,
      u,
      w: new Float64Array(u.length).fill(1),
      cols: [Float64Array.from(s.y)],
      cluster: undefined,
      nClusterCodes: 0,
      dups: new Int32Array(0),
      dupsid: new Int32Array(0),
    };
    const beta = fitPoly(sample, order).beta.map((r) => r[0]!);
    const lo = Math.min(...s.x);
    const hi = side === "left" ? c : Math.max(...s.x);
    for (let g = 0; g < 100; g++) {
      const xv = lo + ((hi - lo) * g) / 99;
      let yv = 0;
      let pw = 1;
      for (const b of beta) {
        yv += b * pw;
        pw *= xv - c;
      }
      fit.push({ side, x: xv, y: yv });
    }
  });
  const xTitle = options.xTitle ?? "running variable";
  const yTitle = options.yTitle ?? "outcome";
  const spec: Record<string, unknown> = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    ...(options.title ? { title: options.title } : {}),
    width: 480,
    height: 300,
    layer: [
      {
        data: { values: bins.map((b) => ({ x: b.x, y: b.y, n: b.n, side: b.side })) },
        mark: { type: "point", filled: true, size: 30 },
        encoding: {
          x: { field: "x", type: "quantitative", title: xTitle, scale: { zero: false } },
          y: { field: "y", type: "quantitative", title: yTitle, scale: { zero: false } },
          color: { field: "side", type: "nominal", legend: null },
        },
      },
      {
        data: { values: fit },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
          detail: { field: "side", type: "nominal" },
          color: { field: "side", type: "nominal", legend: null },
        },
      },
      {
        data: { values: [{ c }] },
        mark: { type: "rule", strokeDash: [4, 4], color: "gray" },
        encoding: { x: { field: "c", type: "quantitative" } },
      },
    ],
  };
  return { bins, fit, spec, nExcluded: excluded };
}
