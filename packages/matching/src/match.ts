import {
  type Design,
  designMatrix,
  type Frame,
  fitInternals,
  glm,
  ParcoursError,
} from "@parcours-eval/core";
import { designBalance, sampleSizes } from "./balance/balanceTable.js";
import { discardUnits, sdRetained } from "./engine/discard.js";
import { exactSubclasses, jointCodes } from "./engine/exactStrata.js";
import { mahalanobisSpace } from "./engine/mahalanobisTransform.js";
import { emptyMatchMatrix, type MatchMatrix, matchesOf } from "./engine/matchMatrix.js";
import { nearestOnCovariates } from "./engine/nearestMahalanobis.js";
import { nearestOnDistance } from "./engine/nearestVector.js";
import { stableOrder } from "./engine/order.js";
import { rSamplePermutation } from "./engine/rSample.js";
import { subclassify } from "./engine/subclassify.js";
import { treatedOrder } from "./engine/treatedOrder.js";
import {
  normalizeWeights,
  subclassFromMatches,
  weightsFromMatches,
  weightsFromSubclass,
} from "./engine/weights.js";
import {
  checkTreatmentColumn,
  denseCovariates,
  keepRows,
  requireColumns,
  treatmentOf,
} from "./inputs.js";
import type { MatchedSet, MatchOptions, MatchResult } from "./types.js";
import { validateOptions, variableList } from "./validate.js";

/** Values per analysed unit spread to input rows (`fillValue` on rows not analysed). */
function toInputRows(
  rows: Int32Array,
  N: number,
  src: ArrayLike<number>,
  fillValue: number,
): Float64Array {
  const out = new Float64Array(N).fill(fillValue);
  for (let i = 0; i < rows.length; i++) out[rows[i]!] = src[i]!;
  return out;
}

/** Subclass, treatment and discarded flags spread to input rows. */
function flagsToInputRows(
  rows: Int32Array,
  N: number,
  subclass: Int32Array,
  treat: Uint8Array,
  discarded: Uint8Array,
) {
  const subclassRows = new Int32Array(N);
  const treatRows = new Uint8Array(N);
  const discardedRows = new Uint8Array(N);
  for (let i = 0; i < rows.length; i++) {
    subclassRows[rows[i]!] = subclass[i]!;
    treatRows[rows[i]!] = treat[i]!;
    discardedRows[rows[i]!] = discarded[i]!;
  }
  return { subclassRows, treatRows, discardedRows };
}

/** Matched sets in input rows, in treated data order (treated units with a control only). */
function matchedSetsOf(mm: MatchMatrix, rows: Int32Array): MatchedSet[] {
  const out: MatchedSet[] = [];
  for (let i = 0; i < mm.treated.length; i++) {
    const controls = matchesOf(mm, i);
    if (controls.length)
      out.push({ treated: rows[mm.treated[i]!]!, controls: controls.map((c) => rows[c]!) });
  }
  return out;
}

/** Treated units (not discarded) with no control, and with fewer than `ratio`. */
function shortMatches(mm: MatchMatrix, discarded: Uint8Array, ratio: number) {
  let none = 0;
  let fewer = 0;
  for (let i = 0; i < mm.treated.length; i++) {
    if (discarded[mm.treated[i]!]) continue;
    let k = 0;
    for (let j = 0; j < mm.width; j++) if (mm.matches[i * mm.width + j]! >= 0) k++;
    if (k === 0) none++;
    else if (k < ratio) fewer++;
  }
  return { none, fewer };
}

/** 1 − flag for each entry (eligible units from discarded ones). */
function complement(flags: Uint8Array): Uint8Array {
  const out = new Uint8Array(flags.length);
  for (let i = 0; i < flags.length; i++) out[i] = 1 - flags[i]!;
  return out;
}

/** Number of 1 entries. */
function countOnes(flags: Uint8Array): number {
  let k = 0;
  for (let i = 0; i < flags.length; i++) k += flags[i]!;
  return k;
}

/** Whether any entry is NaN (a plain loop: this runs once, cold, over every input row). */
function hasMissing(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i]!)) return true;
  return false;
}

