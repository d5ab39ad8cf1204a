import { ParcoursError } from "../errors.js";
import { type Formula, parseFormula } from "../formula/parse.js";
import { expandTerms } from "../formula/terms.js";
import type { Frame } from "../frame.js";
import { Design, type DesignSpec } from "./design.js";
import type { SlotSource } from "./slots.js";
import { evaluateVariable, numbersAsFactor, type Variable } from "./variables.js";

/** Options of {@link designMatrix}. */
export interface DesignOptions {
  /** Rows with a missing value in a used variable: dropped and counted (default) or an error. */
  na?: "omit" | "fail";
  /**
   * Extra per-input-row vectors whose NaN entries also drop the row (e.g. prior weights), keyed
   * by the name used in counts and messages.
   */
  alsoRequire?: Readonly<Record<string, ArrayLike<number>>>;
}

function isMissingAt(v: Variable, i: number): boolean {
  return v.kind === "numeric" ? Number.isNaN(v.values[i]!) : v.codes[i]! < 0;
}

/**
 * Keeps the levels of a factor that occur in the used rows (lm and glm call model.frame with
 * `drop.unused.levels = TRUE`), returning the recoded codes per used row.
 */
function dropUnusedLevels(v: Extract<Variable, { kind: "factor" }>, rows: Int32Array) {
  const present = new Uint8Array(v.levels.length);
  for (let k = 0; k < rows.length; k++) present[v.codes[rows[k]!]!] = 1;
  const remap = new Int32Array(v.levels.length).fill(-1);
  const levels: string[] = [];
  for (let l = 0; l < v.levels.length; l++) {
    if (present[l]) {
      remap[l] = levels.length;
      levels.push(v.levels[l]!);
    }
  }
  // Nothing dropped and every level used: the column's own codes serve as they are.
  if (rows.length === v.codes.length && levels.length === v.levels.length) {
    return { levels, codes: v.codes };
  }
  const codes = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) codes[k] = remap[v.codes[rows[k]!]!]!;
  return { levels, codes };
}

/** Codes per used row against a fixed level set (prediction): new levels are an error. */
function codesAgainst(
  v: Extract<Variable, { kind: "factor" }>,
  rows: Int32Array,
  levels: readonly string[],
): Int32Array {
  const index = new Map(levels.map((l, i) => [l, i]));
  const remap = v.levels.map((l) => index.get(l) ?? -1);
  const codes = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const c = remap[v.codes[rows[k]!]!]!;
    if (c < 0) {
      throw new ParcoursError(
        "DESIGN_NEW_LEVEL",
        `"${v.label}" has the level "${v.levels[v.codes[rows[k]!]!]}", unseen when the model was fitted`,
        { column: v.label, hint: `known levels: ${levels.join(", ")}` },
      );
    }
    codes[k] = c;
  }
  return codes;
}

interface Evaluated {
  vars: Variable[];
  rowsUsed: Int32Array;
  nDropped: number;
  missingByVariable: Record<string, number>;
}

/** Flags rows whose factor code is missing (< 0); the count and first such row. */
function markMissingCodes(codes: Int32Array, missing: Uint8Array) {
  let count = 0;
  let first = -1;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i]! < 0) {
      count++;
      missing[i] = 1;
      if (first < 0) first = i;
    }
  }
  return { count, first };
}

/** Flags rows whose number is missing (NaN); the count and first such row. */
function markMissingNumbers(values: Float64Array, missing: Uint8Array) {
  let count = 0;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!)) {
      count++;
      missing[i] = 1;
      if (first < 0) first = i;
    }
  }
  return { count, first };
}

