import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The hand-made basic fixture. */
export const BASIC = fileURLToPath(new URL("../../../fixtures/urssaf/basic", import.meta.url));

/** A copy of the basic fixture with some files replaced (text or bytes). */
export async function variant(
  files: Record<string, string | Buffer | ((old: string) => string)>,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "urssaf-fixture-"));
  await cp(BASIC, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    const next = typeof content === "function" ? content(await readFile(path, "utf8")) : content;
    await writeFile(path, next);
  }
  return dir;
}
