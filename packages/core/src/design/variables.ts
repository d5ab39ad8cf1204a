import { closeMatches, ParcoursError } from "../errors.js";
import { deparse, type Expr } from "../formula/ast.js";
import { rNumberText } from "../formula/parse.js";
import type { Frame } from "../frame.js";

/** A formula variable evaluated on a frame: numbers (NaN missing) or a factor (-1 missing). */
export type Variable =
  | { readonly kind: "numeric"; readonly label: string; readonly values: Float64Array }
  | {
      readonly kind: "factor";
      readonly label: string;
      readonly codes: Int32Array;
      readonly levels: readonly string[];
    };

const MATH: Readonly<Record<string, (x: number) => number>> = {
  log: Math.log,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
};

function columnOf(frame: Frame, name: string, formulaText: string) {
  if (!frame.has(name)) {
    const near = closeMatches(name, frame.names);
    throw new ParcoursError(
      "FORMULA_UNKNOWN_COLUMN",
      `the formula uses "${name}", which is not a column of the data`,
      {
        column: name,
        value: formulaText,
        hint: near.length
          ? `did you mean ${near.map((c) => `"${c}"`).join(" or ")}?`
          : `available columns: ${frame.names.join(", ")}`,
      },
    );
  }
  return frame.column(name);
}

/** Elementwise arithmetic of `I(...)` and math functions: numeric only. */
function evalNumeric(frame: Frame, e: Expr, formulaText: string): Float64Array {
  const n = frame.nRows;
  switch (e.type) {
    case "number":
      return new Float64Array(n).fill(e.value);
    case "name": {
      const col = columnOf(frame, e.name, formulaText);
      if (col.kind === "categorical") {
        throw new ParcoursError(
          "FORMULA_NOT_NUMERIC",
          `"${e.name}" is categorical and cannot be used in arithmetic`,
          { column: e.name, value: formulaText, hint: "use it as a term on its own, or recode it" },
        );
      }
      return col.kind === "numeric" ? col.values : col.days;
    }
    case "paren":
      return evalNumeric(frame, e.inner, formulaText);
    case "unary": {
      const a = evalNumeric(frame, e.arg, formulaText);
      return e.op === "-" ? a.map((v) => -v) : a;
    }
    case "call": {
      if (e.fn === "I" && e.args.length === 1) return evalNumeric(frame, e.args[0]!, formulaText);
      const f = MATH[e.fn];
      if (f !== undefined && e.args.length === 1) {
        return evalNumeric(frame, e.args[0]!, formulaText).map(f);
      }
      throw unsupportedCall(e, formulaText);
    }
    case "binary": {
      const a = evalNumeric(frame, e.left, formulaText);
      const b = evalNumeric(frame, e.right, formulaText);
      const out = new Float64Array(n);
      switch (e.op) {
        case "+":
          for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
          return out;
        case "-":
          for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
          return out;
        case "*":
          for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
          return out;
        case "/":
          for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!;
          return out;
        case "^":
          for (let i = 0; i < n; i++) out[i] = a[i]! ** b[i]!;
          return out;
        case "%%":
          // R's %% takes the sign of the divisor.
          for (let i = 0; i < n; i++) out[i] = a[i]! - Math.floor(a[i]! / b[i]!) * b[i]!;
          return out;
        default:
          break;
      }
      throw new ParcoursError(
        "FORMULA_UNSUPPORTED",
        `the operator "${e.op}" is not supported in ${deparse(e)}`,
        { value: formulaText, hint: "I(...) supports + - * / ^ %% and log, exp, sqrt, abs" },
      );
    }
    case "dot":
      throw new ParcoursError("FORMULA_SYNTAX", "formula syntax error: '.' inside an expression", {
        value: formulaText,
      });
  }
}

function unsupportedCall(e: Extract<Expr, { type: "call" }>, formulaText: string) {
  return new ParcoursError(
    "FORMULA_UNSUPPORTED",
    `the function ${e.fn}() with ${e.args.length} argument(s) is not supported in formulas`,
    { value: formulaText, hint: "supported: factor(x), I(expr), log(x), exp(x), sqrt(x), abs(x)" },
  );
}

/** A numeric variable as a factor (levels sorted numerically, labelled as R's `as.character`). */
export function numbersAsFactor(
  v: Extract<Variable, { kind: "numeric" }>,
): Extract<Variable, { kind: "factor" }> {
  return factorFromNumbers(v.label, v.values);
}

/** A factor from numbers, levels sorted numerically and labelled as R's `as.character`. */
function factorFromNumbers(
  label: string,
  values: Float64Array,
): Extract<Variable, { kind: "factor" }> {
  const distinct = [...new Set(Array.from(values).filter((v) => !Number.isNaN(v)))].sort(
    (a, b) => a - b,
  );
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    codes[i] = Number.isNaN(v) ? -1 : index.get(v)!;
  }
  return { kind: "factor", label, codes, levels: distinct.map(rNumberText) };
}

/**
 * Evaluates one formula variable: a column name, `factor(x)`, `I(expr)` or a math function.
 * Categorical columns become factors; numeric and date columns numbers.
 */
export function evaluateVariable(frame: Frame, e: Expr, formulaText: string): Variable {
  const label = deparse(e);
  if (e.type === "name") {
    const col = columnOf(frame, e.name, formulaText);
    if (col.kind === "categorical") {
      return { kind: "factor", label, codes: col.codes, levels: col.levels };
    }
    return { kind: "numeric", label, values: col.kind === "numeric" ? col.values : col.days };
  }
  if (e.type === "call" && e.fn === "factor") {
    if (e.args.length !== 1) throw unsupportedCall(e, formulaText);
    const inner = e.args[0]!;
    if (inner.type === "name") {
      const col = columnOf(frame, inner.name, formulaText);
      if (col.kind === "categorical") {
        return { kind: "factor", label, codes: col.codes, levels: col.levels };
      }
    }
    return factorFromNumbers(label, evalNumeric(frame, inner, formulaText));
  }
  if (e.type === "call" && (e.fn === "I" || MATH[e.fn] !== undefined)) {
    return { kind: "numeric", label, values: evalNumeric(frame, e, formulaText) };
  }
  if (e.type === "call") throw unsupportedCall(e, formulaText);
  throw new ParcoursError(
    "FORMULA_UNSUPPORTED",
    `"${label}" cannot be a model variable; wrap arithmetic in I(...)`,
    { value: formulaText, hint: `write I(${label})` },
  );
}
