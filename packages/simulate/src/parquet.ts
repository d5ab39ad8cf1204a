import { DuckDBInstance } from "@duckdb/node-api";
import type { WrittenColumn } from "./files.js";

const PARQUET_TYPE: Record<WrittenColumn["type"], string> = {
  string: "VARCHAR",
  date: "DATE",
  decimal: "DECIMAL(14,2)",
  integer: "INTEGER",
  boolean: "BOOLEAN",
};

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Converts canonical CSV files to Parquet with the contract's types (schema §0: string → UTF8,
 * date → DATE, decimal → DECIMAL(14,2), integer → INT32, boolean → BOOLEAN). One thread and
 * insertion order preserved, so the same CSV always gives the same Parquet bytes.
 */
export async function csvToParquet(
  jobs: ReadonlyArray<{ csv: string; parquet: string; columns: readonly WrittenColumn[] }>,
): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:", {
    threads: "1",
    preserve_insertion_order: "true",
  });
  const con = await instance.connect();
  try {
    for (const job of jobs) {
      const columns = job.columns
        .map((c) => `${quote(c.name)}: ${quote(PARQUET_TYPE[c.type])}`)
        .join(", ");
      await con.run(
        `COPY (SELECT * FROM read_csv(${quote(job.csv)}, delim = ';', quote = '"', escape = '"', header = true, columns = {${columns}}, dateformat = '%Y-%m-%d', nullstr = '', auto_detect = false)) TO ${quote(job.parquet)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
