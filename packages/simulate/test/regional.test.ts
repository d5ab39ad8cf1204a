import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulateRegional } from "../src/index.js";
import { readCsv } from "./helpers.js";
import type { Recomputed } from "./recompute.js";
import { recordedRun } from "./recorded-run.js";

const run = recordedRun("simulate-regional-", (out, onAccount) =>
  simulateRegional({ out, accounts: 20_000, seed: 5, onAccount }),
);

describe("Languedoc-Roussillon extract", () => {
  it("has the regional manifest and files (no payments, outbound contacts)", () => {
    const m = run.files.manifest;
    expect(m.scope).toBe("regional");
    expect(m.urssaf_region).toBe("LANGUEDOC_ROUSSILLON");
    expect(m.payments_usable).toBe(false);
    expect(m.contacts_outbound_available).toBe(true);
    expect(Object.keys(m.files as object).sort()).toEqual([
      "accounts.csv",
      "contacts.csv",
      "declarations.csv",
      "lr_motive_map.csv",
    ]);
    const map = readCsv(join(run.result.dataset, "lr_motive_map.csv"));
    expect(map).toHaveLength(30);
    expect(new Set(map.map((r) => r.motive_category)).size).toBe(6);
    expect(run.files.rows.every((f) => f.account.urssaf_region === "LANGUEDOC_ROUSSILLON")).toBe(
      true,
    );
    expect(run.files.contacts.every((c) => c.contact_date! <= "2023-09-30")).toBe(true);
  });

  it("first declarations and the R2/R3/R4 outbound-call rules match the simulation for 100% of accounts", () => {
    expect(
      run.mismatches(
        (f, r) => f.firstDeclaration === r.firstDeclaration && f.censored === r.censored,
      ),
    ).toEqual([]);
    expect(
      run.mismatches((f, r) => !f.ae || r.censored || f.calledDeclaration === r.called),
    ).toEqual([]);
    expect(
      run.mismatches(
        (f, r) =>
          !f.ae ||
          r.censored ||
          [...f.calledCategories].sort().join() === [...r.callCategories].sort().join(),
      ),
    ).toEqual([]);
    expect(run.mismatches((f, r) => !f.ae || f.calledAcre === r.called)).toEqual([]);
    expect(
      run.mismatches((f, r) => f.acre === r.acre && f.ageAtRegistration === r.ageAtRegistration),
    ).toEqual([]);
  });

  it("declarations carry the terme toléré, and late first ones are late under both due dates", () => {
    const decl = readCsv(join(run.result.dataset, "declarations.csv"));
    expect(decl.filter((d) => !(d.tolerated_due_date! > d.due_date!))).toEqual([]);
    const starts = new Map(run.files.rows.map((f) => [f.id, f.account.activity_start_date!]));
    const firstLate = decl.filter(
      (d) => d.period_start === starts.get(d.account_id!) && d.late_flag === "1",
    );
    expect(firstLate.length).toBeGreaterThan(100);
    expect(firstLate.filter((d) => !(d.declaration_date! > d.tolerated_due_date!))).toEqual([]);
  });

  it("the outbound-call design: call rates fall from 2019 to 2022, effects by motive as configured", () => {
    const a = run.result.truth.analyses;
    const y19 = a["lr.outbound.first_declaration.2019"]!;
    const y22 = a["lr.outbound.first_declaration.2022"]!;
    const rate = (x: typeof y19) => x.nTreated / (x.nTreated + x.nControl);
    expect(rate(y19)).toBeGreaterThan(0.15);
    expect(rate(y22)).toBeLessThan(0.1);
    // Calls with online-account or account-management motives help more than relation-only ones.
    const acl = a["lr.outbound.first_declaration.ASSISTANCE_COMPTE_EN_LIGNE.2019"]!;
    const ru = a["lr.outbound.first_declaration.RELATION_USAGERS.2019"]!;
    expect(acl.att!).toBeGreaterThan(ru.att!);
    expect(acl.nTreated).toBeLessThan(ru.nTreated);
    // Recompute the naive difference of one motive analysis from the run.files.
    const pop = run.files.rows.filter(
      (f) => f.ae && !f.censored && f.account.registration_date!.startsWith("2019"),
    );
    const treated = pop.filter((f) => f.calledCategories.has("ASSISTANCE_COMPTE_EN_LIGNE"));
    const never = pop.filter((f) => !f.calledDeclaration);
    const on = (xs: Recomputed[]) =>
      xs.filter((f) => f.firstDeclaration === "ON_TIME").length / xs.length;
    expect(acl.nTreated).toBe(treated.length);
    expect(acl.nControl).toBe(never.length);
    expect(acl.naiveDifference).toBeCloseTo(on(treated) - on(never), 12);
    expect(a["lr.outbound.acre.under26.2022"]!.att!).toBeGreaterThan(0);
  });

  it("the age-30 threshold: eligible 28–29 are called far more than 30–31 in 2018–2019", () => {
    const t = run.result.truth.analyses["lr.threshold30.first_declaration"]!;
    const design = t.design as { callRateEligible: number; callRateIneligible: number };
    expect(design.callRateEligible).toBeGreaterThan(0.3);
    expect(design.callRateIneligible).toBeLessThan(0.1);
    const pop = run.files.rows.filter(
      (f) => f.ae && !f.censored && /^(2018|2019)/.test(f.account.registration_date!),
    );
    const a = pop.filter((f) => f.ageAtRegistration === 28 || f.ageAtRegistration === 29);
    const b = pop.filter((f) => f.ageAtRegistration === 30 || f.ageAtRegistration === 31);
    const on = (xs: Recomputed[]) =>
      xs.filter((f) => f.firstDeclaration === "ON_TIME").length / xs.length;
    expect(t.nTreated).toBe(a.length);
    expect(t.nControl).toBe(b.length);
    expect(t.naiveDifference).toBeCloseTo(on(a) - on(b), 12);
  });

  it("writes the truth beside, not inside, the dataset folder", () => {
    expect(run.result.truthPath).toBe(`${run.result.dataset}.truth.json`);
    const truth = JSON.parse(readFileSync(run.result.truthPath, "utf8"));
    expect(truth.scope).toBe("regional");
    expect(truth.counts.accounts).toBe(20_000);
    expect(truth.parameters.seed).toBe(5);
  });
});
