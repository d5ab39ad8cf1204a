import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { AccountRecord, SimulationResult } from "../src/index.js";
import { type Recomputed, recompute } from "./recompute.js";

/** A seeded simulation run once per test file, with every account's simulated values kept. */
export interface RecordedRun {
  result: SimulationResult;
  /** Simulated values by account id. */
  records: Map<string, AccountRecord>;
  /** The outcomes recomputed independently from the written files. */
  files: ReturnType<typeof recompute>;
  /** Ids of accounts where `check` fails (expected: none). */
  mismatches(check: (f: Recomputed, r: AccountRecord) => boolean): string[];
}

/**
 * Registers, in the calling test file, a `beforeAll` that runs `simulate` into a temporary folder
 * (recording every account) and recomputes the outcomes from the files, and an `afterAll` that
 * removes the folder. The returned object is filled when the tests run.
 */
export function recordedRun(
  prefix: string,
  simulate: (out: string, onAccount: (r: AccountRecord) => void) => Promise<SimulationResult>,
): RecordedRun {
  let dir = "";
  const run = {
    records: new Map<string, AccountRecord>(),
    mismatches(check: (f: Recomputed, r: AccountRecord) => boolean): string[] {
      const bad: string[] = [];
      for (const f of run.files.rows) if (!check(f, run.records.get(f.id)!)) bad.push(f.id);
      return bad;
    },
  } as RecordedRun;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    run.result = await simulate(join(dir, "out"), (r) => run.records.set(r.id, r));
    run.files = recompute(run.result.dataset);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return run;
}
