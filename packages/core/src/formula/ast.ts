/** A node of a parsed formula expression (R's language objects, reduced to what formulas use). */
export type Expr =
  | { readonly type: "name"; readonly name: string }
  | { readonly type: "number"; readonly value: number; readonly text: string }
  | { readonly type: "call"; readonly fn: string; readonly args: readonly Expr[] }
  | { readonly type: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly type: "unary"; readonly op: "-" | "+"; readonly arg: Expr }
  | { readonly type: "paren"; readonly inner: Expr }
  | { readonly type: "dot" };

// R's deparse puts spaces around these binary operators and not around the others
// (`x^2`, `x/2`, `a:b`, `x%%2` but `x * 2`, `x - 1`, `x == 0`).
const SPACED = new Set(["+", "-", "*", "==", "!=", "<", ">", "<=", ">=", "&", "|", "~"]);

/** Whether a name needs backticks in R (not a syntactic name). */
function needsBackticks(name: string): boolean {
  return !/^([A-Za-z]|[.](?![0-9]))[A-Za-z0-9._]*$/.test(name) && name !== ".";
}

/**
 * The text R's `deparse()` gives for the expression: model.matrix column names are built from it
 * (e.g. `I(x^2)`, `I(x * 2)`, `log(x)`, `factor(k)`).
 */
export function deparse(expr: Expr): string {
  switch (expr.type) {
    case "name":
      return needsBackticks(expr.name) ? `\`${expr.name}\`` : expr.name;
    case "number":
      return expr.text;
    case "dot":
      return ".";
    case "call":
      return `${expr.fn}(${expr.args.map(deparse).join(", ")})`;
    case "unary":
      return `${expr.op}${deparse(expr.arg)}`;
    case "paren":
      return `(${deparse(expr.inner)})`;
    case "binary":
      return SPACED.has(expr.op)
        ? `${deparse(expr.left)} ${expr.op} ${deparse(expr.right)}`
        : `${deparse(expr.left)}${expr.op}${deparse(expr.right)}`;
  }
}

/** Column names referenced by an expression, in order of first appearance. */
export function referencedNames(expr: Expr, out: string[] = []): string[] {
  switch (expr.type) {
    case "name":
      if (!out.includes(expr.name)) out.push(expr.name);
      break;
    case "call":
      for (const a of expr.args) referencedNames(a, out);
      break;
    case "binary":
      referencedNames(expr.left, out);
      referencedNames(expr.right, out);
      break;
    case "unary":
      referencedNames(expr.arg, out);
      break;
    case "paren":
      referencedNames(expr.inner, out);
      break;
    default:
      break;
  }
  return out;
}
