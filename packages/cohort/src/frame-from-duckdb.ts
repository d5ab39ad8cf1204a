import type { DuckDBConnection, DuckDBResultReader } from "@duckdb/node-api";
import {
  type Column,
  categoricalColumn,
  compareLevels,
  frameFromDuckDB as coreFrameFromDuckDB,
  Frame,
} from "@parcours-eval/core";
import { ident, literal } from "./sql.js";

/** Options of {@link frameFromDuckDB}. */
export interface FrameFromDuckDBOptions {
  /** Level order per categorical column (first = reference); values outside it become missing. */
  levels?: Readonly<Record<string, readonly string[]>>;
}

/** Re-codes a categorical column to the given level order. */
function relevel(column: Column, levels: readonly string[]): Column {
  if (column.kind !== "categorical") return column;
  const text = Array.from(column.codes, (c) => (c < 0 ? null : column.levels[c]!));
  return categoricalColumn(text, levels);
}

/** Applies the requested level orders to a frame's categorical columns. */
function applyLevels(frame: Frame, options: FrameFromDuckDBOptions): Frame {
  const levels = options.levels ?? {};
  if (Object.keys(levels).length === 0) return frame;
  const columns = new Map<string, Column>();
  for (const name of frame.names) {
    const col = frame.column(name);
    columns.set(name, levels[name] ? relevel(col, levels[name]) : col);
  }
  return new Frame(columns);
}

/**
 * Converts a DuckDB result to a {@link Frame} with core's `frameFromDuckDB` (numbers and
 * booleans → numeric, DATE/TIMESTAMP → date, VARCHAR → categorical), then applies the requested
 * level orders.
 */
export async function frameFromReader(
  reader: DuckDBResultReader,
  options: FrameFromDuckDBOptions = {},
): Promise<Frame> {
  return applyLevels(await coreFrameFromDuckDB(reader), options);
}

/** Runs a query and returns its result as a {@link Frame} (see {@link frameFromReader}). */
export async function frameFromDuckDB(
  connection: DuckDBConnection,
  sql: string,
  options: FrameFromDuckDBOptions = {},
): Promise<Frame> {
  // A materialised result is read chunk by chunk (no intermediate value arrays).
  return applyLevels(await coreFrameFromDuckDB(await connection.run(sql)), options);
}

/** What {@link frameFromTable} reads. */
export interface FrameQuery {
  /** The relation: a (quoted) table name or a parenthesised subquery. */
  from: string;
  /** Its columns to output, in order. */
  columns: readonly string[];
  /** Its column giving the row order, missing values last (need not be output). */
  orderBy: string;
}

/** DuckDBTypeId.VARCHAR, inlined so that only DuckDB's types are imported. */
const VARCHAR = 17;
/** Beyond this many distinct values, a VARCHAR column is decoded row by row instead. */
const MAX_SQL_LEVELS = 10_000;

/**
 * SQL giving each row's level index (0-based, NULL when missing or outside the levels) as
 * INTEGER, through an ENUM with exactly these levels in this order; undefined when the levels
 * cannot make an ENUM (duplicates, NUL characters).
 */
function codeSql(column: string, levels: readonly string[]): string | undefined {
  if (levels.length === 0) return "CAST(NULL AS INTEGER)";
  if (new Set(levels).size !== levels.length) return undefined;
  // DuckDB cannot read a NUL back from a string literal.
  if (levels.some((l) => l.includes("\0"))) return undefined;
  return `CAST(enum_code(TRY_CAST(${column} AS ENUM(${levels.map(literal).join(", ")}))) AS INTEGER)`;
}

/** A coded column's place in a packed INTEGER: its code + 1 (0 = missing) at `shift`. */
interface Packed {
  name: string;
  levels: readonly string[];
  /** SQL of the level index (NULL when missing). */
  code: string;
  shift: number;
  bits: number;
}

/**
 * Packs coded columns into as few INTEGERs as fit 31 bits each (one read per row instead of
 * one per column), in order.
 */
function pack(columns: readonly Omit<Packed, "shift" | "bits">[]): Packed[][] {
  const packs: Packed[][] = [];
  let used = 32;
  for (const c of columns) {
    const bits = Math.max(1, 32 - Math.clz32(c.levels.length));
    if (used + bits > 31) {
      packs.push([]);
      used = 0;
    }
    packs[packs.length - 1]!.push({ ...c, shift: used, bits });
    used += bits;
  }
  return packs;
}

/** SQL of one packed INTEGER. */
function packSql(members: readonly Packed[]): string {
  const parts = members.map((m) => `(coalesce(${m.code} + 1, 0) << ${m.shift})`);
  return `CAST(${parts.join(" + ")} AS INTEGER)`;
}

/** The categorical columns held in a packed INTEGER read as numbers. */
function unpack(values: Float64Array, members: readonly Packed[]): Map<string, Column> {
  const out = new Map<string, Column>();
  for (const m of members) {
    const mask = 2 ** m.bits - 1;
    const codes = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) codes[i] = ((values[i]! >>> m.shift) & mask) - 1;
    out.set(m.name, { kind: "categorical", codes, levels: m.levels });
  }
  return out;
}

