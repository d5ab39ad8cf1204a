import { chmod, mkdtemp, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Builds an output folder atomically: `build` writes into a fresh temporary folder beside `target`
 * (same filesystem, so the final rename is atomic); only when it resolves is the folder moved into
 * place, replacing any earlier output. If `build` throws, the temporary folder is removed and an
 * earlier output at `target` is left untouched.
 */
export async function writeDirAtomically(
  target: string,
  build: (tmpDir: string) => Promise<void>,
): Promise<void> {
  const parent = dirname(target);
  const tmp = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
  try {
    await build(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  // mkdtemp creates 0700 folders; the output is an ordinary folder.
  await chmod(tmp, 0o755);
  const previous = await stat(target).then(
    () => true,
    () => false,
  );
  if (!previous) {
    await rename(tmp, target);
    return;
  }
  const old = `${tmp}.old`;
  await rename(target, old);
  try {
    await rename(tmp, target);
  } catch (error) {
    await rename(old, target);
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}
