import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCohort, type ExtractHandle, loadExtract } from "../src/index.js";
import { BASIC } from "./helpers.js";

let handle: ExtractHandle;
type Row = Record<string, string | number | boolean | null>;
let units: Map<string, Row>;

beforeAll(async () => {
  ({ handle } = await loadExtract(BASIC));
  const r = await handle.connection.runAndReadAll(
    "SELECT account_id, declaration_periodicity, periodicity_source, first_decl_theoretical_period_end::VARCHAR AS theo_end, first_decl_theoretical_due_date::VARCHAR AS theo_due, first_decl_due_date::VARCHAR AS due, first_decl_status, first_decl_flag_disagrees, first_payment_status, age_at_activity_start::INTEGER AS age, acre, acre_eligible_age, urssaf_region, departement, naf_division FROM units",
  );
  units = new Map(r.getRowObjectsJS().map((x) => [String(x.account_id), x as Row]));
});
afterAll(async () => handle.close());

describe("derived fields on the basic fixture", () => {
  it("computes monthly and quarterly theoretical first due dates (domain §5.1 table)", () => {
    expect(units.get("A01")).toMatchObject({ theo_end: "2023-04-30", theo_due: "2023-05-31" }); // Jan start, monthly
    expect(units.get("A02")).toMatchObject({ theo_end: "2023-06-30", theo_due: "2023-07-31" }); // S5 example
    expect(units.get("A03")).toMatchObject({ theo_end: "2024-03-31", theo_due: "2024-04-30" }); // Nov start, quarterly
    expect(units.get("A04")).toMatchObject({ theo_end: "2024-03-31", theo_due: "2024-04-30" }); // December start
    expect(units.get("A06")).toMatchObject({ theo_end: "2024-02-29", theo_due: "2024-03-31" }); // leap year
  });
  it("shifts a reconstructed due date (non-filer) to the next working day", () => {
    // 2023-09-30 is a Saturday → Monday 2023-10-02.
    expect(units.get("A13")).toMatchObject({
      theo_due: "2023-09-30",
      due: "2023-10-02",
      first_decl_status: "NOT_FILED",
    });
  });
  it("classifies first declarations", () => {
    expect(units.get("A01")!.first_decl_status).toBe("ON_TIME");
    expect(units.get("A02")!.first_decl_status).toBe("ON_TIME"); // filed on the due day
    expect(units.get("A03")!.first_decl_status).toBe("LATE");
    expect(units.get("A04")!.first_decl_status).toBe("NOT_FILED");
    expect(units.get("A05")!.first_decl_status).toBe("CENSORED");
    expect(units.get("A06")).toMatchObject({
      first_decl_status: "LATE",
      first_decl_flag_disagrees: true,
    });
    expect(units.get("A07")!.first_decl_status).toBeNull(); // TI au réel
  });
  it("infers a missing periodicity from the first period", () => {
    expect(units.get("A11")).toMatchObject({
      declaration_periodicity: "T",
      periodicity_source: "INFERRED",
      theo_due: "2023-07-31",
    });
  });
  it("classifies first payments", () => {
    expect(units.get("A01")!.first_payment_status).toBe("CONFORME"); // exact
    expect(units.get("A02")!.first_payment_status).toBe("DEBITEUR"); // short
    expect(units.get("A03")!.first_payment_status).toBe("CREDITEUR"); // over
    expect(units.get("A06")!.first_payment_status).toBe("DEBITEUR"); // late
    expect(units.get("A07")!.first_payment_status).toBe("CONFORME"); // TI au réel DC échéance
    expect(units.get("A11")!.first_payment_status).toBe("DEBITEUR"); // MER + CRT
    expect(units.get("A12")!.first_payment_status).toBe("CONFORME"); // zero-turnover first period skipped
  });
  it("computes ages, ACRE eligibility (25 vs 26), regions and NAF divisions", () => {
    expect(units.get("A09")).toMatchObject({ age: 25, acre: true, acre_eligible_age: true });
    expect(units.get("A10")).toMatchObject({ age: 26, acre: false, acre_eligible_age: false });
    expect(units.get("A04")).toMatchObject({ departement: "01", urssaf_region: "RHONE_ALPES" });
    expect(units.get("A05")).toMatchObject({ departement: "69", urssaf_region: "RHONE_ALPES" });
    expect(units.get("A03")).toMatchObject({ urssaf_region: "CORSE", naf_division: "96" });
  });
});

describe("N1 cohort", () => {
  it("applies the treatment rule with the same-day tie and non-filer branches", async () => {
    const c = await buildCohort(handle, "N1");
    const ids = c.frame.column("account_id");
    const treated = c.frame.numeric("treated");
    const byId = new Map<string, number>();
    if (ids.kind === "categorical")
      for (let i = 0; i < c.frame.nRows; i++) byId.set(ids.levels[ids.codes[i]!]!, treated[i]!);
    expect(byId.get("A01")).toBe(1); // phone before declaration
    expect(byId.get("A02")).toBe(0); // same-day contact: contact < declaration fails
    expect(byId.get("A03")).toBe(0); // contact after the due date
    expect(byId.get("A04")).toBe(0); // email only
    expect(byId.get("A08")).toBe(1); // non-filer, phone within 6 months
    expect(byId.has("A05")).toBe(false); // censored
    expect(byId.has("A07")).toBe(false); // TI
    expect(c.exclusions.find((e) => e.code === "NOT_AE")!.excluded).toBe(1);
    expect(c.exclusions.find((e) => e.code === "CENSORED")!.excluded).toBe(1);
    expect(c.nOutput).toBe(11);
    expect(c.nTreated).toBe(2);
  });
  it("builds N2 over AE and TI with payment exclusions", async () => {
    const c = await buildCohort(handle, "N2");
    expect(c.nOutput).toBe(7); // A01 A02 A03 A06 A07 A11 A12; non-payers have no échéance
    expect(c.exclusions.find((e) => e.code === "NO_DUE")!.excluded).toBe(6);
  });
});

describe("DuckDB memory limit (options.memoryLimit)", () => {
  it("applies the limit to the loader's DuckDB and rejects a malformed one", async () => {
    const { handle: h } = await loadExtract(BASIC, { memoryLimit: "512MB" });
    const r = await h.connection.runAndReadAll("SELECT current_setting('memory_limit') AS m");
    // DuckDB reports it in binary units: 512 MB = 488.2 MiB.
    expect(String(r.getRowsJS()[0]![0])).toBe("488.2 MiB");
    await h.close();
    await expect(loadExtract(BASIC, { memoryLimit: "lots" })).rejects.toMatchObject({
      code: "URSSAF_BAD_OPTION",
    });
  });
});
