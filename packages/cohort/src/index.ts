export * from "./build.js";
export * from "./compile.js";
export * from "./frame-from-duckdb.js";
export * from "./spec.js";
export * from "./sql.js";
export * from "./write.js";
