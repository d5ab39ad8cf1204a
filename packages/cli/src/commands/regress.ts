import {
  type CoefficientRow,
  coefficientTable,
  glm,
  lm,
  ParcoursError,
  readCsv,
  type VcovSpec,
} from "@parcours-eval/core";
import type { Command } from "commander";
import { writeAtomic } from "../write-atomic.js";

interface RegressFlags {
  data: string;
  formula: string;
  family: string;
  link?: string;
  vcov: string;
  json?: string;
}

/** The `--json` document (public: fields are only ever added). */
export interface RegressJson {
  coefficients: CoefficientRow[];
  n: number;
  deviance: number;
  converged: boolean;
  warnings: string[];
  nDropped: number;
  family: string;
  link: string;
  vcov: string;
  formula: string;
  aliased: string[];
  aic?: number;
}

/** Parses `--vcov`: classical, HC0–HC3 or cluster:COLUMN. */
export function parseVcov(text: string): VcovSpec {
  if (["classical", "HC0", "HC1", "HC2", "HC3"].includes(text)) return text as VcovSpec;
  const m = /^cluster:(.+)$/.exec(text);
  if (m) return { cluster: m[1]! };
  throw new ParcoursError("CLI_BAD_OPTION", `--vcov "${text}" is not a variance estimator`, {
    value: text,
    hint: "use classical, HC0, HC1, HC2, HC3 or cluster:COLUMN",
  });
}

/** R's `format.pval` with 3 significant digits and its `<2e-16` floor. */
function formatP(p: number): string {
  if (Number.isNaN(p)) return "NA";
  if (p < 2.2e-16) return "<2e-16";
  return p < 1e-4
    ? p.toExponential(2).replace(/e([+-])(\d)$/, "e$10$2")
    : String(Number(p.toPrecision(3)));
}

function stars(p: number): string {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}

/** A column of numbers formatted together, as R's printCoefmat does (4 significant digits). */
function formatColumn(values: number[]): string[] {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  if (finite.length > 0 && (min < 1e-4 || max >= 1e6)) {
    return values.map((v) => v.toExponential(3).replace(/e([+-])(\d)$/, "e$10$2"));
  }
  const decimals =
    finite.length === 0 ? 0 : Math.min(8, Math.max(0, 3 - Math.floor(Math.log10(min))));
  return values.map((v) => v.toFixed(decimals));
}

/** An R-like coefficient table. */
export function formatCoefficients(rows: CoefficientRow[], statName: "z" | "t"): string {
  const est = formatColumn(rows.map((r) => r.estimate));
  const se = formatColumn(rows.map((r) => r.se));
  const stat = rows.map((r) => r.statistic.toFixed(3));
  const p = rows.map((r) => formatP(r.pValue));
  const header = ["", "Estimate", "Std. Error", `${statName} value`, `Pr(>|${statName}|)`, ""];
  const table = [
    header,
    ...rows.map((r, i) => [r.term, est[i]!, se[i]!, stat[i]!, p[i]!, stars(r.pValue)]),
  ];
  const widths = header.map((_, j) => Math.max(...table.map((row) => row[j]!.length)));
  const lines = table.map((row) =>
    row
      .map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : j === 5 ? c : c.padStart(widths[j]!)))
      .join(" ")
      .trimEnd(),
  );
  return `${lines.join("\n")}\n---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1`;
}

