import { ParcoursError } from "@parcours-eval/core";

/** Checks a Γ grid: finite numbers ≥ 1. Returns a sorted copy. */
export function checkGammas(gammas: readonly number[], option = "gammas"): number[] {
  if (gammas.length === 0) {
    throw new ParcoursError("SENSITIVITY_INVALID_OPTION", `option "${option}" is empty`, {
      hint: "give at least one Γ ≥ 1, e.g. [1, 1.5, 2, 3]",
    });
  }
  for (const g of gammas) {
    if (!Number.isFinite(g) || g < 1) {
      throw new ParcoursError(
        "SENSITIVITY_INVALID_OPTION",
        `option "${option}" holds ${g}; every Γ must be a finite number ≥ 1`,
        { value: g, hint: "Γ = 1 is no hidden bias; Γ = 2 doubles the odds of treatment" },
      );
    }
  }
  return [...gammas].sort((a, b) => a - b);
}

/** Checks a probability-like option strictly inside (0, 1). */
export function checkUnitInterval(value: number, option: string): number {
  if (!Number.isFinite(value) || value <= 0 || value >= 1) {
    throw new ParcoursError(
      "SENSITIVITY_INVALID_OPTION",
      `option "${option}" is ${value}; it must lie strictly between 0 and 1`,
      { value },
    );
  }
  return value;
}

/** Checks a positive finite number. */
export function checkPositive(value: number, option: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ParcoursError(
      "SENSITIVITY_INVALID_OPTION",
      `option "${option}" is ${value}; it must be a positive finite number`,
      { value },
    );
  }
  return value;
}

/** Checks one of a fixed set of string values. */
export function checkChoice<T extends string>(value: T, option: string, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new ParcoursError(
      "SENSITIVITY_INVALID_OPTION",
      `option "${option}" is "${String(value)}"; allowed: ${allowed.map((a) => `"${a}"`).join(", ")}`,
      { value },
    );
  }
  return value;
}

/** Default Γ grid used when none is given: 1 to 3 by 0.25, then 4, 5, 6. */
export const DEFAULT_GAMMAS: readonly number[] = [
  1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 4, 5, 6,
];
