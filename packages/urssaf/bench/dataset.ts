import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SIMULATE_VERSION, simulateNational } from "@parcours-eval/simulate";

/**
 * A synthetic national extract of `accounts` accounts (seed 7), generated once with
 * `simulateNational` and cached under the system temp folder (keyed by size, seed and generator
 * version). Generation goes to a temporary folder renamed into place.
 */
export async function benchExtract(accounts: number, seed = 7): Promise<string> {
  const root = join(tmpdir(), "parcours-urssaf-bench");
  const dir = join(root, `national-v${SIMULATE_VERSION}-n${accounts}-seed${seed}`);
  if (existsSync(join(dir, "manifest.json"))) return dir;
  await mkdir(root, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const t = performance.now();
  await simulateNational({
    out: tmp,
    accounts,
    seed,
    onProgress: (done, total) => {
      if (done % 100_000 === 0 || done === total)
        process.stderr.write(`  generating ${done}/${total} accounts\n`);
    },
  });
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  await rm(`${tmp}.truth.json`, { force: true });
  process.stderr.write(`  generated in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  return dir;
}
