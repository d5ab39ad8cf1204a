import type { Rng } from "@parcours-eval/core";
import {
  addMonths,
  completedYears,
  endOfMonthAfter,
  isoDate,
  parseIsoDay,
  startOfQuarter,
  yearOfDay,
} from "./calendar.js";
import { Cells } from "./cells.js";
import { type CsvSink, csvText, money } from "./csv-sink.js";
import type { Effects } from "./effects.js";
import {
  ACTIVE_DECLARATION,
  ACTIVE_SHARE,
  blankPredictors,
  type Intercepts,
  type Predictors,
  predictors,
} from "./models.js";
import { ALL_NAF, blankPerson, type Person, PersonFactory } from "./person.js";
import { between, cumulate, logistic, pick, poissonQuantile } from "./random.js";
import {
  type Channel,
  FREE_MOTIVES,
  LR_CATEGORIES,
  LR_CHANNEL_LABEL,
  LR_RAW_MOTIVES,
  type LrCategory,
  NATIONAL_CHANNEL_LABEL,
  PMSS,
  RDV_MOTIVES,
} from "./reference/labels.js";
import { isGoods } from "./reference/naf.js";
import { REGIONS } from "./reference/regions.js";
import { firstPeriod, laterPeriods, type Period, tiFirstEcheance } from "./schedule.js";

/** Days between a missed due date and the taxation-d'office notice (service-public: about a month). */
export const NOTICE_LAG = 35;
/** Censoring margin used by the truth (domain §5.1: due date + 15 days ≤ extract date). */
export const CENSOR_MARGIN = 15;
/** Later inbound contacts start at least this many days after the activity start (> 6 months). */
const LATER_CONTACT_FLOOR = 190;
/** Ouscac stopped in September 2023: no LR contact after this day. */
const OUSCAC_END = parseIsoDay("2023-09-30");
const LR_START = parseIsoDay("2018-02-01");
const LR_AE_AGE_LIMIT_FROM = parseIsoDay("2018-04-01");
const LR_AE_AGE_LIMIT_TO = parseIsoDay("2022-02-01");
const ACRE_REFORM = parseIsoDay("2020-01-01");
const CREA_NATIONAL = parseIsoDay("2024-01-01");

/** First-declaration status codes used internally. */
const ON_TIME = 0;
const LATE = 1;
const NOT_FILED = 2;

/** Open sinks of a dataset, by file name. */
export type Sinks = Record<string, CsvSink>;

/** Everything the simulator needs that does not change between accounts. */
export interface SimulatorConfig {
  /** `national` or `regional` (Languedoc-Roussillon). */
  scope: "national" | "regional";
  /** Seeded generator. */
  rng: Rng;
  /** True effects. */
  effects: Effects;
  /** Model intercepts (calibrated). */
  intercepts: Intercepts;
  /** Extract date (day number). */
  extractDate: number;
  /** Rollout day per region index (national deployment treatment). */
  rolloutDay: readonly number[];
  /** Open output files. */
  sinks: Sinks;
  /** Receives each account's simulated values (tests and diagnostics). */
  onAccount?: (record: AccountRecord) => void;
}

/** The simulated values of one account, as passed to `onAccount` (observed world unless noted). */
export interface AccountRecord {
  /** Account id. */
  id: string;
  /** `AE` or `TI_REEL`. */
  status: "AE" | "TI_REEL";
  /** Registration year. */
  year: number;
  /** Region code. */
  region: string;
  /** Had a treating early inbound contact (phone or appointment). */
  treated: boolean;
  /** Registered after the region's deployment (national). */
  exposed: boolean;
  /** Received Ouscac outbound calls (regional). */
  called: boolean;
  /** Motive categories of those calls. */
  callCategories: string[];
  /** AE with turnover. */
  active: boolean;
  /** First due date + 15 days after the extract date. */
  censored: boolean;
  /** Activity start + 12 months on or before the extract date. */
  followed: boolean;
  /** First declaration: `ON_TIME`, `LATE` or `NOT_FILED` as visible at the extract date (AE). */
  firstDeclaration: "ON_TIME" | "LATE" | "NOT_FILED" | null;
  /** In the payment population (not censored; TI, or AE with turnover). */
  paymentPopulation: boolean;
  /** First payment conforme. */
  conforme: boolean;
  /** ACRE granted. */
  acre: boolean;
  /** Aged 25 or less at the activity start. */
  under26: boolean;
  /** Age in completed years at registration. */
  ageAtRegistration: number;
  /** Taxation-d'office events notified within 12 months of the start (AE). */
  taxationsOffice: number;
  /** Inbound contacts after the first due date up to start + 12 months. */
  laterContacts: number;
}

