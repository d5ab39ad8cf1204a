import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Frame, readCsv } from "@parcours-eval/core";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** did::mpdta as a frame (500 counties × 2003–2007). */
export function mpdta(): Promise<Frame> {
  return readCsv(`${root}fixtures/data/mpdta.csv`);
}

/** A JSON golden of fixtures/reference/did/. */
export function golden<T>(name: string): T {
  return JSON.parse(readFileSync(`${root}fixtures/reference/did/${name}.json`, "utf8")) as T;
}

/** Largest absolute difference, treating null/NaN pairs as equal and a lone null as infinite. */
export function maxAbsDiff(a: readonly (number | null)[], b: readonly (number | null)[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    const xm = x === null || x === undefined || Number.isNaN(x);
    const ym = y === null || y === undefined || Number.isNaN(y);
    if (xm && ym) continue;
    if (xm || ym) return Number.POSITIVE_INFINITY;
    m = Math.max(m, Math.abs(x! - y!));
  }
  return m;
}

/** Largest relative difference |a/b − 1| (null pairs equal). */
export function maxRelDiff(a: readonly (number | null)[], b: readonly (number | null)[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    const xm = x === null || x === undefined || Number.isNaN(x);
    const ym = y === null || y === undefined || Number.isNaN(y);
    if (xm && ym) continue;
    if (xm || ym) return Number.POSITIVE_INFINITY;
    m = Math.max(m, Math.abs(x! / y! - 1));
  }
  return m;
}
