export * from "./descriptives/tabulate.js";
export { writeDirAtomically } from "./output/atomic-dir.js";
export { stableJson } from "./output/stable-json.js";
export type * from "./results.js";