const RDV_TABLE = cumulate(RDV_MOTIVES.map((m) => m[1]));
const CHANNELS: readonly Channel[] = ["PHONE", "EMAIL", "VISIT", "APPOINTMENT"];
// Later contacts by status: phone 89% overall, email mostly TI, visits mostly AE (T9.6–T9.7).
const LATER_CHANNELS = [
  cumulate([0.935, 0.015, 0.037, 0.013]),
  cumulate([0.88, 0.085, 0.01, 0.025]),
];
/** Chance that a called AE's call carries each category (T9.25 sizes; ours otherwise). */
const CALL_CATEGORY_P: Record<LrCategory, [number, number]> = {
  ASSISTANCE_COMPTE_EN_LIGNE: [0.55, 0.6],
  GESTION_DU_COMPTE: [0.48, 0.75],
  GESTION_INTERNE: [0.3, 0.3],
  RECOUVREMENT: [0.04, 0.04],
  RELATION_USAGERS: [0.97, 0.96],
  HORS_PERIMETRE_URSSAF: [0.1, 0.1],
};
/** Eligible creators called by Ouscac, by registration year (T9.9, T9.24–25, A9 §50). */
const CALL_RATE: Record<number, number> = {
  2018: 0.55,
  2019: 0.5,
  2020: 0.32,
  2021: 0.18,
  2022: 0.055,
  2023: 0.045,
};
/** Offer emails sent, by year (T6.2 "% with email"). */
const EMAIL_RATE: Record<number, number> = {
  2018: 0.62,
  2019: 0.71,
  2020: 0.71,
  2021: 0.69,
  2022: 0.78,
  2023: 0.71,
};

/** Outcomes of one world (a combination of the two treatments). */
interface World {
  status: number;
  firstDate: number;
  onTime: number;
  conforme: number;
  acre: number;
  laterContacts: number;
  to: number;
}

function blankWorld(): World {
  return { status: 0, firstDate: 0, onTime: 0, conforme: 0, acre: 0, laterContacts: 0, to: 0 };
}

/**
 * Simulates accounts one at a time: covariates, the two treatments (an early inbound contact,
 * and either the regional deployment or the LR outbound calls), the potential outcomes under
 * each, the observed rows written to the sinks, and the truth sums.
 */
export class AccountSimulator {
  /** Truth sums of two-group analyses (key `analysis|year|group`). */
  readonly cells = new Cells();
  /** Accounts written, by status (AE, TI au réel). */
  readonly statusCounts = [0, 0];
  private readonly p: Person = blankPerson();
  private readonly pr: Predictors = blankPredictors();
  private readonly factory = new PersonFactory();
  private readonly rng: Rng;
  private contactSeq = 0;
  private entrySeq = 0;
  private toSeq = 0;
  // Per-account scratch.
  private readonly w = new Float64Array(16);
  private readonly f = new Float64Array(16);
  private periods: Period[] = [];
  private readonly worlds = [blankWorld(), blankWorld(), blankWorld(), blankWorld(), blankWorld()];
  private earlyDates: number[] = [];
  private categories = new Set<LrCategory>();

  constructor(private readonly cfg: SimulatorConfig) {
    this.rng = cfg.rng;
  }

