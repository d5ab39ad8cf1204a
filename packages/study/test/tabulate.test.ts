import { Frame } from "@parcours-eval/core";
import { describe, expect, it } from "vitest";
import { ageBand, frequencyTable, rateBy } from "../src/index.js";

const frame = Frame.fromObjects([
  { region: "Bretagne", onTime: 1, age: 24 },
  { region: "Bretagne", onTime: 0, age: 26 },
  { region: "Corse", onTime: 1, age: 61 },
  { region: null, onTime: null, age: null },
  { region: "Bretagne", onTime: 1, age: 30 },
]);

describe("descriptive tables", () => {
  it("counts every row, missing included", () => {
    expect(frequencyTable(frame, "region")).toEqual([
      { value: "Bretagne", n: 3, share: 0.6 },
      { value: "Corse", n: 1, share: 0.2 },
      { value: "NA", n: 1, share: 0.2 },
    ]);
  });
  it("computes rates on non-missing indicators, with a minimum group size", () => {
    expect(rateBy(frame, "region", "onTime")).toEqual([
      { group: "Bretagne", n: 3, successes: 2, rate: 2 / 3 },
      { group: "Corse", n: 1, successes: 1, rate: 1 },
    ]);
    expect(rateBy(frame, "region", "onTime", 2).map((r) => r.group)).toEqual(["Bretagne"]);
  });
  it("rejects a non-binary indicator", () => {
    expect(() => rateBy(frame, "region", "age")).toThrow(/indicator "age" has value 24 at row 1/);
  });
  it("bands ages like the study's charts", () => {
    expect([24, 25, 26, 29, 30, 59, 60, Number.NaN].map((a) => ageBand(a))).toEqual([
      "< 26",
      "< 26",
      "26–29",
      "26–29",
      "30–39",
      "50–59",
      "60+",
      "NA",
    ]);
  });
});
