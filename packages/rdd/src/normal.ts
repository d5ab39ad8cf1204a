import { createRequire } from "node:module";

// jstat ships no type declarations: load it through require with the two functions used.
// (To be replaced by @parcours-eval/core's normalCdf/normalQuantile once they land.)
const require = createRequire(import.meta.url);
const { jStat } = require("jstat") as {
  jStat: {
    normal: {
      cdf(x: number, m: number, s: number): number;
      inv(p: number, m: number, s: number): number;
    };
  };
};

/** Standard normal distribution function. */
export function pnorm(x: number): number {
  return jStat.normal.cdf(x, 0, 1);
}

/** Standard normal quantile, refined by two Newton steps to full double precision. */
export function qnorm(p: number): number {
  let x = jStat.normal.inv(p, 0, 1);
  for (let i = 0; i < 2; i++) {
    const dens = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    x -= (pnorm(x) - p) / dens;
  }
  return x;
}

/** Two-sided p-value of a z statistic, 2·Φ(−|z|). */
export function twoSidedP(z: number): number {
  return 2 * pnorm(-Math.abs(z));
}
