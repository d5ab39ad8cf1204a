import { ParcoursError } from "@parcours-eval/core";
import type {
  CohortSpec,
  DateBound,
  EventCountSpec,
  EventRule,
  EventWindow,
  VariableSpec,
} from "./spec.js";
import { ident } from "./sql.js";

/** One exclusion step of a compiled cohort, in order. */
export interface CompiledStep {
  /** Stable code. */
  code: string;
  /** Human label. */
  label: string;
  /** Outcome or covariate concerned, if any. */
  column?: string;
}

/** A cohort spec turned into SQL. */
export interface CompiledCohort {
  /** SELECT producing one row per unit with `__key`, `__excl` (step index or NULL) and outputs. */
  select: string;
  /** The exclusion steps, indexed by `__excl`. */
  steps: CompiledStep[];
  /** Output columns in order, with their kind. */
  columns: { name: string; type: "numeric" | "categorical" | "date"; levels?: readonly string[] }[];
}

function isCount(o: VariableSpec | EventCountSpec): o is EventCountSpec {
  return (o as EventCountSpec).count !== undefined;
}

function boundDate(b: DateBound): string {
  let expr = `(${b.date})`;
  const months = b.offset?.months ?? 0;
  const days = b.offset?.days ?? 0;
  if (months !== 0) expr = `${expr} + INTERVAL (${Math.trunc(months)}) MONTH`;
  if (days !== 0) expr = `${expr} + INTERVAL (${Math.trunc(days)}) DAY`;
  return months !== 0 || days !== 0 ? `CAST(${expr} AS DATE)` : expr;
}

function windowSql(dateCol: string, w: EventWindow | undefined): string[] {
  const out: string[] = [];
  const side = (bounds: readonly DateBound[] | undefined, lower: boolean): void => {
    for (const b of bounds ?? []) {
      const op = lower ? (b.strict ? ">" : ">=") : b.strict ? "<" : "<=";
      const cmp = `${dateCol} ${op} ${boundDate(b)}`;
      out.push(b.ifMissing === "unbounded" ? `((${b.date}) IS NULL OR ${cmp})` : cmp);
    }
  };
  side(w?.from, true);
  side(w?.to, false);
  return out;
}

function eventFrom(spec: CohortSpec, rule: EventRule): { from: string; where: string } {
  const src = spec.events?.[rule.source];
  if (src === undefined) {
    throw new ParcoursError("COHORT_SPEC_INVALID", `unknown event source "${rule.source}"`, {
      hint: `declare it in spec.events (known: ${Object.keys(spec.events ?? {}).join(", ") || "none"})`,
    });
  }
  const conds = [
    `e.${ident(src.key)} = u.${ident(spec.units.key)}`,
    ...(rule.where ? [`(${rule.where})`] : []),
    ...windowSql(`e.${ident(src.date)}`, rule.window),
  ];
  return { from: `${src.relation} e`, where: conds.join(" AND ") };
}

/** SQL boolean: does the unit `u` satisfy the event rule? */
export function eventRuleSql(spec: CohortSpec, rule: EventRule): string {
  const { from, where } = eventFrom(spec, rule);
  const n = rule.minCount ?? 1;
  if (n <= 1) return `EXISTS (SELECT 1 FROM ${from} WHERE ${where})`;
  return `((SELECT count(*) FROM ${from} WHERE ${where}) >= ${Math.trunc(n)})`;
}

/** SQL integer: how many events of the rule the unit `u` has. */
export function eventCountSql(spec: CohortSpec, rule: EventRule): string {
  const { from, where } = eventFrom(spec, rule);
  return `(SELECT count(*) FROM ${from} WHERE ${where})`;
}

function typedExpr(v: VariableSpec): string {
  switch (v.type) {
    case "numeric":
      return `CAST((${v.expr}) AS DOUBLE)`;
    case "date":
      return `CAST((${v.expr}) AS DATE)`;
    case "categorical":
      return `CAST((${v.expr}) AS VARCHAR)`;
  }
}

/**
 * Compiles a cohort spec to one SELECT. Exclusion steps are evaluated in order: population
 * filters, undefined treatment, control exclusion, missing outcomes, missing covariates; the
 * first failing step is the unit's exclusion code, so every excluded unit is counted once.
 */
