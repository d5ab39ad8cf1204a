export * from "./column.js";
export { type DesignOptions, designFromSpec, designMatrix } from "./design/build.js";
export type { CellLayout } from "./design/cells.js";
export { Design, type DesignSpec } from "./design/design.js";
export type { SlotSource } from "./design/slots.js";
export * from "./errors.js";
export { deparse, type Expr } from "./formula/ast.js";
export { type Formula, formatFormula, parseFormula, rNumberText } from "./formula/parse.js";
export { expandTerms, type ModelTerm, type ModelTerms } from "./formula/terms.js";
export * from "./frame.js";
export { type ReadCsvOptions, readCsv, readCsvString } from "./io/csv.js";
export { frameFromDuckDB } from "./io/duckdb.js";
export { ALIAS_TOLERANCE, type PivotedCholesky, pivotedCholesky } from "./linalg/cholesky.js";
export { type Family, type FamilyName, type LinkName, makeFamily } from "./models/family.js";
export type { CoefficientRow, LinearFit, VcovSpec } from "./models/fit.js";
export { type FitInternals, internalsOf as fitInternals } from "./models/fit.js";
export { type GlmFit, type GlmOptions, glm } from "./models/glm.js";
export { type LmFit, type LmOptions, lm } from "./models/lm.js";
export { type PredictOptions, predict } from "./models/predict.js";
export { coefficientTable, describeVcov, vcov } from "./models/vcov.js";
export * from "./rng.js";
export {
  type BootstrapOptions,
  type BootstrapResult,
  bootstrap,
  quantileSorted,
} from "./stats/bootstrap.js";
export * from "./stats/distributions.js";
export { type TwoProportionResult, twoProportionTest } from "./stats/two-proportions.js";
