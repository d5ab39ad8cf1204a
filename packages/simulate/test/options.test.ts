import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ParcoursError } from "@parcours-eval/core";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEFAULT_EFFECTS,
  firstPeriod,
  isoDate,
  laterPeriods,
  lrEligible,
  parseIsoDay,
  resolveEffects,
  simulateNational,
} from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "simulate-opts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ParcoursError);
    return (e as ParcoursError).code;
  }
  return "none";
}

describe("first due dates (urssaf-domain.md §5.1 table)", () => {
  const cases: [string, string, string, string, string][] = [
    ["2023-01-10", "2023-04-30", "2023-05-31", "2023-06-30", "2023-07-31"],
    ["2023-03-06", "2023-06-30", "2023-07-31", "2023-06-30", "2023-07-31"],
    ["2022-04-12", "2022-07-31", "2022-08-31", "2022-09-30", "2022-10-31"],
    ["2023-11-15", "2024-02-29", "2024-03-31", "2024-03-31", "2024-04-30"],
    ["2023-12-20", "2024-03-31", "2024-04-30", "2024-03-31", "2024-04-30"],
  ];
  it.each(cases)("start %s", (start, mEnd, mDue, qEnd, qDue) => {
    const s = parseIsoDay(start);
    const m = firstPeriod(s, false);
    const q = firstPeriod(s, true);
    expect([isoDate(m.end), isoDate(m.due), isoDate(q.end), isoDate(q.due)]).toEqual([
      mEnd,
      mDue,
      qEnd,
      qDue,
    ]);
  });

  it("later periods: months due at the end of the next month, quarters on 30 Apr / 31 Jul / 31 Oct / 31 Jan", () => {
    const s = parseIsoDay("2023-01-10");
    const q = laterPeriods(firstPeriod(s, true), true, parseIsoDay("2024-01-31"));
    expect(q.map((p) => `${isoDate(p.start)}/${isoDate(p.end)}/${isoDate(p.due)}`)).toEqual([
      "2023-07-01/2023-09-30/2023-10-31",
      "2023-10-01/2023-12-31/2024-01-31",
    ]);
    const m = laterPeriods(firstPeriod(s, false), false, parseIsoDay("2023-07-31"));
    expect(m.map((p) => isoDate(p.due))).toEqual(["2023-06-30", "2023-07-31"]);
  });
});

describe("LR eligibility (A6 §46, A9 §99)", () => {
  const d = parseIsoDay;
  it("follows the age-30 rule and its changes", () => {
    expect(lrEligible(d("2018-01-15"), true, 25)).toBe(false);
    expect(lrEligible(d("2018-03-01"), false, 40)).toBe(false);
    expect(lrEligible(d("2018-03-01"), true, 29)).toBe(true);
    expect(lrEligible(d("2019-05-01"), false, 40)).toBe(true);
    expect(lrEligible(d("2019-05-01"), true, 30)).toBe(false);
    expect(lrEligible(d("2019-05-01"), true, 29)).toBe(true);
    expect(lrEligible(d("2022-03-01"), true, 45)).toBe(true);
    expect(lrEligible(d("2023-10-01"), true, 20)).toBe(false);
  });
});

describe("bad options and effects", () => {
  it("names the option", async () => {
    expect(await code(simulateNational({ out: join(dir, "x"), accounts: 0 }))).toBe(
      "SIMULATE_BAD_OPTION",
    );
    expect(
      await code(simulateNational({ out: join(dir, "x"), accounts: 10, format: "xlsx" as "csv" })),
    ).toBe("SIMULATE_BAD_OPTION");
    expect(
      await code(
        simulateNational({ out: join(dir, "x"), accounts: 10, registrationFrom: "2023-02-30" }),
      ),
    ).toBe("SIMULATE_BAD_OPTION");
    expect(
      await code(
        simulateNational({ out: join(dir, "x"), accounts: 10, registrationFrom: "2015-01-01" }),
      ),
    ).toBe("SIMULATE_BAD_OPTION");
    expect(
      await code(
        simulateNational({
          out: join(dir, "x"),
          accounts: 10,
          rollout: { ATLANTIS: "2020-01-01" },
        }),
      ),
    ).toBe("SIMULATE_BAD_OPTION");
  });

  it("refuses to overwrite an existing folder unless asked", async () => {
    mkdirSync(join(dir, "exists"));
    expect(await code(simulateNational({ out: join(dir, "exists"), accounts: 10 }))).toBe(
      "SIMULATE_OUTPUT_EXISTS",
    );
    const r = await simulateNational({ out: join(dir, "exists"), accounts: 10, overwrite: true });
    expect(r.truth.counts.accounts).toBe(10);
  });

  it("effects: merges a subset, rejects unknown keys with a suggestion, reads JSON files", async () => {
    const fx = resolveEffects({ contact: { firstPayment: { TI_REEL: 1.2 } } });
    expect(fx.contact.firstPayment.TI_REEL).toBe(1.2);
    expect(fx.contact.firstPayment.AE).toBe(DEFAULT_EFFECTS.contact.firstPayment.AE);
    expect(DEFAULT_EFFECTS.contact.firstPayment.TI_REEL).toBe(0.8);
    try {
      resolveEffects({ contact: { firstDeclaratoin: 1 } });
      expect.unreachable();
    } catch (e) {
      expect((e as ParcoursError).code).toBe("SIMULATE_BAD_EFFECTS");
      expect((e as ParcoursError).hint).toContain("firstDeclaration");
    }
    expect(() => resolveEffects({ trend: { acre: "big" } })).toThrow(/finite number/);
    const file = join(dir, "fx.json");
    writeFileSync(file, "{ not json");
    expect(await code(simulateNational({ out: join(dir, "y"), accounts: 10, effects: file }))).toBe(
      "SIMULATE_BAD_EFFECTS",
    );
    writeFileSync(
      file,
      JSON.stringify({ contact: { firstDeclaration: 0 }, deployment: { firstDeclaration: 0 } }),
    );
    const r = await simulateNational({ out: join(dir, "z"), accounts: 2_000, effects: file });
    expect(r.truth.parameters.effects.contact.firstDeclaration).toBe(0);
    expect(r.truth.analyses["national.first_declaration.ae"]!.att).toBe(0);
  });
});
