import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ParcoursError } from "@parcours-eval/core";
import { beforeAll, describe, expect, it } from "vitest";
import { type EvaluateOutput, evaluate } from "../src/index.js";

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, "..", "..", "..");
let root = "";
let first: EvaluateOutput;
let second: EvaluateOutput;

const small = (out: string) =>
  evaluate({
    out: join(root, out),
    seed: 5,
    lang: "fr",
    syntheticSizes: { national: 20_000, regional: 12_000 },
    cacheDir: join(root, "cache"),
  });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "pe-eval-"));
  first = await small("a");
  second = await small("b");
}, 600_000);

describe("evaluate outputs", () => {
  it("writes byte-identical results.json and report.html for the same data and seed", async () => {
    for (const f of ["results.json", "report.html"]) {
      const a = await readFile(join(first.out, f));
      const b = await readFile(join(second.out, f));
      expect(a.equals(b), f).toBe(true);
    }
  });

  it("writes every table of the report as CSV and the public fields of each analysis", async () => {
    const tables = (await readdir(join(first.out, "tables"))).sort();
    expect(tables.length).toBeGreaterThan(5);
    expect(
      first.files
        .filter((f) => f.startsWith("tables/"))
        .map((f) => f.slice(7))
        .sort(),
    ).toEqual(tables);
    const json = JSON.parse(await readFile(join(first.out, "results.json"), "utf8"));
    expect(Object.keys(json)).toEqual(["version", "seed", "data", "analyses"]);
    expect(Object.keys(json.data)).toEqual(["paths", "manifests", "validation"]);
    for (const a of json.analyses) {
      for (const k of [
        "id",
        "title",
        "design",
        "population",
        "outcome",
        "estimate",
        "se",
        "ciLower",
        "ciUpper",
        "pValue",
        "naiveEstimate",
        "nTreated",
        "nControl",
        "excluded",
        "warnings",
      ]) {
        expect(a, `${a.id}.${k}`).toHaveProperty(k);
      }
    }
    const ids = json.analyses.map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("renders in a browser with no console error and every chart drawn", async () => {
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`file://${join(first.out, "report.html")}`);
      const charts = await page.$$eval("figure.chart", (figs) =>
        figs.map((f) => ({
          id: f.id,
          svg: f.querySelector("svg") !== null,
          marks: f.querySelectorAll("svg path, svg line, svg circle, svg rect").length,
        })),
      );
      expect(errors).toEqual([]);
      expect(charts.length).toBeGreaterThan(3);
      for (const c of charts) {
        expect(c.svg, c.id).toBe(true);
        expect(c.marks, c.id).toBeGreaterThan(3);
      }
    } finally {
      await browser.close();
    }
  });

  it("stops on a fatal validation error, names file, line and column, and writes nothing", async () => {
    const bad = join(root, "bad");
    await cp(first.results.data.paths[0] as string, bad, { recursive: true });
    // Without the manifest's checksums, the damaged header itself is what validation meets.
    const manifestPath = join(bad, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
    delete manifest.files;
    await writeFile(manifestPath, JSON.stringify(manifest));
    const accounts = join(bad, "accounts.csv");
    const text = await readFile(accounts, "utf8");
    await writeFile(accounts, text.replace("legal_status", "statut_inconnu"));
    const out = join(root, "never");
    const error = await evaluate({ data: [bad], out, seed: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParcoursError);
    const e = error as ParcoursError;
    expect(e.code).toBe("EXTRACT_MISSING_COLUMN");
    expect(e.file).toBe(join(bad, "accounts.csv"));
    expect(e.line).toBe(1);
    expect(e.column).toBe("legal_status");
    await expect(stat(out)).rejects.toThrow();

    const cli = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=source",
        "packages/cli/src/main.ts",
        "evaluate",
        "--data",
        bad,
        "--out",
        out,
      ],
      { cwd: repoRoot },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(
      `EXTRACT_MISSING_COLUMN at ${join(bad, "accounts.csv")}:1:legal_status`,
    );
    await expect(stat(out)).rejects.toThrow();
  }, 120_000);
});
