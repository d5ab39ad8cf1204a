/** Where in an input file a problem was found. Lines and columns are 1-based. */
export interface SourceLocation {
  /** Path of the file, as given by the user. */
  file?: string;
  /** Physical line in the file (1-based, header is line 1). */
  line?: number;
  /** Column name (or 1-based index when the header is unusable). */
  column?: string | number;
}

/** Options of a {@link ParcoursError}. */
export interface ParcoursErrorOptions extends SourceLocation {
  /** What the user can do about it. */
  hint?: string;
  /** The offending value, when there is one. */
  value?: unknown;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The one error type of parcours-eval. `code` is stable (scripts may test it); the message is
 * for people. File, line and column are set whenever the problem comes from an input file.
 */
export class ParcoursError extends Error {
  /** Stable machine-readable code, e.g. `FORMULA_UNKNOWN_COLUMN`. */
  readonly code: string;
  /** What the user can do about it. */
  readonly hint: string | undefined;
  /** File where the problem was found. */
  readonly file: string | undefined;
  /** 1-based physical line in {@link ParcoursError.file}. */
  readonly line: number | undefined;
  /** Column (name or 1-based index). */
  readonly column: string | number | undefined;
  /** The offending value. */
  readonly value: unknown;

  constructor(code: string, message: string, options: ParcoursErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ParcoursError";
    this.code = code;
    this.hint = options.hint;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.value = options.value;
  }

  /** `file:line:column` when known, else an empty string. */
  location(): string {
    const parts: string[] = [];
    if (this.file !== undefined) parts.push(this.file);
    if (this.line !== undefined) parts.push(String(this.line));
    if (this.column !== undefined) parts.push(String(this.column));
    return parts.join(":");
  }

  /** One readable block: `CODE at file:line:column: message` and the hint. */
  format(): string {
    const where = this.location();
    const head = `${this.code}${where ? ` at ${where}` : ""}: ${this.message}`;
    return this.hint ? `${head}\n  hint: ${this.hint}` : head;
  }

  /** Plain JSON form, for reports and `--json` outputs. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      file: this.file,
      line: this.line,
      column: this.column,
    };
  }
}

/** Levenshtein edit distance (small strings only: names of columns and options). */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * Candidates close to `name` (case-insensitive edit distance at most a third of the length, or a
 * prefix match), best first, at most `max`. Used for "did you mean" hints.
 */
export function closeMatches(name: string, candidates: readonly string[], max = 3): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.ceil(lower.length / 3));
  return candidates
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter(
      ({ c, d }) =>
        d <= limit || c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()),
    )
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map(({ c }) => c);
}
