import { ParcoursError, readCsv } from "@parcours-eval/core";
import {
  BW_SELECTORS,
  type BwSelect,
  type DensityResult,
  type Kernel,
  type RdResult,
  type RdSpec,
  rd,
  rddensity,
  type VceOption,
} from "@parcours-eval/rdd";
import type { Command } from "commander";
import { numberOption } from "../options.js";
import { writeAtomic } from "../write-atomic.js";

interface RddFlags {
  data: string;
  y: string;
  x: string;
  c: string;
  p: string;
  q?: string;
  deriv?: string;
  kernel: string;
  bwselect: string;
  h?: string;
  b?: string;
  vce: string;
  fuzzy?: string;
  covs?: string;
  masspoints: string;
  level: string;
  density?: boolean;
  json?: string;
}

/** "H" or "LEFT,RIGHT". */
function bandwidth(flag: string, text: string | undefined): number | [number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(",").map((s) => numberOption(flag, s));
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  throw new ParcoursError("CLI_BAD_OPTION", `--${flag} takes one value or LEFT,RIGHT`, {
    hint: `e.g. --${flag} 10 or --${flag} 8,12`,
  });
}

function fmt(v: number, digits = 4): string {
  return Number.isFinite(v) ? v.toFixed(digits) : String(v);
}

function summary(r: RdResult, d: DensityResult | undefined): string {
  const lines = [
    `${r.design === "fuzzy" ? "Fuzzy" : "Sharp"} RD at c = ${r.cutoff}: p = ${r.p}, q = ${r.q}, kernel ${r.kernel}, bandwidth ${r.bwselect}, vce ${r.vce}`,
    `  observations   left ${r.n.left}  right ${r.n.right}  (excluded: ${r.excluded.missing} missing)`,
    `  effective      left ${r.nEffective.left}  right ${r.nEffective.right}`,
    `  h              left ${fmt(r.h.left)}  right ${fmt(r.h.right)}`,
    `  b              left ${fmt(r.b.left)}  right ${fmt(r.b.right)}`,
    "",
    "  method            coef        se         z     p-value   [ CI ]",
  ];
  for (const [label, e] of [
    ["conventional", r.conventional],
    ["bias-corrected", r.biasCorrected],
    ["robust", r.robust],
  ] as const) {
    lines.push(
      `  ${label.padEnd(15)} ${fmt(e.coef).padStart(9)} ${fmt(e.se).padStart(9)} ${fmt(e.z, 3).padStart(7)} ${(e.pValue < 1e-4 ? "<0.0001" : fmt(e.pValue)).padStart(9)}   [${fmt(e.ciLower)}, ${fmt(e.ciUpper)}]`,
    );
  }
  if (r.firstStage) {
    const f = r.firstStage.robust;
    lines.push(`  first stage (robust): ${fmt(f.coef)} (se ${fmt(f.se)})`);
  }
  if (d) {
    lines.push(
      "",
      `  density test: T = ${fmt(d.statistic)}, p = ${fmt(d.pValue)} (h ${fmt(d.h.left)} / ${fmt(d.h.right)})`,
    );
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join("\n")}\n`;
}

async function action(flags: RddFlags): Promise<void> {
  const frame = await readCsv(flags.data);
  let cluster: string | undefined;
  let vce = flags.vce.toLowerCase();
  if (vce.startsWith("cluster:")) {
    cluster = flags.vce.slice("cluster:".length);
    vce = "hc1";
  }
  const spec: RdSpec = {
    y: flags.y,
    x: flags.x,
    c: numberOption("c", flags.c),
    p: numberOption("p", flags.p),
    q: flags.q === undefined ? undefined : numberOption("q", flags.q),
    deriv: flags.deriv === undefined ? undefined : numberOption("deriv", flags.deriv),
    kernel: flags.kernel as Kernel,
    bwselect: flags.bwselect as BwSelect,
    h: bandwidth("h", flags.h),
    b: bandwidth("b", flags.b),
    vce: vce as VceOption,
    masspoints: flags.masspoints as RdSpec["masspoints"],
    level: numberOption("level", flags.level),
    fuzzy: flags.fuzzy,
    covs: flags.covs,
    cluster,
  };
  const result = rd(frame, spec);
  const density = flags.density ? rddensity(frame.numeric(flags.x), { c: spec.c }) : undefined;
  process.stdout.write(summary(result, density));
  if (flags.json) {
    const out = density ? { ...result, density } : result;
    writeAtomic(flags.json, `${JSON.stringify(out, null, 2)}\n`);
  }
}

/** `parcours rdd`: local-polynomial regression discontinuity with rdrobust semantics. */
export function register(program: Command): void {
  program
    .command("rdd")
    .description(
      "Regression discontinuity: local-polynomial estimate with robust bias-corrected inference (rdrobust semantics).",
    )
    .requiredOption("--data <file>", "CSV file, one row per unit")
    .requiredOption("--y <column>", "outcome column")
    .requiredOption("--x <column>", "running-variable column")
    .option("--c <cutoff>", "cutoff; units with x >= c are treated", "0")
    .option("--p <order>", "order of the local polynomial", "1")
    .option("--q <order>", "order of the bias-correction polynomial (default p + 1)")
    .option("--deriv <order>", "derivative to estimate (1 = kink design)")
    .option("--kernel <name>", "triangular | epanechnikov | uniform", "triangular")
    .option("--bwselect <name>", BW_SELECTORS.join(" | "), "mserd")
    .option("--h <bandwidth>", "main bandwidth H, or LEFT,RIGHT (default: data-driven)")
    .option("--b <bandwidth>", "bias bandwidth B, or LEFT,RIGHT (default: h when --h is given)")
    .option("--vce <type>", "nn | hc0 | hc1 | hc2 | hc3 | cluster:COLUMN", "nn")
    .option("--fuzzy <column>", "treatment actually received (fuzzy design)")
    .option("--covs <terms>", 'covariates, e.g. "age + sex"')
    .option("--masspoints <mode>", "adjust | check | off", "adjust")
    .option("--level <percent>", "confidence level", "95")
    .option("--density", "also run the density (manipulation) test at the cutoff")
    .option("--json <out>", "write the result as JSON")
    .action(action);
}
