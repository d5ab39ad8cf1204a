import { closeMatches, ParcoursError } from "@parcours-eval/core";
import { LR_CATEGORIES, type LrCategory } from "./reference/labels.js";

/** A per-status effect. */
export interface ByStatus {
  /** Auto-entrepreneurs. */
  AE: number;
  /** TI au réel. */
  TI_REEL: number;
}

/**
 * The generator's true effects and time terms. Binary outcomes take logit shifts, counts take
 * log rate ratios; the truth file then gives the resulting sample effects on the probability or
 * count scale. Every field can be overridden by `--effects FILE` (a JSON object of the same shape).
 */
export interface Effects {
  /** A treating inbound contact (phone or appointment, early in the journey): N1–N3. */
  contact: {
    /** On-time first declaration (AE only). */
    firstDeclaration: number;
    /** First-payment conformity, by status (heterogeneous: much stronger for TI au réel). */
    firstPayment: ByStatus;
    /** ACRE uptake (the request follows the information). */
    acre: ByStatus;
    /** Log rate ratio of later inbound contacts (after the first due date, up to month 12). */
    laterContacts: ByStatus;
    /** Logit shift of missing a later declaration (negative: fewer taxations d'office). */
    laterMissing: number;
  };
  /** Being registered after the region deployed the journey (staggered rollout, Midi-Pyrénées). */
  deployment: {
    /** On-time first declaration. */
    firstDeclaration: number;
    /** First-payment conformity. */
    firstPayment: number;
    /** ACRE uptake. */
    acre: number;
    /** Log rate ratio of later inbound contacts. */
    laterContacts: number;
    /** Logit shift of missing a later declaration. */
    laterMissing: number;
  };
  /** Languedoc-Roussillon outbound calls, by motive category carried by the call (R2–R4). */
  outbound: {
    /** Logit shift of the on-time first declaration for each category present in a call. */
    firstDeclaration: Record<LrCategory, number>;
    /** ACRE uptake, when the call falls within 45 days of the activity start. */
    acre: number;
  };
  /** Secular improvement common to all regions, per semester of registration (logit / log). */
  trend: {
    /** On-time first declaration. */
    firstDeclaration: number;
    /** First-payment conformity. */
    firstPayment: number;
    /** ACRE uptake. */
    acre: number;
    /** Later inbound contacts. */
    laterContacts: number;
    /** Missing a later declaration. */
    laterMissing: number;
  };
  /** Second-semester registrations versus first (seasonality that a before/after confounds). */
  season: {
    /** On-time first declaration. */
    firstDeclaration: number;
    /** First-payment conformity. */
    firstPayment: number;
    /** ACRE uptake. */
    acre: number;
    /** Later inbound contacts. */
    laterContacts: number;
    /** Missing a later declaration. */
    laterMissing: number;
  };
}

/** The default effects (chosen so that the study's orders of magnitude come out). */
export const DEFAULT_EFFECTS: Effects = {
  contact: {
    firstDeclaration: 0.3,
    firstPayment: { AE: 0.15, TI_REEL: 0.8 },
    acre: { AE: 0.9, TI_REEL: 0.5 },
    laterContacts: { AE: -0.25, TI_REEL: -0.3 },
    laterMissing: -0.35,
  },
  deployment: {
    firstDeclaration: 0.15,
    firstPayment: 0.12,
    acre: 0.25,
    laterContacts: -0.15,
    laterMissing: -0.2,
  },
  outbound: {
    firstDeclaration: {
      ASSISTANCE_COMPTE_EN_LIGNE: 0.5,
      GESTION_DU_COMPTE: 0.45,
      GESTION_INTERNE: 0,
      RECOUVREMENT: 0,
      RELATION_USAGERS: -0.1,
      HORS_PERIMETRE_URSSAF: 0,
    },
    acre: 0.6,
  },
  trend: {
    firstDeclaration: 0.07,
    firstPayment: 0.02,
    acre: 0,
    laterContacts: 0.01,
    laterMissing: -0.04,
  },
  season: {
    firstDeclaration: -0.08,
    firstPayment: 0.05,
    acre: 0.06,
    laterContacts: 0.05,
    laterMissing: 0.05,
  },
};

/**
 * Merges a partial effects object (e.g. parsed from `--effects FILE`) into the defaults. Unknown
 * keys and non-finite numbers are errors naming the key path.
 * @param partial the user's object; `undefined` gives the defaults.
 * @param file the file it came from, for error messages.
 */
export function resolveEffects(partial?: unknown, file?: string): Effects {
  const out = structuredClone(DEFAULT_EFFECTS);
  if (partial === undefined) return out;
  mergeInto(out as unknown as Record<string, unknown>, partial, "", file);
  return out;
}

function mergeInto(
  target: Record<string, unknown>,
  source: unknown,
  path: string,
  file: string | undefined,
): void {
  if (source === null || typeof source !== "object" || Array.isArray(source)) {
    throw new ParcoursError(
      "SIMULATE_BAD_EFFECTS",
      `effects${path ? ` at "${path}"` : ""} must be an object`,
      { file, hint: `allowed keys: ${Object.keys(target).join(", ")}` },
    );
  }
  for (const [key, value] of Object.entries(source)) {
    const where = path ? `${path}.${key}` : key;
    if (!(key in target)) {
      const near = closeMatches(key, Object.keys(target));
      throw new ParcoursError("SIMULATE_BAD_EFFECTS", `unknown effect "${where}"`, {
        file,
        value: key,
        hint: near.length
          ? `did you mean ${near.map((n) => `"${n}"`).join(" or ")}?`
          : `allowed keys here: ${Object.keys(target).join(", ")}`,
      });
    }
    const current = target[key];
    if (typeof current === "number") {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new ParcoursError(
          "SIMULATE_BAD_EFFECTS",
          `effect "${where}" must be a finite number`,
          {
            file,
            value,
            hint: "effects are logit shifts (binary outcomes) or log rate ratios (counts)",
          },
        );
      }
      target[key] = value;
    } else {
      mergeInto(current as Record<string, unknown>, value, where, file);
    }
  }
}

/** The LR categories, re-exported for option validation. */
export const OUTBOUND_CATEGORIES = LR_CATEGORIES;