function evaluateAll(
  frame: Frame,
  formula: Formula,
  labels: readonly string[],
  variables: Formula["rhs"][],
  options: DesignOptions,
): Evaluated {
  if (frame.nRows === 0) {
    throw new ParcoursError("FRAME_EMPTY", "the data has no rows", {
      hint: "check the file or the filter that produced the data",
    });
  }
  const vars = variables.map((e) => evaluateVariable(frame, e, formula.text));
  const n = frame.nRows;
  const missing = new Uint8Array(n);
  const missingByVariable: Record<string, number> = {};
  const check = (name: string, values: Float64Array | Int32Array) => {
    const { count, first } =
      values instanceof Int32Array
        ? markMissingCodes(values, missing)
        : markMissingNumbers(values, missing);
    if (count === n) {
      throw new ParcoursError("DESIGN_ALL_MISSING", `"${name}" is missing in every row (${n})`, {
        column: name,
        hint: "check the column's values (empty fields and NA are missing)",
      });
    }
    if (count > 0 && options.na === "fail") {
      throw new ParcoursError(
        "DESIGN_MISSING_VALUES",
        `"${name}" is missing in ${count} row(s), first at row ${first + 1}`,
        { column: name, value: first, hint: 'use na: "omit" to drop (and count) those rows' },
      );
    }
    if (count > 0) missingByVariable[name] = count;
  };
  vars.forEach((v, j) => {
    if (v.kind === "numeric") check(labels[j]!, v.values);
    else check(labels[j]!, v.codes);
  });
  for (const [name, values] of Object.entries(options.alsoRequire ?? {})) {
    check(name, values instanceof Float64Array ? values : Float64Array.from(values));
  }
  let kept = 0;
  for (let i = 0; i < n; i++) if (!missing[i]) kept++;
  if (kept === 0) {
    throw new ParcoursError(
      "DESIGN_NO_COMPLETE_ROWS",
      `no row has every variable of the formula present (${n} rows, all with a missing value)`,
      {
        value: formula.text,
        hint: `missing per variable: ${Object.entries(missingByVariable)
          .map(([k, c]) => `${k}: ${c}`)
          .join(", ")}`,
      },
    );
  }
  const rowsUsed = new Int32Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (!missing[i]) rowsUsed[k++] = i;
  return { vars, rowsUsed, nDropped: n - kept, missingByVariable };
}

/** `x` at the rows used: the column itself when every row is used (no copy). */
function valuesAt(x: Float64Array, rowsUsed: Int32Array): Float64Array {
  if (rowsUsed.length === x.length) return x;
  const out = new Float64Array(rowsUsed.length);
  for (let i = 0; i < rowsUsed.length; i++) out[i] = x[rowsUsed[i]!]!;
  return out;
}

/**
 * Assembles the sparse design from evaluated variables, per-variable used-row factor codes and
 * the term coding, naming columns as R's model.matrix does.
 */
