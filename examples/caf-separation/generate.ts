/**
 * A small seeded synthetic extract of a CAF's own tables for the « séparation » journey (IGAS
 * 2024, annex 4, section 2): allocataires declaring a separation, their contacts (among them the
 * « rendez-vous des droits »), the benefits the caisse computes they are entitled to, the benefits
 * they claim, and each CAF's deployment date of the parcours. True effects are planted so that an
 * evaluation can be checked against them.
 */
import { createRng, type Rng } from "@parcours-eval/core";

/** The true effects planted in the extract. */
export interface SeparationEffects {
  /** Rise in the probability of claiming an entitled benefit within 6 months after a rendez-vous. */
  takeUp: number;
  /** Change in the number of repeated contacts (days 31–183) after a rendez-vous. */
  contacts: number;
  /** Rise in the probability of a rendez-vous within 30 days once the CAF has deployed the parcours. */
  deploymentUptake: number;
}

/** Options of {@link generateSeparationExtract}. */
export interface SeparationOptions {
  /** Seed (default 1). */
  seed?: number | string;
  /** Number of CAFs (default 40; a fifth never deploy within the window). */
  cafs?: number;
  /** Separations declared per CAF and quarter (default 80). */
  perCafQuarter?: number;
  /** Planted effects (defaults in {@link DEFAULT_SEPARATION_EFFECTS}). */
  effects?: Partial<SeparationEffects>;
}

/** Default planted effects: +12 points of take-up (the order of the « estimation miroir » of annex 4, §190), −0.5 repeated contacts, +40 points of rendez-vous. */
export const DEFAULT_SEPARATION_EFFECTS: SeparationEffects = {
  takeUp: 0.12,
  contacts: -0.5,
  deploymentUptake: 0.4,
};

/** The quarters of the study: 2021-Q1 (1) to 2023-Q4 (12). */
export const QUARTERS = 12;
const FIRST_YEAR = 2021;
/** Quarters at which CAFs deploy the parcours (0 = not within the window). */
const DEPLOYMENT_QUARTERS = [4, 6, 8, 10, 0] as const;
const CHANNELS = ["TELEPHONE", "COURRIEL", "ACCUEIL"] as const;
const BENEFITS = ["ASF", "RSA_MAJORE", "PA_MAJOREE", "AL"] as const;
/** Probability of a later rendez-vous (days 45–144) for someone without one within 30 days. */
export const LATE_RDV = 0.04;

/** One row of a table, as written to CSV. */
export type Row = Record<string, string | number>;

/** The extract: the caisse's tables and the truth the evaluation must recover. */
export interface SeparationExtract {
  /** `allocataire_id, caf, date_separation, nb_enfants, age, rsa_avant, compte_en_ligne`. */
  allocataires: Row[];
  /** `allocataire_id, date_contact, canal` (canal RDV_DROITS = « rendez-vous des droits »). */
  contacts: Row[];
  /** `allocataire_id, prestation`: the benefits the caisse computes they are entitled to. */
  droits: Row[];
  /** `allocataire_id, prestation, date_demande`: the benefits claimed. */
  demandes: Row[];
  /** `caf, date_deploiement` (2024-07-01 for CAFs that deploy after the window). */
  cafs: Row[];
  /** The planted truth. */
  truth: {
    /** Planted effects. */
    effects: SeparationEffects;
    /** ATT of a rendez-vous within 30 days on take-up within 6 months (= effects.takeUp). */
    attTakeUp: number;
    /** ATT of a rendez-vous on repeated contacts (= effects.contacts). */
    attContacts: number;
    /**
     * Effect of the CAF's deployment on take-up (intention to treat). Deployment raises the
     * probability of any rendez-vous by deploymentUptake × (1 − LATE_RDV), since someone seen
     * within 30 days can no longer be seen later: takeUp × deploymentUptake × (1 − LATE_RDV).
     */
    deploymentTakeUp: number;
    /** Effect of the deployment on repeated contacts: contacts × deploymentUptake × (1 − LATE_RDV). */
    deploymentContacts: number;
  };
}

