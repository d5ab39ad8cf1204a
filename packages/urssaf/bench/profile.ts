/**
 * Per-statement profile of loadExtract + buildCohort N1 on one extract folder:
 * `tsx --conditions=source bench/profile.ts DIR [TOP]`. Prints wall and CPU time (process-wide,
 * DuckDB threads included), peak RSS, and the slowest SQL statements.
 */
import { DuckDBConnection } from "@duckdb/node-api";
import { buildCohort, loadExtract } from "../src/index.js";

type RunFn = (this: DuckDBConnection, sql: string, ...rest: unknown[]) => Promise<unknown>;
const proto = DuckDBConnection.prototype as unknown as { run: RunFn };
const original = proto.run;
const times: [number, number, string][] = []; // wall ms, cpu ms, sql
// runAndReadAll goes through run, so wrapping run times every statement once.
proto.run = async function (sql, ...rest) {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await original.call(this, sql, ...rest);
  const u = process.cpuUsage(c);
  times.push([
    performance.now() - t,
    (u.user + u.system) / 1000,
    sql.replace(/\s+/g, " ").slice(0, 140),
  ]);
  return r;
};

const dir = process.argv[2];
if (!dir) throw new Error("usage: profile.ts DIR [TOP]");
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { report, handle } = await loadExtract(dir);
const t1 = performance.now();
const cohort = await buildCohort(handle, "N1");
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
console.log(
  `load ${(t1 - t0).toFixed(0)} ms, N1 ${(t2 - t1).toFixed(0)} ms (wall); cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; usable ${report.usable}; N1 rows ${cohort.nOutput}; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
);
const wall = times.reduce((a, [t]) => a + t, 0);
const sqlCpu = times.reduce((a, [, c]) => a + c, 0);
console.log(
  `SQL ${wall.toFixed(0)} ms wall, ${sqlCpu.toFixed(0)} ms cpu over ${times.length} statements (wall, cpu, statement):`,
);
times.sort((a, b) => b[1] - a[1]);
for (const [t, c, s] of times.slice(0, Number(process.argv[3] ?? 25)))
  console.log(t.toFixed(0).padStart(6), c.toFixed(0).padStart(6), s);
await handle.close();
