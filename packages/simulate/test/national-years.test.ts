import { describe, expect, it } from "vitest";
import { simulateNational } from "../src/index.js";
import { recordedRun } from "./recorded-run.js";

// The default national window (2017 – June 2024, extract 2024-09-30): censored 2024 starters,
// staggered deployments, Midi-Pyrénées. A smaller run keeps the suite fast.
const run = recordedRun("simulate-years-", (out, onAccount) =>
  simulateNational({ out, accounts: 25_000, seed: 99, onAccount }),
);

describe("national extract over 2017–2024", () => {
  it("follows tableau 5 by year and region", () => {
    const c = run.result.truth.counts;
    expect(c.accounts).toBe(25_000);
    expect(c.byRegistrationYear["2017"]).toBeLessThan(c.byRegistrationYear["2023"]! / 20);
    expect(Object.keys(c.byRegion)).toHaveLength(21);
    const first = run.files.manifest.regions_first_year as Record<string, number>;
    expect(first.LANGUEDOC_ROUSSILLON).toBe(2017);
    expect(first.ILE_DE_FRANCE).toBe(2021);
    for (const f of run.files.rows) {
      const y = Number(f.account.registration_date!.slice(0, 4));
      if (y < first[f.account.urssaf_region!]!)
        throw new Error(`${f.id} registered before its region's first year`);
    }
  });

  it("outcomes and treatments recomputed from the files match for 100% of accounts, censored ones included", () => {
    expect(run.files.rows.filter((f) => f.censored).length).toBeGreaterThan(100);
    expect(
      run.mismatches(
        (f, r) => f.censored === r.censored && f.firstDeclaration === r.firstDeclaration,
      ),
    ).toEqual([]);
    expect(
      run.mismatches((f, r) => r.censored || (f.paymentStatus === "CONFORME") === r.conforme),
    ).toEqual([]);
    expect(
      run.mismatches(
        (f, r) => r.censored || (f.paymentStatus !== "NO_DUE") === r.paymentPopulation,
      ),
    ).toEqual([]);
    expect(
      run.mismatches(
        (f, r) => f.acre === r.acre && (!r.followed || f.laterContacts === r.laterContacts),
      ),
    ).toEqual([]);
    expect(
      run.mismatches((f, r) => !r.followed || !f.ae || f.taxationsOffice === r.taxationsOffice),
    ).toEqual([]);
    expect(
      run.mismatches((f, r) => !f.ae || r.censored || f.treatedDeclaration === r.treated),
    ).toEqual([]);
    expect(run.mismatches((f, r) => f.treatedAcre === r.treated)).toEqual([]);
  });

  it("Midi-Pyrénées: before/after overstates the effect; the 2022 placebo removes trend and season", () => {
    for (const k of ["first_declaration", "first_payment", "acre"]) {
      const t = run.result.truth.analyses[`mp.did.${k}`]!;
      const d = t.design as { didWithoutEffect: number; placebo2022Difference: number };
      expect(t.att!).toBeGreaterThan(0);
      // Without any effect, the DiD is pure noise, much smaller than the before/after's own bias.
      expect(Math.abs(d.didWithoutEffect)).toBeLessThan(0.2);
      expect(t.selectionBias).not.toBeNull();
    }
  });

  it("staggered rollout: ATT(g,t) cells by deployment group, effects with the configured signs", () => {
    const a = run.result.truth.analyses;
    const pay = a["staggered.did.first_payment"]!;
    const design = pay.design as {
      attgt: { group: number; time: number; att: number; n: number }[];
      groupOfRegion: Record<string, number>;
    };
    expect(pay.att!).toBeGreaterThan(0);
    expect(design.groupOfRegion.MIDI_PYRENEES).toBe(14); // 2023-S2
    expect(design.groupOfRegion.ILE_DE_FRANCE).toBe(10); // 2021-S2
    expect(design.attgt.every((c) => c.time >= c.group)).toBe(true);
    expect(a["staggered.did.taxation_office"]!.att!).toBeLessThan(0);
    expect(a["staggered.did.contacts"]!.att!).toBeLessThan(0);
  });
});
