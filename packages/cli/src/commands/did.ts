import { ParcoursError, readCsv } from "@parcours-eval/core";
import {
  type AttGtOptions,
  renderEventStudySvg,
  type StaggeredDidResult,
  staggeredDid,
} from "@parcours-eval/did";
import type { Command } from "commander";
import { writeAtomic } from "../write-atomic.js";

interface DidFlags {
  data: string;
  y: string;
  t: string;
  id?: string;
  g: string;
  control: string;
  x?: string;
  est: string;
  panel?: boolean;
  rc?: boolean;
  anticipation: string;
  basePeriod: string;
  cluster?: string;
  weights?: string;
  bootstrap: string;
  seed: string;
  alpha: string;
  json?: string;
  svg?: string;
}

function int(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isInteger(v) || v < 0) {
    throw new ParcoursError(
      "CLI_BAD_OPTION",
      `--${flag} must be a non-negative integer, got "${text}"`,
      {
        hint: `e.g. --${flag} 0`,
      },
    );
  }
  return v;
}

function fmt(v: number | null, digits = 4): string {
  return v === null ? "NA" : v.toFixed(digits);
}

function summary(r: StaggeredDidResult): string {
  const d = r.details;
  const o = d.options;
  const lines = [
    `Staggered DiD (Callaway & Sant'Anna 2021): est ${o.estMethod}, control ${o.controlGroup}, ${o.panel ? "panel" : "repeated cross-sections"}, xformla ${o.xformla}, anticipation ${o.anticipation}`,
    `  units ${d.n}, periods ${d.periods.join(" ")}, cohorts ${d.cohorts.join(" ")}; rows used ${d.counts.rowsUsed} of ${d.counts.rowsIn}`,
    ...d.counts.excluded.map(
      (e) =>
        `  excluded: ${e.rows} rows${e.units === undefined ? "" : ` (${e.units} units)`}: ${e.reason}`,
    ),
    `  variance: ${d.variance}; ${d.band} intervals (critical value ${d.criticalValue.toFixed(3)})`,
    "",
    "  group  time      ATT        se     [ CI ]",
    ...r.attgt.map(
      (c) =>
        `  ${String(c.group).padStart(5)} ${String(c.time).padStart(5)} ${fmt(c.att).padStart(9)} ${fmt(c.se).padStart(9)}   [${fmt(c.ciLower)}, ${fmt(c.ciUpper)}]`,
    ),
    "",
    `  simple ATT ${fmt(r.aggregate.simple.att)} (se ${fmt(r.aggregate.simple.se)}) [${fmt(r.aggregate.simple.ciLower)}, ${fmt(r.aggregate.simple.ciUpper)}]`,
    `  dynamic (e ≥ 0) ${fmt(r.aggregate.dynamic.overall.att)} (se ${fmt(r.aggregate.dynamic.overall.se)})`,
    ...r.aggregate.dynamic.byEvent.map(
      (e) => `    e = ${String(e.e).padStart(3)}: ${fmt(e.att)} (se ${fmt(e.se)})`,
    ),
    `  group ${fmt(r.aggregate.group.overall.att)} (se ${fmt(r.aggregate.group.overall.se)}); calendar ${fmt(r.aggregate.calendar.overall.att)} (se ${fmt(r.aggregate.calendar.overall.se)})`,
    r.pretest === null
      ? "  pre-test: not computed"
      : `  pre-test of parallel trends: W = ${r.pretest.statistic.toFixed(3)}, df ${r.pretest.df}, p = ${r.pretest.pValue.toFixed(4)}`,
    ...r.warnings.map((w) => `  warning: ${w}`),
  ];
  return `${lines.join("\n")}\n`;
}

async function action(flags: DidFlags): Promise<void> {
  if (flags.panel && flags.rc) {
    throw new ParcoursError("CLI_BAD_OPTION", "--panel and --rc are exclusive", {
      hint: "give one of them",
    });
  }
  const frame = await readCsv(flags.data);
  const options: AttGtOptions = {
    y: flags.y,
    t: flags.t,
    id: flags.id,
    g: flags.g,
    xformla: flags.x,
    controlGroup: flags.control as AttGtOptions["controlGroup"],
    estMethod: flags.est as AttGtOptions["estMethod"],
    panel: !flags.rc,
    anticipation: int("anticipation", flags.anticipation),
    basePeriod: flags.basePeriod as AttGtOptions["basePeriod"],
    cluster: flags.cluster,
    weights: flags.weights,
    bootstrap: int("bootstrap", flags.bootstrap),
    seed: /^-?\d+$/.test(flags.seed) ? Number(flags.seed) : flags.seed,
    alpha: Number(flags.alpha),
  };
  const result = staggeredDid(frame, options);
  process.stdout.write(summary(result));
  if (flags.svg) writeAtomic(flags.svg, await renderEventStudySvg(result));
  if (flags.json) writeAtomic(flags.json, `${JSON.stringify(result, null, 2)}\n`);
}

/** `parcours did`: staggered difference-in-differences (Callaway & Sant'Anna 2021). */
export function register(program: Command): void {
  program
    .command("did")
    .description(
      "Staggered difference-in-differences (Callaway & Sant'Anna 2021): ATT(g,t), aggregations, pre-test; R did parity.",
    )
    .requiredOption(
      "--data <file>",
      "CSV file (one row per unit and period, or per observation with --rc)",
    )
    .requiredOption("--y <column>", "outcome")
    .requiredOption("--t <column>", "period (numeric)")
    .option("--id <column>", "unit identifier (required with --panel)")
    .requiredOption("--g <column>", "first-treatment period (0 = never treated)")
    .option("--control <group>", "nevertreated | notyettreated", "nevertreated")
    .option("--x <formula>", 'covariates as a one-sided formula, e.g. "~ x1 + x2"')
    .option("--est <method>", "dr | ipw | reg", "dr")
    .option("--panel", "balanced panel (default)")
    .option("--rc", "repeated cross-sections")
    .option("--anticipation <k>", "periods of anticipation", "0")
    .option("--base-period <rule>", "varying | universal", "varying")
    .option("--cluster <column>", "cluster variable (constant within unit)")
    .option("--weights <column>", "sampling weights")
    .option(
      "--bootstrap <B>",
      "multiplier-bootstrap draws; 0 = analytic influence-function SEs",
      "0",
    )
    .option("--seed <seed>", "bootstrap seed", "1")
    .option("--alpha <a>", "1 - confidence level", "0.05")
    .option(
      "--json <out>",
      "write the result as JSON (attgt, aggregate, pretest, warnings, details)",
    )
    .option("--svg <out>", "write the event-study chart (dynamic aggregation) as SVG")
    .action(action);
}