  /** Simulates and writes one account. */
  simulate(id: string, region: number, registration: number): void {
    const { rng, effects: fx, intercepts: ic, extractDate, sinks } = this.cfg;
    const national = this.cfg.scope === "national";
    const p = this.p;
    this.factory.draw(rng, p, region, registration);
    predictors(p, ic, fx, this.pr);
    const pr = this.pr;
    const ae = p.status === 0;
    const naf = ALL_NAF[p.naf]!;
    this.statusCounts[p.status]!++;

    // --- Treatments -------------------------------------------------------------------------
    const exposed = national && registration >= this.cfg.rolloutDay[region]! ? 1 : 0;
    const treated = rng.uniform() < logistic(pr.contact) ? 1 : 0;
    const base = Math.max(p.registration, p.start);
    this.earlyDates = [];
    // LR outbound calls (regional scope): eligibility rules of April 2018 – February 2022.
    const ageAtRegistration = completedYears(p.birth, p.registration);
    const eligible = !national && lrEligible(p.registration, ae, ageAtRegistration);
    let called = 0;
    let firstCallDay = Number.POSITIVE_INFINITY;
    this.categories.clear();
    const callDates: number[] = [];
    if (!national) {
      const rate = CALL_RATE[p.year] ?? 0;
      const pCall =
        (eligible ? 1 : 0.06) *
        Math.min(0.9, rate * (ae ? 1 : 1.5)) *
        Math.exp(0.2 * (p.female ? 1 : 0) - 0.015 * (p.age - 30));
      const lastDay = Math.min(base + 75, OUSCAC_END, extractDate);
      if (lastDay >= base && rng.uniform() < Math.min(0.95, pCall)) {
        called = 1;
        const nCalls = rng.uniform() < 0.65 ? 1 : rng.uniform() < 0.7 ? 2 : 3;
        for (let k = 0; k < nCalls; k++) {
          const early = rng.uniform() < 0.8;
          const hi = Math.min(early ? base + 60 : base + 75, lastDay);
          const lo = early ? base : Math.min(base + 61, hi);
          callDates.push(between(rng, lo, hi));
        }
        callDates.sort((a, b) => a - b);
        firstCallDay = callDates[0]!;
        const yi = p.year >= 2022 ? 1 : 0;
        for (const cat of LR_CATEGORIES) {
          if (rng.uniform() < CALL_CATEGORY_P[cat][yi]! * (ae || cat !== "RECOUVREMENT" ? 1 : 4)) {
            this.categories.add(cat);
          }
        }
        if (this.categories.size === 0) this.categories.add("RELATION_USAGERS");
      }
    }
    // Shifts of the second treatment: deployment (national) or calls (regional).
    let xDecl = 0;
    let xPay = 0;
    let xAcre = 0;
    let xLater = 0;
    let xMiss = 0;
    if (national) {
      xDecl = fx.deployment.firstDeclaration;
      xPay = fx.deployment.firstPayment;
      xAcre = fx.deployment.acre;
      xLater = fx.deployment.laterContacts;
      xMiss = fx.deployment.laterMissing;
    } else if (called) {
      for (const cat of this.categories) xDecl += fx.outbound.firstDeclaration[cat];
      xAcre = firstCallDay <= p.start + 45 ? fx.outbound.acre : 0;
    }
    const xObs = national ? exposed : called;

    // --- Latent draws shared by every world (common random numbers) ---------------------------
    const active = ae && rng.uniform() < ACTIVE_SHARE;
    const uDecl = rng.uniform();
    const vLate = rng.uniform();
    const lateDays = national
      ? rng.uniform() < 0.45
        ? between(rng, 1, NOTICE_LAG)
        : between(rng, NOTICE_LAG + 1, 150)
      : between(rng, 16, 150);
    const uPay = rng.uniform();
    const uKind = rng.uniform();
    const uAcre = rng.uniform();
    const uLater = rng.uniform();
    const first = ae ? firstPeriod(p.start, p.quarterly) : tiFirstEcheance(p.start);
    const windowEnd = addMonths(p.start, 12);
    this.periods = ae ? laterPeriods(first, p.quarterly, windowEnd) : [];
    for (let k = 0; k < this.periods.length; k++) {
      this.w[k] = rng.uniform();
      this.f[k] = rng.uniform();
    }

    // --- Worlds: 0 observed, 1 (x, d=0), 2 (x, d=1), 3 (x=0, d), 4 (x=1, d) -------------------
    const combos: ReadonlyArray<readonly [number, number]> = [
      [xObs, treated],
      [xObs, 0],
      [xObs, 1],
      [0, treated],
      [1, treated],
    ];
    const activeShift = ae ? (active ? ACTIVE_DECLARATION : -ACTIVE_DECLARATION) : 0;
    const dPay = ae ? fx.contact.firstPayment.AE : fx.contact.firstPayment.TI_REEL;
    const dAcre = ae ? fx.contact.acre.AE : fx.contact.acre.TI_REEL;
    const dLater = ae ? fx.contact.laterContacts.AE : fx.contact.laterContacts.TI_REEL;
    for (let wi = 0; wi < 5; wi++) {
      const [x, d] = combos[wi]!;
      const W = this.worlds[wi]!;
      if (ae) {
        const pOn = logistic(
          pr.declaration + activeShift + x * xDecl + d * fx.contact.firstDeclaration,
        );
        W.status = uDecl < pOn ? ON_TIME : vLate < 0.42 ? LATE : NOT_FILED;
        W.onTime = W.status === ON_TIME ? 1 : 0;
        W.firstDate = W.status === LATE ? first.due + lateDays : -1;
        const q = logistic(pr.payment + x * xPay + d * dPay);
        W.conforme = active && W.status === ON_TIME && uPay < q ? 1 : 0;
        W.to = this.taxationCount(
          W,
          first,
          windowEnd,
          pr.laterMissing + x * xMiss + d * fx.contact.laterMissing,
        );
      } else {
        W.conforme = uPay < logistic(pr.payment + x * xPay + d * dPay) ? 1 : 0;
      }
      W.acre = uAcre < logistic(pr.acre + x * xAcre + d * dAcre) ? 1 : 0;
      W.laterContacts = poissonQuantile(
        uLater,
        Math.exp(pr.laterContacts + x * xLater + d * dLater),
      );
    }
    const obs = this.worlds[0]!;

    // --- Early contacts (treating inbound, other inbound, LR outbound) -------------------------
    const contacts = sinks.contacts!;
    const source = national ? "national_inbound" : "ouscac";
    const labels = national ? NATIONAL_CHANNEL_LABEL : LR_CHANNEL_LABEL;
    if (treated) {
      const n = rng.uniform() < 0.7 ? 1 : rng.uniform() < 0.73 ? 2 : 3;
      for (let k = 0; k < n; k++) {
        const day = between(rng, base, base + 30);
        const appt = rng.uniform() < (ae ? 0.04 : 0.1);
        this.earlyDates.push(day);
        this.contactRow(contacts, id, day, "IN", appt ? "APPOINTMENT" : "PHONE", labels, source);
      }
      // Follow-up calls of those already treated, up to the first due date (they change no
      // treatment flag and no outcome window).
      const more = poissonQuantile(rng.uniform(), 1.2);
      for (let k = 0; k < more; k++) {
        const day = between(rng, base + 31, first.due);
        this.contactRow(
          contacts,
          id,
          day,
          "IN",
          rng.uniform() < 0.96 ? "PHONE" : "EMAIL",
          labels,
          source,
        );
      }
    }
    if (rng.uniform() < (ae ? 0.015 : 0.05)) {
      const day = between(rng, base, base + 60);
      const email = rng.uniform() < (ae ? 0.35 : 0.85);
      this.contactRow(contacts, id, day, "IN", email ? "EMAIL" : "VISIT", labels, source);
    }
    let offerEmail = -1;
    if (!national) {
      for (const day of callDates) this.callRows(contacts, id, day, ae);
      if (eligible && p.registration <= OUSCAC_END && rng.uniform() < (EMAIL_RATE[p.year] ?? 0)) {
        offerEmail = Math.min(p.registration + between(rng, 3, 25), OUSCAC_END, extractDate);
        this.outboundRow(
          contacts,
          id,
          offerEmail,
          "EMAIL",
          "Présentation de l'offre",
          "RELATION_USAGERS",
        );
        this.earlyDates.push(offerEmail);
      }
      if (!ae && eligible && rng.uniform() < 0.1) {
        const day = between(rng, p.start + 150, p.start + 270);
        if (day <= OUSCAC_END && day <= extractDate) {
          this.outboundRow(contacts, id, day, "PHONE", "Échéance impayée", "RECOUVREMENT");
        }
      }
    }

    // --- Declarations, entries and taxations d'office (observed world) ------------------------
    const rate = isGoods(naf) ? 0.123 : 0.212;
    const firstCa = active ? Math.max(1, Math.round(Math.exp(Math.log(1800) + rng.normal()))) : 0;
    const firstContribution = Math.round(firstCa * rate * 100);
    const lastEarly = this.earlyDates.length ? Math.max(...this.earlyDates) : base;
    let firstVisible = -1;
    if (ae) {
      if (obs.status === ON_TIME) {
        obs.firstDate = between(rng, Math.max(first.end - 10, lastEarly + 1), first.due);
      }
      if (obs.status !== NOT_FILED && obs.firstDate <= extractDate) firstVisible = obs.firstDate;
      if (firstVisible >= 0) {
        this.declarationRow(id, first, firstVisible, firstCa, firstContribution);
      }
      this.writeLaterPeriods(
        id,
        obs,
        first,
        active,
        rate,
        pr.laterMissing + xObs * xMiss + treated * fx.contact.laterMissing,
      );
      if (national) this.aeEntries(id, obs, first, active, firstContribution, uKind, firstVisible);
    } else if (national) {
      this.tiEntries(id, first, obs.conforme === 1, uKind);
    }
    // Later inbound contacts (outcome), after the first due date and after 6 months.
    const laterFrom = Math.max(first.due, p.start + LATER_CONTACT_FLOOR) + 1;
    for (let k = 0; k < obs.laterContacts; k++) {
      const day = between(rng, laterFrom, windowEnd);
      if (day > extractDate || (!national && day > OUSCAC_END)) continue;
      const ch = CHANNELS[pick(rng, LATER_CHANNELS[p.status]!)]!;
      this.contactRow(contacts, id, day, "IN", ch, labels, source);
    }

    // --- Account row ---------------------------------------------------------------------------
    let acreStart = "";
    let acreEnd = "";
    if (obs.acre) {
      acreStart = isoDate(p.start);
      const end = !ae
        ? addMonths(p.start, 12) - 1
        : p.start >= ACRE_REFORM
          ? endOfMonthAfter(startOfQuarter(p.start), 11)
          : addMonths(p.start, 36) - 1;
      acreEnd = isoDate(end);
    }
    let crea = "";
    if (national) crea = p.registration >= CREA_NATIONAL ? "1" : "";
    else if (p.registration >= LR_START && p.registration <= OUSCAC_END + 31)
      crea = eligible ? "1" : "0";
    const prior = rng.uniform() < 0.015 ? isoDate(p.creation - between(rng, 20, 170)) : "";
    const regionSpec = REGIONS[region]!;
    sinks.accounts!.row(
      `${id};${ae ? "AE" : "TI_REEL"};${isoDate(p.registration)};${isoDate(p.start)};${isoDate(p.creation)};${isoDate(p.birth)};${p.female ? "F" : "M"};${p.departement};${regionSpec.code};${naf.code};${ae ? (p.quarterly ? "T" : "M") : ""};${acreStart};${national ? acreEnd : offerEmail >= 0 ? isoDate(offerEmail) : ""};${crea};${prior}`,
    );

    // --- Truth ---------------------------------------------------------------------------------
    this.record(p, treated, exposed, called, first, windowEnd, active, ageAtRegistration);
    if (this.cfg.onAccount) {
      const censored = first.due + CENSOR_MARGIN > extractDate;
      this.cfg.onAccount({
        id,
        status: ae ? "AE" : "TI_REEL",
        year: p.year,
        region: regionSpec.code,
        treated: treated === 1,
        exposed: exposed === 1,
        called: called === 1,
        callCategories: [...this.categories],
        active,
        censored,
        followed: windowEnd <= extractDate,
        firstDeclaration: !ae
          ? null
          : firstVisible < 0
            ? "NOT_FILED"
            : obs.status === ON_TIME
              ? "ON_TIME"
              : "LATE",
        paymentPopulation: !censored && (!ae || active),
        conforme: obs.conforme === 1,
        acre: obs.acre === 1,
        under26: p.age <= 25,
        ageAtRegistration,
        taxationsOffice: obs.to,
        laterContacts: obs.laterContacts,
      });
    }
  }

