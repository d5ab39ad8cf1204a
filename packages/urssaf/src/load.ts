import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { literal } from "@parcours-eval/cohort";
import { ParcoursError } from "@parcours-eval/core";
import { type ExtractFileName, FILE_ORDER, REQUIRED_FILES } from "./contract.js";
import { departementRows } from "./departements.js";
import { deriveUnits } from "./derive.js";
import { distinctValueList, distinctValuesText, type Finding, FindingList } from "./findings.js";
import { monthEndShifts } from "./holidays.js";
import {
  buildAccountIndex,
  checkAccountDuplicates,
  checkDependentFile,
  cleanFile,
} from "./integrity.js";
import { fileSummaries, issueFindings } from "./issue-report.js";
import { type Manifest, readManifest } from "./manifest.js";
import { DEFAULT_OPTIONS, type UrssafOptions } from "./options.js";
import { type RawFile, readRawFile } from "./read-file.js";
import type { ValidationReport } from "./report.js";
import { applyRules, type RuleContext, rulesFor } from "./rules.js";
import { scalar } from "./sql-read.js";
import { buildTyped, createIssueTables } from "./typed.js";

/** An open, validated extract: a DuckDB connection holding the clean tables and `units`. */
export interface ExtractHandle {
  /** The dataset folder. */
  dir: string;
  /** The manifest (undefined when it was unusable). */
  manifest: Manifest | undefined;
  /** Options in force. */
  options: UrssafOptions;
  /** The DuckDB connection (tables: accounts, declarations…, units; views contact_events, to_events). */
  connection: DuckDBConnection;
  /** Files present and loaded. */
  files: ReadonlySet<ExtractFileName>;
  /** The validation report. */
  report: ValidationReport;
  /** Closes DuckDB and removes temporary files. */
  close(): Promise<void>;
}

/** Finds `<name>.csv` / `.parquet` (any case) in the folder listing. */
function findFile(listing: readonly string[], name: string): string | undefined {
  return listing.find((f) => {
    const l = f.toLowerCase();
    return l === `${name}.csv` || l === `${name}.parquet` || l === `${name}.txt`;
  });
}

/**
 * Loads and validates one extract folder (manifest + CSV or Parquet files) on embedded DuckDB.
 * Never throws for bad data: every problem is a finding of the report. When a fatal finding
 * occurs, `report.usable` is false and no derived table is built.
 */
