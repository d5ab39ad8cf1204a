/** Urssaf regions (pre-2016 regions, Normandie merged) and their départements (contract §5). */
export const REGION_DEPARTEMENTS: Readonly<Record<string, readonly string[]>> = {
  ALSACE: ["67", "68"],
  AQUITAINE: ["24", "33", "40", "47", "64"],
  AUVERGNE: ["03", "15", "43", "63"],
  BOURGOGNE: ["21", "58", "71", "89"],
  BRETAGNE: ["22", "29", "35", "56"],
  CENTRE_VAL_DE_LOIRE: ["18", "28", "36", "37", "41", "45"],
  CHAMPAGNE_ARDENNE: ["08", "10", "51", "52"],
  CORSE: ["2A", "2B", "20"],
  FRANCHE_COMTE: ["25", "39", "70", "90"],
  ILE_DE_FRANCE: ["75", "77", "78", "91", "92", "93", "94", "95"],
  LANGUEDOC_ROUSSILLON: ["11", "30", "34", "48", "66"],
  LIMOUSIN: ["19", "23", "87"],
  LORRAINE: ["54", "55", "57", "88"],
  MIDI_PYRENEES: ["09", "12", "31", "32", "46", "65", "81", "82"],
  NORD_PAS_DE_CALAIS: ["59", "62"],
  NORMANDIE: ["14", "27", "50", "61", "76"],
  PAYS_DE_LA_LOIRE: ["44", "49", "53", "72", "85"],
  PICARDIE: ["02", "60", "80"],
  POITOU_CHARENTES: ["16", "17", "79", "86"],
  PACA: ["04", "05", "06", "13", "83", "84"],
  RHONE_ALPES: ["01", "07", "26", "38", "42", "69", "73", "74"],
  GUADELOUPE: ["971"],
  MARTINIQUE: ["972"],
  GUYANE: ["973"],
  LA_REUNION: ["974"],
  MAYOTTE: ["976"],
};

/** Overseas regions: mapped, but excluded from regional analyses by default (contract §5). */
export const DOM_REGIONS: readonly string[] = [
  "GUADELOUPE",
  "MARTINIQUE",
  "GUYANE",
  "LA_REUNION",
  "MAYOTTE",
];

/** Valid codes with no Urssaf region (counted as `EXTRACT_UNMAPPED_DEPARTEMENT`). */
export const UNMAPPED_DEPARTEMENT_PATTERN = "975|977|978|98[0-9]|99";

/** Rows `(departement, urssaf_region)` of the shipped reference table. */
export function departementRows(): [string, string][] {
  const rows: [string, string][] = [];
  for (const [region, deps] of Object.entries(REGION_DEPARTEMENTS))
    for (const d of deps) rows.push([d, region]);
  return rows;
}

/**
 * Library default of the first data year per region (T9.5), used when the manifest has no
 * `regions_first_year`.
 */
export const DEFAULT_REGIONS_FIRST_YEAR: Readonly<Record<string, number>> = {
  LANGUEDOC_ROUSSILLON: 2017,
  CHAMPAGNE_ARDENNE: 2019,
  CENTRE_VAL_DE_LOIRE: 2019,
  BOURGOGNE: 2019,
  LORRAINE: 2019,
  ALSACE: 2019,
  FRANCHE_COMTE: 2019,
  AQUITAINE: 2019,
  NORMANDIE: 2020,
  POITOU_CHARENTES: 2020,
  LIMOUSIN: 2020,
  PACA: 2020,
  ILE_DE_FRANCE: 2021,
  CORSE: 2021,
  PICARDIE: 2021,
  NORD_PAS_DE_CALAIS: 2021,
  PAYS_DE_LA_LOIRE: 2021,
  BRETAGNE: 2021,
  MIDI_PYRENEES: 2021,
  RHONE_ALPES: 2021,
  AUVERGNE: 2021,
};
