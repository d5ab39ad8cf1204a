/**
 * APE (NAF rév. 2) codes drawn by the generator, with weights by status and sex (annex 9 §41–43,
 * graphiques 4 and 6) and the code-level gradients of graphiques 9 and 12 and tableau 10.
 */

/** One APE code and its effects (logit shifts) on the indicators. */
export interface NafSpec {
  /** Five-character APE code, e.g. `5320Z`. */
  code: string;
  /** Weight among AE men, AE women, TI men, TI women (relative). */
  weights: readonly [number, number, number, number];
  /** Multiplier of the weight for ages < 26, 26–40 and > 40 (e.g. couriers are young). */
  ageTilt?: readonly [number, number, number];
  /** On-time first declaration (graphique 9: 5320Z 55% not on time vs 26% on average). */
  declaration?: number;
  /** First-payment conformity (graphique 12: fast food and catalogue sales worst, legal best). */
  payment?: number;
  /** ACRE uptake among AE (tableau 10). */
  acreAe?: number;
  /** ACRE uptake among TI au réel (tableau 10). */
  acreTi?: number;
  /** Sale of goods (micro-social rate 12.3%) rather than services (21.2%). */
  goods?: boolean;
}

const YOUNG: readonly [number, number, number] = [2.2, 1, 0.3];
const OLDER: readonly [number, number, number] = [0.6, 1, 1.3];

/** Codes with explicit weights; the rest of the mass goes to {@link TAIL_CODES}. */
export const NAF_CODES: readonly NafSpec[] = [
  {
    code: "5320Z",
    weights: [14, 2, 1.5, 0.3],
    ageTilt: YOUNG,
    declaration: -1.15,
    payment: -0.35,
    acreAe: -0.5,
  },
  { code: "7022Z", weights: [7, 7, 3, 3], declaration: 0.1, acreAe: -0.15 },
  { code: "9609Z", weights: [3, 11, 0.8, 2], acreAe: 0 },
  { code: "9602B", weights: [0.2, 6, 0.2, 3], declaration: 0.1, acreAe: 0.95, acreTi: -0.2 },
  { code: "9602A", weights: [0.8, 3, 1, 4], acreAe: 0.5, acreTi: 0.8 },
  { code: "8559B", weights: [2, 4, 0.5, 1], declaration: 0.3, acreAe: 0.8 },
  { code: "8551Z", weights: [2.5, 3, 0.8, 1], declaration: 0.2, acreAe: 0.95, acreTi: -0.9 },
  { code: "7021Z", weights: [1, 2.5, 0.5, 1], acreAe: 0.4, acreTi: -0.1 },
  { code: "6201Z", weights: [4, 1, 2, 0.5], declaration: 0.4, acreAe: 0.1 },
  {
    code: "4791A",
    weights: [3, 3, 1.5, 1.5],
    goods: true,
    declaration: -0.2,
    payment: -0.65,
    acreAe: 0.45,
    acreTi: 1.8,
  },
  {
    code: "4791B",
    weights: [2, 3, 1, 1.5],
    goods: true,
    declaration: -0.1,
    payment: -0.3,
    acreAe: 0.5,
    acreTi: 1.4,
  },
  { code: "7410Z", weights: [1.5, 3, 0.3, 0.5], declaration: 0.2, acreAe: 0.6 },
  { code: "8121Z", weights: [3, 2.5, 1, 0.5], declaration: -0.2, acreAe: 0.45, acreTi: 0.6 },
  { code: "8299Z", weights: [1.5, 2, 0.5, 0.5], acreAe: 0.1 },
  { code: "9329Z", weights: [1.5, 1.5, 0.3, 0.3], acreAe: 0.45 },
  { code: "6831Z", weights: [1.5, 2, 2, 2], declaration: 0.2, acreAe: 0.35, acreTi: 0.2 },
  { code: "7420Z", weights: [1.5, 1.5, 0.3, 0.3], acreAe: 0.5 },
  { code: "4511Z", weights: [1.5, 0.2, 2, 0.3], goods: true, acreAe: 0.45, acreTi: 0.3 },
  { code: "4520A", weights: [1.5, 0.1, 2, 0.2], declaration: -0.1, acreAe: 0.4, acreTi: 0.35 },
  { code: "5814Z", weights: [0.5, 0.7, 0.2, 0.2], acreAe: 0.1 },
  { code: "7311Z", weights: [1.5, 1.5, 0.5, 0.5], acreAe: 0.4 },
  { code: "4399C", weights: [4, 0.2, 4, 0.2], ageTilt: OLDER, declaration: -0.2, acreTi: 0.45 },
  { code: "4321A", weights: [2, 0.1, 3, 0.1], ageTilt: OLDER, declaration: 0.1 },
  { code: "4334Z", weights: [2, 0.3, 1.5, 0.1], ageTilt: OLDER },
  { code: "4332A", weights: [1.5, 0.1, 1.5, 0.1], ageTilt: OLDER },
  { code: "4932Z", weights: [2, 0.2, 1, 0.1], declaration: -0.3, payment: -0.2 },
  { code: "8130Z", weights: [2, 0.5, 0.5, 0.1], ageTilt: OLDER },
  { code: "4778C", weights: [1, 1, 0.5, 0.5], goods: true },
  {
    code: "5610C",
    weights: [1, 0.5, 2.5, 1.5],
    goods: true,
    declaration: -0.3,
    payment: -0.75,
    acreTi: 0.8,
  },
  { code: "5610A", weights: [0.3, 0.2, 3, 2.5], goods: true, payment: -0.2, acreTi: 1.6 },
  { code: "5630Z", weights: [0.3, 0.2, 1.5, 1], goods: true, payment: -0.2, acreTi: 3 },
  {
    code: "6910Z",
    weights: [0.2, 0.3, 2.3, 7.5],
    ageTilt: OLDER,
    declaration: 0.5,
    payment: 0.8,
    acreTi: 1.6,
  },
  { code: "8690E", weights: [0.2, 0.5, 1.5, 4], declaration: 0.4, payment: 0.7, acreTi: -0.45 },
  { code: "8690F", weights: [0.5, 2, 0.5, 2], declaration: 0.3, payment: 0.6 },
  { code: "8621Z", weights: [0, 0, 2, 3], ageTilt: OLDER, payment: 0.7, acreTi: 0.2 },
  { code: "8623Z", weights: [0, 0, 1, 1], ageTilt: OLDER, payment: 0.7 },
  { code: "8690D", weights: [0.1, 0.3, 1, 3], payment: 0.7 },
  { code: "6622Z", weights: [0.3, 0.3, 1.5, 1] },
  { code: "8810A", weights: [0.3, 2, 0.2, 0.5] },
  { code: "4711B", weights: [0.3, 0.2, 1, 0.8], goods: true, payment: -0.2 },
];

