import type { Frame } from "@parcours-eval/core";
import { type AggregateOptions, type Aggregation, aggregate, type Estimate } from "./aggregate.js";
import { type AttGtHooks, type AttGtResult, attGt } from "./att-gt.js";
import type { PreTest } from "./cs/pretest.js";
import type { AttGtOptions } from "./options.js";

/** An estimate at one level of an aggregation, with the level under its own name. */
export type Leveled<K extends string> = Estimate & Record<K, number>;

/** Result of {@link staggeredDid}: cells, every aggregation and the pre-test (the CLI's `--json`). */
export interface StaggeredDidResult {
  /** The ATT(g,t) table and its metadata. */
  attgt: AttGtResult["attgt"];
  /** The aggregations of Callaway & Sant'Anna (2021). */
  aggregate: {
    /** Post-treatment cells weighted by cohort size. */
    simple: Estimate;
    /** Event-study: by event time e = t − g, overall = mean over e ≥ 0. */
    dynamic: { overall: Estimate; byEvent: Leveled<"e">[]; criticalValue: number; band: string };
    /** By cohort, overall = cohort-size-weighted mean. */
    group: { overall: Estimate; byGroup: Leveled<"group">[]; criticalValue: number; band: string };
    /** By calendar period, overall = mean over periods. */
    calendar: { overall: Estimate; byTime: Leveled<"time">[]; criticalValue: number; band: string };
  };
  /** Wald pre-test of parallel trends (null when not computable; see warnings). */
  pretest: PreTest | null;
  /** The ATT(g,t) result without the cells (options, counts, variance, vcov, band). */
  details: Omit<AttGtResult, "attgt" | "warnings" | "pretest">;
  /** Every warning of the cells and the aggregations, deduplicated in order. */
  warnings: string[];
}

function relabel<K extends string>(a: Aggregation, key: K): Leveled<K>[] {
  return a.byLevel.map(({ level, ...rest }) => ({ [key]: level, ...rest }) as Leveled<K>);
}

/**
 * Staggered difference-in-differences in one call: ATT(g,t) (Callaway & Sant'Anna 2021 with the
 * Sant'Anna & Zhao 2020 estimators), the four aggregations and the pre-test, as JSON-ready data.
 * Equivalent to R's `att_gt()` followed by `aggte(type = …)` for each type, `na.rm = TRUE`.
 */
export function staggeredDid(
  frame: Frame,
  options: AttGtOptions,
  aggregateOptions: AggregateOptions = {},
  hooks: AttGtHooks = {},
): StaggeredDidResult {
  const fit = attGt(frame, options, hooks);
  const simple = aggregate(fit, "simple", aggregateOptions);
  const dynamic = aggregate(fit, "dynamic", aggregateOptions);
  const group = aggregate(fit, "group", aggregateOptions);
  const calendar = aggregate(fit, "calendar", aggregateOptions);
  const { attgt, warnings, pretest, ...details } = fit.result;
  const all = [
    ...warnings,
    ...simple.warnings,
    ...dynamic.warnings,
    ...group.warnings,
    ...calendar.warnings,
  ];
  return {
    attgt,
    aggregate: {
      simple: simple.overall,
      dynamic: {
        overall: dynamic.overall,
        byEvent: relabel(dynamic, "e"),
        criticalValue: dynamic.criticalValue,
        band: dynamic.band,
      },
      group: {
        overall: group.overall,
        byGroup: relabel(group, "group"),
        criticalValue: group.criticalValue,
        band: group.band,
      },
      calendar: {
        overall: calendar.overall,
        byTime: relabel(calendar, "time"),
        criticalValue: calendar.criticalValue,
        band: calendar.band,
      },
    },
    pretest,
    details,
    warnings: [...new Set(all)],
  };
}
