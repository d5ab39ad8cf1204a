import { type Frame, ParcoursError } from "@parcours-eval/core";

/**
 * Variable types of the Gower coefficient, named as in `cluster::daisy(type = …)`:
 * `numeric` (interval, "I"), `nominal` (factor, "N"), `ordered` ("O"), `asymm` ("A"),
 * `symm` ("S"), `logratio` (log10 then interval) and `ordratio` (ordered codes, "T").
 */
export type GowerType =
  | "numeric"
  | "nominal"
  | "ordered"
  | "asymm"
  | "symm"
  | "logratio"
  | "ordratio";

/** The allowed {@link GowerType} names, for option validation and help texts. */
export const GOWER_TYPES: readonly GowerType[] = [
  "numeric",
  "nominal",
  "ordered",
  "asymm",
  "symm",
  "logratio",
  "ordratio",
];

/** Options of {@link prepareGower}. */
export interface GowerOptions {
  /**
   * Type of each variable (by name, or in the order of `vars`). Default: `numeric` for numeric
   * and date columns, `nominal` for categorical columns (daisy's defaults).
   */
  types?: Readonly<Record<string, GowerType>> | readonly GowerType[];
  /** Weight of each variable (by name, or in the order of `vars`); default 1 (daisy `weights`). */
  weights?: Readonly<Record<string, number>> | readonly number[];
  /**
   * What to do with a variable that takes a single value: `"error"` (default: it cannot
   * separate anyone, and in daisy it silently dilutes every distance) or `"keep"` (daisy's
   * behaviour: it contributes 0 but still counts in the denominator).
   */
  constant?: "error" | "keep";
}

/** One prepared variable: either scaled to [0, 1] or integer codes. */
export interface GowerVariable {
  /** Column name. */
  readonly name: string;
  /** Gower type. */
  readonly type: GowerType;
  /** Variable weight w_k. */
  readonly weight: number;
  /** `interval`: |a - b| of scaled values; `match`: 0/1 mismatch of codes; `asymm`: as match, skipped when both are 0. */
  readonly kind: "interval" | "match" | "asymm";
  /** Interval kinds: (x - min) / range, NaN when missing. */
  readonly scaled: Float64Array | undefined;
  /** Match kinds: codes (asymm: 0 = absent, 1 = present), -1 when missing. */
  readonly codes: Int32Array | undefined;
  /** Interval kinds: the range used for scaling (0 for a kept constant variable). */
  readonly range: number;
  /** Number of missing values. */
  readonly nMissing: number;
}

/**
 * Mixed data prepared for Gower distances (Gower 1971, as generalised by `cluster::daisy`):
 * d(i,j) = Σ_k w_k δ_ijk d_ijk / Σ_k w_k δ_ijk, δ = 0 when either value is missing or an
 * asymmetric binary pair is (0, 0). Ranges are those of the whole data, so a distance never
 * depends on which subset is being clustered.
 */
export interface GowerModel {
  /** Number of rows. */
  readonly n: number;
  /** The prepared variables, in order. */
  readonly variables: readonly GowerVariable[];
  /** True when some pair may have a denominator other than Σ w (missing or asymm values). */
  readonly variableDenominator: boolean;
  /** Σ_k w_k. */
  readonly totalWeight: number;
}

function typeOf(name: string, k: number, options: GowerOptions, frame: Frame): GowerType {
  const t = options.types;
  let given: GowerType | undefined;
  if (Array.isArray(t)) given = (t as readonly GowerType[])[k];
  else if (t !== undefined) given = (t as Record<string, GowerType>)[name];
  if (given !== undefined) {
    if (!GOWER_TYPES.includes(given)) {
      throw new ParcoursError("GOWER_BAD_TYPE", `unknown Gower type "${given}" for "${name}"`, {
        column: name,
        hint: `allowed types: ${GOWER_TYPES.join(", ")}`,
      });
    }
    return given;
  }
  return frame.column(name).kind === "categorical" ? "nominal" : "numeric";
}

function weightOf(name: string, k: number, options: GowerOptions): number {
  const w = options.weights;
  let given: number | undefined;
  if (Array.isArray(w)) given = (w as readonly number[])[k];
  else if (w !== undefined) given = (w as Record<string, number>)[name];
  const value = given ?? 1;
  if (!Number.isFinite(value) || value < 0) {
    throw new ParcoursError("GOWER_BAD_WEIGHT", `weight of "${name}" must be a finite number ≥ 0`, {
      column: name,
      value,
      hint: "weights multiply each variable's contribution, as daisy(weights = …)",
    });
  }
  return value;
}