export function compileCohort(spec: CohortSpec): CompiledCohort {
  const names = new Set<string>();
  const columns: CompiledCohort["columns"] = [];
  const addName = (name: string): void => {
    if (names.has(name) || name.startsWith("__")) {
      throw new ParcoursError("COHORT_SPEC_INVALID", `output column "${name}" is defined twice`, {
        hint: "give every outcome, covariate, index date and treatment a distinct name (not starting with __)",
      });
    }
    names.add(name);
  };
  const inner: string[] = [`u.${ident(spec.units.key)} AS __key`];
  const steps: CompiledStep[] = [];
  const cases: string[] = [];
  spec.population.forEach((p, i) => {
    inner.push(`(${p.keep}) AS __p${i}`);
    cases.push(`WHEN NOT coalesce(__p${i}, false) THEN ${steps.length}`);
    steps.push({ code: p.code, label: p.label });
  });
  addName(spec.units.key);
  columns.push({ name: spec.units.key, type: "categorical" });
  if (spec.indexDate) {
    addName(spec.indexDate.name);
    inner.push(`CAST((${spec.indexDate.expr}) AS DATE) AS ${ident(spec.indexDate.name)}`);
    columns.push({ name: spec.indexDate.name, type: "date" });
  }
  const t = spec.treatment;
  if (t) {
    addName(t.name);
    const expr =
      "expr" in t
        ? `(${t.expr})`
        : t.anyOf.length === 0
          ? "false"
          : t.anyOf
              .map(
                (b) => `(coalesce((${b.when ?? "true"}), false) AND ${eventRuleSql(spec, b.rule)})`,
              )
              .join(" OR ");
    inner.push(`CAST(${expr} AS INTEGER) AS ${ident(t.name)}`);
    columns.push({ name: t.name, type: "numeric" });
    cases.push(`WHEN ${ident(t.name)} IS NULL THEN ${steps.length}`);
    steps.push({ code: "TREATMENT_UNDEFINED", label: `treatment "${t.name}" undefined` });
    if ("anyOf" in t && t.controlExclusion) {
      inner.push(`${eventRuleSql(spec, t.controlExclusion.rule)} AS __ctrl`);
      cases.push(`WHEN ${ident(t.name)} = 0 AND __ctrl THEN ${steps.length}`);
      steps.push({ code: t.controlExclusion.code, label: t.controlExclusion.label });
    }
  }
  for (const o of spec.outcomes) {
    addName(o.name);
    if (isCount(o)) {
      inner.push(`CAST(${eventCountSql(spec, o.count)} AS DOUBLE) AS ${ident(o.name)}`);
      columns.push({ name: o.name, type: "numeric" });
    } else {
      inner.push(`${typedExpr(o)} AS ${ident(o.name)}`);
      columns.push({ name: o.name, type: o.type, ...(o.levels ? { levels: o.levels } : {}) });
    }
    if (!spec.allowMissingOutcome) {
      cases.push(`WHEN ${ident(o.name)} IS NULL THEN ${steps.length}`);
      steps.push({ code: "MISSING_OUTCOME", label: `outcome "${o.name}" missing`, column: o.name });
    }
  }
  for (const c of spec.covariates) {
    addName(c.name);
    inner.push(`${typedExpr(c)} AS ${ident(c.name)}`);
    columns.push({ name: c.name, type: c.type, ...(c.levels ? { levels: c.levels } : {}) });
    if (spec.dropMissingCovariates !== false) {
      cases.push(`WHEN ${ident(c.name)} IS NULL THEN ${steps.length}`);
      steps.push({
        code: "MISSING_COVARIATE",
        label: `covariate "${c.name}" missing`,
        column: c.name,
      });
    }
  }
  // The key is output under its own name; __key keeps the sort and join handle.
  const outer = [
    "__key",
    `__key AS ${ident(spec.units.key)}`,
    ...columns.slice(1).map((c) => ident(c.name)),
    cases.length ? `CASE ${cases.join(" ")} ELSE NULL END AS __excl` : "NULL::INTEGER AS __excl",
  ];
  const select = `SELECT ${outer.join(", ")} FROM (SELECT ${inner.join(", ")} FROM ${spec.units.relation} u) t`;
  return { select, steps, columns };
}
