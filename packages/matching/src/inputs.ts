import {
  type Design,
  deparse,
  type Frame,
  isMissing,
  ParcoursError,
  parseFormula,
} from "@parcours-eval/core";
import { covariateColumns, covariateValues } from "./balance/covariates.js";

/** NaN where any of the named columns is missing, 1 elsewhere (to drop such rows with the design). */
export function requireColumns(frame: Frame, names: readonly string[]): Float64Array {
  const out = new Float64Array(frame.nRows).fill(1);
  for (const name of names) {
    const col = frame.column(name);
    for (let i = 0; i < frame.nRows; i++) if (isMissing(col, i)) out[i] = Number.NaN;
  }
  return out;
}

/** Dense covariates (MatchIt's distance covariates: factor levels all kept, divided by √2). */
export function denseCovariates(design: Design): { x: Float64Array; p: number } {
  const cols = covariateColumns(design);
  const n = design.nRows;
  const p = cols.length;
  const x = new Float64Array(n * p);
  const tmp = new Float64Array(n);
  cols.forEach((c, j) => {
    covariateValues(design, c, tmp);
    const scale = c.factorLevel ? Math.SQRT1_2 : 1;
    for (let i = 0; i < n; i++) x[i * p + j] = tmp[i]! * scale;
  });
  return { x, p };
}

/**
 * When the treatment is a plain column, checks it is 0/1 before any model is fitted, so the user
 * gets the matching error (with the first offending line) rather than the model's.
 */
export function checkTreatmentColumn(frame: Frame, formula: string): void {
  const response = parseFormula(formula).response;
  if (!response) return;
  const name = deparse(response);
  if (!frame.has(name)) return;
  const col = frame.column(name);
  if (col.kind === "categorical" && col.levels.some((l) => l !== "0" && l !== "1")) {
    throw new ParcoursError(
      "MATCH_TREATMENT_NOT_BINARY",
      `treatment "${name}" must be 0 or 1; its values include "${col.levels.find((l) => l !== "0" && l !== "1")}"`,
      {
        column: name,
        hint: "recode the treatment as 1 = treated, 0 = control",
      },
    );
  }
  const t = frame.numeric(name);
  for (let i = 0; i < t.length; i++) {
    const v = t[i]!;
    if (!Number.isNaN(v) && v !== 0 && v !== 1) {
      throw new ParcoursError(
        "MATCH_TREATMENT_NOT_BINARY",
        `treatment "${name}" must be 0 or 1; it is ${v} at row ${i + 1}`,
        {
          column: name,
          line: i + 2,
          value: v,
          hint: "recode the treatment as 1 = treated, 0 = control",
        },
      );
    }
  }
}

/** Treatment vector per design row, checked to be 0/1 with both groups present. */
export function treatmentOf(design: Design, label: string): Uint8Array {
  const y = design.response;
  if (!y) {
    throw new ParcoursError("MATCH_NO_TREATMENT", "the formula has no treatment on the left of ~", {
      hint: 'write "treat ~ x1 + x2"',
    });
  }
  const t = new Uint8Array(y.length);
  let n1 = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1) {
      throw new ParcoursError(
        "MATCH_TREATMENT_NOT_BINARY",
        `treatment "${label}" must be 0 or 1; it is ${v} at row ${design.rowsUsed[i]! + 1}`,
        {
          column: label,
          line: design.rowsUsed[i]! + 2,
          value: v,
          hint: "recode the treatment as 1 = treated, 0 = control",
        },
      );
    }
    t[i] = v;
    n1 += v;
  }
  if (n1 === 0) {
    throw new ParcoursError(
      "MATCH_NO_TREATED",
      `no treated units (${label} = 1) among the ${y.length} rows analysed`,
      {
        column: label,
        hint: "check the treatment column and any filter applied before matching",
      },
    );
  }
  if (n1 === y.length) {
    throw new ParcoursError(
      "MATCH_NO_CONTROL",
      `no control units (${label} = 0) among the ${y.length} rows analysed`,
      {
        column: label,
        hint: "matching needs a comparison group",
      },
    );
  }
  return t;
}

/** 1 on the given rows, NaN elsewhere: restricts a second design to the first one's rows. */
export function keepRows(frame: Frame, rows: Int32Array): Float64Array {
  const out = new Float64Array(frame.nRows).fill(Number.NaN);
  for (const r of rows) out[r] = 1;
  return out;
}
