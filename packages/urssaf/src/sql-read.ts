import type { DuckDBConnection } from "@duckdb/node-api";

/** The rows of a query as arrays of JS values. */
export async function rowsOf(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

/** The first cell of a query as a number (a count, a sum); 0 when the query returns NULL. */
export async function scalar(conn: DuckDBConnection, sql: string): Promise<number> {
  return Number((await rowsOf(conn, sql))[0]![0] ?? 0);
}