function assemble(
  spec: Omit<DesignSpec, "names" | "offsets">,
  vars: readonly Variable[],
  factorCodes: readonly (Int32Array | null)[],
  rowsUsed: Int32Array,
) {
  const { terms } = spec;
  const n = rowsUsed.length;
  const K = terms.terms.length + (terms.intercept ? 1 : 0);
  const slots: SlotSource[] = [];
  const names: string[] = [];
  const assign: number[] = [];
  const offsets: number[] = [];
  if (terms.intercept) {
    names.push("(Intercept)");
    assign.push(0);
    slots.push({ kind: "ones" });
  }
  terms.terms.forEach((term, t) => {
    const coding = spec.coding[t]!;
    const offset = names.length;
    offsets.push(offset);
    // Width of each variable's columns; the first variable varies fastest, as in R.
    const widths = term.vars.map((v, j) => {
      const lv = spec.levels[v];
      if (lv === null || lv === undefined) return 1;
      return coding[j] === 1 ? lv.length - 1 : lv.length;
    });
    const width = widths.reduce((a, b) => a * b, 1);
    for (let c = 0; c < width; c++) {
      let rest = c;
      const parts = term.vars.map((v, j) => {
        const lv = spec.levels[v];
        const label = terms.labels[v]!;
        if (lv === null || lv === undefined) return label;
        const idx = rest % widths[j]!;
        rest = Math.floor(rest / widths[j]!);
        return label + lv[coding[j] === 1 ? idx + 1 : idx]!;
      });
      names.push(parts.join(":"));
      assign.push(t + 1);
    }
    if (term.vars.length === 1) {
      // Main effects (the common case) without the general product loop.
      const v = term.vars[0]!;
      const codes = factorCodes[v];
      if (codes === null || codes === undefined) {
        const x = (vars[v] as Extract<Variable, { kind: "numeric" }>).values;
        slots.push({ kind: "numeric", col: offset, values: valuesAt(x, rowsUsed) });
      } else slots.push({ kind: "factor", offset, codes, shift: coding[0] === 1 ? 1 : 0 });
      return;
    }
    const cols = new Int32Array(n);
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = rowsUsed[i]!;
      let col = 0;
      let stride = 1;
      let val = 1;
      let zero = false;
      for (let j = 0; j < term.vars.length; j++) {
        const v = term.vars[j]!;
        const codes = factorCodes[v];
        if (codes === null || codes === undefined) {
          val *= (vars[v] as Extract<Variable, { kind: "numeric" }>).values[r]!;
        } else {
          const code = codes[i]!;
          if (coding[j] === 1) {
            if (code === 0) zero = true;
            else col += (code - 1) * stride;
          } else col += code * stride;
        }
        stride *= widths[j]!;
      }
      cols[i] = zero ? -1 : offset + col;
      vals[i] = zero ? 0 : val;
    }
    slots.push({ kind: "explicit", cols, vals });
  });
  return { K, slots, names, assign: Int32Array.from(assign), offsets };
}

/**
 * Builds the model matrix of an R formula on a frame, with R's semantics: intercept, treatment
 * contrasts (first level is the reference), column names and order equal to `model.matrix`,
 * rows with a missing value in any used variable omitted and counted, unused factor levels
 * dropped (as `lm`/`glm` do). The result is sparse; call `toDense()` for a dense copy.
 * @throws ParcoursError FORMULA_SYNTAX, FORMULA_UNKNOWN_COLUMN, FRAME_EMPTY, DESIGN_ALL_MISSING,
 *   DESIGN_NO_COMPLETE_ROWS, DESIGN_MISSING_VALUES (with `na: "fail"`), DESIGN_SINGLE_LEVEL.
 */
