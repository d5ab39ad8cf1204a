import type { CommandModule } from "../program.js";

/**
 * Every subcommand, loaded lazily so `parcours --help` stays fast.
 * One line per command file; keep alphabetical.
 */
export const commandModules: ReadonlyArray<() => Promise<CommandModule>> = [
  () => import("./cluster.js"),
  () => import("./cohort.js"),
  () => import("./did.js"),
  () => import("./evaluate.js"),
  () => import("./match.js"),
  () => import("./rdd.js"),
  () => import("./regress.js"),
  () => import("./simulate.js"),
  () => import("./validate.js"),
];
