import { type Frame, ParcoursError } from "@parcours-eval/core";

/**
 * A column as numbers for keys and grouping: numeric values, date day numbers, or the codes of a
 * categorical column (missing → NaN). Used for unit identifiers and clusters.
 */
export function keyColumn(frame: Frame, name: string): Float64Array {
  const col = frame.column(name);
  if (col.kind === "numeric") return col.values;
  if (col.kind === "date") return col.days;
  const out = new Float64Array(col.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = col.codes[i]! < 0 ? Number.NaN : col.codes[i]!;
  return out;
}

/** A column that must be numeric (numbers, dates, or numeric-looking categorical levels). */
export function numberColumn(frame: Frame, name: string, option: string): Float64Array {
  try {
    return frame.numeric(name);
  } catch (error) {
    if (error instanceof ParcoursError && error.code === "FRAME_NOT_NUMERIC") {
      throw new ParcoursError(
        "DID_NOT_NUMERIC",
        `column "${name}" (option ${option}) must be numeric`,
        {
          column: name,
          hint: error.hint,
        },
      );
    }
    throw error;
  }
}

/** Sorted distinct finite values. */
export function sortedUnique(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
