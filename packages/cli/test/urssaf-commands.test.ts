import { existsSync, readFileSync } from "node:fs";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { register as registerCohort } from "../src/commands/cohort.js";
import { register as registerValidate } from "../src/commands/validate.js";

const BASIC = fileURLToPath(new URL("../../../fixtures/urssaf/basic", import.meta.url));

/** A copy of the basic Urssaf fixture, with accounts.csv edited. */
async function fixture(edit: (accounts: string) => string = (s) => s): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cli-urssaf-"));
  await cp(BASIC, dir, { recursive: true });
  const path = join(dir, "accounts.csv");
  await writeFile(path, edit(await readFile(path, "utf8")));
  return dir;
}

/** Runs one subcommand in process; returns its exit code and what it printed. */
async function run(
  register: (p: Command) => void,
  args: string[],
): Promise<{ code: number | undefined; out: string; err: string }> {
  const program = new Command().exitOverride();
  register(program);
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err += String(s);
    return true;
  });
  const before = process.exitCode;
  try {
    await program.parseAsync(["node", "parcours", ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = process.exitCode === undefined ? undefined : Number(process.exitCode);
  process.exitCode = before;
  return { code, out, err };
}

// A fatal extract: activity_start_date misspelt (contract §8 #3).
const fatal = (s: string): string => s.replace("activity_start_date", "activity_strt_date");

describe("parcours validate / cohort on an Urssaf extract (contract §8)", () => {
  it("validate: a fatal finding exits 1 and names the file, line and column; --json says unusable", async () => {
    const dir = await fixture(fatal);
    const json = join(dir, "report.json");
    const r = await run(registerValidate, ["validate", dir, "--json", json]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Status: NOT USABLE (fatal error; no cohort will be produced)");
    expect(r.out).toContain(
      'FATAL EXTRACT_MISSING_COLUMN ×1 accounts.csv:activity_start_date — required column "activity_start_date" is missing',
    );
    expect(r.out).toContain(
      'at accounts.csv:1:activity_start_date value "closest header: activity_strt_date"',
    );
    const report = JSON.parse(readFileSync(json, "utf8")) as { usable: boolean };
    expect(report.usable).toBe(false);
  });

  it("validate: analyses the extract cannot feed are listed as info with their reason (§8 #2)", async () => {
    const dir = await fixture();
    const json = join(dir, "report.json");
    const r = await run(registerValidate, ["validate", dir, "--json", json]);
    expect(r.code).toBe(0);
    // National basic fixture: no outbound contacts, so the LR analyses are disabled.
    expect(r.out).toContain(
      "INFO  EXTRACT_ANALYSIS_DISABLED ×1 — analysis R2 is disabled: the extract has no outbound contacts (manifest)",
    );
    const report = JSON.parse(readFileSync(json, "utf8")) as {
      findings: { code: string; message: string }[];
    };
    expect(
      report.findings.filter((f) => f.code === "EXTRACT_ANALYSIS_DISABLED").map((f) => f.message),
    ).toEqual(
      [
        "R2",
        "R3_ASSISTANCE_COMPTE_EN_LIGNE",
        "R3_GESTION_DU_COMPTE",
        "R3_RELATION_USAGERS",
        "R4",
      ].map((id) => `analysis ${id} is disabled: the extract has no outbound contacts (manifest)`),
    );
  });

  it("cohort: after a fatal finding nothing is written and the exit code is 1", async () => {
    const dir = await fixture(fatal);
    const out = join(dir, "n1.csv");
    const exclusions = join(dir, "n1.json");
    const r = await run(registerCohort, [
      "cohort",
      dir,
      "--analysis",
      "N1",
      "--out",
      out,
      "--exclusions",
      exclusions,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("FATAL EXTRACT_MISSING_COLUMN");
    expect(existsSync(out)).toBe(false);
    expect(existsSync(exclusions)).toBe(false);
  });

  it("cohort: a usable extract writes the cohort (row errors and warnings do not stop it)", async () => {
    const dir = await fixture((s) =>
      s.replace("A13;AE;2023-05-05;2023-05-10", "A13;AE;2023-05-05;2023-02-30"),
    );
    const out = join(dir, "n1.csv");
    const r = await run(registerCohort, ["cohort", dir, "--analysis", "N1", "--out", out]);
    expect(r.code).toBeUndefined();
    // 13 accounts, A13 excluded by its bad date: 12 → 10 (TI A07 and censored A05 out).
    expect(r.out).toContain("N1: 12 accounts → 10 in the cohort");
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(11);
  });
});
