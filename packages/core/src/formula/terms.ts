import { ParcoursError } from "../errors.js";
import { deparse, type Expr } from "./ast.js";
import type { Formula } from "./parse.js";

/** One term of a model: a product of variables, e.g. `race`, `age:educ`. */
export interface ModelTerm {
  /** R's term label, variables joined by `:` in formula order, e.g. `x:f`. */
  readonly label: string;
  /** Indices into {@link ModelTerms.variables}, ascending. */
  readonly vars: readonly number[];
  /**
   * Per variable of the term: 1 = coded by treatment contrasts, 2 = by one indicator per level.
   * R's rule (Chambers & Hastie 1992, Statistical Models in S, p. 38; R's `TermCode`): a factor
   * is coded by contrasts when the term without it is empty or appears among earlier terms.
   * Only meaningful for factor variables.
   */
  readonly coding: readonly (1 | 2)[];
}

/** The expanded terms of a formula, in R's order (by degree, then order of appearance). */
export interface ModelTerms {
  /** Every variable (response first when present), as expressions. */
  readonly variables: readonly Expr[];
  /** R's label of each variable (its deparsed expression). */
  readonly labels: readonly string[];
  /** Index of the response in {@link ModelTerms.variables}, or -1. */
  readonly response: number;
  /** The terms, sorted as R's `terms.formula` sorts them. */
  readonly terms: readonly ModelTerm[];
  /** Whether the model has an intercept. */
  readonly intercept: boolean;
}

interface TermSet {
  terms: number[][];
  intercept?: boolean;
}

const key = (t: readonly number[]) => t.join(",");

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function addTerms(into: number[][], more: readonly number[][]): number[][] {
  const seen = new Set(into.map(key));
  const out = [...into];
  for (const t of more) {
    if (!seen.has(key(t))) {
      seen.add(key(t));
      out.push(t);
    }
  }
  return out;
}

function interact(a: TermSet, b: TermSet): TermSet {
  const out: number[][] = [];
  for (const ta of a.terms) for (const tb of b.terms) out.push(union(ta, tb));
  return { terms: addTerms([], out) };
}

function unsupported(formula: Formula, what: string): ParcoursError {
  return new ParcoursError("FORMULA_SYNTAX", `formula syntax error: ${what}`, {
    value: formula.text,
    hint: "terms are combined with + - : * / ^ and parentheses; use I(...) for arithmetic",
  });
}

/**
 * Expands a formula into R's terms: `a*b` → `a + b + a:b`, `a/b` → `a + a:b`, `(a+b)^2`, `-`
 * removal, `0`/`1`/`-1` for the intercept, `.` for every other column (needs `columns`).
 */
export function expandTerms(formula: Formula, columns: readonly string[] = []): ModelTerms {
  const variables: Expr[] = [];
  const labels: string[] = [];
  const varIndex = (expr: Expr): number => {
    const label = deparse(expr);
    let i = labels.indexOf(label);
    if (i < 0) {
      i = labels.length;
      labels.push(label);
      variables.push(expr);
    }
    return i;
  };
  let response = -1;
  if (formula.response !== null) response = varIndex(formula.response);

  const expand = (e: Expr): TermSet => {
    switch (e.type) {
      case "name":
      case "call":
        return { terms: [[varIndex(e)]] };
      case "dot": {
        const responseNames = formula.response?.type === "name" ? [formula.response.name] : [];
        if (columns.length === 0) throw unsupported(formula, "'.' needs the data's columns");
        const names = columns.filter((c) => !responseNames.includes(c));
        return { terms: names.map((n) => [varIndex({ type: "name", name: n })]) };
      }
      case "number":
        if (e.value === 0) return { terms: [], intercept: false };
        if (e.value === 1) return { terms: [], intercept: true };
        throw unsupported(formula, `the number ${e.text} cannot be a term (only 0 or 1)`);
      case "paren":
        return expand(e.inner);
      case "unary": {
        const inner = expand(e.arg);
        if (e.op === "+") return inner;
        return {
          terms: [],
          intercept: inner.intercept === undefined ? undefined : !inner.intercept,
        };
      }
      case "binary":
        return expandBinary(e.op, e.left, e.right);
    }
  };

  const expandBinary = (op: string, left: Expr, right: Expr): TermSet => {
    if (op === "^") {
      if (right.type !== "number" || !Number.isInteger(right.value) || right.value < 1) {
        throw unsupported(formula, "the power of a term must be a positive whole number");
      }
      const base = expand(left);
      let acc = base;
      for (let k = 1; k < right.value; k++) {
        acc = { terms: addTerms(addTerms(acc.terms, base.terms), interact(acc, base).terms) };
      }
      return { terms: acc.terms };
    }
    const a = expand(left);
    if (op === "-") {
      const b = expand(right);
      const drop = new Set(b.terms.map(key));
      const intercept = b.intercept === undefined ? a.intercept : !b.intercept;
      return { terms: a.terms.filter((t) => !drop.has(key(t))), intercept };
    }
    const b = expand(right);
    switch (op) {
      case "+":
        return { terms: addTerms(a.terms, b.terms), intercept: b.intercept ?? a.intercept };
      case ":":
      case "%in%":
        return interact(a, b);
      case "*":
        return { terms: addTerms(addTerms(a.terms, b.terms), interact(a, b).terms) };
      case "/": {
        const all = a.terms.reduce<number[]>((acc, t) => union(acc, t), []);
        return { terms: addTerms(a.terms, interact({ terms: [all] }, b).terms) };
      }
      default:
        throw unsupported(formula, `the operator "${op}" is only allowed inside I(...)`);
    }
  };

  const set = expand(formula.rhs);
  if (response >= 0) {
    // R drops the response from the right-hand side (e.g. `y ~ .` or `y ~ y + x`).
    set.terms = set.terms.filter((t) => !t.includes(response));
  }
  const sorted = set.terms
    .map((vars, order) => ({ vars, order }))
    .sort((x, y) => x.vars.length - y.vars.length || x.order - y.order)
    .map((t) => t.vars);
  const terms: ModelTerm[] = sorted.map((vars, j) => ({
    label: vars.map((v) => labels[v]!).join(":"),
    vars,
    coding: vars.map((v) => {
      const rest = vars.filter((u) => u !== v);
      if (rest.length === 0) return 1;
      for (let k = 0; k < j; k++) {
        if (rest.every((u) => sorted[k]!.includes(u))) return 1;
      }
      return 2;
    }),
  }));
  return { variables, labels, response, terms, intercept: set.intercept ?? true };
}
