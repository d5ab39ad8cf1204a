import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Column, categoricalColumn, Frame, numericColumn } from "@parcours-eval/core";

/** Path of a file in fixtures/reference/cluster. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/reference/cluster/${name}`, import.meta.url));
}

/** One `daisy()` case of the golden. */
export interface DaisyGolden {
  type: Record<string, (number | string)[] | number | string> | never[];
  weights: number[];
  lower: (number | null)[];
}

/** One `pam()` summary of the golden (1-based R indices). */
export interface PamGolden {
  k: number;
  medoids: number[];
  objective: [number, number];
  clustering: number[];
  silhouette: {
    object: number[];
    cluster: number[];
    neighbor: number[];
    width: number[];
    clusAvg: number[];
    avg: number;
  };
}

/** Shape of pam-gower.json. */
export interface Golden {
  r: string;
  cluster: string;
  flower: {
    levels: Record<string, string[] | null>;
    daisy: Record<string, DaisyGolden>;
    pam: PamGolden[];
  };
  missing: {
    x: (number | null)[];
    f: (string | null)[];
    o: (string | null)[];
    b: (number | null)[];
    lower: (number | null)[];
  };
  mixed: {
    pam: PamGolden;
    pamFrom1to10: PamGolden;
    probe: { rows: number[]; dist: number[][] };
    sizeLevels: string[];
  };
}

/** The golden JSON written by pam-gower.R. */
export const golden: Golden = JSON.parse(readFileSync(fixture("pam-gower.json"), "utf8"));

/**
 * Reads a simple unquoted CSV (the fixtures written by pam-gower.R): listed columns become
 * categorical with the given levels, the others numeric; empty fields are missing.
 */
export function readFixtureCsv(name: string, levels: Record<string, string[] | null>): Frame {
  const lines = readFileSync(fixture(name), "utf8").trim().split("\n");
  const header = lines[0]!.split(",");
  const cells = lines.slice(1).map((l) => l.split(","));
  const cols: Record<string, Column> = {};
  header.forEach((h, c) => {
    const raw = cells.map((r) => (r[c] === "" || r[c] === "NA" ? null : r[c]!));
    const lv = levels[h];
    cols[h] = lv
      ? categoricalColumn(raw, lv)
      : numericColumn(raw.map((v) => (v === null ? null : Number(v))));
  });
  return new Frame(cols);
}
