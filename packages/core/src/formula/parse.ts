import { ParcoursError } from "../errors.js";
import { deparse, type Expr } from "./ast.js";

/** A parsed R-style model formula such as `treat ~ age + factor(region) + I(age^2)`. */
export interface Formula {
  /** The text as given. */
  readonly text: string;
  /** Left-hand side (the response), `null` for a one-sided formula `~ x`. */
  readonly response: Expr | null;
  /** Right-hand side. */
  readonly rhs: Expr;
}

interface Token {
  readonly kind: "num" | "name" | "op" | "lparen" | "rparen" | "comma" | "end";
  readonly text: string;
  /** 0-based offset in the formula text. */
  readonly pos: number;
}

const OPERATORS = ["==", "!=", "<=", ">=", "~", "+", "-", "*", "/", "^", ":", "<", ">", "&", "|"];

function syntaxError(text: string, pos: number, message: string): ParcoursError {
  return new ParcoursError("FORMULA_SYNTAX", `formula syntax error: ${message}`, {
    column: pos + 1,
    value: text,
    hint: `${text}\n  ${" ".repeat(pos)}^ formulas look like "y ~ x1 + factor(x2) + x1:x3 + I(x1^2) - 1"`,
  });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      tokens.push({ kind: "num", text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z.][A-Za-z0-9._]*/.exec(text.slice(i));
    if (name) {
      tokens.push({ kind: "name", text: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end < 0) throw syntaxError(text, i, "unclosed backtick");
      tokens.push({ kind: "name", text: text.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    if (c === "%") {
      const end = text.indexOf("%", i + 1);
      if (end < 0) throw syntaxError(text, i, "unclosed %operator%");
      tokens.push({ kind: "op", text: text.slice(i, end + 1), pos: i });
      i = end + 1;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c === "(" ? "lparen" : c === ")" ? "rparen" : "comma", text: c, pos: i });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw syntaxError(text, i, `unexpected character "${c}"`);
    tokens.push({ kind: "op", text: op, pos: i });
    i += op.length;
  }
  tokens.push({ kind: "end", text: "", pos: text.length });
  return tokens;
}

/**
 * Recursive-descent parser with R's operator precedence (lowest first):
 * `~`, comparisons, `+ -`, `* /`, `%op%`, `:`, unary `- +`, `^` (right-associative).
 */
class Parser {
  #i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  peek(): Token {
    return this.tokens[this.#i]!;
  }
  next(): Token {
    return this.tokens[this.#i++]!;
  }
  isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.kind === "op" && ops.includes(t.text);
  }
  fail(message: string, token = this.peek()): never {
    throw syntaxError(this.text, token.pos, message);
  }

  comparison(): Expr {
    let left = this.sum();
    while (this.isOp("==", "!=", "<", ">", "<=", ">=", "&", "|")) {
      const op = this.next().text;
      left = { type: "binary", op, left, right: this.sum() };
    }
    return left;
  }
  sum(): Expr {
    let left = this.product();
    while (this.isOp("+", "-")) {
      const op = this.next().text;
      left = { type: "binary", op, left, right: this.product() };
    }
    return left;
  }
  product(): Expr {
    let left = this.special();
    while (this.isOp("*", "/")) {
      const op = this.next().text;
      left = { type: "binary", op, left, right: this.special() };
    }
    return left;
  }
  special(): Expr {
    let left = this.colon();
    while (this.peek().kind === "op" && this.peek().text.startsWith("%")) {
      const op = this.next().text;
      left = { type: "binary", op, left, right: this.colon() };
    }
    return left;
  }
  colon(): Expr {
    let left = this.unary();
    while (this.isOp(":")) {
      this.next();
      left = { type: "binary", op: ":", left, right: this.unary() };
    }
    return left;
  }
  unary(): Expr {
    if (this.isOp("-", "+")) {
      const op = this.next().text as "-" | "+";
      return { type: "unary", op, arg: this.unary() };
    }
    return this.power();
  }
  power(): Expr {
    const base = this.primary();
    if (this.isOp("^")) {
      this.next();
      return { type: "binary", op: "^", left: base, right: this.unary() };
    }
    return base;
  }
  primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "num":
        return { type: "number", value: Number(t.text), text: rNumberText(Number(t.text)) };
      case "name": {
        if (this.peek().kind === "lparen") {
          this.next();
          const args: Expr[] = [];
          if (this.peek().kind !== "rparen") {
            args.push(this.comparison());
            while (this.peek().kind === "comma") {
              this.next();
              args.push(this.comparison());
            }
          }
          if (this.peek().kind !== "rparen") this.fail(`expected ")" to close ${t.text}(`);
          this.next();
          return { type: "call", fn: t.text, args };
        }
        if (t.text === ".") return { type: "dot" };
        return { type: "name", name: t.text };
      }
      case "lparen": {
        const inner = this.comparison();
        if (this.peek().kind !== "rparen") this.fail('expected ")"');
        this.next();
        return { type: "paren", inner };
      }
      case "end":
        return this.fail("the formula ends too early", t);
      default:
        return this.fail(`unexpected "${t.text}"`, t);
    }
  }
}

/**
 * How R prints a number (15 significant digits; scientific when shorter, e.g. `1e+05`), as in
 * `deparse()` and `as.character()`: used for column names and factor levels made from numbers.
 */
export function rNumberText(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "Inf" : "-Inf";
  const [m, e] = v.toExponential(14).split("e") as [string, string];
  const exp = Number(e);
  const sci = `${m.replace(/\.?0+$/, "")}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  const fixed = String(Number(v.toPrecision(15)));
  if (/e/.test(fixed)) return sci;
  return sci.length < fixed.length ? sci : fixed;
}

/**
 * Parses an R model formula: `response ~ terms` (or `~ terms`). Supports `+`, `-`, `:`, `*`,
 * `/`, `^`, parentheses, `0`/`1` for the intercept, `.` (all other columns), `factor(x)`,
 * `I(expr)` and the functions `log`, `exp`, `sqrt`, `abs`.
 * @throws ParcoursError `FORMULA_SYNTAX` with the 1-based character position in `column`.
 */
export function parseFormula(text: string): Formula {
  if (typeof text !== "string" || text.trim() === "") {
    throw new ParcoursError("FORMULA_SYNTAX", "formula syntax error: the formula is empty", {
      hint: 'write it as R does, e.g. "treat ~ age + educ + race"',
    });
  }
  const tokens = tokenize(text);
  const parser = new Parser(text, tokens);
  let response: Expr | null = null;
  if (!(tokens[0]!.kind === "op" && tokens[0]!.text === "~")) {
    response = parser.comparison();
  }
  if (!parser.isOp("~")) parser.fail('expected "~" between the response and the terms');
  parser.next();
  const rhs = parser.comparison();
  if (parser.peek().kind !== "end") parser.fail(`unexpected "${parser.peek().text}"`);
  if (response !== null && response.type === "dot") {
    parser.fail("the response cannot be '.'", tokens[0]);
  }
  return { text, response, rhs };
}

/** The formula as R would print it (deparsed). */
export function formatFormula(formula: Formula): string {
  const rhs = deparse(formula.rhs);
  return formula.response === null ? `~${rhs}` : `${deparse(formula.response)} ~ ${rhs}`;
}
