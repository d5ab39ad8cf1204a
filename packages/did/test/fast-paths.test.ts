import { categoricalColumn, createRng, type Frame, numericColumn } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { estimateCells } from "../src/cs/att-gt-loop.js";
import { prepare } from "../src/cs/prepare.js";
import { coreLogit } from "../src/cs/propensity.js";
import { influenceVcov } from "../src/cs/variance.js";
import { attGt, simulateStaggeredPanel } from "../src/index.js";
import { type AttGtOptions, resolveAttGtOptions } from "../src/options.js";

const periods = 6;
const units = 600;

/**
 * A weighted panel with a factor constant within unit (level "D" only in cohort 3, so some cells
 * lack it and drop its column), a time-varying covariate, and unit weights.
 */
function panel(): Frame {
  const base = simulateStaggeredPanel({
    units,
    periods,
    cohorts: [3, 4, 5],
    effect: (e, g) => 0.5 + 0.2 * e - 0.05 * g,
    seed: 7,
  });
  const rng = createRng("fast-paths");
  const n = base.nRows;
  const g = base.numeric("g");
  const t = base.numeric("t");
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  const region: string[] = [];
  for (let u = 0; u < units; u++) {
    const wu = 0.5 + rng.uniform();
    const level = g[u * periods] === 3 && rng.uniform() < 0.5 ? "D" : "ABC"[u % 3]!;
    for (let k = 0; k < periods; k++) {
      const i = u * periods + k;
      w[i] = wu;
      z[i] = rng.normal() + 0.1 * t[i]!;
      region.push(level);
    }
  }
  return base
    .withColumn("w", numericColumn(w))
    .withColumn("z", numericColumn(z))
    .withColumn("region", categoricalColumn(region));
}

const frame = panel();
const common: AttGtOptions = { y: "y", t: "t", id: "id", g: "g", estMethod: "reg", weights: "w" };

function cells(options: AttGtOptions, fastReg: boolean, input: Frame = frame) {
  const o = resolveAttGtOptions(options);
  const data = prepare(input, o);
  const out = estimateCells(data, {
    controlGroup: o.controlGroup,
    anticipation: o.anticipation,
    estMethod: o.estMethod,
    basePeriod: o.basePeriod,
    fitLogit: coreLogit,
    xformla: o.xformla,
    fastReg,
  });
  return { ...out, n: data.n };
}

/** Largest |a − b|; NaN pairs count as equal, a lone NaN as infinitely different. */
function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    m = Math.max(m, Number.isNaN(x - y) ? Number.POSITIVE_INFINITY : Math.abs(x - y));
  }
  return m;
}

// Repeated cross-sections with holes: cohort 4 unobserved in period 3, never-treated in period 5.
const g = frame.numeric("g");
const t = frame.numeric("t");
const holed = frame.filter(
  Array.from(g, (gi, i) => !((gi === 4 && t[i] === 3) || (gi === 0 && t[i] === 5))),
);

