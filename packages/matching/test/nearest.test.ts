import { describe, expect, it } from "vitest";
import { discardUnits, sdRetained } from "../src/engine/discard.js";
import { matchesOf } from "../src/engine/matchMatrix.js";
import { nearestOnDistance } from "../src/engine/nearestVector.js";
import { treatedOrder } from "../src/engine/treatedOrder.js";
import {
  normalizeWeights,
  subclassFromMatches,
  weightsFromMatches,
  weightsFromSubclass,
} from "../src/engine/weights.js";
import { goldenCase, lalondeColumns } from "./helpers.js";

const cols = lalondeColumns();
const treat = Uint8Array.from(cols.treat as number[]);
const n = treat.length;

function strataOf(name: string): Int32Array {
  const values = cols[name]!.map(String);
  const levels = [...new Set(values)].sort();
  return Int32Array.from(values.map((v) => levels.indexOf(v)));
}

function run(
  name: string,
  opts: {
    ratio?: number;
    replace?: boolean;
    caliper?: number;
    order?: "largest" | "smallest";
    exact?: string;
    discard?: "both";
  },
) {
  const g = goldenCase(name);
  const distance = Float64Array.from(g.distance!);
  const discarded = discardUnits(treat, distance, opts.discard ?? "none");
  const caliper = opts.caliper ? opts.caliper * sdRetained(distance, discarded) : Infinity;
  let order = treatedOrder(treat, distance, opts.replace ? "data" : (opts.order ?? "largest"), 1);
  if (g.treatedOrder) {
    const rows = [...treatedOrder(treat, distance, "data", 1)];
    order = Int32Array.from(g.treatedOrder.map((i) => rows[i]!));
  }
  const mm = nearestOnDistance({
    treat,
    distance,
    eligible: discarded.map((d) => 1 - d),
    strata: opts.exact ? strataOf(opts.exact) : undefined,
    ratio: opts.ratio ?? 1,
    replace: opts.replace ?? false,
    caliper,
    order,
  });
  const raw = opts.replace
    ? weightsFromMatches(mm, n)
    : weightsFromSubclass(subclassFromMatches(mm, n), treat);
  const weights = normalizeWeights(raw, treat);
  return { g, mm, weights, subclass: opts.replace ? null : subclassFromMatches(mm, n) };
}

function expectSame(r: ReturnType<typeof run>) {
  const { g, mm, weights, subclass } = r;
  const got = [...Array(mm.treated.length).keys()].map((i) => matchesOf(mm, i));
  expect(got).toEqual(g.matchMatrix);
  for (let i = 0; i < n; i++) expect(Math.abs(weights[i]! - g.weights[i]!)).toBeLessThan(1e-12);
  if (subclass) expect([...subclass].map((s) => (s === 0 ? null : s))).toEqual(g.subclass);
}

describe("nearest neighbour on a given distance reproduces MatchIt 4.7.1", () => {
  it("1:1 without caliper", () => expectSame(run("nearest", {})));
  it("1:1 with caliper 0.2 SD", () => expectSame(run("nearest_caliper02", { caliper: 0.2 })));
  it("2:1 with replacement", () =>
    expectSame(run("nearest_ratio2_replace", { ratio: 2, replace: true })));
  it("2:1 without replacement (rounds)", () => expectSame(run("nearest_ratio2", { ratio: 2 })));
  it("3:1 with caliper 0.1 SD", () =>
    expectSame(run("nearest_ratio3_caliper01", { ratio: 3, caliper: 0.1 })));
  it("exact on married", () => expectSame(run("exact_married", { exact: "married" })));
  it("m.order smallest", () => expectSame(run("smallest", { order: "smallest" })));
  it("m.order random (R's permutation)", () => expectSame(run("random", {})));
  it("discard both", () => expectSame(run("discard_both", { discard: "both" })));
  it("probit linear predictor, caliper 0.5", () =>
    expectSame(run("probit_linear_caliper05", { caliper: 0.5 })));
  it("logit linear predictor, caliper 0.5, exact on race", () =>
    expectSame(run("linear_logit_caliper05_exact", { caliper: 0.5, exact: "race" })));
});
