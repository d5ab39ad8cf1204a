import { ParcoursError } from "@parcours-eval/core";

/** Unit of an age running variable. */
export type AgeUnit = "years" | "months" | "days";

/**
 * Completed age between two dates given as day numbers (days since 1970-01-01, the core date
 * representation): completed years or months as civil calendars count them, or days. A finer
 * unit gives the RD more mass points (age 30 = 360 completed months). NaN stays NaN.
 */
export function completedAge(
  birth: ArrayLike<number>,
  at: ArrayLike<number>,
  unit: AgeUnit = "months",
): Float64Array {
  if (birth.length !== at.length) {
    throw new ParcoursError(
      "RDD_LENGTH_MISMATCH",
      `birth dates (${birth.length}) and reference dates (${at.length}) differ in length`,
    );
  }
  if (unit !== "years" && unit !== "months" && unit !== "days") {
    throw new ParcoursError("RDD_BAD_OPTION", `option "unit" is ${JSON.stringify(unit)}`, {
      hint: "allowed: years, months, days",
    });
  }
  const out = new Float64Array(birth.length);
  for (let i = 0; i < birth.length; i++) {
    const b = birth[i]!;
    const a = at[i]!;
    if (!Number.isFinite(b) || !Number.isFinite(a)) {
      out[i] = Number.NaN;
      continue;
    }
    if (unit === "days") {
      out[i] = a - b;
      continue;
    }
    const db = new Date(b * 86_400_000);
    const da = new Date(a * 86_400_000);
    let months =
      (da.getUTCFullYear() - db.getUTCFullYear()) * 12 + (da.getUTCMonth() - db.getUTCMonth());
    if (da.getUTCDate() < db.getUTCDate()) months -= 1;
    out[i] = unit === "months" ? months : Math.floor(months / 12);
  }
  return out;
}