export async function loadExtract(
  dir: string,
  options: Partial<UrssafOptions> = {},
): Promise<{ report: ValidationReport; handle: ExtractHandle }> {
  const opts: UrssafOptions = { ...DEFAULT_OPTIONS, ...options };
  if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(opts.memoryLimit))
    throw new ParcoursError(
      "URSSAF_BAD_OPTION",
      `memoryLimit "${opts.memoryLimit}" is not an amount of memory`,
      { hint: 'write it like "1GB", "512MB" or "2GiB"' },
    );
  const findings = new FindingList();
  const tmp = await mkdtemp(join(tmpdir(), "parcours-urssaf-"));
  const instance = await DuckDBInstance.create(":memory:", {
    temp_directory: join(tmp, "duckdb"),
    preserve_insertion_order: "true",
    memory_limit: opts.memoryLimit,
  });
  const conn = await instance.connect();
  const close = async (): Promise<void> => {
    conn.closeSync();
    instance.closeSync();
    await rm(tmp, { recursive: true, force: true });
  };
  let listing: string[] = [];
  try {
    listing = await readdir(dir);
  } catch {
    findings.add({
      code: "EXTRACT_MISSING_FILE",
      file: dir,
      message: `dataset folder ${dir} cannot be read`,
    });
  }
  let manifest: Manifest | undefined;
  if (!listing.includes("manifest.json")) {
    if (listing.length)
      findings.add({
        code: "EXTRACT_MISSING_FILE",
        file: "manifest.json",
        message: "manifest.json is missing",
      });
  } else manifest = await readManifest(join(dir, "manifest.json"), findings);
  const scope = manifest?.scope ?? "national";
  await createIssueTables(conn);
  const raws = new Map<ExtractFileName, RawFile>();
  const present = new Set<ExtractFileName>();
  for (const name of FILE_ORDER) {
    const f = findFile(listing, name);
    const required = REQUIRED_FILES.includes(name);
    if (f === undefined) {
      if (listing.length)
        findings.add(
          required
            ? {
                code: "EXTRACT_MISSING_FILE",
                file: `${name}.csv`,
                message: `required file ${name}.csv is missing`,
              }
            : {
                code: "EXTRACT_OPTIONAL_FILE_MISSING",
                file: `${name}.csv`,
                message: `optional file ${name}.csv is absent`,
              },
        );
      continue;
    }
    const source = await readRawFile(conn, name, join(dir, f), findings, {
      scope,
      tmpDir: tmp,
      required,
      ...(manifest?.files?.[f] ? { expect: manifest.files[f] } : {}),
    });
    if (!source) continue;
    const raw = await buildTyped(
      conn,
      source,
      {
        separator: source.separator,
        scope,
        twoDigitYearPivot: opts.twoDigitYearPivot,
        acceptExcelSerialDates: opts.acceptExcelSerialDates,
      },
      findings,
    );
    raws.set(name, raw);
    present.add(name);
  }
  const fatalIssues = await scalar(conn, "SELECT count(*) FROM __issues WHERE severity = 'fatal'");
  let usable =
    manifest !== undefined && present.has("accounts") && !findings.fatal && fatalIssues === 0;
  if (usable && manifest) {
    await conn.run("CREATE TABLE __dept_region (departement VARCHAR, urssaf_region VARCHAR)");
    await conn.run(
      `INSERT INTO __dept_region VALUES ${departementRows()
        .map(([d, r]) => `(${literal(d)}, ${literal(r)})`)
        .join(", ")}`,
    );
    await conn.run("CREATE TABLE __workday (d DATE, shifted DATE)");
    await conn.run(
      `INSERT INTO __workday VALUES ${monthEndShifts(2000, 2045)
        .map(([a, b]) => `(DATE '1970-01-01' + ${a}, DATE '1970-01-01' + ${b})`)
        .join(", ")}`,
    );
    const ruleCtx: RuleContext = {
      extractDate: manifest.extract_date,
      registrationFrom: manifest.registration_from,
      registrationTo: manifest.registration_to,
      scope,
      outboundAvailable: manifest.contacts_outbound_available,
      signConvention: manifest.amount_sign_convention,
      turnoverCeilings: opts.turnoverCeilings,
    };
    await checkAccountDuplicates(conn);
    await applyRules(conn, "accounts", rulesFor("accounts", ruleCtx));
    await buildAccountIndex(conn);
    const dependents = FILE_ORDER.filter(
      (n) => n !== "accounts" && n !== "lr_motive_map" && present.has(n),
    );
    for (const name of dependents) {
      const ok = await checkDependentFile(
        conn,
        name,
        raws.get(name)!.display,
        findings,
        opts.orphanThreshold,
        rulesFor(name, ruleCtx),
      );
      if (!ok) usable = false;
    }
    if (usable) {
      for (const name of ["accounts", ...dependents] as const) await cleanFile(conn, name);
      if (present.has("accounting_entries") && manifest.amount_sign_convention === "signed")
        // Amounts are normalised to the magnitude convention (contract §3.4).
        await conn.run(
          "UPDATE accounting_entries SET amount = abs(amount) WHERE operation_code <> 'DC'",
        );
    }
    if (usable && present.has("contacts"))
      await mapMotives(conn, present.has("lr_motive_map"), raws.get("contacts")!, findings);
    if (usable)
      await deriveUnits(
        conn,
        {
          extractDate: manifest.extract_date,
          hasDeclarations: present.has("declarations"),
          hasPayments: manifest.payments_usable && present.has("accounting_entries"),
          hasContacts: present.has("contacts"),
          hasTo: present.has("taxations_office"),
          hasEntries: present.has("accounting_entries"),
        },
        opts,
      );
    // Working tables are no longer needed: free their memory for the cohorts.
    for (const t of [
      "__acc1",
      "__acc_dup",
      "__bad",
      "__dk",
      "__nonfirst",
      "__motive_map",
      "__dec",
      "__inf",
      "__per",
      "__fd",
      "__dc",
      "__ech",
      "__pay",
    ])
      await conn.run(`DROP TABLE IF EXISTS ${t}`);
  }
  const rowFindings = await issueFindings(conn, raws);
  const files = await fileSummaries(conn, raws, usable);
  const all: Finding[] = [...findings.items, ...rowFindings];
  const report: ValidationReport = {
    dataset: dir,
    usable: usable && !all.some((f) => f.severity === "fatal"),
    ...(manifest ? { scope: manifest.scope, extractDate: manifest.extract_date } : {}),
    files,
    findings: all,
    counts: {
      fatal: all.filter((f) => f.severity === "fatal").length,
      row: all.filter((f) => f.severity === "row").reduce((a, f) => a + f.count, 0),
      warn: all.filter((f) => f.severity === "warn").reduce((a, f) => a + f.count, 0),
      info: all.filter((f) => f.severity === "info").length,
    },
    options: opts,
  };
  const handle: ExtractHandle = {
    dir,
    manifest,
    options: opts,
    connection: conn,
    files: present,
    report,
    close,
  };
  return { report, handle };
}

