import type { DuckDBConnection } from "@duckdb/node-api";
import type { Frame } from "@parcours-eval/core";
import { type CompiledCohort, compileCohort } from "./compile.js";
import { frameFromTable } from "./frame-from-duckdb.js";
import type { CohortSpec, ExclusionRow } from "./spec.js";
import { ident } from "./sql.js";

/** A built cohort: the frame, its exclusion table and where it lives in DuckDB. */
export interface CohortResult {
  /** The spec it was built from. */
  spec: CohortSpec;
  /** One row per kept unit, sorted by key. */
  frame: Frame;
  /** Every exclusion step in order, with counts (zero counts included). */
  exclusions: ExclusionRow[];
  /** Units in the unit relation before any step. */
  nInput: number;
  /** Units kept. */
  nOutput: number;
  /** Treated and control counts among kept units (when the spec has a treatment). */
  nTreated?: number;
  /** Control count among kept units. */
  nControl?: number;
  /** DuckDB temp table holding every unit with its `__excl` step (for writing or inspection). */
  table: string;
  /** The compiled SQL. */
  compiled: CompiledCohort;
}

/** Options of {@link buildCohortFrame}. */
export interface BuildCohortOptions {
  /** Name of the temp table to create (default `cohort_<id>`). */
  table?: string;
}

/**
 * Builds a cohort on a DuckDB connection where the spec's relations exist: compiles the spec,
 * materialises every unit with its exclusion step in a temp table, counts exclusions by step,
 * and reads the kept rows (sorted by key, so output is deterministic) into a Frame.
 */
export async function buildCohortFrame(
  connection: DuckDBConnection,
  spec: CohortSpec,
  options: BuildCohortOptions = {},
): Promise<CohortResult> {
  const compiled = compileCohort(spec);
  const table = options.table ?? `cohort_${spec.id.replace(/[^A-Za-z0-9_]/g, "_")}`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${ident(table)} AS ${compiled.select}`);
  const counts = await connection.runAndReadAll(
    `SELECT __excl, count(*)::DOUBLE AS n FROM ${ident(table)} GROUP BY __excl`,
  );
  const byStep = new Map<number | null, number>();
  for (const [k, n] of counts.getRowsJS()) byStep.set(k === null ? null : Number(k), Number(n));
  const nInput = [...byStep.values()].reduce((a, b) => a + b, 0);
  let remaining = nInput;
  const exclusions: ExclusionRow[] = compiled.steps.map((s, i) => {
    const excluded = byStep.get(i) ?? 0;
    remaining -= excluded;
    return { ...s, excluded, remaining };
  });
  const levels: Record<string, readonly string[]> = {};
  for (const c of compiled.columns) if (c.levels) levels[c.name] = c.levels;
  const frame = await frameFromTable(
    connection,
    {
      from: `(SELECT * FROM ${ident(table)} WHERE __excl IS NULL)`,
      columns: compiled.columns.map((c) => c.name),
      // The key column is __key under its own name: sorting by it sorts by __key.
      orderBy: spec.units.key,
    },
    { levels },
  );
  const result: CohortResult = {
    spec,
    frame,
    exclusions,
    nInput,
    nOutput: frame.nRows,
    table,
    compiled,
  };
  if (spec.treatment) {
    const t = frame.numeric(spec.treatment.name);
    let treated = 0;
    for (const v of t) if (v === 1) treated++;
    result.nTreated = treated;
    result.nControl = frame.nRows - treated;
  }
  return result;
}
