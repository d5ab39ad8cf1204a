import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateFolder } from "./urssaf-folder.js";

describe("examples/urssaf-folder", () => {
  it("evaluates an extract folder: N1's CI covers the true ATT", async () => {
    const out = await mkdtemp(join(tmpdir(), "urssaf-folder-test-"));
    try {
      const { output, truth } = await evaluateFolder(out, 20_000);
      const written = JSON.parse(await readFile(join(out, "results.json"), "utf8"));
      expect(written.analyses.length).toBe(output.results.analyses.length);
      expect(output.files).toContain("report.html");
      const id = "national.first_declaration.ae";
      const n1 = output.results.analyses.find((a) => a.id === id)!;
      const t = truth.analyses[id]!;
      // The cohort is the truth's population, up to the definition of edge cases (356 vs 357
      // treated accounts at this size, reported to the study's owner).
      expect(Math.abs(n1.nTreated - t.nTreated)).toBeLessThanOrEqual(0.01 * t.nTreated);
      expect(n1.ciLower!).toBeLessThanOrEqual(t.att!);
      expect(n1.ciUpper!).toBeGreaterThanOrEqual(t.att!);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
