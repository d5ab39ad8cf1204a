import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { buildProgram } from "../src/program.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const data = `${root}fixtures/data/lalonde.csv`;
const formula = "treat ~ age + educ + race + married + nodegree + re74 + re75";

async function parcours(args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await (await buildProgram()).parseAsync(["node", "parcours", ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join("");
}

describe("parcours match --sensitivity", () => {
  it("adds Rosenbaum, E-value, contamination and MDE to the summary and the --json document", async () => {
    const json = join(mkdtempSync(join(tmpdir(), "pe-match-")), "m.json");
    const text = await parcours([
      "match",
      "--data",
      data,
      "--formula",
      formula,
      "--outcome",
      "re78",
      "--sensitivity",
      "--json",
      json,
    ]);
    expect(text).toContain("critical Γ (Rosenbaum, α = 0.05)");
    const doc = JSON.parse(readFileSync(json, "utf8"));
    // lalonde 1:1 nearest without caliper: ATT 894.37 (MatchIt), not significant, so Γ* = 1.
    expect(doc.effect.estimate).toBeCloseTo(894.3675, 3);
    expect(doc.sensitivity.criticalGamma).toBe(1);
    expect(doc.sensitivity.eValueCi).toBe(1);
    expect(doc.sensitivity.eValue).toBeGreaterThan(1);
    expect(doc.sensitivity.contamination.map((c: { share: number }) => c.share)).toEqual([
      0, 0.05, 0.1, 0.15, 0.2, 0.3,
    ]);
    // Shares widen the interval: the corrected limits are the observed ones over (1 − π).
    expect(doc.sensitivity.contamination[4].upper).toBeCloseTo(doc.effect.ciUpper / 0.8, 6);
    expect(doc.mde.nTreated).toBe(185);
    expect(doc.mde.value).toBeCloseTo((1.959963984540054 + 0.8416212335729143) * doc.effect.se, 6);
  });

  it("refuses --sensitivity without an outcome", async () => {
    await expect(
      parcours(["match", "--data", data, "--formula", formula, "--sensitivity"]),
    ).rejects.toThrow(/--sensitivity needs --outcome/);
  });
});
