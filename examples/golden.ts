import { readFileSync } from "node:fs";
import { fixture } from "./paths.js";

/** A JSON golden under `fixtures/reference/` (written by an R script next to it). */
export function golden<T>(relative: string): T {
  return JSON.parse(readFileSync(fixture(`reference/${relative}`), "utf8")) as T;
}
