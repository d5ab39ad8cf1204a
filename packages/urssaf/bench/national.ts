/**
 * National-scale benchmark (issue 4): a synthetic national extract of N accounts (default
 * 630 000, `simulateNational`, seed 7, generated once and cached under the temp folder) is
 * (a) scanned by DuckDB alone — `count(*)` over each CSV, the issue's reference; DuckDB then
 * only finds the record boundaries —, (b) parsed by DuckDB alone: every field of every file
 * read and cast to its type, nothing kept (the floor of any reader that validates every cell),
 * (c) loaded by DuckDB alone into typed tables with its own type detection (the floor of any
 * loader that keeps the tables, as the cohort builder needs), and (d) loaded, validated and
 * turned into the N1 cohort by `loadExtract` + `buildCohort`. Each runs in a fresh child
 * process, so peak RSS is its own. Prints wall and CPU time, the ratios and the peak RSS.
 *
 *   tsx --conditions=source bench/national.ts [ACCOUNTS] [REPEATS]
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { buildCohort, loadExtract } from "../src/index.js";
import { benchExtract } from "./dataset.js";

/** What a child process measures. */
interface Measure {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  detail: string;
}

/** Every column of a CSV read and cast by DuckDB's own type detection, nothing kept. */
async function parseAll(conn: DuckDBConnection, csv: string): Promise<string> {
  const cols = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${csv}`))
    .getRowsJS()
    .map((r) => `count("${String(r[0])}")`);
  const r = await conn.runAndReadAll(`SELECT count(*), ${cols.join(", ")} FROM ${csv}`);
  return String(r.getRowsJS()[0]![0]);
}

async function scanChild(dir: string, mode: "scan" | "parse" | "load"): Promise<Measure> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  const counts: string[] = [];
  const files = readdirSync(dir)
    .filter((x) => x.endsWith(".csv"))
    .sort();
  for (const [i, f] of files.entries()) {
    const csv = `read_csv('${join(dir, f)}', delim=';', header=true${mode === "scan" ? ", all_varchar=true" : ""})`;
    if (mode === "parse") {
      counts.push(`${f} ${await parseAll(conn, csv)}`);
      continue;
    }
    if (mode === "load") await conn.run(`CREATE TABLE t${i} AS SELECT * FROM ${csv}`);
    const r = await conn.runAndReadAll(`SELECT count(*) FROM ${mode === "load" ? `t${i}` : csv}`);
    counts.push(`${f} ${r.getRowsJS()[0]![0]}`);
  }
  conn.closeSync();
  db.closeSync();
  return finish(t0, cpu0, counts.join(", "));
}

async function oursChild(dir: string): Promise<Measure> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { report, handle } = await loadExtract(dir);
  const loaded = performance.now();
  const cohort = await buildCohort(handle, "N1");
  const built = performance.now();
  await handle.close();
  const s = (a: number, b: number): string => `${((b - a) / 1000).toFixed(2)} s`;
  return finish(
    t0,
    cpu0,
    `load+validate+derive ${s(t0, loaded)}, N1 cohort frame ${s(loaded, built)}; usable ${report.usable}, ${report.counts.row} row exclusions, N1 ${cohort.nOutput} units (${cohort.nTreated} treated)`,
  );
}

function finish(t0: number, cpu0: NodeJS.CpuUsage, detail: string): Measure {
  const cpu = process.cpuUsage(cpu0);
  return {
    wallMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    detail,
  };
}

type Mode = "scan" | "parse" | "load" | "ours";

function child(mode: Mode, dir: string): Measure {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--child", mode, dir],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split("\n").pop()!) as Measure;
}

const fmt = (m: Measure): string =>
  `${(m.wallMs / 1000).toFixed(2)} s wall, ${(m.cpuMs / 1000).toFixed(2)} s CPU, peak RSS ${m.maxRssMb.toFixed(0)} MB`;

if (process.argv[2] === "--child") {
  const dir = process.argv[4]!;
  const mode = process.argv[3] as Mode;
  const m = mode === "ours" ? await oursChild(dir) : await scanChild(dir, mode);
  process.stdout.write(`${JSON.stringify(m)}\n`);
} else {
  const accounts = Number(process.argv[2] ?? 630_000);
  const repeats = Number(process.argv[3] ?? 1);
  const dir = await benchExtract(accounts);
  console.log(`national extract: ${accounts} accounts in ${dir}`);
  const best = (mode: Mode): Measure => {
    const runs = Array.from({ length: repeats }, () => child(mode, dir));
    return runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  };
  const scan = best("scan");
  const parse = best("parse");
  const load = best("load");
  const ours = best("ours");
  const ratio = (a: Measure, b: Measure): string =>
    `${(a.wallMs / b.wallMs).toFixed(1)}x wall, ${(a.cpuMs / b.cpuMs).toFixed(1)}x CPU`;
  console.log(`(a) DuckDB count(*) scan             : ${fmt(scan)} (${scan.detail})`);
  console.log(`(b) DuckDB parse every field, keep 0 : ${fmt(parse)} = ${ratio(parse, scan)} (a)`);
  console.log(`(c) DuckDB typed load, no checks     : ${fmt(load)} = ${ratio(load, scan)} (a)`);
  console.log(`(d) loadExtract + N1                 : ${fmt(ours)} (${ours.detail})`);
  console.log(`ratio (d) / (a) count(*) scan: ${ratio(ours, scan)} (issue target ≤ 2x)`);
  console.log(`ratio (d) / (b) parse floor  : ${ratio(ours, parse)}`);
  console.log(`ratio (d) / (c) typed load   : ${ratio(ours, load)} (peak RSS target < 2048 MB)`);
}
