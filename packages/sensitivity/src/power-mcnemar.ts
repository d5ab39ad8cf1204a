import { normalCdf, normalQuantile, ParcoursError } from "@parcours-eval/core";
import { checkPositive, checkUnitInterval } from "./validate.js";

/**
 * Power of McNemar's test for n matched pairs with a binary outcome (Connor 1987, Biometrics
 * 43:207–211): with discordance probability ψ = p10 + p01 and difference δ = p10 − p01 (the
 * paired risk difference), power ≈ Φ((|δ|√n − z_{1−α/2}·√ψ) / √(ψ − δ²)).
 */
export function powerMcNemar(
  delta: number,
  discordance: number,
  pairs: number,
  options: { alpha?: number } = {},
): number {
  const alpha = checkUnitInterval(options.alpha ?? 0.05, "alpha");
  checkUnitInterval(discordance, "discordance");
  checkPositive(pairs, "pairs");
  const d = Math.abs(delta);
  if (d >= discordance) return 1;
  const z = normalQuantile(1 - alpha / 2);
  return normalCdf(
    (d * Math.sqrt(pairs) - z * Math.sqrt(discordance)) / Math.sqrt(discordance - d * d),
  );
}

/**
 * Minimum detectable paired risk difference δ for n pairs at discordance ψ, level α and power:
 * the root of {@link powerMcNemar} − power in (0, ψ), by bisection.
 */
export function mdeMcNemar(
  discordance: number,
  pairs: number,
  options: { alpha?: number; power?: number } = {},
): number {
  const power = checkUnitInterval(options.power ?? 0.8, "power");
  const f = (d: number) => powerMcNemar(d, discordance, pairs, options) - power;
  let lo = 0;
  let hi = discordance;
  if (f(hi * (1 - 1e-12)) < 0) {
    throw new ParcoursError(
      "SENSITIVITY_UNDERPOWERED",
      `no paired difference reaches power ${power} with ${pairs} pairs at discordance ${discordance}`,
    );
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) >= 0) hi = mid;
    else lo = mid;
  }
  return hi;
}
