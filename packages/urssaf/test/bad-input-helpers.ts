import { rm } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import {
  type ExtractHandle,
  type Finding,
  loadExtract,
  type UrssafOptions,
  type ValidationReport,
} from "../src/index.js";
import { variant } from "./helpers.js";

/** A loaded variant of the basic fixture: its report, its open handle and its folder. */
export interface Loaded {
  report: ValidationReport;
  handle: ExtractHandle;
  dir: string;
}

/**
 * Loads a variant of the basic fixture: `files` replaced or added, `remove` deleted. The handle
 * stays open (close it, or use {@link shared}).
 */
export async function load(
  files: Parameters<typeof variant>[0],
  options: Partial<UrssafOptions> = {},
  remove: readonly string[] = [],
): Promise<Loaded> {
  const dir = await variant(files);
  for (const f of remove) await rm(join(dir, f));
  const { report, handle } = await loadExtract(dir, options);
  return { report, handle, dir };
}

const opened: Loaded[] = [];

/**
 * One load shared by several concurrent tests (loads are the slow part of the suite): the first
 * call starts it, later calls wait for the same one. Close them all with {@link closeShared}.
 */
export function shared(make: () => Promise<Loaded>): () => Promise<Loaded> {
  let p: Promise<Loaded> | undefined;
  return () => {
    p ??= make().then((l) => {
      opened.push(l);
      return l;
    });
    return p;
  };
}

/** Closes every handle opened through {@link shared}. */
export async function closeShared(): Promise<void> {
  for (const l of opened.splice(0)) await l.handle.close();
}

/** Loads, closes the handle and returns the report. */
export async function reportOf(
  files: Parameters<typeof variant>[0],
  options: Partial<UrssafOptions> = {},
  remove: readonly string[] = [],
): Promise<ValidationReport> {
  const l = await load(files, options, remove);
  await l.handle.close();
  return l.report;
}

/** The single finding with this code (and file / column when given); fails on 0 or several. */
export function only(
  fs: readonly Finding[],
  code: string,
  file?: string,
  column?: string,
): Finding {
  const hits = fs.filter(
    (f) =>
      f.code === code &&
      (file === undefined || f.file === file) &&
      (column === undefined || f.column === column),
  );
  expect(
    hits.length,
    `${code} ${file ?? ""}:${column ?? ""} among ${fs.map((f) => `${f.code} ${f.file}:${f.column}`).join("; ")}`,
  ).toBe(1);
  return hits[0]!;
}

/** True when no finding has this code (and file / column when given). */
export function none(
  fs: readonly Finding[],
  code: string,
  file?: string,
  column?: string,
): boolean {
  return !fs.some(
    (f) =>
      f.code === code &&
      (file === undefined || f.file === file) &&
      (column === undefined || f.column === column),
  );
}

/** Rows of a query as plain objects (dates and numbers as JSON values). */
export async function rows(handle: ExtractHandle, sql: string): Promise<Record<string, unknown>[]> {
  return (await handle.connection.runAndReadAll(sql)).getRowObjectsJson() as Record<
    string,
    unknown
  >[];
}

/** Removes columns (by header name) from a `;` CSV text. */
export function dropColumns(text: string, names: readonly string[]): string {
  const lines = text.split("\n");
  const header = lines[0]!.split(";");
  const keep = header.map((h, i) => (names.includes(h) ? -1 : i)).filter((i) => i >= 0);
  return lines
    .map((l) => (l === "" ? l : keep.map((i) => l.split(";")[i] ?? "").join(";")))
    .join("\n");
}

/** Appends a column to a `;` CSV text: `values[i]` goes on data line i (empty when absent). */
export function addColumn(text: string, name: string, values: readonly string[]): string {
  const lines = text.split("\n");
  return lines
    .map((l, i) => (l === "" ? l : `${l};${i === 0 ? name : (values[i - 1] ?? "")}`))
    .join("\n");
}
