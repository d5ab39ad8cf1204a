import { ParcoursError } from "@parcours-eval/core";
import type { MatchOptions } from "./types.js";

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): void {
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new ParcoursError(
      "MATCH_BAD_OPTION",
      `${name} must be one of ${allowed.join(", ")}; got ${String(value)}`,
      {
        value,
        hint: `use ${allowed.map((a) => `"${a}"`).join(" or ")}`,
      },
    );
  }
}

/**
 * Checks the options up front, naming the option and the allowed values.
 * @throws ParcoursError MATCH_BAD_OPTION
 */
export function validateOptions(o: MatchOptions): void {
  if (typeof o.formula !== "string" || !o.formula.includes("~")) {
    throw new ParcoursError("MATCH_BAD_OPTION", 'formula must look like "treat ~ x1 + x2"', {
      value: o.formula,
      hint: "put the 0/1 treatment on the left of ~ and the covariates on the right",
    });
  }
  if (typeof o.distance === "string")
    oneOf("distance", o.distance, ["logit", "probit", "mahalanobis"] as const);
  oneOf("link", o.link, ["response", "linear"] as const);
  oneOf("method", o.method, ["nearest", "exact", "subclass"] as const);
  oneOf("mOrder", o.mOrder, ["largest", "smallest", "data", "random"] as const);
  oneOf("discard", o.discard, ["none", "treated", "control", "both"] as const);
  oneOf("na", o.na, ["fail", "drop"] as const);
  oneOf("rng", o.rng, ["parcours", "R"] as const);
  oneOf("balance.sdDenominator", o.balance?.sdDenominator, ["treated", "pooled"] as const);
  oneOf("balance.binary", o.balance?.binary, ["std", "raw"] as const);
  if (o.ratio !== undefined && !(Number.isInteger(o.ratio) && o.ratio >= 1)) {
    throw new ParcoursError(
      "MATCH_BAD_OPTION",
      `ratio must be a whole number ≥ 1; got ${o.ratio}`,
      {
        value: o.ratio,
        hint: "ratio = 1 for pair matching, 2 for 2:1…",
      },
    );
  }
  if (o.caliper !== undefined && !(Number.isFinite(o.caliper) && o.caliper > 0)) {
    throw new ParcoursError(
      "MATCH_BAD_OPTION",
      `caliper must be a positive number; got ${o.caliper}`,
      {
        value: o.caliper,
        hint: "e.g. 0.2 (standard deviations of the distance); leave it out for no caliper",
      },
    );
  }
  if (o.subclasses !== undefined && !(Number.isInteger(o.subclasses) && o.subclasses >= 2)) {
    throw new ParcoursError(
      "MATCH_BAD_OPTION",
      `subclasses must be a whole number ≥ 2; got ${o.subclasses}`,
      {
        value: o.subclasses,
      },
    );
  }
  if (o.distance === "mahalanobis") {
    if (o.mOrder === "largest" || o.mOrder === "smallest") {
      throw new ParcoursError(
        "MATCH_BAD_OPTION",
        `mOrder "${o.mOrder}" needs a propensity score, not Mahalanobis distance`,
        {
          hint: 'use mOrder "data" or "random"',
        },
      );
    }
    if (o.discard !== undefined && o.discard !== "none") {
      throw new ParcoursError(
        "MATCH_BAD_OPTION",
        "discard needs a propensity score, not Mahalanobis distance",
        {
          hint: 'use discard "none", or match on a propensity score with mahvars',
        },
      );
    }
    if (o.caliper !== undefined) {
      throw new ParcoursError(
        "MATCH_BAD_OPTION",
        "a caliper needs a propensity score, not Mahalanobis distance",
        {
          hint: "match on a propensity score with mahvars to use a caliper",
        },
      );
    }
    if (o.method === "subclass") {
      throw new ParcoursError("MATCH_BAD_OPTION", "subclassification needs a propensity score", {
        hint: 'use distance "logit" or "probit"',
      });
    }
  }
}

/** Variable names from `"a + b"` or a list. */
export function variableList(spec: string | readonly string[] | undefined): string[] {
  if (spec === undefined) return [];
  const list = typeof spec === "string" ? spec.replace(/^\s*~/, "").split("+") : [...spec];
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}
