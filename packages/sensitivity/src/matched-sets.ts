import { ParcoursError } from "@parcours-eval/core";

/** Per-unit matched data in plain arrays (MatchIt's match.data shape). */
export interface MatchedUnits {
  /** 1 treated, 0 control. */
  treat: ArrayLike<number>;
  /** Outcome (NaN = missing). */
  outcome: ArrayLike<number>;
  /** Matched set (MatchIt `subclass`) of each unit. */
  setId: ArrayLike<number | string>;
  /** Unit identifier: a unit listed in two sets means matching with replacement. */
  unitId?: ArrayLike<number | string>;
}

/** Matched sets ready for the Rosenbaum tests, with counts of what was left out. */
export interface MatchedSets {
  /** Each set's outcomes, treated first, then its controls (set order of first appearance). */
  sets: number[][];
  /** True when every set is a pair. */
  pairs: boolean;
  excluded: {
    /** Units with a missing outcome. */
    missingOutcome: number;
    /** Sets left without a treated unit or without a control (after missing outcomes). */
    incompleteSets: number;
  };
}

/**
 * Groups per-unit matched data into matched sets for {@link mTestBounds} and McNemar. Refuses
 * what the set-based bounds cannot represent: a control reused in several sets (matching with
 * replacement: sets are no longer independent) and sets with several treated units (full
 * matching), each with a ParcoursError saying so.
 */
export function matchedSetsFromUnits(units: MatchedUnits): MatchedSets {
  const n = units.treat.length;
  if (units.outcome.length !== n || units.setId.length !== n) {
    throw new ParcoursError(
      "SENSITIVITY_LENGTH_MISMATCH",
      `treat (${n}), outcome (${units.outcome.length}) and setId (${units.setId.length}) differ in length`,
    );
  }
  if (units.unitId) {
    const seen = new Map<number | string, number | string>();
    for (let i = 0; i < n; i++) {
      const u = units.unitId[i]!;
      const prev = seen.get(u);
      if (prev !== undefined && prev !== units.setId[i]) {
        throw new ParcoursError(
          "SENSITIVITY_REPLACEMENT_UNSUPPORTED",
          `unit ${String(u)} appears in matched sets ${String(prev)} and ${String(units.setId[i])}`,
          {
            hint: "Rosenbaum bounds need disjoint matched sets; match without replacement for the sensitivity analysis (E-values, contamination and MDE do not need it)",
          },
        );
      }
      seen.set(u, units.setId[i]!);
    }
  }
  const bySet = new Map<number | string, { treated: number[]; controls: number[] }>();
  let missingOutcome = 0;
  for (let i = 0; i < n; i++) {
    const id = units.setId[i]!;
    let s = bySet.get(id);
    if (!s) {
      s = { treated: [], controls: [] };
      bySet.set(id, s);
    }
    const y = units.outcome[i]!;
    const t = units.treat[i]!;
    if (t !== 0 && t !== 1) {
      throw new ParcoursError(
        "SENSITIVITY_NOT_BINARY",
        `treat is ${t} for unit ${i + 1}; it must be 0 or 1`,
        { value: t },
      );
    }
    if (!Number.isFinite(y)) {
      missingOutcome++;
      continue;
    }
    (t === 1 ? s.treated : s.controls).push(y);
  }
  const sets: number[][] = [];
  let incompleteSets = 0;
  for (const [id, s] of bySet) {
    if (s.treated.length > 1) {
      throw new ParcoursError(
        "SENSITIVITY_MULTIPLE_TREATED",
        `matched set ${String(id)} holds ${s.treated.length} treated units`,
        {
          hint: "Rosenbaum bounds here take one treated unit per set (pair or 1:k matching); full matching is not supported",
        },
      );
    }
    if (s.treated.length === 0 || s.controls.length === 0) {
      incompleteSets++;
      continue;
    }
    sets.push([s.treated[0]!, ...s.controls]);
  }
  if (sets.length === 0) {
    throw new ParcoursError(
      "SENSITIVITY_NO_SETS",
      "no matched set has both a treated unit and a control with an observed outcome",
    );
  }
  return {
    sets,
    pairs: sets.every((s) => s.length === 2),
    excluded: { missingOutcome, incompleteSets },
  };
}
