import type { Effects } from "./effects.js";
import { ALL_NAF, type Person } from "./person.js";
import { logistic } from "./random.js";
import { DIVISION_CONTACT } from "./reference/naf.js";
import { REGIONS } from "./reference/regions.js";

/**
 * Intercepts of the outcome and treatment models. Those marked "calibrated" are solved by
 * `calibrate` so that the 2023 national cohort hits annex 9's descriptive levels.
 */
export interface Intercepts {
  /** Treating inbound contact, by status (calibrated: AE 8.5%, TI 20%). */
  contact: [number, number];
  /** On-time first declaration, AE (calibrated: 73.7%). */
  declaration: number;
  /** First-payment conformity given an on-time declaration (AE) / overall (TI) (calibrated: AE with CA 71%, TI 33%). */
  payment: [number, number];
  /** ACRE uptake, by status (calibrated among under-26: AE 31.2%, TI 80%). */
  acre: [number, number];
  /** Log rate of later inbound contacts, by status (hand-tuned to 18.6% contacting in 2023). */
  laterContacts: [number, number];
  /** Missing a later AE declaration (hand-tuned). */
  laterMissing: number;
}

/** Share of AE with turnover (the rest declare 0 on every period: "max of 3 CA = 0", T9.11). */
export const ACTIVE_SHARE = 0.52;
/** Logit shift of on-time filing for AE with turnover (and minus it without). */
export const ACTIVE_DECLARATION = 0.55;

/** The deterministic part of every model for one person (reused object, no allocation). */
export interface Predictors {
  /** Logit of a treating inbound contact. */
  contact: number;
  /** Logit of on-time first declaration, before treatment terms and activity. */
  declaration: number;
  /** Logit of first-payment conformity, before treatment terms. */
  payment: number;
  /** Logit of ACRE uptake, before treatment terms. */
  acre: number;
  /** Log rate of later inbound contacts, before treatment terms. */
  laterContacts: number;
  /** Logit of missing a later declaration, before treatment terms. */
  laterMissing: number;
}

/** Fills `out` with the linear predictors of person `p` (no treatment terms). */
export function predictors(p: Person, ic: Intercepts, fx: Effects, out: Predictors): void {
  const region = REGIONS[p.region]!;
  const naf = ALL_NAF[p.naf]!;
  const s = p.status;
  const female = p.female ? 1 : 0;
  const season = p.semester === 2 ? 0.5 : -0.5;
  const age = Math.min(p.age, 70);
  // Confounding: older people and women call more, couriers and Île-de-France less (A9 §88).
  out.contact =
    ic.contact[s]! +
    0.03 * (p.age - 35) +
    0.3 * female +
    region.contact +
    (DIVISION_CONTACT[naf.code.slice(0, 2)] ?? 0);
  // Graphique 7: not on time falls with age; graphiques 8–9: regions and codes.
  out.declaration =
    ic.declaration +
    0.025 * (age - 35) +
    0.15 * female +
    region.declaration +
    (naf.declaration ?? 0) +
    fx.trend.firstDeclaration * p.clock +
    fx.season.firstDeclaration * season;
  // Graphique 10: 18–25 above average, 26–49 below, 50+ above.
  const agePay = p.age < 26 ? 0.15 : p.age < 50 ? -0.12 : 0.3;
  out.payment =
    ic.payment[s]! +
    agePay +
    0.1 * female +
    region.payment +
    (naf.payment ?? 0) +
    fx.trend.firstPayment * p.clock +
    fx.season.firstPayment * season;
  // Everyone under 26 is eligible; older creators only if unemployed etc.
  const ageAcre = p.age <= 25 ? 0 : s === 0 ? -0.7 : -0.3;
  out.acre =
    ic.acre[s]! +
    ageAcre +
    0.1 * female +
    region.acre +
    ((s === 0 ? naf.acreAe : naf.acreTi) ?? 0) +
    fx.trend.acre * p.clock +
    fx.season.acre * season;
  out.laterContacts =
    ic.laterContacts[s]! +
    0.01 * (age - 35) +
    0.1 * female +
    fx.trend.laterContacts * p.clock +
    fx.season.laterContacts * season;
  out.laterMissing =
    ic.laterMissing -
    0.02 * (age - 35) -
    0.1 * female -
    0.5 * region.declaration -
    0.5 * (naf.declaration ?? 0) +
    fx.trend.laterMissing * p.clock +
    fx.season.laterMissing * season;
}

/** Blank predictors. */
export function blankPredictors(): Predictors {
  return { contact: 0, declaration: 0, payment: 0, acre: 0, laterContacts: 0, laterMissing: 0 };
}

