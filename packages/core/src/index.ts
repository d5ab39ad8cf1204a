export * from "./column.js";
export * from "./errors.js";
export * from "./frame.js";
export * from "./rng.js";
