import type { Localized } from "../plan/types.js";
import type { IndicatorKey } from "./sql.js";

type Lang = "fr" | "en";

const MISSING: Localized = { fr: "Non renseigné", en: "Missing" };

const STATUS: Record<string, Localized> = {
  AE: { fr: "AE", en: "AE" },
  TI_REEL: { fr: "TI au réel", en: "TI au réel" },
};
const SEX: Record<string, Localized> = {
  F: { fr: "Femmes", en: "Women" },
  M: { fr: "Hommes", en: "Men" },
};
const CHANNEL: Record<string, Localized> = {
  PHONE: { fr: "Téléphone", en: "Phone" },
  EMAIL: { fr: "Courriel", en: "Email" },
  VISIT: { fr: "Visite à l'accueil sans RDV", en: "Walk-in visit" },
  APPOINTMENT: { fr: "Demande de rendez-vous", en: "Appointment request" },
  POSTAL_MAIL: { fr: "Courrier", en: "Letter" },
};

/** The indicators' names, short enough for chart legends. */
export const INDICATOR_NAMES: Readonly<Record<IndicatorKey, Localized>> = {
  declaration: {
    fr: "1re déclaration dans les délais (AE)",
    en: "On-time first declaration (AE)",
  },
  payment: { fr: "1er versement conforme", en: "First payment conforme" },
  acre: { fr: "ACRE (moins de 26 ans)", en: "ACRE (under 26)" },
};

/** Short names for table headers and chart legends. */
export const INDICATOR_SHORT: Readonly<Record<IndicatorKey, Localized>> = {
  declaration: { fr: "Déclaration à temps", en: "On-time declaration" },
  payment: { fr: "Versement conforme", en: "Payment conforme" },
  acre: { fr: "ACRE < 26 ans", en: "ACRE < 26" },
};

/** One-word names for table column headers ("Déclaration n", "Déclaration %"). */
export const INDICATOR_WORD: Readonly<Record<IndicatorKey, Localized>> = {
  declaration: { fr: "Déclaration", en: "Declaration" },
  payment: { fr: "Versement", en: "Payment" },
  acre: { fr: "ACRE", en: "ACRE" },
};

const pick = (table: Record<string, Localized>, code: string | null, lang: Lang): string =>
  code === null || code === "" ? MISSING[lang] : (table[code]?.[lang] ?? code);

/** "AE" / "TI au réel". */
export const statusName = (code: string | null, lang: Lang): string => pick(STATUS, code, lang);
/** "Femmes" / "Women"… */
export const sexName = (code: string | null, lang: Lang): string => pick(SEX, code, lang);
/** Channel of the contract (§4.4) in words. */
export const channelName = (code: string | null, lang: Lang): string => pick(CHANNEL, code, lang);
/** A missing category in words. */
export const missingName = (lang: Lang): string => MISSING[lang];
