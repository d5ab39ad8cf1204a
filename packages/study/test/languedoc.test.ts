import { describe, expect, it } from "vitest";
import { defaultStudyPlan } from "../src/plan/default-plan.js";
import type { RunContext } from "../src/run/context.js";
import { languedocSection } from "../src/sections/languedoc.js";

describe("Languedoc-Roussillon section without extracts", () => {
  it("reports every analysis as disabled with its reason, none silently skipped", async () => {
    const ctx: RunContext = {
      data: {},
      plan: defaultStudyPlan,
      seed: 1,
      lang: "en",
      progress: () => {},
    };
    const { results, section } = await languedocSection(ctx);
    const byId = new Map(results.map((r) => [r.id, r]));
    for (const id of [
      "lr.threshold30.first_declaration",
      "lr.rdd.first_declaration",
      "lr.rdd.fuzzy.first_declaration",
      "lr.outbound.first_declaration.2019",
    ]) {
      expect(byId.get(id)?.disabled, id).toBe("no regional extract was given");
      expect(byId.get(id)?.estimate, id).toBeNull();
    }
    expect(byId.get("lr.threshold30.first_payment")?.disabled).toBe(
      "no national extract was given",
    );
    expect(results).toHaveLength(
      defaultStudyPlan.matching.filter((m) => m.dataset === "regional").length + 4,
    );
    expect(section.blocks.some((b) => b.kind === "chart")).toBe(false);
  });
});
