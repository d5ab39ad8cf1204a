export * from "./dissimilarity.js";
export * from "./gower.js";
export * from "./gower-kernel.js";
export * from "./pam.js";
export * from "./partition.js";
export * from "./silhouette.js";