  /** Counts TO events notified within the window for one world, mirroring {@link writeLaterPeriods}. */
  private taxationCount(W: World, first: Period, windowEnd: number, missLogit: number): number {
    let n = 0;
    const firstMissed =
      W.status === NOT_FILED || (W.status === LATE && W.firstDate > first.due + NOTICE_LAG);
    if (firstMissed && first.due + NOTICE_LAG <= windowEnd) n++;
    const m = logistic(missLogit);
    for (let k = 0; k < this.periods.length; k++) {
      const per = this.periods[k]!;
      if (this.laterFiling(W, per, k, m) < 0 && per.due + NOTICE_LAG <= windowEnd) n++;
    }
    return n;
  }

  /**
   * Filing day of later period `k` in world `W`, or -1 when it is still missing at the notice
   * (due + 35 days). Non-filers file nothing; a late first declaration carries the periods already
   * due with it (catch-up); otherwise a period is missed with probability `m`.
   */
  private laterFiling(W: World, per: Period, k: number, m: number): number {
    if (W.status === NOT_FILED) return -1;
    if (W.status === LATE && per.due < W.firstDate) {
      return W.firstDate > per.due + NOTICE_LAG ? -1 - W.firstDate : W.firstDate;
    }
    if (this.w[k]! < m) return -1;
    return per.end + 1 + Math.floor(this.f[k]! * (per.due - per.end));
  }

