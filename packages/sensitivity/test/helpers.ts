import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** Reads a golden JSON written by an R script of fixtures/reference/sensitivity/. */
export function golden<T>(name: string): T {
  return JSON.parse(
    readFileSync(`${root}fixtures/reference/sensitivity/${name}.json`, "utf8"),
  ) as T;
}

/** Relative-or-absolute closeness: |a − b| ≤ tol·max(1, |b|). */
export function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}
