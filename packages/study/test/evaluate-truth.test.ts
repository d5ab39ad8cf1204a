import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type AnalysisResult, evaluate, studySections } from "../src/index.js";
import { languedocSection } from "../src/sections/languedoc.js";
import { nationalMatchingSection } from "../src/sections/national-matching.js";

interface TruthEntry {
  att: number | null;
  nControl: number;
  naiveDifference: number | null;
}

let analyses: AnalysisResult[] = [];
const truth: Record<string, TruthEntry> = {};

// One seeded 100,000-account national run (plus a small regional one), matching sections only.
beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), "pe-truth-"));
  const out = await evaluate({
    out: join(root, "out"),
    seed: 11,
    lang: "en",
    syntheticSizes: { national: 100_000, regional: 40_000 },
    cacheDir: join(root, "cache"),
    sections: [nationalMatchingSection, languedocSection],
  });
  analyses = out.results.analyses;
  const [national, regional] = out.results.data.paths as [string, string];
  for (const path of [national, regional]) {
    const t = JSON.parse(await readFile(`${path}.truth.json`, "utf8")) as {
      analyses: Record<string, TruthEntry>;
    };
    Object.assign(truth, t.analyses);
  }
}, 600_000);

describe("evaluate on synthetic data with known truth", () => {
  it("runs every matching analysis of the default plan", () => {
    expect(studySections.length).toBeGreaterThan(2);
    const ids = analyses.filter((a) => a.design === "matching").map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "national.first_declaration.ae",
        "national.first_payment.all",
        "national.first_payment.ae",
        "national.first_payment.ti",
        "national.acre.under26",
        "national.taxation_office.ae",
        "national.later_contacts.all",
        "lr.outbound.first_declaration.2019",
        "lr.outbound.first_declaration.2022",
        "lr.outbound.acre.under26.2022",
      ]),
    );
  });

  it("covers the true ATT with every matching CI, naive estimate reported beside", () => {
    const matched = analyses.filter(
      (a) => a.design === "matching" && !a.id.endsWith(".study_spec"),
    );
    for (const a of matched) {
      const t = truth[a.id];
      expect(t, a.id).toBeDefined();
      expect(a.estimate, a.id).not.toBeNull();
      // Same population as the generator's → same naive difference. R3's controls are AE never
      // called (domain §6), a narrower pool than the generator's truth uses for its naive figure.
      const analysed = (a.details?.nAnalysed as { control: number } | undefined)?.control;
      if (analysed === t!.nControl)
        expect(a.naiveEstimate, a.id).toBeCloseTo(t!.naiveDifference!, 10);
      else expect(Number.isFinite(a.naiveEstimate), a.id).toBe(true);
      expect(a.ciLower!, `${a.id} lower ${a.ciLower} truth ${t!.att}`).toBeLessThanOrEqual(t!.att!);
      expect(a.ciUpper!, `${a.id} upper ${a.ciUpper} truth ${t!.att}`).toBeGreaterThanOrEqual(
        t!.att!,
      );
    }
  });

  it("would fail with the naive difference in place of the estimator", () => {
    const biased = analyses.filter((a) => {
      const t = truth[a.id];
      return (
        a.design === "matching" &&
        t?.att != null &&
        a.se !== null &&
        Math.abs(a.naiveEstimate! - t.att) > 2.5 * a.se
      );
    });
    expect(biased.map((a) => a.id)).toEqual(
      expect.arrayContaining([
        "national.first_declaration.ae",
        "lr.outbound.first_declaration.2019",
      ]),
    );
  });
});