/** Fits the model described by the flags and returns the JSON document and a printed summary. */
export async function runRegress(
  flags: RegressFlags,
): Promise<{ json: RegressJson; text: string }> {
  if (flags.family !== "gaussian" && flags.family !== "binomial") {
    throw new ParcoursError("CLI_BAD_OPTION", `--family "${flags.family}" is not supported`, {
      value: flags.family,
      hint: "use gaussian or binomial",
    });
  }
  const spec = parseVcov(flags.vcov);
  const frame = await readCsv(flags.data);
  const vcovLabel = typeof spec === "string" ? spec : `cluster:${String(spec.cluster)}`;
  let json: RegressJson;
  let head: string;
  let tail: string[];
  let statName: "z" | "t";
  if (flags.family === "binomial") {
    const fit = glm(frame, flags.formula, {
      family: "binomial",
      link: (flags.link ?? "logit") as "logit" | "probit",
    });
    const rows = coefficientTable(fit, spec);
    statName = "z";
    json = {
      coefficients: rows,
      n: fit.n,
      deviance: fit.deviance,
      converged: fit.converged,
      warnings: fit.warnings,
      nDropped: fit.nDropped,
      family: "binomial",
      link: fit.link,
      vcov: vcovLabel,
      formula: flags.formula,
      aliased: fit.aliased,
      aic: fit.aic,
    };
    head = `glm(formula = ${flags.formula}, family = binomial(link = "${fit.link}"))`;
    tail = [
      `    Null deviance: ${fit.nullDeviance.toFixed(2)}  on ${fit.dfNull}  degrees of freedom`,
      `Residual deviance: ${fit.deviance.toFixed(2)}  on ${fit.dfResidual}  degrees of freedom`,
      `AIC: ${fit.aic.toFixed(2)}`,
      `Number of Fisher Scoring iterations: ${fit.iterations}${fit.converged ? "" : " (did not converge)"}`,
    ];
  } else {
    if (flags.link !== undefined && flags.link !== "identity") {
      throw new ParcoursError(
        "CLI_BAD_OPTION",
        `--link ${flags.link} is not available for gaussian`,
        {
          value: flags.link,
          hint: "gaussian uses the identity link",
        },
      );
    }
    const fit = lm(frame, flags.formula, { vcov: spec });
    statName = "t";
    const rss = fit.residuals.reduce((s, r, i) => s + fit.priorWeights[i]! * r * r, 0);
    json = {
      coefficients: fit.coefficients,
      n: fit.n,
      deviance: rss,
      converged: true,
      warnings: fit.warnings,
      nDropped: fit.nDropped,
      family: "gaussian",
      link: "identity",
      vcov: vcovLabel,
      formula: flags.formula,
      aliased: fit.aliased,
    };
    head = `lm(formula = ${flags.formula})`;
    tail = [
      `Residual standard error: ${Number(fit.sigma.toPrecision(4))} on ${fit.dfResidual} degrees of freedom`,
      `Multiple R-squared:  ${Number(fit.rSquared.toPrecision(4))},	Adjusted R-squared:  ${Number(fit.adjRSquared.toPrecision(4))}`,
    ];
  }
  const text = [
    `Call:\n${head}`,
    "",
    `Coefficients (standard errors: ${vcovLabel}):`,
    formatCoefficients(json.coefficients, statName),
    json.aliased.length
      ? `(${json.aliased.length} not defined because of singularities: ${json.aliased.join(", ")})`
      : "",
    "",
    ...tail,
    `n = ${json.n} (${json.nDropped} observation${json.nDropped === 1 ? "" : "s"} deleted due to missingness)`,
    ...json.warnings.map((w) => `Warning: ${w}`),
  ]
    .filter((l, i, all) => !(l === "" && all[i - 1] === ""))
    .join("\n");
  return { json, text };
}

/** Registers `parcours regress`. */
export function register(program: Command): void {
  program
    .command("regress")
    .description(
      "Fit a linear (gaussian) or logit/probit (binomial) model with R's formulas and print R's coefficient table.",
    )
    .requiredOption("--data <file>", "CSV file with a header line")
    .requiredOption("--formula <formula>", 'R formula, e.g. "treat ~ age + educ + race"')
    .option("--family <family>", "gaussian | binomial", "gaussian")
    .option("--link <link>", "logit | probit (binomial), identity (gaussian)")
    .option("--vcov <type>", "classical | HC0 | HC1 | HC2 | HC3 | cluster:COLUMN", "classical")
    .option(
      "--json <out>",
      'write {"coefficients":[{term,estimate,se,statistic,pValue}],"n","deviance","converged","warnings"} to this file',
    )
    .action(async (flags: RegressFlags) => {
      const { json, text } = await runRegress(flags);
      process.stdout.write(`${text}\n`);
      if (flags.json) writeAtomic(flags.json, `${JSON.stringify(json, null, 2)}\n`);
    });
}
