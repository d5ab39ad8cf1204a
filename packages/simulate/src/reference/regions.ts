/**
 * The 21 metropolitan Urssaf regions of annex 9 tableau 5 (contract §5), with their départements,
 * primo-créateur counts by registration year, and the generator's regional gradients.
 */

/** One metropolitan Urssaf region as the generator sees it. */
export interface RegionSpec {
  /** Contract code (schema §5). */
  code: string;
  /** Départements with relative weights (rough shares of creations). */
  departements: ReadonlyArray<readonly [string, number]>;
  /** Primo-créateurs by registration year 2017–2024 (T9.5; 2024 = January–June). */
  counts: readonly [number, number, number, number, number, number, number, number];
  /** Share of TI au réel among creators (A9 §39: Bretagne 20.3%, Corse and IdF about 10%). */
  tiShare: number;
  /** Logit shift of the on-time first declaration (graphique 8). */
  declaration: number;
  /** Logit shift of first-payment conformity (graphique 11). */
  payment: number;
  /** Logit shift of ACRE uptake (graphique 13: IdF lowest). */
  acre: number;
  /** Logit shift of the chance of a treating inbound contact (confounding). */
  contact: number;
}

/** First registration year of {@link RegionSpec.counts}. */
export const FIRST_COUNT_YEAR = 2017;