export function designMatrix(
  frame: Frame,
  formula: Formula | string,
  options: DesignOptions = {},
): Design {
  const f = typeof formula === "string" ? parseFormula(formula) : formula;
  const terms = expandTerms(f, frame.names);
  if (terms.terms.length === 0 && !terms.intercept) {
    throw new ParcoursError("FORMULA_EMPTY_MODEL", "the formula has no terms and no intercept", {
      value: f.text,
      hint: 'add terms or keep the intercept, e.g. "y ~ 1"',
    });
  }
  const ev = evaluateAll(frame, f, terms.labels, [...terms.variables], options);
  const levels: (readonly string[] | null)[] = [];
  const factorCodes: (Int32Array | null)[] = [];
  ev.vars.forEach((v) => {
    if (v.kind === "factor") {
      const d = dropUnusedLevels(v, ev.rowsUsed);
      levels.push(d.levels);
      factorCodes.push(d.codes);
    } else {
      levels.push(null);
      factorCodes.push(null);
    }
  });
  const coding = terms.terms.map((t) => [...t.coding]);
  if (!terms.intercept) {
    // R's model.matrix: without an intercept, the first factor of the first term holding a
    // factor gets one column per level.
    outer: for (let t = 0; t < terms.terms.length; t++) {
      const vars = terms.terms[t]!.vars;
      for (let j = 0; j < vars.length; j++) {
        if (levels[vars[j]!] !== null && vars[j] !== terms.response) {
          coding[t]![j] = 2;
          break outer;
        }
      }
    }
  }
  terms.terms.forEach((t, ti) => {
    t.vars.forEach((v, j) => {
      const lv = levels[v];
      if (lv !== null && lv !== undefined && lv.length < 2 && coding[ti]![j] === 1) {
        throw new ParcoursError(
          "DESIGN_SINGLE_LEVEL",
          `"${terms.labels[v]}" has a single level ("${lv[0]}") in the rows used, so it has no contrast`,
          { column: terms.labels[v], hint: "remove it from the formula or check the filter" },
        );
      }
    });
  });
  const base = { formula: f, terms, levels, coding };
  const built = assemble(base, ev.vars, factorCodes, ev.rowsUsed);
  const spec: DesignSpec = { ...base, names: built.names, offsets: built.offsets };

  let response: Float64Array | undefined;
  let responseLevels: readonly string[] | undefined;
  if (terms.response >= 0) {
    const rv = ev.vars[terms.response]!;
    response = new Float64Array(ev.rowsUsed.length);
    if (rv.kind === "numeric") {
      for (let i = 0; i < response.length; i++) response[i] = rv.values[ev.rowsUsed[i]!]!;
    } else {
      const codes = factorCodes[terms.response]!;
      const lv = levels[terms.response]!;
      if (lv.every((l) => l.trim() !== "" && !Number.isNaN(Number(l)))) {
        for (let i = 0; i < response.length; i++) response[i] = Number(lv[codes[i]!]);
      } else {
        // R's binomial: a factor response is "first level = failure, others = success".
        for (let i = 0; i < response.length; i++) response[i] = codes[i]! > 0 ? 1 : 0;
        responseLevels = lv;
      }
    }
  }
  return new Design({
    spec,
    K: built.K,
    slots: built.slots,
    rowsUsed: ev.rowsUsed,
    nDropped: ev.nDropped,
    missingByVariable: ev.missingByVariable,
    response,
    responseLevels,
    assign: built.assign,
  });
}

/**
 * Rebuilds the columns of a fitted design on new data (same levels, same coding): used by
 * `predict`. Rows with a missing value are left out (see `rowsUsed`); the response is not needed.
 * @throws ParcoursError DESIGN_NEW_LEVEL when a factor has a level unseen at fit time.
 */
export function designFromSpec(spec: DesignSpec, frame: Frame): Design {
  const { terms } = spec;
  const used = new Set(terms.terms.flatMap((t) => t.vars));
  const n = frame.nRows;
  const vars: (Variable | null)[] = terms.variables.map((e, v) =>
    used.has(v) ? evaluateVariable(frame, e, spec.formula.text) : null,
  );
  const missing = new Uint8Array(n);
  for (const v of vars) {
    if (v === null) continue;
    for (let i = 0; i < n; i++) if (isMissingAt(v, i)) missing[i] = 1;
  }
  let kept = 0;
  for (let i = 0; i < n; i++) if (!missing[i]) kept++;
  const rowsUsed = new Int32Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (!missing[i]) rowsUsed[k++] = i;
  const factorCodes = vars.map((v, j) => {
    const levels = spec.levels[j];
    if (v === null || levels === null || levels === undefined) {
      if (v !== null && v.kind === "factor") {
        throw new ParcoursError(
          "DESIGN_TYPE_CHANGED",
          `"${v.label}" was numeric when the model was fitted and is categorical here`,
          { column: v.label, hint: "give the new data the same column types as the fitted data" },
        );
      }
      return null;
    }
    // A numeric column standing for a factor is matched by R's text of each number.
    const asFactor = v.kind === "factor" ? v : numbersAsFactor(v);
    return codesAgainst(asFactor, rowsUsed, levels);
  });
  const numericVars = vars.map(
    (v) => v ?? ({ kind: "numeric", label: "", values: new Float64Array(0) } as Variable),
  );
  const built = assemble(spec, numericVars, factorCodes, rowsUsed);
  return new Design({
    spec,
    K: built.K,
    slots: built.slots,
    rowsUsed,
    nDropped: n - kept,
    missingByVariable: {},
    assign: built.assign,
  });
}
