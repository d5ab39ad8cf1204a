import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Row, SeparationExtract } from "./generate.js";

/** The extract's tables, by file name (without `.csv`). */
export const SEPARATION_TABLES = [
  "allocataires",
  "contacts",
  "droits",
  "demandes",
  "cafs",
] as const;

function toCsv(rows: readonly Row[]): string {
  if (rows.length === 0) return "";
  const header = Object.keys(rows[0]!);
  const lines = [header.join(";")];
  for (const row of rows) lines.push(header.map((h) => String(row[h])).join(";"));
  return `${lines.join("\n")}\n`;
}

/**
 * Writes the extract as the caisse would deliver it: one `;`-separated UTF-8 CSV per table, ISO
 * dates, plus `truth.json` (which a real extract does not have). Same extract, same bytes.
 */
export async function writeSeparationExtract(
  dir: string,
  extract: SeparationExtract,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const table of SEPARATION_TABLES) {
    await writeFile(join(dir, `${table}.csv`), toCsv(extract[table]));
  }
  await writeFile(join(dir, "truth.json"), `${JSON.stringify(extract.truth, null, 2)}\n`);
}