/**
 * Matches treated units to controls, with MatchIt's options and semantics (nearest neighbour on a
 * propensity score or Mahalanobis distance, exact matching, subclassification), and reports
 * balance before and after with cobalt/MatchIt statistics. Pure: the frame is not modified.
 * @throws ParcoursError MATCH_BAD_OPTION, MATCH_TREATMENT_NOT_BINARY, MATCH_NO_TREATED,
 *   MATCH_NO_CONTROL, MATCH_BAD_DISTANCE, and the design errors of `designMatrix`
 *   (DESIGN_MISSING_VALUES unless `na: "drop"`).
 */
export function matchUnits(frame: Frame, options: MatchOptions): MatchResult {
  validateOptions(options);
  const warnings: string[] = [];
  const method = options.method ?? "nearest";
  const ratio = options.ratio ?? 1;
  const replace = options.replace ?? false;
  const na = options.na === "drop" ? "omit" : "fail";
  const exactVars = variableList(options.exact);
  const mahVars = variableList(options.mahvars);
  const userScore = typeof options.distance === "object" ? options.distance : undefined;
  const kind =
    typeof options.distance === "string" ? options.distance : userScore ? "user" : "logit";
  if (userScore && userScore.length !== frame.nRows) {
    throw new ParcoursError(
      "MATCH_BAD_DISTANCE",
      `the supplied score has ${userScore.length} values, the data ${frame.nRows} rows`,
      {
        hint: "give one score per input row",
      },
    );
  }

  // Rows dropped for missing values in any variable used (formula, exact, mahvars, score).
  // Only exact/mahvars/score variables can add missing rows: no mask without them.
  const extra =
    exactVars.length || mahVars.length || userScore
      ? requireColumns(frame, [...exactVars, ...mahVars])
      : null;
  if (userScore && extra)
    for (let i = 0; i < frame.nRows; i++)
      if (!Number.isFinite(userScore[i]!)) extra[i] = Number.NaN;
  checkTreatmentColumn(frame, options.formula);
  // Distance per design row. The propensity model's own design is reused for balance and
  // distances, so the formula is expanded once (it is the costliest step on national data).
  let design: Design;
  let distance: Float64Array | undefined;
  let propensityModel: MatchResult["propensityModel"] = null;
  // Exact matching needs no distance (MatchIt does not estimate one unless asked).
  const wantScore = !(method === "exact" && options.distance === undefined);
  if (wantScore && (kind === "logit" || kind === "probit")) {
    const fit = glm(frame, options.formula, {
      family: "binomial",
      link: kind,
      weights: extra && hasMissing(extra) ? extra : undefined,
      na: "omit",
    });
    design = fitInternals(fit).design;
    // The fit is not returned: its arrays can be used as they are.
    distance = options.link === "linear" ? fit.linearPredictor : fit.fitted;
    propensityModel = fit.coefficients.map((c) => ({
      term: c.term,
      estimate: c.estimate,
      se: c.se,
    }));
    for (const w of fit.warnings) warnings.push(`propensity model: ${w}`);
  } else {
    design = designMatrix(frame, options.formula, {
      na: "omit",
      alsoRequire: extra ? { "exact/mahvars/score": extra } : undefined,
    });
  }
  if (na === "fail" && design.nDropped > 0) {
    const counts = Object.entries(design.missingByVariable)
      .filter(([, k]) => k > 0)
      .map(([v, k]) => `${v}: ${k}`)
      .join(", ");
    throw new ParcoursError(
      "MATCH_MISSING_VALUES",
      `${design.nDropped} rows have missing values in the variables used (${counts})`,
      { hint: 'fill them, or drop those rows and count them with na: "drop" (CLI: --na drop)' },
    );
  }
  const rows = design.rowsUsed;
  const n = rows.length;
  const label = design.responseLabel ?? "treat";
  const treat = treatmentOf(design, label);
  if (userScore) {
    distance = Float64Array.from(rows, (r) => userScore[r]!);
  }

  const distanceOrder = distance ? stableOrder(distance) : undefined;
  const discarded = distance
    ? discardUnits(treat, distance, options.discard ?? "none")
    : new Uint8Array(n);
  let caliper: number | null = null;
  if (options.caliper !== undefined && distance) {
    caliper =
      options.stdCaliper === false
        ? options.caliper
        : options.caliper * sdRetained(distance, discarded);
  }
  const strata = exactVars.length
    ? jointCodes(
        exactVars.map((v) => {
          const col = frame.column(v);
          return Float64Array.from(rows, (r) =>
            col.kind === "categorical" ? col.codes[r]! : frame.numeric(v)[r]!,
          );
        }),
        n,
      )
    : undefined;

  let subclass: Int32Array;
  let weightsRaw: Float64Array;
  let mm: MatchMatrix | undefined;
  if (method === "exact") {
    const covs = denseCovariates(design);
    const colsOf = [...Array(covs.p).keys()].map((j) =>
      Float64Array.from({ length: n }, (_, i) => covs.x[i * covs.p + j]!),
    );
    const joint = jointCodes(colsOf, n);
    subclass = exactSubclasses(treat, joint.codes, joint.count);
    weightsRaw = weightsFromSubclass(subclass, treat);
  } else if (method === "subclass") {
    if (!distance)
      throw new ParcoursError("MATCH_BAD_OPTION", "subclassification needs a propensity score");
    const k = options.subclasses ?? 6;
    const s = subclassify(treat, distance, discarded, k);
    if (s.produced < k) {
      warnings.push(`the score is too discrete: ${s.produced} subclasses instead of ${k}`);
    }
    subclass = s.subclass;
    weightsRaw = weightsFromSubclass(subclass, treat);
  } else {
    mm = runNearest();
    subclass = replace ? new Int32Array(n) : subclassFromMatches(mm, n);
    weightsRaw = replace ? weightsFromMatches(mm, n) : weightsFromSubclass(subclass, treat);
  }
  const weights = normalizeWeights(weightsRaw, treat);

  /**
   * MatchIt's random order: `sample()` over the treated units still eligible (not discarded, and
   * not in an exact stratum without controls), with R's generator after `set.seed(seed)`.
   */
  function rRandomOrder(): Int32Array {
    const seed = Number(options.seed ?? 1);
    if (!Number.isInteger(seed)) {
      throw new ParcoursError(
        "MATCH_BAD_OPTION",
        `rng "R" needs an integer seed; got ${options.seed}`,
        {
          hint: "use the integer given to set.seed() in R",
        },
      );
    }
    const hasControl = new Uint8Array(strata ? strata.count : 1);
    for (let i = 0; i < n; i++) if (treat[i] === 0) hasControl[strata ? strata.codes[i]! : 0] = 1;
    const rowsOk: number[] = [];
    for (let i = 0; i < n; i++) {
      if (treat[i] === 1 && !discarded[i] && hasControl[strata ? strata.codes[i]! : 0])
        rowsOk.push(i);
    }
    return Int32Array.from(rSamplePermutation(rowsOk.length, seed), (k) => rowsOk[k]!);
  }

  function runNearest(): MatchMatrix {
    const eligible = complement(discarded);
    const useMahalanobis = kind === "mahalanobis" || mahVars.length > 0;
    const orderRule =
      replace || (kind === "mahalanobis" && !options.mOrder)
        ? "data"
        : (options.mOrder ?? "largest");
    let order = treatedOrder(treat, distance, orderRule, options.seed ?? 1);
    if (orderRule === "random" && options.rng === "R") order = rRandomOrder();
    if (options.treatedOrder) {
      const all = treatedOrder(treat, undefined, "data", 1);
      order = Int32Array.from(options.treatedOrder, (i) => {
        if (!(i >= 0 && i < all.length)) {
          throw new ParcoursError(
            "MATCH_BAD_OPTION",
            `treatedOrder has ${i}, not an index among the ${all.length} treated units`,
          );
        }
        return all[i]!;
      });
    }
    const nControl = n - countOnes(treat);
    if (!replace && ratio > nControl) {
      throw new ParcoursError(
        "MATCH_RATIO_TOO_LARGE",
        `ratio ${ratio} is larger than the ${nControl} controls available`,
        {
          value: ratio,
          hint: "lower the ratio, or match with replacement",
        },
      );
    }
    if (!useMahalanobis) {
      return nearestOnDistance({
        treat,
        distance: distance!,
        eligible,
        strata: strata?.codes,
        ratio,
        replace,
        caliper: caliper ?? Number.POSITIVE_INFINITY,
        order,
        sorted: distanceOrder,
      });
    }
    const mahDesign = mahVars.length
      ? designMatrix(frame, `${label} ~ ${mahVars.join(" + ")}`, {
          na: "omit",
          alsoRequire: { rows: keepRows(frame, rows) },
        })
      : design;
    const covs = denseCovariates(mahDesign);
    const space = mahalanobisSpace(covs.x, n, covs.p, treat, discarded);
    const treatedRows = treatedOrder(treat, undefined, "data", 1);
    const treatedIndex = new Int32Array(n).fill(-1);
    treatedRows.forEach((u, i) => {
      treatedIndex[u] = i;
    });
    const out = emptyMatchMatrix(treatedRows, ratio);
    const groups: Int32Array[] = [];
    if (strata) {
      const members: number[][] = Array.from({ length: strata.count }, () => []);
      for (let i = 0; i < n; i++) members[strata.codes[i]!]!.push(i);
      for (const m of members) groups.push(Int32Array.from(m));
    } else groups.push(Int32Array.from({ length: n }, (_, i) => i));
    for (const units of groups) {
      const inGroup = new Uint8Array(n);
      for (const u of units) inGroup[u] = 1;
      nearestOnCovariates(
        {
          treat,
          z: space.z,
          q: space.q,
          eligible,
          units,
          ratio,
          replace,
          caliperDistance: caliper !== null ? distance : undefined,
          caliper: caliper ?? Number.POSITIVE_INFINITY,
          order: order.filter((t) => inGroup[t] === 1),
        },
        out,
        treatedIndex,
      );
    }
    return out;
  }

  const result = assemble();
  return result;

  function assemble(): MatchResult {
    const N = frame.nRows;
    const perRow = (src: ArrayLike<number>, fillValue: number) =>
      toInputRows(rows, N, src, fillValue);
    const { subclassRows, treatRows, discardedRows } = flagsToInputRows(
      rows,
      N,
      subclass,
      treat,
      discarded,
    );
    const matchedSets: MatchedSet[] = mm ? matchedSetsOf(mm, rows) : [];
    const settings = {
      sdDenominator: options.balance?.sdDenominator ?? "treated",
      binary: options.balance?.binary ?? "std",
      threshold: options.balance?.threshold ?? 0.1,
    } as const;
    const balance = designBalance(design, distance, treat, weights, settings, distanceOrder);
    const sizes = sampleSizes(treat, weights, discarded);
    if (sizes.matched.treated === 0) {
      warnings.push(
        caliper !== null
          ? `no treated unit has a control within the caliper (${caliper.toPrecision(4)}): nothing was matched`
          : "no treated unit could be matched",
      );
    } else if (mm) {
      // MatchIt's warnings, as counts: treated units left without (enough) controls.
      const { none, fewer } = shortMatches(mm, discarded, ratio);
      const why =
        caliper !== null
          ? "no control within the caliper"
          : "not enough controls (in their exact stratum)";
      if (none > 0) warnings.push(`${none} treated units got no match: ${why}`);
      if (fewer > 0)
        warnings.push(`${fewer} treated units got fewer than ${ratio} matches: ${why}`);
    }
    const nTreated = sizes.all.treated;
    return {
      method,
      estimand: "ATT",
      distanceKind: kind,
      options,
      nRows: N,
      nDroppedMissing: design.nDropped,
      missingByVariable: { ...design.missingByVariable },
      nTreated,
      nControl: sizes.all.control,
      matchedTreated: sizes.matched.treated,
      matchedControl: sizes.matched.control,
      caliper,
      distance: distance ? perRow(distance, Number.NaN) : new Float64Array(N).fill(Number.NaN),
      weights: perRow(weights, 0),
      subclass: subclassRows,
      discarded: discardedRows,
      treat: treatRows,
      rowsUsed: rows,
      matchedSets,
      balance,
      sampleSizes: sizes,
      propensityModel,
      warnings,
    };
  }
}
