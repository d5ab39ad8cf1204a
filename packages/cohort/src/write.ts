import { rename, rm } from "node:fs/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ParcoursError } from "@parcours-eval/core";
import type { CohortResult } from "./build.js";
import { ident, literal } from "./sql.js";

/**
 * Writes the kept rows of a built cohort to `path` (`.parquet` or `.csv`; the CSV is the
 * canonical `;`-separated UTF-8 form with ISO dates). Written to a temporary name first and
 * renamed, so a failed run never leaves a partial file.
 */
export async function writeCohortFile(
  connection: DuckDBConnection,
  cohort: CohortResult,
  path: string,
): Promise<void> {
  const lower = path.toLowerCase();
  const format = lower.endsWith(".parquet")
    ? "(FORMAT parquet)"
    : lower.endsWith(".csv")
      ? "(FORMAT csv, HEADER true, DELIMITER ';')"
      : undefined;
  if (format === undefined) {
    throw new ParcoursError("COHORT_BAD_OUTPUT", `cannot tell the output format of "${path}"`, {
      hint: "use a file name ending in .parquet or .csv",
    });
  }
  const cols = cohort.compiled.columns.map((c) => ident(c.name)).join(", ");
  const tmp = `${path}.partial-${process.pid}`;
  try {
    await connection.run(
      `COPY (SELECT ${cols} FROM ${ident(cohort.table)} WHERE __excl IS NULL ORDER BY __key) TO ${literal(tmp)} ${format}`,
    );
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