/** Integer codes of a column: categorical codes, or the sorted distinct numeric values' ranks. */
function codesOf(frame: Frame, name: string): { codes: Int32Array; nLevels: number } {
  const col = frame.column(name);
  if (col.kind === "categorical") return { codes: col.codes, nLevels: col.levels.length };
  const values = frame.numeric(name);
  const distinct = [...new Set(Array.from(values).filter((v) => !Number.isNaN(v)))].sort(
    (a, b) => a - b,
  );
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    codes[i] = Number.isNaN(v) ? -1 : index.get(v)!;
  }
  return { codes, nLevels: distinct.length };
}

function scaleInterval(
  name: string,
  type: GowerType,
  raw: Float64Array,
  constant: "error" | "keep",
): { scaled: Float64Array; range: number; nMissing: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let nMissing = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    if (Number.isNaN(v)) nMissing++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const range = max - min;
  const scaled = new Float64Array(raw.length);
  if (nMissing < raw.length && range === 0 && constant === "error") {
    throw constantError(name);
  }
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    // A kept constant variable contributes 0, as in daisy.
    scaled[i] = Number.isNaN(v) ? Number.NaN : range > 0 ? (v - min) / range : 0;
  }
  void type;
  return { scaled, range: Number.isFinite(range) ? range : 0, nMissing };
}

function constantError(name: string): ParcoursError {
  return new ParcoursError(
    "GOWER_CONSTANT_VARIABLE",
    `variable "${name}" takes a single value: it cannot separate any two rows`,
    {
      column: name,
      hint: 'drop it from the clustering variables (or pass constant: "keep" for daisy\'s behaviour, which counts it in every denominator)',
    },
  );
}

function prepareVariable(
  frame: Frame,
  name: string,
  type: GowerType,
  weight: number,
  constant: "error" | "keep",
): GowerVariable {
  const col = frame.column(name);
  switch (type) {
    case "numeric":
    case "logratio": {
      if (col.kind === "categorical") {
        throw new ParcoursError(
          "GOWER_TYPE_MISMATCH",
          `variable "${name}" is categorical but was given type "${type}"`,
          { column: name, hint: 'use "nominal" or "ordered" for categorical columns' },
        );
      }
      let raw = frame.numeric(name);
      if (type === "logratio") {
        const logged = new Float64Array(raw.length);
        for (let i = 0; i < raw.length; i++) {
          const v = raw[i]!;
          if (v <= 0) {
            throw new ParcoursError(
              "GOWER_LOGRATIO_NONPOSITIVE",
              `variable "${name}" has a value ≤ 0 at row ${i + 1}, which "logratio" cannot take`,
              { column: name, value: v, hint: "logratio variables must be strictly positive" },
            );
          }
          logged[i] = Math.log10(v);
        }
        raw = logged;
      }
      const s = scaleInterval(name, type, raw, constant);
      return { name, type, weight, kind: "interval", codes: undefined, ...s };
    }
    case "ordered":
    case "ordratio": {
      // daisy uses the integer codes 1:K of the ordered factor ("standard scoring"), then
      // range-scales them over the codes present; numeric columns become ranks of distinct values.
      const { codes } = codesOf(frame, name);
      const raw = new Float64Array(codes.length);
      for (let i = 0; i < codes.length; i++) raw[i] = codes[i]! < 0 ? Number.NaN : codes[i]! + 1;
      const s = scaleInterval(name, type, raw, constant);
      return { name, type, weight, kind: "interval", codes: undefined, ...s };
    }
    case "nominal":
    case "symm":
    case "asymm": {
      let codes: Int32Array;
      let nLevels: number;
      if (type === "asymm" && col.kind !== "categorical") {
        // Numeric asymmetric binaries must be 0/1 (as daisy requires); 0 means "absent".
        const values = frame.numeric(name);
        codes = new Int32Array(values.length);
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          if (Number.isNaN(v)) codes[i] = -1;
          else if (v === 0 || v === 1) codes[i] = v;
          else {
            throw new ParcoursError(
              "GOWER_NOT_BINARY",
              `asymmetric binary variable "${name}" has value ${v} at row ${i + 1}`,
              { column: name, value: v, hint: "asymm variables take the values 0, 1 or missing" },
            );
          }
        }
        nLevels = 2;
      } else {
        // Categorical asymm: the first level is "absent", as daisy does with factor codes.
        ({ codes, nLevels } = codesOf(frame, name));
      }
      let nMissing = 0;
      const seen = new Set<number>();
      for (let i = 0; i < codes.length; i++) {
        const c = codes[i]!;
        if (c < 0) nMissing++;
        else seen.add(c);
      }
      // Binary means at most two observed values (and, for asymm, "absent" is the first level).
      if (
        (type === "symm" || type === "asymm") &&
        (seen.size > 2 || (type === "asymm" && nLevels > 2))
      ) {
        throw new ParcoursError(
          "GOWER_NOT_BINARY",
          `variable "${name}" has ${seen.size} distinct values but was given type "${type}"`,
          { column: name, hint: 'binary types take two values; use "nominal" otherwise' },
        );
      }
      if (seen.size === 1 && constant === "error") throw constantError(name);
      return {
        name,
        type,
        weight,
        kind: type === "asymm" ? "asymm" : "match",
        scaled: undefined,
        codes,
        range: 0,
        nMissing,
      };
    }
  }
}

