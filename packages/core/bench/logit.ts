// Benchmark: logit on a seeded synthetic design of the national shape (550,000 accounts; 21
// regions, 88 NAF divisions, sex, age, 12 start months → 121 columns), ours vs R's glm on the
// same CSV in the same run (when Rscript is installed). Run: pnpm --filter @parcours-eval/core bench
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CategoricalColumn, createRng, Frame, glm } from "@parcours-eval/core";

const N = Number(process.env.BENCH_ROWS ?? 550_000);
const SEED = 20240601;
const FORMULA = "y ~ region + naf + sex + age + month";

const pad = (i: number) => String(i).padStart(2, "0");
const regionLevels = Array.from({ length: 21 }, (_, i) => `R${pad(i + 1)}`);
const nafLevels = Array.from({ length: 88 }, (_, i) => `N${pad(i + 1)}`);
const sexLevels = ["F", "M"];
const monthLevels = Array.from({ length: 12 }, (_, i) => `m${pad(i + 1)}`);

function simulate(): Frame {
  const rng = createRng(SEED);
  const effect = (k: number, sd: number) => Array.from({ length: k }, () => rng.normal() * sd);
  const bRegion = effect(21, 0.3);
  const bNaf = effect(88, 0.5);
  const bMonth = effect(12, 0.2);
  // Skewed NAF shares, as in real registrations.
  const nafWeights = nafLevels.map((_, i) => 1 / (1 + i) ** 0.7);
  const total = nafWeights.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  nafWeights.reduce((acc, w) => {
    cum.push((acc + w) / total);
    return acc + w;
  }, 0);
  const region = new Int32Array(N);
  const naf = new Int32Array(N);
  const sex = new Int32Array(N);
  const month = new Int32Array(N);
  const age = new Float64Array(N);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    region[i] = rng.int(21);
    const u = rng.uniform();
    let k = 0;
    while (cum[k]! < u && k < 87) k++;
    naf[i] = k;
    sex[i] = rng.bernoulli(0.45);
    month[i] = rng.int(12);
    age[i] = 18 + Math.floor(rng.uniform() * 50);
    const eta =
      -1 +
      bRegion[region[i]!]! +
      bNaf[naf[i]!]! +
      0.15 * sex[i]! -
      0.02 * (age[i]! - 40) +
      bMonth[month[i]!]!;
    y[i] = rng.bernoulli(1 / (1 + Math.exp(-eta)));
  }
  const cat = (codes: Int32Array, levels: string[]): CategoricalColumn => ({
    kind: "categorical",
    codes,
    levels,
  });
  return new Frame({
    y: { kind: "numeric", values: y },
    region: cat(region, regionLevels),
    naf: cat(naf, nafLevels),
    sex: cat(sex, sexLevels),
    age: { kind: "numeric", values: age },
    month: cat(month, monthLevels),
  });
}

function writeCsv(frame: Frame, path: string): void {
  const cols = frame.names.map((n) => frame.column(n));
  const lines: string[] = [frame.names.join(",")];
  for (let i = 0; i < frame.nRows; i++) {
    lines.push(
      cols
        .map((c) =>
          c.kind === "categorical"
            ? c.levels[c.codes[i]!]
            : String((c as { values: Float64Array }).values[i]),
        )
        .join(","),
    );
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

function hasRscript(): boolean {
  return spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;
}

const frame = simulate();
console.log(`synthetic national design: ${N} rows, seed ${SEED}, formula ${FORMULA}`);
// Wall time of each of 3 fits (after one warm-up fit), plus CPU time: the machine is shared, so
// wall time alone can be inflated by other processes.
const times: number[] = [];
const cpu: number[] = [];
let fit = glm(frame, FORMULA, { family: "binomial" });
for (let r = 0; r < 3; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fit = glm(frame, FORMULA, { family: "binomial" });
  times.push((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1e6);
}
const ours = Math.min(...times);
console.log(
  `ours: p = ${fit.names.length} columns, ${fit.iterations} IRLS iterations, deviance ${fit.deviance.toFixed(4)}, ` +
    `wall ${times.map((t) => t.toFixed(3)).join(" / ")} s (best ${ours.toFixed(3)} s), ` +
    `cpu ${cpu.map((t) => t.toFixed(3)).join(" / ")} s`,
);

if (process.env.BENCH_NO_R === "1" || !hasRscript()) {
  console.log("R: skipped (Rscript not found or BENCH_NO_R=1), ours only");
} else {
  const dir = mkdtempSync(join(tmpdir(), "parcours-bench-logit-"));
  try {
    const csv = join(dir, "national.csv");
    writeCsv(frame, csv);
    const script = join(dir, "glm.R");
    writeFileSync(
      script,
      [
        `d <- read.csv("${csv}", stringsAsFactors = TRUE)`,
        `st <- system.time(fit <- glm(${FORMULA}, family = binomial, data = d))`,
        `cat(st[["elapsed"]], fit$deviance, fit$iter, st[["user.self"]] + st[["sys.self"]], sep = "\\n")`,
        `cat(format(coef(fit), digits = 17), sep = "\\n")`,
      ].join("\n"),
    );
    const out = execFileSync("Rscript", [script], { encoding: "utf8", maxBuffer: 1 << 24 });
    const [rTime, rDev, rIter, rCpu, ...rCoef] = out.trim().split("\n").map(Number);
    let maxRel = 0;
    fit.beta.forEach((b, j) => {
      maxRel = Math.max(maxRel, Math.abs(b - rCoef[j]!) / Math.max(Math.abs(rCoef[j]!), 1e-8));
    });
    console.log(
      `R glm: wall ${rTime!.toFixed(3)} s, cpu ${rCpu!.toFixed(3)} s, ${rIter} iterations, deviance ${rDev!.toFixed(4)}`,
    );
    console.log(`max relative coefficient difference ours vs R: ${maxRel.toExponential(2)}`);
    console.log(
      `ratio R / ours: ${(rTime! / ours).toFixed(1)}x wall, ${(rCpu! / Math.min(...cpu)).toFixed(1)}x cpu`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
