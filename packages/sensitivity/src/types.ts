import type { CriticalGamma } from "./critical-gamma.js";

/** Direction of the one-sided test: treated outcomes higher ("greater") or lower ("less"). */
export type Alternative = "greater" | "less";

/** One row of a Rosenbaum sensitivity table. */
export interface GammaBoundRow {
  /** Sensitivity parameter Γ ≥ 1: odds of treatment may differ by this factor within a set. */
  gamma: number;
  /** Lower bound on the one-sided p-value at this Γ. */
  lower: number;
  /** Upper bound on the one-sided p-value at this Γ (the one that matters). */
  upper: number;
}

/** Result of a Rosenbaum sensitivity analysis (plain, JSON-serialisable). */
export interface RosenbaumResult {
  /** Test whose null distribution is bounded. */
  test: "mcnemar-exact" | "mcnemar-normal" | "signed-rank" | "m-test";
  /** Direction tested. */
  alternative: Alternative;
  /** Observed value of the test statistic (in the tested direction). */
  statistic: number;
  /** Matched sets (pairs) analysed. */
  nSets: number;
  /** Sets carrying information (discordant pairs, non-zero differences...). */
  nInformative: number;
  /** p-value bounds over the Γ grid. */
  bounds: GammaBoundRow[];
  /** Level used for the critical Γ. */
  alpha: number;
  /** Γ at which the upper p-value bound reaches α. */
  criticalGamma: CriticalGamma;
  /** Method notes and caveats. */
  warnings: string[];
}

/** Common options of the Rosenbaum bound functions. */
export interface RosenbaumOptions {
  /** Γ grid (each ≥ 1). Default: 1 to 3 by 0.25, then 4, 5, 6. */
  gammas?: readonly number[];
  /** One-sided level for the critical Γ. Default 0.05. */
  alpha?: number;
  /**
   * Direction: "greater" (treated higher), "less", or "auto" (the direction of the observed
   * effect). Default "auto".
   */
  alternative?: Alternative | "auto";
  /** Largest Γ searched for the critical Γ. Default 1000. */
  gammaMax?: number;
}
