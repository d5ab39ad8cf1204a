import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSeparationExtract } from "./extract-files.js";
import { generateSeparationExtract } from "./generate.js";
import { runSeparation } from "./main.js";

let dir: string;
let run: Awaited<ReturnType<typeof runSeparation>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "caf-separation-test-"));
  run = await runSeparation(1, dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const covers = (lo: number, hi: number, truth: number) => {
  expect(lo).toBeLessThanOrEqual(truth);
  expect(hi).toBeGreaterThanOrEqual(truth);
};

describe("CAF séparation journey (generic packages only)", () => {
  it("counts every exclusion of the cohort", () => {
    const c = run.evaluation.cohort;
    const byCode = Object.fromEntries(c.exclusions.map((x) => [x.code, x.excluded]));
    expect(byCode.NOT_ENTITLED).toBeGreaterThan(0);
    expect(byCode.CONTROL_LATER_RDV).toBeGreaterThan(0);
    const excluded = c.exclusions.reduce((s, x) => s + x.excluded, 0);
    expect(c.nInput).toBe(40 * 12 * 80);
    expect(c.nOutput).toBe(c.nInput - excluded);
    expect(c.nTreated + c.nControl).toBe(c.nOutput);
  });

  it("matching balances the profile and its CIs cover the planted effects of a rendez-vous", () => {
    const m = run.evaluation.matching;
    for (const row of m.balance) expect(Math.abs(row.after.smd!)).toBeLessThan(0.1);
    covers(m.takeUp.ciLower, m.takeUp.ciUpper, run.truth.attTakeUp); // +12 points
    covers(m.contacts.ciLower, m.contacts.ciUpper, run.truth.attContacts); // −0.5 contacts
    // Not a vacuous check: the intervals are narrow enough to exclude no effect.
    expect(m.takeUp.ciLower).toBeGreaterThan(0);
    expect(m.contacts.ciUpper).toBeLessThan(0);
    // And matching matters: the unadjusted differences fall outside those intervals.
    expect(m.naiveTakeUp).toBeGreaterThan(m.takeUp.ciUpper);
    expect(m.naiveContacts).toBeGreaterThan(m.contacts.ciUpper);
  });

  it("the DiD on deployment dates covers the planted intention-to-treat effects", () => {
    const d = run.evaluation.did;
    expect([d.cafs, d.quarters]).toEqual([40, 12]);
    covers(d.takeUp.ciLower!, d.takeUp.ciUpper!, run.truth.deploymentTakeUp);
    covers(d.contacts.ciLower!, d.contacts.ciUpper!, run.truth.deploymentContacts);
    expect(d.contacts.ciUpper!).toBeLessThan(0);
  });

  it("same seed, same bytes", async () => {
    const again = await mkdtemp(join(tmpdir(), "caf-separation-again-"));
    try {
      await writeSeparationExtract(again, generateSeparationExtract({ seed: 1 }));
      for (const f of ["allocataires.csv", "contacts.csv", "demandes.csv", "truth.json"]) {
        expect(await readFile(join(again, f), "utf8")).toBe(await readFile(join(dir, f), "utf8"));
      }
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });
});
