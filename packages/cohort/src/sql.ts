/** Quotes an SQL identifier (DuckDB double-quote rules). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** An SQL list of string literals, e.g. `('A', 'B')`. */
export function literalList(values: readonly string[]): string {
  return `(${values.map(literal).join(", ")})`;
}
