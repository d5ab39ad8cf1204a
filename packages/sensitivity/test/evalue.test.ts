import { describe, expect, it } from "vitest";
import { eValueRR, eValues } from "../src/index.js";
import { golden } from "./helpers.js";

interface Example {
  measure: "RR";
  estimate: number;
  lower: number;
  upper: number;
  eValue: number;
  eValueDigits: number;
  eValueCi: number;
  eValueCiDigits: number;
}
const { examples } = golden<{ examples: Example[] }>("evalue-examples");

describe("E-values (VanderWeele & Ding 2017)", () => {
  it.each(examples)("reproduces the published example RR $estimate to printed precision", (ex) => {
    const r = eValues({
      measure: ex.measure,
      estimate: ex.estimate,
      lower: ex.lower,
      upper: ex.upper,
    });
    expect(r.eValue.toFixed(ex.eValueDigits)).toBe(ex.eValue.toFixed(ex.eValueDigits));
    expect(r.eValueCi!.toFixed(ex.eValueCiDigits)).toBe(ex.eValueCi.toFixed(ex.eValueCiDigits));
  });

  it("gives 1 for the CI when it includes the null, and is symmetric in RR ↔ 1/RR", () => {
    expect(eValues({ measure: "RR", estimate: 1.3, lower: 0.9, upper: 1.8 }).eValueCi).toBe(1);
    expect(eValueRR(0.8)).toBeCloseTo(eValueRR(1.25), 14);
    expect(eValueRR(1)).toBe(1);
  });

  it("converts OR and HR by the paper's rules (rare: unchanged; common: √OR, HR formula)", () => {
    expect(eValues({ measure: "OR", estimate: 2, rare: true }).eValue).toBeCloseTo(eValueRR(2), 14);
    expect(eValues({ measure: "OR", estimate: 4 }).rr.estimate).toBeCloseTo(2, 14);
    const hr = eValues({ measure: "HR", estimate: 0.56, lower: 0.46, upper: 0.69 });
    const rr = (1 - 0.5 ** Math.sqrt(0.56)) / (1 - 0.5 ** Math.sqrt(1 / 0.56));
    expect(hr.rr.estimate).toBeCloseTo(rr, 14);
    expect(hr.eValueCi).toBeCloseTo(eValueRR(hr.rr.upper!), 14); // protective: upper limit
  });

  it("converts a risk difference through the treated risk: RR = p1/(p1 − RD)", () => {
    // ATT +5 points on a treated rate of 60%: counterfactual 55%, RR = 60/55.
    const r = eValues({
      measure: "RD",
      estimate: 0.05,
      lower: 0.02,
      upper: 0.08,
      treatedRisk: 0.6,
    });
    expect(r.rr.estimate).toBeCloseTo(0.6 / 0.55, 14);
    expect(r.rr.lower).toBeCloseTo(0.6 / 0.58, 14);
    expect(r.eValue).toBeCloseTo(eValueRR(0.6 / 0.55), 14);
    expect(r.eValueCi).toBeCloseTo(eValueRR(0.6 / 0.58), 14);
    expect(() => eValues({ measure: "RD", estimate: 0.05 })).toThrow(
      expect.objectContaining({ code: "SENSITIVITY_MISSING_OPTION" }),
    );
  });

  it("converts a standardised mean difference as exp(0.91 d) with CI exp(0.91 d ± 1.78 se)", () => {
    const r = eValues({ measure: "SMD", estimate: 0.3, se: 0.1 });
    expect(r.rr.estimate).toBeCloseTo(Math.exp(0.273), 14);
    expect(r.rr.lower).toBeCloseTo(Math.exp(0.273 - 0.178), 14);
    expect(r.eValueCi).toBeCloseTo(eValueRR(Math.exp(0.095)), 14);
  });
});