  private writeLaterPeriods(
    id: string,
    W: World,
    first: Period,
    active: boolean,
    rate: number,
    missLogit: number,
  ): void {
    const { extractDate, rng } = this.cfg;
    const national = this.cfg.scope === "national";
    const m = logistic(missLogit);
    const firstMissed =
      W.status === NOT_FILED || (W.status === LATE && W.firstDate > first.due + NOTICE_LAG);
    if (national && firstMissed) {
      const regularised = W.status === LATE && W.firstDate <= extractDate ? W.firstDate : -1;
      this.toRow(id, first, regularised);
    }
    for (let k = 0; k < this.periods.length; k++) {
      const per = this.periods[k]!;
      const filed = this.laterFiling(W, per, k, m);
      if (filed >= 0) {
        if (filed <= extractDate) {
          const ca =
            active && rng.uniform() > 0.25
              ? Math.round(
                  Math.exp(Math.log(700) + 0.9 * rng.normal()) * (per.end - per.start > 40 ? 3 : 1),
                )
              : 0;
          this.declarationRow(id, per, filed, ca, Math.round(ca * rate * 100));
        }
      } else {
        // Missing at the notice: a penalty; a catch-up filing after the notice regularises it.
        const late = filed < -1 ? -1 - filed : -1;
        const visible = late >= 0 && late <= extractDate;
        if (national) this.toRow(id, per, visible ? late : -1);
        if (visible) {
          const ca = active ? Math.round(Math.exp(Math.log(700) + 0.9 * rng.normal())) : 0;
          this.declarationRow(id, per, late, ca, Math.round(ca * rate * 100));
        }
      }
    }
  }

