import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExtractHandle, type Finding, loadExtract } from "../src/index.js";
import { BASIC, variant } from "./helpers.js";

type Row = Record<string, unknown>;
let handle: ExtractHandle;

async function rows(sql: string): Promise<Row[]> {
  return (await handle.connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
}

beforeAll(async () => {
  ({ handle } = await loadExtract(BASIC));
});
afterAll(async () => handle.close());

describe("TO-risk proxy (contract §3.6)", () => {
  it("lists theoretical periods not filed by their due date + 30 days", async () => {
    const r = await rows(
      "SELECT account_id, period_start::VARCHAR AS s, period_end::VARCHAR AS e, missed_due_date::VARCHAR AS due, event_date::VARCHAR AS ev, source FROM to_risk_events WHERE account_id IN ('A03', 'A04', 'A11') ORDER BY 1, 2",
    );
    expect(r).toEqual([
      // Monthly, December start, never filed: the first (long) period, then April; May is not yet due + 30.
      {
        account_id: "A04",
        s: "2023-12-20",
        e: "2024-03-31",
        due: "2024-04-30",
        ev: "2024-05-30",
        source: "RISK_PROXY",
      },
      {
        account_id: "A04",
        s: "2024-04-01",
        e: "2024-04-30",
        due: "2024-05-31",
        ev: "2024-06-30",
        source: "RISK_PROXY",
      },
      // Quarterly: first period filed on time, the next three quarters missing (A03 filed within the lag: none).
      {
        account_id: "A11",
        s: "2023-07-01",
        e: "2023-09-30",
        due: "2023-10-31",
        ev: "2023-11-30",
        source: "RISK_PROXY",
      },
      {
        account_id: "A11",
        s: "2023-10-01",
        e: "2023-12-31",
        due: "2024-01-31",
        ev: "2024-03-01",
        source: "RISK_PROXY",
      },
      {
        account_id: "A11",
        s: "2024-01-01",
        e: "2024-03-31",
        due: "2024-04-30",
        ev: "2024-05-30",
        source: "RISK_PROXY",
      },
    ]);
    // TI au réel: not computable.
    expect(await rows("SELECT * FROM to_risk_events WHERE account_id = 'A07'")).toEqual([]);
  });
});

describe("contact counts by window (contract §7)", () => {
  it("counts contacts and distinct days per window, direction, channel and category", async () => {
    const r = await rows(
      "SELECT account_id, contact_window, channel, contacts, contact_days FROM contact_window_counts WHERE account_id IN ('A01', 'A03') ORDER BY ALL",
    );
    expect(r).toEqual([
      // 2023-03-01: within 90 days of the 2023-01-10 start and before the first due date.
      {
        account_id: "A01",
        contact_window: "FIRST_90_DAYS",
        channel: "PHONE",
        contacts: 1n,
        contact_days: 1n,
      },
      {
        account_id: "A01",
        contact_window: "TO_FIRST_DUE",
        channel: "PHONE",
        contacts: 1n,
        contact_days: 1n,
      },
      // 2024-05-01: after the 2024-04-30 due date.
      {
        account_id: "A03",
        contact_window: "AFTER_FIRST_DUE",
        channel: "PHONE",
        contacts: 1n,
        contact_days: 1n,
      },
    ]);
  });
});

describe("declaration plausibility", () => {
  let findings: Finding[];
  beforeAll(async () => {
    const dir = await variant({
      "declarations.csv": (s) =>
        `${s}A01;2023-04-15;2023-05-15;2023-06-01;100.00;20.00;2023-06-30;0\nA12;2023-05-01;2023-05-31;2023-06-12;250;50.00;2023-06-30;0\nA08;2023-02-01;2023-05-31;2023-06-20;200000.00;42000.00;2023-06-30;1\nA13;2023-05-10;2023-08-31;2023-09-20;180000.00;37800.00;2023-09-30;0\n`,
    });
    const r = await loadExtract(dir);
    findings = r.report.findings;
    await r.handle.close();
  });
  it("warns on overlapping periods, not on a period declared again", () => {
    const f = findings.filter((x) => x.code === "EXTRACT_OVERLAPPING_PERIODS");
    expect(f).toHaveLength(1);
    // Line 10: A01 2023-04-15..05-15 overlaps 2023-01-10..04-30 (and 05-01..05-31 overlaps it).
    expect(f[0]).toMatchObject({ severity: "warn", count: 2, column: "period_start" });
    expect(f[0]!.examples.map((e) => e.line)).toEqual([3, 10]);
    expect(findings.some((x) => x.code === "EXTRACT_DUPLICATE_PERIOD")).toBe(true);
  });
  it("warns on a turnover above the micro ceiling of its year", () => {
    const f = findings.find(
      (x) => x.code === "EXTRACT_IMPLAUSIBLE_AMOUNT" && x.column === "declared_turnover",
    );
    // 200 000 € > 188 700 € (2023); 180 000 € is below it.
    expect(f).toMatchObject({ severity: "warn", count: 1 });
    expect(f!.examples[0]).toMatchObject({ line: 12, value: "200000.00" });
    // A rule, not a form: the message gives the rule and the example no misleading "expected".
    expect(f!.message).toContain("outside its plausible range");
    expect(f!.examples[0]!.expected).toBeUndefined();
  });
});
