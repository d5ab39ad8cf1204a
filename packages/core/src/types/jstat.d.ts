// Minimal typing of the parts of jstat (https://jstat.github.io) that parcours-eval uses;
// jstat ships no TypeScript declarations.
declare module "jstat" {
  interface Distribution2 {
    pdf(x: number, a: number, b: number): number;
    cdf(x: number, a: number, b: number): number;
    inv(p: number, a: number, b: number): number;
  }
  interface Distribution1 {
    pdf(x: number, a: number): number;
    cdf(x: number, a: number): number;
    inv(p: number, a: number): number;
  }
  interface JStatStatic {
    normal: Distribution2;
    studentt: Distribution1;
    chisquare: Distribution1;
    gammaln(x: number): number;
    betaln(a: number, b: number): number;
    lowRegGamma(a: number, x: number): number;
    ibeta(x: number, a: number, b: number): number;
  }
  /** The jStat namespace object. */
  export const jStat: JStatStatic;
  const _default: { jStat: JStatStatic };
  export default _default;
}
