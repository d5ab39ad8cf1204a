import { randomUUID } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Writes an output file atomically: a temporary file in the same folder, then a rename, so a
 * reader never sees a half-written `--json` or `--svg` file and a failure leaves the old one.
 */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${randomUUID()}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