// Aquitaine 2024 is printed as 2 656 in T9.5, almost certainly a typo (other regions' 2024 figure
// is 53–60% of 2023, domain §8): we use 56% of its 2023 figure instead.
/** The 21 regions, in T9.5 order. */
export const REGIONS: readonly RegionSpec[] = [
  {
    code: "LANGUEDOC_ROUSSILLON",
    departements: [
      ["11", 12],
      ["30", 24],
      ["34", 38],
      ["48", 2],
      ["66", 16],
    ],
    counts: [15243, 16791, 20457, 21589, 28614, 29963, 31945, 17821],
    tiShare: 0.135,
    declaration: -0.1,
    payment: 0,
    acre: 0.05,
    contact: 0.1,
  },
  {
    code: "CHAMPAGNE_ARDENNE",
    departements: [
      ["08", 20],
      ["10", 23],
      ["51", 43],
      ["52", 14],
    ],
    counts: [0, 0, 5903, 6783, 9358, 10166, 9349, 5347],
    tiShare: 0.14,
    declaration: -0.4,
    payment: 0.05,
    acre: 0.05,
    contact: 0.05,
  },
  {
    code: "CENTRE_VAL_DE_LOIRE",
    departements: [
      ["18", 11],
      ["28", 17],
      ["36", 8],
      ["37", 23],
      ["41", 13],
      ["45", 28],
    ],
    counts: [0, 0, 12888, 13824, 18151, 19998, 19492, 10709],
    tiShare: 0.14,
    declaration: 0.15,
    payment: 0.1,
    acre: 0.1,
    contact: 0.1,
  },
  {
    code: "BOURGOGNE",
    departements: [
      ["21", 34],
      ["58", 13],
      ["71", 32],
      ["89", 21],
    ],
    counts: [0, 0, 8700, 9233, 11708, 11645, 12142, 6744],
    tiShare: 0.15,
    declaration: 0.2,
    payment: 0.1,
    acre: 0.1,
    contact: 0,
  },
  {
    code: "LORRAINE",
    departements: [
      ["54", 32],
      ["55", 8],
      ["57", 45],
      ["88", 15],
    ],
    counts: [0, 0, 9931, 10478, 13442, 14542, 15833, 8740],
    tiShare: 0.13,
    declaration: 0.05,
    payment: 0,
    acre: 0.05,
    contact: 0,
  },
  {
    code: "ALSACE",
    departements: [
      ["67", 60],
      ["68", 40],
    ],
    counts: [0, 0, 10042, 10538, 13002, 14282, 13880, 8025],
    tiShare: 0.13,
    declaration: 0.1,
    payment: -0.4,
    acre: 0.05,
    contact: 0,
  },
  {
    code: "FRANCHE_COMTE",
    departements: [
      ["25", 46],
      ["39", 22],
      ["70", 20],
      ["90", 12],
    ],
    counts: [0, 0, 5874, 6265, 7618, 7746, 8294, 4377],
    tiShare: 0.15,
    declaration: 0.25,
    payment: 0.1,
    acre: 0.1,
    contact: 0.1,
  },
  {
    code: "AQUITAINE",
    departements: [
      ["24", 12],
      ["33", 50],
      ["40", 12],
      ["47", 10],
      ["64", 22],
    ],
    counts: [0, 0, 27264, 27734, 35428, 38452, 37575, 21042],
    tiShare: 0.14,
    declaration: 0.25,
    payment: 0.15,
    acre: 0.1,
    contact: 0.05,
  },
  {
    code: "NORMANDIE",
    departements: [
      ["14", 22],
      ["27", 18],
      ["50", 15],
      ["61", 9],
      ["76", 40],
    ],
    counts: [0, 0, 0, 17941, 22072, 22754, 22817, 12950],
    tiShare: 0.14,
    declaration: 0.2,
    payment: 0.1,
    acre: 0.1,
    contact: 0.05,
  },
  {
    code: "POITOU_CHARENTES",
    departements: [
      ["16", 21],
      ["17", 36],
      ["79", 21],
      ["86", 24],
    ],
    counts: [0, 0, 0, 11087, 13955, 14973, 14252, 8179],
    tiShare: 0.15,
    declaration: 0.15,
    payment: -0.2,
    acre: 0.1,
    contact: 0.05,
  },
  {
    code: "LIMOUSIN",
    departements: [
      ["19", 30],
      ["23", 14],
      ["87", 56],
    ],
    counts: [0, 0, 0, 3831, 5135, 5314, 5513, 3162],
    tiShare: 0.16,
    declaration: 0.3,
    payment: 0.15,
    acre: 0.1,
    contact: 0.1,
  },
  {
    code: "PACA",
    departements: [
      ["04", 4],
      ["05", 4],
      ["06", 24],
      ["13", 43],
      ["83", 18],
      ["84", 9],
    ],
    counts: [0, 0, 0, 45172, 61315, 65770, 63843, 35374],
    tiShare: 0.13,
    declaration: -0.1,
    payment: 0,
    acre: 0,
    contact: 0,
  },
  {
    code: "ILE_DE_FRANCE",
    departements: [
      ["75", 27],
      ["77", 10],
      ["78", 10],
      ["91", 9],
      ["92", 14],
      ["93", 16],
      ["94", 10],
      ["95", 9],
    ],
    counts: [0, 0, 0, 0, 154209, 158490, 170504, 94704],
    tiShare: 0.1,
    declaration: -0.45,
    payment: -0.35,
    acre: -0.35,
    contact: -0.3,
  },
  {
    code: "CORSE",
    departements: [
      ["2A", 52],
      ["2B", 48],
    ],
    counts: [0, 0, 0, 0, 2934, 3388, 3572, 2150],
    tiShare: 0.1,
    declaration: 0.3,
    payment: 0.1,
    acre: 0.05,
    contact: 0.1,
  },
  {
    code: "PICARDIE",
    departements: [
      ["02", 30],
      ["60", 42],
      ["80", 28],
    ],
    counts: [0, 0, 0, 0, 11472, 12815, 12961, 7268],
    tiShare: 0.13,
    declaration: 0.15,
    payment: 0.05,
    acre: 0.05,
    contact: 0,
  },
  {
    code: "NORD_PAS_DE_CALAIS",
    departements: [
      ["59", 64],
      ["62", 36],
    ],
    counts: [0, 0, 0, 0, 27990, 28728, 27614, 16021],
    tiShare: 0.12,
    declaration: 0.1,
    payment: 0.1,
    acre: 0.05,
    contact: 0.05,
  },
  {
    code: "PAYS_DE_LA_LOIRE",
    departements: [
      ["44", 40],
      ["49", 21],
      ["53", 7],
      ["72", 14],
      ["85", 18],
    ],
    counts: [0, 0, 0, 0, 28356, 30351, 29066, 16509],
    tiShare: 0.16,
    declaration: 0.35,
    payment: 0.1,
    acre: 0.1,
    contact: 0.1,
  },
  {
    code: "BRETAGNE",
    departements: [
      ["22", 18],
      ["29", 27],
      ["35", 35],
      ["56", 20],
    ],
    counts: [0, 0, 0, 0, 23180, 25847, 25533, 15025],
    tiShare: 0.203,
    declaration: 0.65,
    payment: 0.15,
    acre: 0.1,
    contact: 0.15,
  },
  {
    code: "MIDI_PYRENEES",
    departements: [
      ["09", 4],
      ["12", 7],
      ["31", 48],
      ["32", 5],
      ["46", 5],
      ["65", 6],
      ["81", 12],
      ["82", 8],
    ],
    counts: [0, 0, 0, 0, 28742, 29495, 29784, 16955],
    tiShare: 0.14,
    declaration: 0.15,
    payment: 0.05,
    acre: 0.05,
    contact: 0.05,
  },
  {
    code: "RHONE_ALPES",
    departements: [
      ["01", 10],
      ["07", 5],
      ["26", 8],
      ["38", 19],
      ["42", 11],
      ["69", 29],
      ["73", 7],
      ["74", 11],
    ],
    counts: [0, 0, 0, 0, 64791, 67783, 66483, 37958],
    tiShare: 0.14,
    declaration: 0.1,
    payment: 0.05,
    acre: 0.05,
    contact: 0.05,
  },
  {
    code: "AUVERGNE",
    departements: [
      ["03", 22],
      ["15", 10],
      ["43", 16],
      ["63", 52],
    ],
    counts: [0, 0, 0, 0, 8804, 9500, 9555, 5603],
    tiShare: 0.15,
    declaration: 0.15,
    payment: 0.1,
    acre: 0.05,
    contact: 0.1,
  },
];

