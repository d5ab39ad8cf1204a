import { ParcoursError } from "@parcours-eval/core";
import type { AccountRecord } from "./account-simulator.js";
import { parseIsoDay } from "./calendar.js";
import type { Effects } from "./effects.js";
import { DEFAULT_ROLLOUT, REGIONS } from "./reference/regions.js";

/** Options shared by {@link simulateNational} and {@link simulateRegional}. */
export interface SimulateOptions {
  /** Dataset folder to create. The truth goes beside it, in `<out>.truth.json`. */
  out: string;
  /** Number of accounts (national default 630 000; regional default 164 602, LR 2017–2023). */
  accounts?: number;
  /** Seed of the generator (default 1). Same seed and options → byte-identical files. */
  seed?: number | string;
  /** `csv` (default, canonical CSV) or `parquet`. */
  format?: "csv" | "parquet";
  /** Effects overriding the defaults (any subset of {@link Effects}). */
  effects?: unknown;
  /** First registration date, `YYYY-MM-DD` (national 2017-01-01, regional 2017-01-01). */
  registrationFrom?: string;
  /** Last registration date (national 2024-06-30, regional 2023-12-31). */
  registrationTo?: string;
  /** Extract date (national 2024-09-30, regional 2024-06-30). */
  extractDate?: string;
  /** Deployment date per region code (national scope), overriding {@link DEFAULT_ROLLOUT}. */
  rollout?: Record<string, string>;
  /** Replace an existing `out` folder (and its truth file). Default false. */
  overwrite?: boolean;
  /** Called every 10 000 accounts and at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Receives every account's simulated values (for tests and diagnostics; slows the run). */
  onAccount?: (record: AccountRecord) => void;
}

/** Validated options with defaults applied. */
export interface ResolvedOptions {
  /** Scope. */
  scope: "national" | "regional";
  /** Dataset folder. */
  out: string;
  /** Accounts. */
  accounts: number;
  /** Seed. */
  seed: number | string;
  /** Output format. */
  format: "csv" | "parquet";
  /** Registration window (ISO). */
  registrationFrom: string;
  /** Registration window end (ISO). */
  registrationTo: string;
  /** Extract date (ISO). */
  extractDate: string;
  /** Deployment dates (ISO) per region. */
  rollout: Record<string, string>;
  /** Overwrite. */
  overwrite: boolean;
}

const DEFAULTS = {
  national: { accounts: 630_000, from: "2017-01-01", to: "2024-06-30", extract: "2024-09-30" },
  regional: { accounts: 164_602, from: "2017-01-01", to: "2023-12-31", extract: "2024-06-30" },
} as const;

function bad(option: string, message: string, value: unknown, hint: string): never {
  throw new ParcoursError("SIMULATE_BAD_OPTION", `option "${option}": ${message}`, { value, hint });
}

function isoOption(name: string, value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    bad(name, "expected a date YYYY-MM-DD", value, "e.g. 2024-06-30");
  const day = parseIsoDay(value);
  if (new Date(day * 86_400_000).toISOString().slice(0, 10) !== value) {
    bad(name, "not a calendar date", value, "e.g. 2024-06-30");
  }
  return day;
}

/** Checks the options and fills the defaults; errors name the option and what is allowed. */
export function resolveOptions(
  scope: "national" | "regional",
  o: SimulateOptions,
): ResolvedOptions {
  const d = DEFAULTS[scope];
  if (typeof o.out !== "string" || o.out.trim() === "") {
    bad("out", "a dataset folder is required", o.out, "e.g. --out data/national");
  }
  const accounts = o.accounts ?? d.accounts;
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > 20_000_000) {
    bad("accounts", "expected an integer from 1 to 20 000 000", accounts, `default ${d.accounts}`);
  }
  const format = o.format ?? "csv";
  if (format !== "csv" && format !== "parquet")
    bad("format", "unknown format", format, "csv or parquet");
  const seed = o.seed ?? 1;
  if (typeof seed !== "number" && typeof seed !== "string")
    bad("seed", "expected a number or string", seed, "e.g. 42");
  const registrationFrom = o.registrationFrom ?? d.from;
  const registrationTo = o.registrationTo ?? d.to;
  const extractDate = o.extractDate ?? d.extract;
  const from = isoOption("registrationFrom", registrationFrom);
  const to = isoOption("registrationTo", registrationTo);
  const extract = isoOption("extractDate", extractDate);
  if (from < isoOption("min", "2017-01-01") || to > isoOption("max", "2024-06-30")) {
    bad(
      "registrationFrom/registrationTo",
      "the window must lie within 2017-01-01 … 2024-06-30 (annex 9 tableau 5)",
      `${registrationFrom} … ${registrationTo}`,
      "e.g. 2023-01-01 … 2023-12-31",
    );
  }
  if (to < from) bad("registrationTo", "before registrationFrom", registrationTo, "swap the dates");
  if (extract < to + 31) {
    bad(
      "extractDate",
      "must be at least 31 days after registrationTo",
      extractDate,
      "e.g. three months after the window",
    );
  }
  const rollout = { ...DEFAULT_ROLLOUT };
  for (const [region, date] of Object.entries(o.rollout ?? {})) {
    if (!REGIONS.some((r) => r.code === region)) {
      bad(
        "rollout",
        `unknown region ${region}`,
        region,
        `one of ${REGIONS.map((r) => r.code).join(", ")}`,
      );
    }
    isoOption(`rollout.${region}`, date);
    rollout[region] = date;
  }
  return {
    scope,
    out: o.out,
    accounts,
    seed,
    format,
    registrationFrom,
    registrationTo,
    extractDate,
    rollout,
    overwrite: o.overwrite ?? false,
  };
}

/** The effects type, re-exported for option users. */
export type { Effects };
