#!/usr/bin/env node
import { ParcoursError } from "@parcours-eval/core";
import { buildProgram } from "./program.js";

/** Entry point of the `parcours` command. */
async function main(): Promise<void> {
  const program = await buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof ParcoursError) {
      process.stderr.write(`parcours: ${error.format()}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

await main();