/** A calibration sample: persons of the 2023 national cohort with their deployment flag. */
export interface CalibrationUnit {
  /** The person. */
  person: Person;
  /** Registered after the region's rollout. */
  exposed: boolean;
}

/** Bisection for the intercept `a` such that `mean(a) = target` (mean increasing in `a`). */
function solve(mean: (a: number) => number, target: number): number {
  let lo = -15;
  let hi = 15;
  for (let it = 0; it < 50; it++) {
    const mid = (lo + hi) / 2;
    if (mean(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Solves the calibrated intercepts on a sample of the 2023 national cohort, using exact
 * expectations over the contact and activity draws (no Monte Carlo noise), so that the observed
 * 2023 levels match annex 9 whatever the effects are.
 */
export function calibrate(units: readonly CalibrationUnit[], fx: Effects): Intercepts {
  const ic: Intercepts = {
    contact: [0, 0],
    declaration: 0,
    payment: [0, 0],
    acre: [0, 0],
    laterContacts: [-0.9, -0.3],
    laterMissing: -2.3,
  };
  const n = units.length;
  const status = new Int8Array(n);
  const young = new Int8Array(n);
  const bContact = new Float64Array(n);
  const bDecl = new Float64Array(n);
  const bPay = new Float64Array(n);
  const bAcre = new Float64Array(n);
  const pr = blankPredictors();
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    predictors(u.person, ic, fx, pr);
    status[i] = u.person.status;
    young[i] = u.person.age <= 25 ? 1 : 0;
    const e = u.exposed ? 1 : 0;
    bContact[i] = pr.contact;
    bDecl[i] = pr.declaration + e * fx.deployment.firstDeclaration;
    bPay[i] = pr.payment + e * fx.deployment.firstPayment;
    bAcre[i] = pr.acre + e * fx.deployment.acre;
  }
  // Mean over units of status `s` (and under 26 when `onlyYoung`) of f(i).
  const avg = (s: number, onlyYoung: boolean, f: (i: number) => number) => {
    let sum = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (status[i] !== s || (onlyYoung && young[i] === 0)) continue;
      sum += f(i);
      m++;
    }
    return sum / m;
  };
  const contactTarget = [0.085, 0.2];
  for (const s of [0, 1] as const) {
    ic.contact[s] = solve(
      (a) => avg(s, false, (i) => logistic(a + bContact[i]!)),
      contactTarget[s]!,
    );
  }
  const pi = new Float64Array(n);
  for (let i = 0; i < n; i++) pi[i] = logistic(ic.contact[status[i]!]! + bContact[i]!);
  const dDecl = fx.contact.firstDeclaration;
  // On time, mixing over activity (A) and the contact (D).
  const onTime = (i: number, a: number, active: number) => {
    const eta = a + bDecl[i]! + active;
    return (1 - pi[i]!) * logistic(eta) + pi[i]! * logistic(eta + dDecl);
  };
  ic.declaration = solve(
    (a) =>
      avg(
        0,
        false,
        (i) =>
          ACTIVE_SHARE * onTime(i, a, ACTIVE_DECLARATION) +
          (1 - ACTIVE_SHARE) * onTime(i, a, -ACTIVE_DECLARATION),
      ),
    0.737,
  );
  // AE with turnover: conforme = on time × conform payment.
  const dPayAe = fx.contact.firstPayment.AE;
  ic.payment[0] = solve(
    (a) =>
      avg(0, false, (i) => {
        const eta = ic.declaration + bDecl[i]! + ACTIVE_DECLARATION;
        const q = a + bPay[i]!;
        return (
          (1 - pi[i]!) * logistic(eta) * logistic(q) +
          pi[i]! * logistic(eta + dDecl) * logistic(q + dPayAe)
        );
      }),
    0.71,
  );
  const dPayTi = fx.contact.firstPayment.TI_REEL;
  ic.payment[1] = solve(
    (a) =>
      avg(
        1,
        false,
        (i) => (1 - pi[i]!) * logistic(a + bPay[i]!) + pi[i]! * logistic(a + bPay[i]! + dPayTi),
      ),
    0.33,
  );
  const acreTarget = [0.312, 0.8];
  for (const s of [0, 1] as const) {
    const eff = s === 0 ? fx.contact.acre.AE : fx.contact.acre.TI_REEL;
    ic.acre[s] = solve(
      (a) =>
        avg(
          s,
          true,
          (i) => (1 - pi[i]!) * logistic(a + bAcre[i]!) + pi[i]! * logistic(a + bAcre[i]! + eff),
        ),
      acreTarget[s]!,
    );
  }
  return ic;
}
