import { ParcoursError, readCsv } from "@parcours-eval/core";
import {
  type EvaluateMatchingOptions,
  evaluateMatching,
  lovePlotSpec,
  type MatchingEvaluation,
  type MatchOptions,
  type MatchResult,
  matchResultJson,
  matchUnits,
} from "@parcours-eval/matching";
import { renderSvg } from "@parcours-eval/report";
import { matchingRobustness } from "@parcours-eval/study";
import type { Command } from "commander";
import { choiceOption, numberOption } from "../options.js";
import { writeAtomic } from "../write-atomic.js";

interface MatchFlags {
  sensitivity?: boolean;
  data: string;
  formula: string;
  method: string;
  distance: string;
  score?: string;
  link?: string;
  ratio: string;
  replace?: boolean;
  caliper?: string;
  stdCaliper: string;
  mOrder?: string;
  exact?: string;
  mahvars?: string;
  discard: string;
  subclasses?: string;
  na: string;
  outcome?: string;
  adjust?: string;
  binary: string;
  threshold: string;
  seed?: string;
  rng: string;
  json?: string;
  lovePlot?: string;
}

function fmt(v: number | null, digits = 3): string {
  return v === null || !Number.isFinite(v) ? "." : v.toFixed(digits);
}

function summary(m: MatchResult, e: MatchingEvaluation | undefined): string {
  const s = m.sampleSizes;
  const lines = [
    `Matching: ${m.method}${m.method === "nearest" ? ` (${m.options.ratio ?? 1}:1, ${m.options.replace ? "with" : "without"} replacement)` : ""}, distance ${m.distanceKind}, estimand ATT`,
    `  units          treated ${s.all.treated}  control ${s.all.control}  (dropped for missing values: ${m.nDroppedMissing})`,
    `  matched        treated ${s.matched.treated}  control ${s.matched.control}  (effective control ${s.matchedEss.control.toFixed(1)})`,
    `  unmatched      treated ${s.unmatched.treated}  control ${s.unmatched.control}`,
    `  discarded      treated ${s.discarded.treated}  control ${s.discarded.control}`,
  ];
  if (m.caliper !== null)
    lines.push(`  caliper        ${m.caliper.toPrecision(6)} (distance units)`);
  const width = Math.max(8, ...m.balance.map((b) => b.term.length));
  lines.push("", `  ${"covariate".padEnd(width)}  SMD before  SMD after  var ratio  eCDF max`);
  for (const b of m.balance) {
    lines.push(
      `  ${b.term.padEnd(width)}  ${fmt(b.before.smd).padStart(10)}  ${fmt(b.after.smd).padStart(9)}  ${fmt(b.after.varRatio).padStart(9)}  ${fmt(b.after.ecdfMax).padStart(8)}${b.flagged ? "  *" : ""}`,
    );
  }
  const flagged = m.balance.filter((b) => b.flagged).length;
  lines.push(
    `  (* |SMD| after matching above ${m.options.balance?.threshold ?? 0.1}: ${flagged} covariate(s))`,
  );
  if (e) {
    const f = e.effect;
    lines.push("");
    lines.push(`  naive difference (all units)   ${fmt(e.naiveDifference, 4)}`);
    if (f) {
      lines.push(
        `  ATT (${f.method})  ${fmt(f.estimate, 4)}  SE ${fmt(f.se, 4)}  ${Math.round(f.level * 100)}% CI [${fmt(f.ciLower, 4)}, ${fmt(f.ciUpper, 4)}]  p ${f.pValue < 1e-4 ? "<0.0001" : fmt(f.pValue, 4)}  (variance: ${f.vcov}, ${f.nObs} units)`,
      );
    }
    if (e.twoProportion) {
      const t = e.twoProportion;
      lines.push(
        `  two-proportion Wald: ${fmt(t.pTreated, 4)} vs ${fmt(t.pControl, 4)}, difference ${fmt(t.difference, 4)}  CI [${fmt(t.ciLower, 4)}, ${fmt(t.ciUpper, 4)}]  p ${t.pValue < 1e-4 ? "<0.0001" : fmt(t.pValue, 4)}`,
      );
    }
  }
  for (const w of e?.warnings ?? m.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join("\n")}\n`;
}

/** The sensitivity block of the printed summary. */
function sensitivitySummary(r: ReturnType<typeof matchingRobustness>): string {
  if (!r) return "\nSensitivity: no matched effect to test\n";
  const s = r.sensitivity;
  const lines = [
    "",
    "Sensitivity",
    `  critical Γ (Rosenbaum, α = 0.05)   ${s.criticalGamma === null ? "n/a" : fmt(s.criticalGamma, 2)}`,
    `  E-value (estimate / CI limit)      ${s.eValue === null ? "n/a" : fmt(s.eValue, 2)} / ${s.eValueCi === null ? "n/a" : fmt(s.eValueCi, 2)}`,
    `  minimum detectable effect          ${r.mde.value === null ? "n/a" : fmt(r.mde.value, 4)} (80% power, ${r.mde.method})`,
    ...s.contamination.map(
      (c) =>
        `  ${String(Math.round(c.share * 100)).padStart(3)}% of controls treated: CI [${fmt(c.lower, 4)}, ${fmt(c.upper, 4)}]`,
    ),
    ...r.warnings.map((w) => `  warning: ${w}`),
  ];
  return `${lines.join("\n")}\n`;
}

async function action(flags: MatchFlags): Promise<void> {
  const frame = await readCsv(flags.data);
  const options: MatchOptions = {
    formula: flags.formula,
    method: choiceOption("method", flags.method, ["nearest", "exact", "subclass"] as const),
    distance: flags.score
      ? frame.numeric(flags.score)
      : choiceOption("distance", flags.distance, ["logit", "probit", "mahalanobis"] as const),
    link:
      flags.link === undefined
        ? undefined
        : flags.link === "linear"
          ? "linear"
          : choiceOption("link", flags.link, ["response", "linear"] as const),
    ratio: numberOption("ratio", flags.ratio, "1"),
    replace: flags.replace ?? false,
    caliper: flags.caliper === undefined ? undefined : numberOption("caliper", flags.caliper, "1"),
    stdCaliper:
      choiceOption("std-caliper", flags.stdCaliper, ["true", "false"] as const) === "true",
    mOrder:
      flags.mOrder === undefined
        ? undefined
        : choiceOption("m-order", flags.mOrder, ["largest", "smallest", "data", "random"] as const),
    exact: flags.exact,
    mahvars: flags.mahvars,
    discard: choiceOption("discard", flags.discard, [
      "none",
      "treated",
      "control",
      "both",
    ] as const),
    subclasses:
      flags.subclasses === undefined
        ? undefined
        : numberOption("subclasses", flags.subclasses, "1"),
    na: choiceOption("na", flags.na, ["fail", "drop"] as const),
    seed: flags.seed === undefined ? undefined : numberOption("seed", flags.seed, "1"),
    rng: choiceOption("rng", flags.rng, ["parcours", "R"] as const),
    balance: {
      binary: choiceOption("binary", flags.binary, ["std", "raw"] as const),
      threshold: numberOption("threshold", flags.threshold, "1"),
    },
  };
  let match: MatchResult;
  let evaluation: MatchingEvaluation | undefined;
  if (flags.outcome) {
    const eo: EvaluateMatchingOptions = {
      ...options,
      outcome: flags.outcome,
      adjustFor: flags.adjust,
    };
    evaluation = evaluateMatching(frame, eo);
    match = evaluation.match;
  } else {
    match = matchUnits(frame, options);
  }
  process.stdout.write(summary(match, evaluation));
  let sensitivity: ReturnType<typeof matchingRobustness> = null;
  if (flags.sensitivity) {
    if (!evaluation || !flags.outcome) {
      throw new ParcoursError("MATCH_BAD_OPTION", "--sensitivity needs --outcome", {
        hint: "name the outcome column whose matched effect is tested",
      });
    }
    sensitivity = matchingRobustness(frame, evaluation, flags.outcome);
    process.stdout.write(sensitivitySummary(sensitivity));
  }
  if (flags.json) {
    const doc = matchResultJson(match, evaluation) as Record<string, unknown>;
    if (sensitivity)
      Object.assign(doc, { sensitivity: sensitivity.sensitivity, mde: sensitivity.mde });
    writeAtomic(flags.json, `${JSON.stringify(doc)}\n`);
  }
  if (flags.lovePlot) {
    const svg = await renderSvg(
      lovePlotSpec(match.balance, { threshold: options.balance?.threshold }),
    );
    writeAtomic(flags.lovePlot, svg);
  }
}

/** `parcours match`: propensity-score / Mahalanobis / exact matching with MatchIt semantics. */
export function register(program: Command): void {
  program
    .command("match")
    .description(
      "Matching with MatchIt semantics (nearest neighbour on a propensity score or Mahalanobis distance, exact, subclasses), balance before/after (cobalt statistics) and the ATT with its standard error.",
    )
    .requiredOption("--data <file>", "CSV file, one row per unit")
    .requiredOption(
      "--formula <formula>",
      'treatment and covariates, e.g. "treat ~ age + sex + region"',
    )
    .option("--method <name>", "nearest | exact | subclass", "nearest")
    .option("--distance <name>", "logit | probit | mahalanobis", "logit")
    .option("--score <column>", "match on this column (your own propensity score) instead")
    .option("--link <scale>", "linear: match on the linear predictor instead of the probability")
    .option("--ratio <k>", "controls per treated unit", "1")
    .option("--replace", "reuse controls")
    .option("--caliper <c>", "caliper on the distance (in SDs unless --std-caliper false)")
    .option("--std-caliper <bool>", "caliper in standard deviations of the distance", "true")
    .option("--m-order <order>", "largest | smallest | data | random (default largest for a score)")
    .option("--exact <vars>", 'match only within strata of these variables, e.g. "region + sex"')
    .option("--mahvars <vars>", "Mahalanobis distance on these variables, within the caliper")
    .option("--discard <rule>", "none | treated | control | both (common support)", "none")
    .option("--subclasses <k>", "number of subclasses for --method subclass", "6")
    .option("--na <mode>", "fail | drop (rows with missing values, counted)", "fail")
    .option("--outcome <column>", "outcome: ATT with SE, CI and p-value")
    .option("--adjust <vars>", "covariates for a g-computation ATT on the matched data")
    .option("--binary <mode>", "binary covariates' SMD: std (MatchIt) | raw (cobalt)", "std")
    .option("--threshold <smd>", "|SMD| flagged after matching", "0.1")
    .option("--seed <n>", "seed for --m-order random")
    .option(
      "--rng <kind>",
      "parcours | R (R: the order MatchIt uses after set.seed(N))",
      "parcours",
    )
    .option("--json <out>", "write the result as JSON")
    .option("--love-plot <file.svg>", "write the Love plot (SMD before/after) as SVG")
    .option(
      "--sensitivity",
      "with --outcome: Rosenbaum bounds (critical Γ), E-values, contaminated controls and MDE (JSON fields sensitivity, mde)",
    )
    .action(action);
}