/**
 * Date from which the journey really reaches each region's creators in the generator (the
 * "deployment" treatment of the staggered difference-in-differences). Semester starts, from T9.5's
 * first data year corrected by T6.3 (regions with no contacted creators before 2023 get July 2023),
 * so that every region but those deployed at their first data year keeps a pre-period.
 */
export const DEFAULT_ROLLOUT: Readonly<Record<string, string>> = {
  LANGUEDOC_ROUSSILLON: "2018-01-01",
  CHAMPAGNE_ARDENNE: "2019-07-01",
  CENTRE_VAL_DE_LOIRE: "2019-07-01",
  FRANCHE_COMTE: "2019-07-01",
  AQUITAINE: "2019-07-01",
  BOURGOGNE: "2023-07-01",
  LORRAINE: "2023-07-01",
  ALSACE: "2023-07-01",
  NORMANDIE: "2020-07-01",
  POITOU_CHARENTES: "2020-07-01",
  PACA: "2020-07-01",
  LIMOUSIN: "2023-07-01",
  ILE_DE_FRANCE: "2021-07-01",
  CORSE: "2021-07-01",
  NORD_PAS_DE_CALAIS: "2021-07-01",
  PAYS_DE_LA_LOIRE: "2021-07-01",
  BRETAGNE: "2021-07-01",
  RHONE_ALPES: "2021-07-01",
  AUVERGNE: "2021-07-01",
  PICARDIE: "2023-07-01",
  MIDI_PYRENEES: "2023-07-01",
};

/** First data year per region (T9.5), written as `manifest.regions_first_year`. */
export function regionsFirstYear(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of REGIONS) {
    const i = r.counts.findIndex((c) => c > 0);
    out[r.code] = FIRST_COUNT_YEAR + i;
  }
  return out;
}