/** ISO date of day `offset` after the start of quarter `q` (1-based from 2021-Q1). */
export function quarterDay(q: number, offset: number): string {
  const year = FIRST_YEAR + Math.floor((q - 1) / 4);
  const month = ((q - 1) % 4) * 3;
  return new Date(Date.UTC(year, month, 1 + offset)).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Poisson draw by inversion (Knuth): the means here are small. */
function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.uniform();
  while (p > limit) {
    k++;
    p *= rng.uniform();
  }
  return k;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Generates the extract. Selection into a rendez-vous depends on the allocataire's profile
 * (children, prior RSA, online account, age) and on whether their CAF has deployed the parcours;
 * take-up and contacts depend on the same profile, on CAF and quarter effects, and on the
 * rendez-vous by exactly the planted amounts (probabilities are kept inside (0, 1), so effects are
 * exact in expectation). Rendez-vous after day 30 (4 %, unrelated to deployment) have the same
 * effect: the cohort must keep them out of the controls.
 */
export function generateSeparationExtract(options: SeparationOptions = {}): SeparationExtract {
  const effects = { ...DEFAULT_SEPARATION_EFFECTS, ...options.effects };
  const rng = createRng(options.seed ?? 1);
  const nCafs = options.cafs ?? 40;
  const perCell = options.perCafQuarter ?? 80;
  const quarterShock = Array.from(
    { length: QUARTERS + 1 },
    (_, q) => 0.005 * q + 0.01 * rng.normal(),
  );

  const cafs: Row[] = [];
  const cafInfo: { code: string; deployQuarter: number; takeUp: number; contacts: number }[] = [];
  for (let c = 0; c < nCafs; c++) {
    const code = `CAF${String(c + 1).padStart(2, "0")}`;
    const deployQuarter = DEPLOYMENT_QUARTERS[c % DEPLOYMENT_QUARTERS.length]!;
    cafInfo.push({
      code,
      deployQuarter,
      takeUp: 0.04 * rng.normal(),
      contacts: 0.2 * rng.normal(),
    });
    cafs.push({
      caf: code,
      date_deploiement: deployQuarter ? quarterDay(deployQuarter, 0) : "2024-07-01",
    });
  }

  const allocataires: Row[] = [];
  const contacts: Row[] = [];
  const droits: Row[] = [];
  const demandes: Row[] = [];
  let id = 0;
  for (const caf of cafInfo) {
    for (let q = 1; q <= QUARTERS; q++) {
      for (let k = 0; k < perCell; k++) {
        const aid = `A${String(++id).padStart(6, "0")}`;
        const date = quarterDay(q, rng.int(90));
        const u = rng.uniform();
        const children = u < 0.25 ? 0 : u < 0.6 ? 1 : u < 0.88 ? 2 : 3;
        const age = Math.round(clamp(36 + 8 * rng.normal(), 20, 65));
        const rsa = rng.bernoulli(0.12 + 0.1 * (children > 0 ? 1 : 0));
        const online = rng.bernoulli(0.8 - 0.2 * rsa);
        allocataires.push({
          allocataire_id: aid,
          caf: caf.code,
          date_separation: date,
          nb_enfants: children,
          age,
          rsa_avant: rsa,
          compte_en_ligne: online,
        });

        // Entitlements computed by the caisse.
        const entitled: string[] = [];
        if (children > 0 && rng.bernoulli(0.6)) entitled.push(BENEFITS[0]);
        if (children > 0 && rsa && rng.bernoulli(0.8)) entitled.push(BENEFITS[1]);
        if (children > 0 && !rsa && rng.bernoulli(0.4)) entitled.push(BENEFITS[2]);
        if (rng.bernoulli(0.3)) entitled.push(BENEFITS[3]);
        for (const p of entitled) droits.push({ allocataire_id: aid, prestation: p });

        // Rendez-vous des droits: within 30 days (the treatment), or later and unrelated.
        const deployed = caf.deployQuarter > 0 && q >= caf.deployQuarter;
        const base = clamp(
          0.04 +
            0.08 * (children > 0 ? 1 : 0) +
            0.1 * rsa +
            0.04 * (1 - online) +
            0.003 * (age - 36),
          0.01,
          0.3,
        );
        let rdvDay = -1;
        if (rng.bernoulli(base + (deployed ? effects.deploymentUptake : 0)))
          rdvDay = 2 + rng.int(29);
        else if (rng.bernoulli(LATE_RDV)) rdvDay = 45 + rng.int(100);
        const rdv = rdvDay >= 0 ? 1 : 0;
        if (rdv)
          contacts.push({
            allocataire_id: aid,
            date_contact: addDays(date, rdvDay),
            canal: "RDV_DROITS",
          });

        // Take-up of an entitled benefit within 6 months: the rendez-vous adds exactly takeUp.
        const p0 = clamp(
          0.3 +
            0.1 * (children > 0 ? 1 : 0) +
            0.12 * rsa +
            0.06 * online -
            0.003 * (age - 36) +
            caf.takeUp +
            quarterShock[q]!,
          0.05,
          0.8,
        );
        const draw = rng.uniform();
        const benefit = entitled.length ? entitled[rng.int(entitled.length)]! : BENEFITS[3];
        let claimDay = -1;
        if (draw < p0) claimDay = 3 + rng.int(170);
        else if (rdv && draw < p0 + effects.takeUp)
          claimDay = rdvDay + 1 + rng.int(Math.max(1, 175 - rdvDay));
        else if (rng.bernoulli(0.3)) claimDay = 200 + rng.int(150); // claimed, but too late
        if (claimDay >= 0 && entitled.length) {
          demandes.push({
            allocataire_id: aid,
            prestation: benefit,
            date_demande: addDays(date, claimDay),
          });
        }

        // Contacts: the declaration itself (days 0–30), then repeated contacts (days 31–183).
        const first = 1 + poisson(rng, 0.8);
        for (let j = 0; j < first; j++) {
          contacts.push({
            allocataire_id: aid,
            date_contact: addDays(date, rng.int(31)),
            canal: CHANNELS[rng.int(3)]!,
          });
        }
        const lambda = Math.max(
          0.8,
          1.3 + 0.5 * (children > 0 ? 1 : 0) + 0.6 * rsa - 0.3 * online + caf.contacts,
        );
        const repeated = poisson(rng, lambda + (rdv ? effects.contacts : 0));
        for (let j = 0; j < repeated; j++) {
          contacts.push({
            allocataire_id: aid,
            date_contact: addDays(date, 31 + rng.int(153)),
            canal: CHANNELS[rng.int(3)]!,
          });
        }
      }
    }
  }
  return {
    allocataires,
    contacts,
    droits,
    demandes,
    cafs,
    truth: {
      effects,
      attTakeUp: effects.takeUp,
      attContacts: effects.contacts,
      deploymentTakeUp: effects.takeUp * effects.deploymentUptake * (1 - LATE_RDV),
      deploymentContacts: effects.contacts * effects.deploymentUptake * (1 - LATE_RDV),
    },
  };
}