describe("fused outcome-regression kernels", () => {
  const cases: [string, AttGtOptions, Frame?][] = [
    ["no covariates, never treated", common],
    [
      "factor and time-varying covariates, not yet treated, anticipation",
      {
        ...common,
        xformla: "~ z + region",
        controlGroup: "notyettreated",
        anticipation: 1,
      },
    ],
    ["covariates, universal base period", { ...common, xformla: "~ z", basePeriod: "universal" }],
    [
      "time-invariant covariates (per-cohort sums), not yet treated",
      { ...common, xformla: "~ x + region", controlGroup: "notyettreated" },
    ],
    ["repeated cross-sections, no covariates", { ...common, panel: false }],
    [
      "repeated cross-sections, covariates, not yet treated",
      { ...common, panel: false, xformla: "~ z + region", controlGroup: "notyettreated" },
    ],
    [
      "repeated cross-sections with empty blocks, not yet treated",
      { ...common, panel: false, controlGroup: "notyettreated" },
      holed,
    ],
    [
      "repeated cross-sections with empty blocks, covariates",
      { ...common, panel: false, xformla: "~ z" },
      holed,
    ],
  ];
  for (const [name, options, input] of cases) {
    it(`equal the general cell estimator (${name})`, () => {
      const fast = cells(options, true, input);
      const slow = cells(options, false, input);
      expect(fast.cells.map((c) => [c.nTreated, c.nControl])).toEqual(
        slow.cells.map((c) => [c.nTreated, c.nControl]),
      );
      expect(fast.warnings).toEqual(slow.warnings);
      const attFast = fast.cells.map((c) => c.att);
      const attSlow = slow.cells.map((c) => c.att);
      expect(attFast.some((a) => Math.abs(a) > 0.1)).toBe(true);
      expect(maxAbs(attFast, attSlow)).toBeLessThan(1e-12);
      // Influence functions (n × cells): the same values, unit by unit.
      expect(maxAbs(fast.inf, slow.inf)).toBeLessThan(1e-9);
      let scale = 0;
      for (const v of slow.inf) scale = Math.max(scale, Math.abs(v));
      expect(scale).toBeGreaterThan(1);
    });
  }

  for (const panel of [true, false]) {
    it(`the no-covariate variance from block moments equals the dense product (panel: ${panel})`, () => {
      const out = cells({ ...common, controlGroup: "notyettreated", panel }, true);
      const inf = { values: out.inf, n: out.n, k: out.cells.length };
      const dense = influenceVcov(inf);
      expect(out.crossprod).toBeDefined();
      const moments = out.crossprod!.map((v) => v / (out.n * out.n));
      for (let j = 0; j < inf.k; j++) {
        const d = dense[j * inf.k + j]!;
        expect(d).toBeGreaterThan(0);
        expect(Math.abs(moments[j * inf.k + j]! / d - 1)).toBeLessThan(1e-10);
      }
      expect(maxAbs(moments, dense)).toBeLessThan(1e-10 * Math.max(...dense));
      // With covariates the columns are not affine in ΔY: no shortcut, the product is taken.
      expect(cells({ ...common, xformla: "~ x", panel }, true).crossprod).toBeUndefined();
    });
  }

  for (const panel of [true, false]) {
    it(`block-sparse variance equals the dense product (panel: ${panel})`, () => {
      const out = cells(
        { ...common, xformla: "~ z + region", controlGroup: "notyettreated", panel },
        true,
      );
      const inf = { values: out.inf, n: out.n, k: out.cells.length };
      const dense = influenceVcov(inf);
      const sparse = influenceVcov(inf, undefined, out.blocks);
      let estimated = 0;
      for (let j = 0; j < inf.k; j++) {
        const d = dense[j * inf.k + j]!;
        if (Number.isNaN(out.cells[j]!.att) || out.cells[j]!.reference) {
          expect(sparse[j * inf.k + j]).toBe(0);
          continue;
        }
        estimated++;
        expect(Math.abs(sparse[j * inf.k + j]! / d - 1)).toBeLessThan(1e-12);
      }
      // Cohort 3's cells are NA: level "D" (cohort 3 only) leaves the comparison design singular.
      expect(estimated).toBe(10);
      expect(out.warnings.filter((w) => w.includes("not enough control units"))).toHaveLength(5);
      expect(maxAbs(sparse, dense)).toBeLessThan(1e-12 * Math.max(...dense));
    });
  }

  it("rows in any order give the same result as rows sorted by unit and period", () => {
    const rng = createRng("shuffle");
    const order = Array.from({ length: frame.nRows }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const options = { ...common, xformla: "~ z + region" };
    const sorted = attGt(frame, options).result;
    const shuffled = attGt(frame.take(order), options).result;
    expect(shuffled.n).toBe(sorted.n);
    expect(
      maxAbs(
        shuffled.attgt.map((r) => r.att ?? Number.NaN),
        sorted.attgt.map((r) => r.att ?? Number.NaN),
      ),
    ).toBeLessThan(1e-12);
    expect(
      maxAbs(
        shuffled.attgt.map((r) => r.se ?? Number.NaN),
        sorted.attgt.map((r) => r.se ?? Number.NaN),
      ),
    ).toBeLessThan(1e-12);
  });
});
