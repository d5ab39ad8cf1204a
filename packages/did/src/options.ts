import { ParcoursError } from "@parcours-eval/core";

/** Which units serve as comparisons in Callaway & Sant'Anna (2021). */
export type ControlGroup = "nevertreated" | "notyettreated";

/** Base period of pre-treatment cells: the previous period, or g − anticipation − 1 for all. */
export type BasePeriod = "varying" | "universal";

/** Options of {@link attGt} (names follow R's `did::att_gt`, camel-cased). */
export interface AttGtOptions {
  /** Outcome column (`yname`). */
  y: string;
  /** Time column, numeric (`tname`). */
  t: string;
  /** Unit identifier column (`idname`); required for panels. */
  id?: string;
  /** First-treatment period column (`gname`); 0, missing-free Infinity or > last period = never. */
  g: string;
  /** Covariates as a one-sided R formula, e.g. `"~ lpop"` (`xformla`). Default `~ 1`. */
  xformla?: string;
  /** Comparison units (`control_group`). Default `"nevertreated"`. */
  controlGroup?: ControlGroup;
  /** Periods of anticipation (`anticipation`). Default 0. */
  anticipation?: number;
  /** Cell estimator (`est_method`): doubly robust (default), IPW or outcome regression. */
  estMethod?: "dr" | "ipw" | "reg";
  /** `true` (default) for a balanced panel, `false` for repeated cross-sections. */
  panel?: boolean;
  /** Sampling-weight column (`weightsname`), constant within unit for panels. */
  weights?: string;
  /** Base period (`base_period`). Default `"varying"`. */
  basePeriod?: BasePeriod;
  /** 1 − confidence level (`alp`). Default 0.05. */
  alpha?: number;
  /** Multiplier-bootstrap draws (`biters`); 0 (default) gives analytic influence-function SEs. */
  bootstrap?: number;
  /** Uniform (sup-t) confidence bands when bootstrapping (`cband`). Default true. */
  cband?: boolean;
  /** Cluster column, constant within unit (`clustervars`). */
  cluster?: string;
  /** Seed of the multiplier bootstrap. Default 1. */
  seed?: number | string;
}

/** {@link AttGtOptions} with every default filled in. */
export type ResolvedAttGtOptions = Required<Omit<AttGtOptions, "id" | "weights" | "cluster">> &
  Pick<AttGtOptions, "id" | "weights" | "cluster">;

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], dflt: T): T {
  if (value === undefined) return dflt;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new ParcoursError("DID_BAD_OPTION", `option ${name} is ${JSON.stringify(value)}`, {
    hint: `allowed values: ${allowed.join(", ")}`,
    value,
  });
}

function nonNegativeInt(name: string, value: unknown, dflt: number): number {
  if (value === undefined) return dflt;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  throw new ParcoursError("DID_BAD_OPTION", `option ${name} must be a non-negative integer`, {
    hint: `got ${JSON.stringify(value)}`,
    value,
  });
}

/** Validates options up front, naming the option and its allowed values on error. */
export function resolveAttGtOptions(o: AttGtOptions): ResolvedAttGtOptions {
  for (const key of ["y", "t", "g"] as const) {
    if (typeof o[key] !== "string" || o[key].length === 0) {
      throw new ParcoursError("DID_BAD_OPTION", `option ${key} (a column name) is required`);
    }
  }
  const panel = o.panel ?? true;
  if (panel && (o.id === undefined || o.id === "")) {
    throw new ParcoursError("DID_BAD_OPTION", "option id is required for panel data", {
      hint: "give the unit identifier column, or set panel: false for repeated cross-sections",
    });
  }
  const alpha = o.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) {
    throw new ParcoursError("DID_BAD_OPTION", `option alpha must be in (0, 1), got ${alpha}`);
  }
  const xformla = (o.xformla ?? "~ 1").trim();
  if (!xformla.startsWith("~")) {
    throw new ParcoursError(
      "DID_BAD_OPTION",
      `option xformla must be one-sided, got "${xformla}"`,
      {
        hint: 'write it as "~ x1 + x2"',
      },
    );
  }
  return {
    y: o.y,
    t: o.t,
    id: o.id,
    g: o.g,
    xformla,
    controlGroup: oneOf(
      "controlGroup",
      o.controlGroup,
      ["nevertreated", "notyettreated"],
      "nevertreated",
    ),
    anticipation: nonNegativeInt("anticipation", o.anticipation, 0),
    estMethod: oneOf("estMethod", o.estMethod, ["dr", "ipw", "reg"], "dr"),
    panel,
    weights: o.weights,
    basePeriod: oneOf("basePeriod", o.basePeriod, ["varying", "universal"], "varying"),
    alpha,
    bootstrap: nonNegativeInt("bootstrap", o.bootstrap, 0),
    cband: o.cband ?? true,
    cluster: o.cluster,
    seed: o.seed ?? 1,
  };
}
