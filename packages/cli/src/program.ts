import { Command } from "commander";
import { commandModules } from "./commands/index.js";

/** A subcommand module: adds one command to the program. */
export interface CommandModule {
  /** Adds the subcommand (with its options, `--help` text and action) to `program`. */
  register(program: Command): void;
}

/** Builds the `parcours` program with every subcommand registered. */
export async function buildProgram(): Promise<Command> {
  const program = new Command("parcours")
    .description("Counterfactual impact evaluation of public-service user journeys.")
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander's own help/version exits are not errors.
      if (err.exitCode === 0) process.exit(0);
      process.exit(err.exitCode);
    });
  for (const load of commandModules) {
    const mod: CommandModule = await load();
    mod.register(program);
  }
  return program;
}