  private declarationRow(
    id: string,
    per: Period,
    filed: number,
    ca: number,
    contributionCents: number,
  ): void {
    const national = this.cfg.scope === "national";
    const late = filed > per.due ? "1" : "0";
    const tolerated = national ? "" : `;${isoDate(per.due + 15)}`;
    this.cfg.sinks.declarations!.row(
      `${id};${isoDate(per.start)};${isoDate(per.end)};${isoDate(filed)};${ca}.00;${money(contributionCents)};${isoDate(per.due)}${tolerated};${late};1;SPONTANEE`,
    );
  }

  private toRow(id: string, per: Period, regularised: number): void {
    const notice = per.due + NOTICE_LAG;
    if (notice > this.cfg.extractDate) return;
    const pmss = PMSS[yearOfDay(notice)] ?? 3925;
    const penalty = Math.ceil(pmss * 0.015) * 100;
    this.toSeq++;
    this.cfg.sinks.taxations_office!.row(
      `${id};T${this.toSeq};AE_PENALITE;${isoDate(per.start)};${isoDate(per.end)};${isoDate(per.due)};${isoDate(notice)};;${money(penalty)};;${regularised >= 0 ? isoDate(regularised) : ""}`,
    );
  }

  private entry(
    id: string,
    per: Period | null,
    code: string,
    cents: number,
    payment: number,
    accounting: number,
    due: number,
    status: string,
  ): void {
    const x = this.cfg.extractDate;
    if (accounting > x || (payment >= 0 && payment > x)) return;
    this.entrySeq++;
    const period = per ? `${isoDate(per.start)};${isoDate(per.end)}` : ";";
    this.cfg.sinks.accounting_entries!.row(
      `${id};E${this.entrySeq};${period};${code};${money(cents)};${payment >= 0 ? isoDate(payment) : ""};${isoDate(accounting)};${isoDate(due)};${status}`,
    );
  }

  /** First échéance of an AE (national): DC and payments implying the simulated status. */
  private aeEntries(
    id: string,
    W: World,
    first: Period,
    active: boolean,
    contribution: number,
    uKind: number,
    firstVisible: number,
  ): void {
    if (!active) return;
    const rng = this.rng;
    const due = first.due;
    if (firstVisible < 0) {
      // No visible declaration but turnover: the échéance is charged and stays unpaid.
      this.entry(id, first, "DC", contribution, -1, due, due, "AE");
      this.entry(id, first, "MER", contribution, -1, due + 40, due, "AE");
      return;
    }
    this.entry(id, first, "DC", contribution, -1, firstVisible, due, "AE");
    if (W.status === LATE) {
      this.entry(
        id,
        first,
        "CAF",
        contribution,
        firstVisible,
        firstVisible + between(rng, 1, 4),
        due,
        "AE",
      );
      return;
    }
    this.payment(id, first, contribution, W.conforme === 1, uKind, firstVisible, "AE");
  }