/** Valid NAF rév. 2 codes sharing the remaining mass equally (the long tail of activities). */
export const TAIL_CODES: readonly string[] = [
  "1013B",
  "1071C",
  "1392Z",
  "1413Z",
  "1629Z",
  "2562B",
  "3109B",
  "3212Z",
  "3299Z",
  "4120A",
  "4211Z",
  "4322A",
  "4331Z",
  "4333Z",
  "4391B",
  "4619B",
  "4690Z",
  "4719B",
  "4724Z",
  "4771Z",
  "4772A",
  "4776Z",
  "4781Z",
  "4782Z",
  "4789Z",
  "4799A",
  "4941A",
  "4942Z",
  "5510Z",
  "5520Z",
  "5621Z",
  "5911A",
  "5920Z",
  "6312Z",
  "6619B",
  "6820A",
  "6832A",
  "7111Z",
  "7112B",
  "7220Z",
  "7312Z",
  "7490B",
  "7711A",
  "7739Z",
  "7810Z",
  "7911Z",
  "8010Z",
  "8211Z",
  "8230Z",
  "8520Z",
  "8552Z",
  "8553Z",
  "8559A",
  "8560Z",
  "8622C",
  "8891A",
  "9001Z",
  "9003A",
  "9003B",
  "9004Z",
  "9311Z",
  "9313Z",
  "9319Z",
  "9321Z",
  "9499Z",
  "9511Z",
  "9521Z",
  "9522Z",
  "9523Z",
  "9524Z",
  "9601B",
  "9603Z",
  "9604Z",
];

/** Share of the mass given to the tail, per status × sex (AE men, AE women, TI men, TI women). */
export const TAIL_SHARE: readonly [number, number, number, number] = [0.3, 0.3, 0.45, 0.4];

/** Divisions whose goods are sold (micro-social goods rate) when the code is in the tail. */
const GOODS_DIVISIONS = new Set(["10", "45", "46", "47", "55", "56"]);

/** Whether a code is taxed at the goods rate. */
export function isGoods(spec: NafSpec): boolean {
  return spec.goods ?? GOODS_DIVISIONS.has(spec.code.slice(0, 2));
}

/**
 * Logit shift of the chance of a treating inbound contact by NAF **division** (never by full
 * code: the study's matching uses the division, so confounding must pass through it).
 */
export const DIVISION_CONTACT: Readonly<Record<string, number>> = {
  "53": -0.7,
  "69": 0.35,
  "86": 0.25,
  "43": -0.15,
  "49": -0.3,
  "56": 0.15,
  "47": 0.1,
  "70": 0.1,
  "96": 0.1,
  "85": 0.15,
};
