import { describe, expect, it } from "vitest";
import { simulateNational } from "../src/index.js";
import { age } from "./helpers.js";
import type { Recomputed } from "./recompute.js";
import { recordedRun } from "./recorded-run.js";

// One seeded 50 000-account national run, all registered in 2023 (the study's year), so the
// calibration targets of annex 9 can be checked with tight tolerances.
const run = recordedRun("simulate-national-", (out, onAccount) =>
  simulateNational({
    out,
    accounts: 50_000,
    seed: 2023,
    registrationFrom: "2023-01-01",
    registrationTo: "2023-12-31",
    onAccount,
  }),
);

const share = (xs: readonly unknown[], f: (x: never) => boolean) =>
  xs.filter((x) => f(x as never)).length / xs.length;
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe("the written files imply the simulated outcomes (independent recomputation)", () => {
  it("covers every account", () => {
    expect(run.files.rows).toHaveLength(50_000);
    expect(run.records.size).toBe(50_000);
  });

  it("first declaration status, censoring and follow-up: 100% of accounts", () => {
    expect(
      run.mismatches((f, r) => f.censored === r.censored && f.followed === r.followed),
    ).toEqual([]);
    expect(run.mismatches((f, r) => f.firstDeclaration === r.firstDeclaration)).toEqual([]);
  });

  it("first payment (conforme vs not, and who is in the population): 100% of accounts", () => {
    expect(
      run.mismatches(
        (f, r) => r.censored || (f.paymentStatus !== "NO_DUE") === r.paymentPopulation,
      ),
    ).toEqual([]);
    expect(
      run.mismatches((f, r) => r.censored || (f.paymentStatus === "CONFORME") === r.conforme),
    ).toEqual([]);
    const statuses = new Set(run.files.rows.map((f) => f.paymentStatus));
    expect([...statuses].sort()).toEqual(["CONFORME", "CREDITEUR", "DEBITEUR", "NO_DUE"]);
  });

  it("ACRE, taxations d'office and later contacts: 100% of accounts", () => {
    expect(run.mismatches((f, r) => f.acre === r.acre && f.under26 === r.under26)).toEqual([]);
    expect(run.mismatches((f, r) => !r.followed || f.laterContacts === r.laterContacts)).toEqual(
      [],
    );
    expect(
      run.mismatches((f, r) => !r.followed || !f.ae || f.taxationsOffice === r.taxationsOffice),
    ).toEqual([]);
    // Non-trivial: some accounts do have events.
    expect(run.files.rows.filter((f) => f.taxationsOffice > 0).length).toBeGreaterThan(1000);
    expect(run.files.rows.filter((f) => f.laterContacts > 0).length).toBeGreaterThan(1000);
  });

  it("the N1, N2 and N3 treatment rules give the simulated treatment: 100% of accounts", () => {
    expect(
      run.mismatches((f, r) => !f.ae || r.censored || f.treatedDeclaration === r.treated),
    ).toEqual([]);
    expect(
      run.mismatches((f, r) => !r.paymentPopulation || f.treatedPayment === r.treated),
    ).toEqual([]);
    expect(run.mismatches((f, r) => f.treatedAcre === r.treated)).toEqual([]);
  });

  it("the truth's naive differences equal those recomputed from the files", () => {
    const pop = run.files.rows.filter((f) => f.ae && !f.censored);
    const t = pop.filter((f) => f.treatedDeclaration);
    const c = pop.filter((f) => !f.treatedDeclaration);
    const on = (xs: Recomputed[]) => share(xs, (f: Recomputed) => f.firstDeclaration === "ON_TIME");
    const truth = run.result.truth.analyses["national.first_declaration.ae"]!;
    expect(truth.nTreated).toBe(t.length);
    expect(truth.nControl).toBe(c.length);
    expect(truth.naiveDifference).toBeCloseTo(on(t) - on(c), 12);
  });
});

