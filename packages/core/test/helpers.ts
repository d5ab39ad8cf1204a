import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { type Frame, readCsv } from "../src/index.js";

/** Absolute path of a repository file. */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../../${relative}`, import.meta.url));
}

/** Reads a JSON golden under fixtures/reference/core/. */
export function golden<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(repoPath(`fixtures/reference/core/${name}`), "utf8")) as T;
}

/** The lalonde data committed in fixtures/data. */
export function lalonde(): Promise<Frame> {
  return readCsv(repoPath("fixtures/data/lalonde.csv"));
}

/** Asserts |actual − expected| ≤ tol · |expected| element-wise (NaN ↔ null allowed). */
export function expectRelClose(
  actual: ArrayLike<number>,
  expected: readonly (number | null)[],
  tol: number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i]!;
    if (e === null) {
      expect(Number.isNaN(a), `entry ${i}: expected NA, got ${a}`).toBe(true);
      continue;
    }
    const err = Math.abs(a - e) / Math.max(Math.abs(e), 1e-300);
    expect(err, `entry ${i}: ${a} vs ${e} (relative error ${err})`).toBeLessThanOrEqual(tol);
  }
}