/** Explodes `|`-separated motives and fills motive_category from lr_motive_map (contract §3.5, §3.8). */
async function mapMotives(
  conn: DuckDBConnection,
  hasMap: boolean,
  contacts: RawFile,
  findings: FindingList,
): Promise<void> {
  const multi = await scalar(
    conn,
    "SELECT count(*) FROM (SELECT 1 FROM contacts WHERE motive_label LIKE '%|%' LIMIT 1)",
  );
  if (multi > 0)
    await conn.run(
      // The exploded table keeps each row's record number in __rec (rowid no longer is).
      "CREATE OR REPLACE TABLE contacts AS SELECT __rec, * EXCLUDE (__rec, motive_label), CASE WHEN motive_label LIKE '%|%' THEN trim(unnest(string_split(motive_label, '|'))) ELSE motive_label END AS motive_label FROM (SELECT rowid AS __rec, * FROM contacts) ORDER BY __rec",
    );
  if (!hasMap) return;
  // First category of each normalised label (file order), then one join.
  await conn.run(
    "CREATE OR REPLACE TEMP TABLE __motive_map AS SELECT lower(strip_accents(trim(motive_label))) AS k, arg_min(motive_category, rowid) AS category FROM t_lr_motive_map WHERE motive_label IS NOT NULL GROUP BY 1",
  );
  await conn.run(
    "UPDATE contacts SET motive_category = coalesce((SELECT m.category FROM __motive_map m WHERE m.k = lower(strip_accents(trim(contacts.motive_label)))), 'UNMAPPED') WHERE motive_category IS NULL AND motive_label IS NOT NULL",
  );
  // Every unmapped label with its count (§8 #20), and the first rows at their lines.
  const rec = multi > 0 ? "__rec" : "rowid";
  const labels = (
    await conn.runAndReadAll(
      `SELECT motive_label, count(*) AS n FROM contacts WHERE motive_category = 'UNMAPPED' GROUP BY 1 ORDER BY n DESC, motive_label`,
    )
  ).getRowsJS();
  const n = labels.reduce((a, r) => a + Number(r[1]), 0);
  if (n > 0) {
    const values = distinctValueList(labels);
    const first = (
      await conn.runAndReadAll(
        `SELECT ${rec}, motive_label FROM contacts WHERE motive_category = 'UNMAPPED' ORDER BY ${rec}, motive_label LIMIT 3`,
      )
    ).getRowsJS();
    findings.add({
      code: "EXTRACT_UNMAPPED_MOTIVE",
      file: contacts.display,
      column: "motive_label",
      count: n,
      message: `${n} contact motive(s) without category in lr_motive_map: ${distinctValuesText(values)}`,
      examples: first.map(([r, v]) => ({
        line: contacts.lineOf(Number(r)),
        column: "motive_label",
        value: String(v).slice(0, 80),
        expected: "a motive_label listed in lr_motive_map.csv",
      })),
      values,
    });
  }
}

/** Throws `EXTRACT_NOT_USABLE` when the report has a fatal finding. */
export function assertUsable(report: ValidationReport): void {
  if (report.usable) return;
  const f = report.findings.find((x) => x.severity === "fatal");
  throw new ParcoursError(
    "EXTRACT_NOT_USABLE",
    `the extract ${report.dataset} has a fatal problem: ${f ? `${f.code} ${f.message}` : "unknown"}`,
    {
      ...(f?.file ? { file: f.file } : {}),
      ...(f?.examples[0]?.line ? { line: f.examples[0].line } : {}),
      ...(f?.column ? { column: f.column } : {}),
      hint: "run `parcours validate DIR` for the full report",
    },
  );
}
