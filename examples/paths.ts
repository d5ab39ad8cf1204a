import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Absolute path of a file under the repository's `fixtures/` folder. */
export function fixture(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/**
 * True when the module at `moduleUrl` is the script being run (`tsx examples/x.ts`), false when
 * it is imported (by its test): examples print only when run.
 */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
