import type { Localized } from "../plan/types.js";

/**
 * Names of the Urssaf regions (contract §5 codes), in the order of annex 9 tableau 5 (by first
 * year of data, then as printed), overseas regions last.
 */
export const REGION_NAMES: Readonly<Record<string, Localized>> = {
  LANGUEDOC_ROUSSILLON: { fr: "Languedoc-Roussillon", en: "Languedoc-Roussillon" },
  CHAMPAGNE_ARDENNE: { fr: "Champagne-Ardenne", en: "Champagne-Ardenne" },
  CENTRE_VAL_DE_LOIRE: { fr: "Centre-Val de Loire", en: "Centre-Val de Loire" },
  BOURGOGNE: { fr: "Bourgogne", en: "Burgundy" },
  LORRAINE: { fr: "Lorraine", en: "Lorraine" },
  ALSACE: { fr: "Alsace", en: "Alsace" },
  FRANCHE_COMTE: { fr: "Franche-Comté", en: "Franche-Comté" },
  AQUITAINE: { fr: "Aquitaine", en: "Aquitaine" },
  NORMANDIE: { fr: "Normandie", en: "Normandy" },
  POITOU_CHARENTES: { fr: "Poitou-Charentes", en: "Poitou-Charentes" },
  LIMOUSIN: { fr: "Limousin", en: "Limousin" },
  PACA: { fr: "Provence-Alpes-Côte d'Azur", en: "Provence-Alpes-Côte d'Azur" },
  ILE_DE_FRANCE: { fr: "Île-de-France", en: "Île-de-France" },
  CORSE: { fr: "Corse", en: "Corsica" },
  PICARDIE: { fr: "Picardie", en: "Picardy" },
  NORD_PAS_DE_CALAIS: { fr: "Nord-Pas-de-Calais", en: "Nord-Pas-de-Calais" },
  PAYS_DE_LA_LOIRE: { fr: "Pays de la Loire", en: "Pays de la Loire" },
  BRETAGNE: { fr: "Bretagne", en: "Brittany" },
  MIDI_PYRENEES: { fr: "Midi-Pyrénées", en: "Midi-Pyrénées" },
  RHONE_ALPES: { fr: "Rhône-Alpes", en: "Rhône-Alpes" },
  AUVERGNE: { fr: "Auvergne", en: "Auvergne" },
  GUADELOUPE: { fr: "Guadeloupe", en: "Guadeloupe" },
  MARTINIQUE: { fr: "Martinique", en: "Martinique" },
  GUYANE: { fr: "Guyane", en: "French Guiana" },
  LA_REUNION: { fr: "La Réunion", en: "Réunion" },
  MAYOTTE: { fr: "Mayotte", en: "Mayotte" },
};

/** Display name of a region code (the code itself when unknown, a word when missing). */
export function regionName(code: string | null, lang: "fr" | "en"): string {
  if (code === null || code === "") return lang === "fr" ? "Non renseignée" : "Missing";
  return REGION_NAMES[code]?.[lang] ?? code;
}

/** Sort key of a region code: tableau 5's order, unknown codes after, missing last. */
export function regionOrder(code: string | null): number {
  if (code === null || code === "") return 1e6;
  const i = Object.keys(REGION_NAMES).indexOf(code);
  return i < 0 ? 1e5 : i;
}