  /** First provisional échéance of a TI au réel (national). */
  private tiEntries(id: string, first: Period, conforme: boolean, uKind: number): void {
    const amount = Math.round(Math.exp(Math.log(900) + 0.5 * this.rng.normal())) * 100;
    this.entry(id, first, "DC", amount, -1, first.start + 30, first.due, "TI_REEL");
    this.payment(
      id,
      first,
      amount,
      conforme,
      uKind,
      first.due - between(this.rng, 0, 20),
      "TI_REEL",
    );
  }

  /** Payment entries: conforme, or one of créditeur / short / late / unpaid. */
  private payment(
    id: string,
    per: Period,
    cents: number,
    conforme: boolean,
    uKind: number,
    payDay: number,
    status: string,
  ): void {
    const rng = this.rng;
    const due = per.due;
    const acc = (d: number) => d + between(rng, 1, 4);
    if (conforme) {
      this.entry(id, per, "CAF", cents, payDay, acc(payDay), due, status);
    } else if (uKind < 0.15) {
      const extra = between(rng, 100, Math.max(200, Math.round(cents * 0.3)));
      this.entry(id, per, "CAF", cents + extra, payDay, acc(payDay), due, status);
    } else if (uKind < 0.5 && cents >= 200) {
      const short = between(rng, 100, Math.max(100, Math.round(cents * 0.6)));
      this.entry(id, per, "CAF", cents - short, payDay, acc(payDay), due, status);
      this.entry(id, per, "MER", short, -1, due + 40, due, status);
      const crt = due + between(rng, 50, 120);
      this.entry(id, per, "CRT", short, crt, acc(crt), due, status);
    } else if (uKind < 0.75) {
      const late = due + between(rng, 3, 60);
      this.entry(id, per, "CAF", cents, late, acc(late), due, status);
    } else {
      this.entry(id, per, "MER", cents, -1, due + 40, due, status);
    }
  }

  private contactRow(
    sink: CsvSink,
    id: string,
    day: number,
    direction: "IN" | "OUT",
    channel: Channel,
    labels: Readonly<Record<Channel, string>>,
    source: string,
  ): void {
    if (day > this.cfg.extractDate) return;
    const rng = this.rng;
    if (this.cfg.scope === "regional") {
      // LR motives are always one of the 30 raw labels, with their category (contract §3.8).
      if (day > OUSCAC_END) return;
      const cat = LR_CATEGORIES[rng.int(LR_CATEGORIES.length)]!;
      const raw = LR_RAW_MOTIVES[cat];
      // LR cannot tell appointments from phone calls (fn414).
      const ch = channel === "APPOINTMENT" ? "PHONE" : channel;
      this.contactSeq++;
      sink.row(
        `${id};K${this.contactSeq};${isoDate(day)};${direction};${ch};${csvText(labels[ch])};${csvText(raw[rng.int(raw.length)]!)};${cat};${source}`,
      );
      return;
    }
    const motive =
      channel === "APPOINTMENT"
        ? RDV_MOTIVES[pick(rng, RDV_TABLE)]![0]
        : FREE_MOTIVES[rng.int(FREE_MOTIVES.length)]!;
    this.contactSeq++;
    sink.row(
      `${id};K${this.contactSeq};${isoDate(day)};${direction};${channel};${csvText(labels[channel])};${csvText(motive)};;${source}`,
    );
  }

  private outboundRow(
    sink: CsvSink,
    id: string,
    day: number,
    channel: Channel,
    motive: string,
    category: LrCategory,
  ): void {
    this.contactSeq++;
    sink.row(
      `${id};K${this.contactSeq};${isoDate(day)};OUT;${channel};${csvText(LR_CHANNEL_LABEL[channel])};${csvText(motive)};${category};ouscac`,
    );
  }