/**
 * Prepares `vars` of `frame` for Gower distances with `cluster::daisy(metric = "gower")`
 * semantics (range scaling of numeric variables, ordered factors as their integer codes,
 * asymmetric binaries, variable weights, missing values left out pair by pair).
 * Throws `GOWER_CONSTANT_VARIABLE`, `GOWER_ALL_MISSING_ROWS` (rows with no value at all),
 * `GOWER_NOT_BINARY`, `GOWER_BAD_TYPE`, `GOWER_BAD_WEIGHT`.
 */
export function prepareGower(
  frame: Frame,
  vars: readonly string[],
  options: GowerOptions = {},
): GowerModel {
  if (vars.length === 0) {
    throw new ParcoursError("GOWER_NO_VARIABLES", "no clustering variables were given", {
      hint: 'name at least one column, e.g. vars: ["age", "sex", "naf_div"]',
    });
  }
  const constant = options.constant ?? "error";
  const variables = vars.map((name, k) =>
    prepareVariable(
      frame,
      name,
      typeOf(name, k, options, frame),
      weightOf(name, k, options),
      constant,
    ),
  );
  const totalWeight = variables.reduce((s, v) => s + v.weight, 0);
  if (!(totalWeight > 0)) {
    throw new ParcoursError("GOWER_BAD_WEIGHT", "all variable weights are zero", {
      hint: "give at least one variable a positive weight",
    });
  }
  const n = frame.nRows;
  const allMissing: number[] = [];
  for (let i = 0; i < n; i++) {
    let any = false;
    for (const v of variables) {
      if (v.weight > 0 && (v.scaled ? !Number.isNaN(v.scaled[i]!) : v.codes![i]! >= 0)) {
        any = true;
        break;
      }
    }
    if (!any) allMissing.push(i + 1);
  }
  if (allMissing.length > 0) {
    throw new ParcoursError(
      "GOWER_ALL_MISSING_ROWS",
      `${allMissing.length} row(s) have no value in any clustering variable (row ${allMissing.slice(0, 5).join(", ")}${allMissing.length > 5 ? ", …" : ""})`,
      {
        hint: "remove these rows (or impute them) before clustering: they have no distance to anyone",
        line: allMissing[0],
      },
    );
  }
  const variableDenominator = variables.some((v) => v.nMissing > 0 || v.kind === "asymm");
  return { n, variables, variableDenominator, totalWeight };
}

/** Gower distance between rows `i` and `j`; NaN when they share no usable variable. */
export function gowerDistance(model: GowerModel, i: number, j: number): number {
  let num = 0;
  let den = 0;
  for (const v of model.variables) {
    if (v.kind === "interval") {
      const a = v.scaled![i]!;
      const b = v.scaled![j]!;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      num += v.weight * Math.abs(a - b);
      den += v.weight;
    } else {
      const a = v.codes![i]!;
      const b = v.codes![j]!;
      if (a < 0 || b < 0) continue;
      if (v.kind === "asymm" && a === 0 && b === 0) continue;
      if (a !== b) num += v.weight;
      den += v.weight;
    }
  }
  return den > 0 ? num / den : Number.NaN;
}