describe("calibration to annex 9 (2023 national cohort)", () => {
  const acc = () => run.files.rows.map((f) => f.account);
  const ae = () => run.files.rows.filter((f) => f.ae);
  const ti = () => run.files.rows.filter((f) => !f.ae);

  it("status, sex and age (A9 §37, §40, §42)", () => {
    expect(
      Math.abs(share(acc(), (a: Record<string, string>) => a.legal_status === "AE") - 0.871),
    ).toBeLessThan(0.01);
    expect(Math.abs(share(ae(), (f: Recomputed) => f.account.sex === "F") - 0.43)).toBeLessThan(
      0.015,
    );
    expect(Math.abs(share(ti(), (f: Recomputed) => f.account.sex === "F") - 0.375)).toBeLessThan(
      0.025,
    );
    expect(
      Math.abs(share(acc(), (a: Record<string, string>) => a.sex === "F") - 0.42),
    ).toBeLessThan(0.015);
    const ageOf = (f: Recomputed) => age(f.account.birth_date!, f.account.activity_start_date!);
    expect(Math.abs(mean(ae().map(ageOf)) - 34.4)).toBeLessThan(0.6);
    expect(Math.abs(mean(ti().map(ageOf)) - 37.1)).toBeLessThan(0.8);
    const under25 = (xs: Recomputed[]) => share(xs, (f: Recomputed) => ageOf(f) < 25);
    expect(under25(ae())).toBeGreaterThan(0.25);
    expect(Math.abs(under25(ae()) - 0.272)).toBeLessThan(0.02);
    expect(Math.abs(under25(ti()) - 0.117)).toBeLessThan(0.03);
  });

  it("NAF codes (A9 §41): 5320Z ≈ 9% of AE, 7022Z and 9609Z ≈ 7%, 6910Z ≈ 5% of TI", () => {
    const naf = (xs: Recomputed[], code: string) =>
      share(xs, (f: Recomputed) => f.account.ape_code === code);
    expect(Math.abs(naf(ae(), "5320Z") - 0.09)).toBeLessThan(0.015);
    expect(Math.abs(naf(ae(), "7022Z") - 0.07)).toBeLessThan(0.015);
    expect(Math.abs(naf(ae(), "9609Z") - 0.07)).toBeLessThan(0.015);
    expect(Math.abs(naf(ti(), "6910Z") - 0.05)).toBeLessThan(0.015);
    const resto = share(ti(), (f: Recomputed) =>
      ["5610A", "5610C", "5630Z"].includes(f.account.ape_code!),
    );
    expect(Math.abs(resto - 0.07)).toBeLessThan(0.02);
    for (const f of run.files.rows) expect(f.account.ape_code).toMatch(/^[0-9]{4}[A-Z]$/);
  });

  it("regions (A9 §38–39): IdF 27%, IdF + RA + PACA 48%, TI share highest in Bretagne", () => {
    const reg = (code: string) =>
      share(acc(), (a: Record<string, string>) => a.urssaf_region === code);
    expect(Math.abs(reg("ILE_DE_FRANCE") - 0.27)).toBeLessThan(0.01);
    expect(Math.abs(reg("ILE_DE_FRANCE") + reg("RHONE_ALPES") + reg("PACA") - 0.48)).toBeLessThan(
      0.015,
    );
    const tiShare = (code: string) => {
      const xs = run.files.rows.filter((f) => f.account.urssaf_region === code);
      return share(xs, (f: Recomputed) => !f.ae);
    };
    expect(Math.abs(tiShare("BRETAGNE") - 0.203)).toBeLessThan(0.035);
    expect(Math.abs(tiShare("ILE_DE_FRANCE") - 0.1)).toBeLessThan(0.015);
    expect(new Set(acc().map((a) => a.declaration_periodicity))).toEqual(new Set(["M", "T", ""]));
  });

  it("inbound contacts (T9.6–T9.7): about 18.6% contact in 2023, 89% by phone", () => {
    const in2023 = run.files.contacts.filter(
      (c) => c.direction === "IN" && c.contact_date! <= "2023-12-31",
    );
    const who = new Set(in2023.map((c) => c.account_id));
    const contactShare = (xs: Recomputed[]) => share(xs, (f: Recomputed) => who.has(f.id));
    expect(Math.abs(contactShare(run.files.rows) - 0.186)).toBeLessThan(0.02);
    expect(Math.abs(contactShare(ae()) - 0.16)).toBeLessThan(0.025);
    expect(Math.abs(contactShare(ti()) - 0.35)).toBeLessThan(0.05);
    const phone = share(in2023, (c: Record<string, string>) => c.channel === "PHONE");
    expect(Math.abs(phone - 0.893)).toBeLessThan(0.02);
    expect(run.files.contacts.every((c) => c.direction === "IN")).toBe(true);
  });

  it("indicator levels (A9 §52–60): on time 73.7%, conforme 62.6% (AE 71%, TI 33%), ACRE < 26 AE 31.2%, TI 80%", () => {
    const declPop = ae().filter((f) => !f.censored);
    expect(
      Math.abs(share(declPop, (f: Recomputed) => f.firstDeclaration === "ON_TIME") - 0.737),
    ).toBeLessThan(0.012);
    expect(share(declPop, (f: Recomputed) => f.firstDeclaration !== "NOT_FILED")).toBeGreaterThan(
      0.83,
    );
    const payPop = (xs: Recomputed[]) =>
      xs.filter((f) => f.paymentStatus !== "NO_DUE" && f.paymentStatus !== "CENSORED");
    const conf = (xs: Recomputed[]) =>
      share(payPop(xs), (f: Recomputed) => f.paymentStatus === "CONFORME");
    expect(Math.abs(conf(run.files.rows) - 0.626)).toBeLessThan(0.02);
    expect(Math.abs(conf(ae()) - 0.71)).toBeLessThan(0.015);
    expect(Math.abs(conf(ti()) - 0.33)).toBeLessThan(0.03);
    const acre = (xs: Recomputed[]) =>
      share(
        xs.filter((f) => f.under26),
        (f: Recomputed) => f.acre,
      );
    expect(Math.abs(acre(ae()) - 0.312)).toBeLessThan(0.02);
    expect(Math.abs(acre(ti()) - 0.8)).toBeLessThan(0.05);
    // The report's 37.7% overall is not consistent with its AE/TI split; ours follows the split.
    expect(acre(run.files.rows)).toBeGreaterThan(0.31);
    expect(acre(run.files.rows)).toBeLessThan(0.4);
  });

  it("gradients of graphiques 7–13", () => {
    const declPop = ae().filter((f) => !f.censored);
    const late = (xs: Recomputed[]) =>
      share(xs, (f: Recomputed) => f.firstDeclaration !== "ON_TIME");
    const national = late(declPop);
    const inRegion = (xs: Recomputed[], code: string) =>
      xs.filter((f) => f.account.urssaf_region === code);
    expect(late(inRegion(declPop, "ILE_DE_FRANCE"))).toBeGreaterThan(national + 0.04);
    expect(late(inRegion(declPop, "CHAMPAGNE_ARDENNE"))).toBeGreaterThan(national + 0.03);
    expect(late(inRegion(declPop, "BRETAGNE"))).toBeLessThan(national - 0.07);
    expect(late(declPop.filter((f) => f.account.ape_code === "5320Z"))).toBeGreaterThan(0.47);
    const band = (lo: number, hi: number) =>
      late(
        declPop.filter((f) => {
          const a = age(f.account.birth_date!, f.account.activity_start_date!);
          return a >= lo && a <= hi;
        }),
      );
    expect(band(18, 25)).toBeGreaterThan(band(26, 35));
    expect(band(26, 35)).toBeGreaterThan(band(36, 50));
    const payPop = run.files.rows.filter(
      (f) => f.paymentStatus !== "NO_DUE" && f.paymentStatus !== "CENSORED",
    );
    const conf = (xs: Recomputed[]) => share(xs, (f: Recomputed) => f.paymentStatus === "CONFORME");
    expect(conf(inRegion(payPop, "ALSACE"))).toBeLessThan(conf(payPop) - 0.03);
    expect(conf(inRegion(payPop, "ILE_DE_FRANCE"))).toBeLessThan(conf(payPop) - 0.03);
    const young = run.files.rows.filter((f) => f.under26);
    const acre = (xs: Recomputed[]) => share(xs, (f: Recomputed) => f.acre);
    expect(acre(inRegion(young, "ILE_DE_FRANCE"))).toBeLessThan(acre(young) - 0.03);
    expect(acre(young.filter((f) => f.ae && f.account.ape_code === "5320Z"))).toBeLessThan(0.27);
  });

  it("confounding: naive differences overstate the true ATTs, which are positive", () => {
    const a = run.result.truth.analyses;
    const n1 = a["national.first_declaration.ae"]!;
    expect(n1.att!).toBeGreaterThan(0.02);
    expect(n1.naiveDifference! - n1.att!).toBeGreaterThan(0.02);
    expect(n1.selectionBias!).toBeGreaterThan(0.02);
    // Heterogeneity: the payment effect is much larger for TI au réel.
    expect(a["national.first_payment.ti"]!.att!).toBeGreaterThan(
      3 * a["national.first_payment.ae"]!.att!,
    );
    expect(a["national.later_contacts.all"]!.att!).toBeLessThan(0);
    expect(a["national.taxation_office.ae"]!.att!).toBeLessThan(0);
    expect(a["national.acre.under26"]!.att!).toBeGreaterThan(0.1);
  });
});