  /** One outbound call: one row per (call, raw motive), 1–2 raw motives per category. */
  private callRows(sink: CsvSink, id: string, day: number, ae: boolean): void {
    const rng = this.rng;
    this.earlyDates.push(day);
    for (const cat of this.categories) {
      const raw = LR_RAW_MOTIVES[cat];
      const n = ae && rng.uniform() < 0.6 ? 2 : 1;
      const startAt = rng.int(raw.length);
      for (let k = 0; k < n; k++) {
        this.outboundRow(sink, id, day, "PHONE", raw[(startAt + k) % raw.length]!, cat);
      }
    }
  }

  /** Adds the account to every truth cell it belongs to. */
  private record(
    p: Person,
    treated: number,
    exposed: number,
    called: number,
    first: Period,
    windowEnd: number,
    active: boolean,
    ageAtRegistration: number,
  ): void {
    const [obs, d0, d1, x0, x1] = this.worlds as [World, World, World, World, World];
    const x = this.cfg.extractDate;
    const ae = p.status === 0;
    const y = p.year;
    const censored = first.due + CENSOR_MARGIN > x;
    const followed = windowEnd <= x;
    const under26 = p.age <= 25;
    const payPop = !censored && (!ae || active);
    const c = this.cells;
    const g = treated ? "T" : "C";
    const st = ae ? "ae" : "ti";
    if (this.cfg.scope === "national") {
      if (ae && !censored) c.add(`decl|${y}|${g}`, obs.onTime, d1.onTime, d0.onTime);
      if (payPop) c.add(`pay.${st}|${y}|${g}`, obs.conforme, d1.conforme, d0.conforme);
      if (under26) c.add(`acre.${st}|${y}|${g}`, obs.acre, d1.acre, d0.acre);
      if (ae && followed) c.add(`to|${y}|${g}`, obs.to, d1.to, d0.to);
      if (followed)
        c.add(`later.${st}|${y}|${g}`, obs.laterContacts, d1.laterContacts, d0.laterContacts);
      // Deployment cells: region × registration semester, with x-worlds.
      const r = REGIONS[p.region]!.code;
      const sem = `${y}-S${p.semester}`;
      if (ae && !censored) c.add(`dep.decl|${r}|${sem}`, obs.onTime, x1.onTime, x0.onTime, exposed);
      if (payPop) c.add(`dep.pay|${r}|${sem}`, obs.conforme, x1.conforme, x0.conforme, exposed);
      if (under26) c.add(`dep.acre|${r}|${sem}`, obs.acre, x1.acre, x0.acre, exposed);
      if (followed)
        c.add(
          `dep.later|${r}|${sem}`,
          obs.laterContacts,
          x1.laterContacts,
          x0.laterContacts,
          exposed,
        );
      if (ae && followed) c.add(`dep.to|${r}|${sem}`, obs.to, x1.to, x0.to, exposed);
      return;
    }
    // Regional (Languedoc-Roussillon).
    const h = called ? "T" : "C";
    if (ae && !censored) {
      c.add(`lr.decl|${y}|${h}`, obs.onTime, x1.onTime, x0.onTime);
      for (const cat of LR_CATEGORIES) {
        if (called && this.categories.has(cat))
          c.add(`lr.decl.${cat}|${y}|T`, obs.onTime, x1.onTime, x0.onTime);
      }
      if (y === 2018 || y === 2019) {
        if (ageAtRegistration === 28 || ageAtRegistration === 29) {
          c.add(`lr.thr|${y}|A`, obs.onTime, x1.onTime, x0.onTime, called);
        } else if (ageAtRegistration === 30 || ageAtRegistration === 31) {
          c.add(`lr.thr|${y}|B`, obs.onTime, x1.onTime, x0.onTime, called);
        }
      }
    }
    if (ae && under26) c.add(`lr.acre|${y}|${h}`, obs.acre, x1.acre, x0.acre);
  }
}

/**
 * Languedoc-Roussillon targeting: from February 2018 every creator under 30; from April 2018 the
 * age limit is lifted for TI au réel; from February 2022 for AE (A6 §46, A9 §99). Ouscac stops at
 * the end of September 2023.
 */
export function lrEligible(registration: number, ae: boolean, ageAtRegistration: number): boolean {
  if (registration < LR_START || registration > OUSCAC_END) return false;
  if (registration < LR_AE_AGE_LIMIT_FROM) return ageAtRegistration < 30;
  if (registration < LR_AE_AGE_LIMIT_TO) return !ae || ageAtRegistration < 30;
  return true;
}