/**
 * The sort column from its values joined by NUL in row order (`nonNull` of them, the `rows -
 * nonNull` missing ones last), coded as `categoricalColumn` codes it; undefined when a value
 * holds a NUL itself (the split then does not give back `nonNull` values).
 */
function sortColumn(joined: string | null, nonNull: number, rows: number): Column | undefined {
  const values: (string | null)[] = joined === null ? [] : joined.split("\0");
  if (values.length !== nonNull) return undefined;
  // Distinct and already in JS order (a key): each value is its own level, no lookup needed.
  let sorted = true;
  for (let i = 1; i < nonNull && sorted; i++) sorted = values[i - 1]! < values[i]!;
  if (!sorted) return categoricalColumn(values.concat(Array(rows - nonNull).fill(null)));
  const codes = new Int32Array(rows).fill(-1);
  for (let i = 0; i < nonNull; i++) codes[i] = i;
  return { kind: "categorical", codes, levels: values as string[] };
}

/**
 * Reads the columns of a relation, sorted by one of its columns, as a {@link Frame}: the same
 * frame as {@link frameFromReader} on `SELECT columns FROM from ORDER BY orderBy NULLS LAST`,
 * without decoding a string per row. DuckDB codes the categorical (VARCHAR) columns: their
 * distinct values are read once and sorted here as `categoricalColumn` sorts them (JS `<`, not
 * DuckDB's collation), or taken from `options.levels`, and each row comes back as its level index
 * through an ENUM cast (the indices of several columns packed into one INTEGER). The sort column,
 * when output as VARCHAR (a key), comes back as one string in row order. Columns of more than
 * 10,000 distinct values are decoded row by row.
 */
export async function frameFromTable(
  connection: DuckDBConnection,
  query: FrameQuery,
  options: FrameFromDuckDBOptions = {},
): Promise<Frame> {
  const given = options.levels ?? {};
  const src = (c: string): string => `__t.${ident(c)}`;
  const from = `FROM ${query.from} __t`;
  const order = `${src(query.orderBy)} NULLS LAST`;
  const plain = query.columns.map((c) => `${src(c)} AS ${ident(c)}`);
  const prepared = await connection.prepare(`SELECT ${plain.join(", ")} ${from}`);
  const text = query.columns.filter((_, j) => (prepared.columnTypeId(j) as number) === VARCHAR);
  prepared.destroySync();

  // One scan for the distinct values of the VARCHAR columns and the sort column's values.
  const key = text.includes(query.orderBy) && !given[query.orderBy] ? query.orderBy : undefined;
  const free = text.filter((c) => !given[c] && c !== key);
  const aggregates = free.map((c) => `list(DISTINCT ${src(c)})`);
  if (key !== undefined) {
    aggregates.push(`string_agg(${src(key)}, chr(0) ORDER BY ${order})`);
    aggregates.push(`count(${src(key)})`, "count(*)");
  }
  const found = new Map<string, Column>();
  const levels = new Map<string, readonly string[]>();
  for (const c of text) if (given[c]) levels.set(c, given[c]);
  if (aggregates.length > 0) {
    const row = (
      await connection.runAndReadAll(`SELECT ${aggregates.join(", ")} ${from}`)
    ).getRowsJS()[0]!;
    free.forEach((c, k) => {
      const values = ((row[k] ?? []) as (string | null)[]).filter((v) => v !== null);
      if (values.length <= MAX_SQL_LEVELS) levels.set(c, values.sort(compareLevels));
    });
    if (key !== undefined) {
      const [joined, nonNull, rows] = row.slice(free.length);
      const col = sortColumn(joined as string | null, Number(nonNull), Number(rows));
      if (col) found.set(key, col);
    }
  }

  const coded: Omit<Packed, "shift" | "bits">[] = [];
  const exprs: string[] = [];
  query.columns.forEach((c, j) => {
    if (found.has(c)) return;
    const lv = levels.get(c);
    const code = lv === undefined ? undefined : codeSql(src(c), lv);
    if (code === undefined) exprs.push(plain[j]!);
    else coded.push({ name: c, levels: lv!, code });
  });
  const packs = pack(coded);
  const packNames = packs.map((_, k) => {
    let name = `__codes${k}`;
    while (query.columns.includes(name)) name = `_${name}`;
    return name;
  });
  packs.forEach((members, k) => {
    exprs.push(`${packSql(members)} AS ${ident(packNames[k]!)}`);
  });
  if (exprs.length > 0) {
    const sql = `SELECT ${exprs.join(", ")} ${from} ORDER BY ${order}`;
    const frame = await coreFrameFromDuckDB(await connection.run(sql));
    for (const name of frame.names)
      if (!packNames.includes(name)) found.set(name, frame.column(name));
    packs.forEach((members, k) => {
      for (const [name, col] of unpack(frame.numeric(packNames[k]!), members)) found.set(name, col);
    });
  }
  const columns = new Map<string, Column>();
  for (const name of query.columns) {
    const col = found.get(name)!;
    const isCoded = coded.some((c) => c.name === name);
    columns.set(name, !isCoded && given[name] ? relevel(col, given[name]) : col);
  }
  return new Frame(columns);
}
