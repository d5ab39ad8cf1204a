import { mkdir, rename, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { SIMULATE_VERSION, simulateNational, simulateRegional } from "@parcours-eval/simulate";

/** Sizes of the built-in synthetic extracts. */
export interface SyntheticSizes {
  /** National accounts (default 630,000: one year's first-time creators). */
  national: number;
  /** Languedoc-Roussillon accounts (default: the generator's 2017–2023 regional size). */
  regional?: number;
}

/** Where synthetic extracts are cached: `$XDG_CACHE_HOME/parcours-eval` or `~/.cache/parcours-eval`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "parcours-eval");
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * The built-in synthetic national and Languedoc-Roussillon extracts, generated once per seed,
 * size and generator version and cached; later calls return the cached folders. Generation writes
 * into a temporary folder renamed into place, so an interrupted run never leaves a half extract.
 */
export async function syntheticExtracts(
  seed: number,
  sizes: SyntheticSizes,
  options: {
    cacheDir?: string;
    onProgress?: (what: string, done: number, total: number) => void;
  } = {},
): Promise<{ national: string; regional: string }> {
  const root = options.cacheDir ?? cacheRoot();
  const key = `synthetic-v${SIMULATE_VERSION}-seed${seed}-n${sizes.national}-r${sizes.regional ?? "default"}`;
  const dir = join(root, key);
  const national = join(dir, "national");
  const regional = join(dir, "regional");
  if (
    (await exists(join(national, "manifest.json"))) &&
    (await exists(join(regional, "manifest.json")))
  ) {
    return { national, regional };
  }
  await mkdir(root, { recursive: true });
  const tmp = join(root, `.${key}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await simulateNational({
      out: join(tmp, "national"),
      accounts: sizes.national,
      seed,
      onProgress: (done, total) => options.onProgress?.("national", done, total),
    });
    await simulateRegional({
      out: join(tmp, "regional"),
      seed,
      ...(sizes.regional ? { accounts: sizes.regional } : {}),
      onProgress: (done, total) => options.onProgress?.("regional", done, total),
    });
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  return { national, regional };
}
