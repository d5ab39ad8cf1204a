/** Source labels written in `*_label` columns (contract §4.4–4.6, annex 9 tableaux 6–9). */

/** Contact channels of the contract (§3.5). */
export type Channel = "PHONE" | "EMAIL" | "VISIT" | "APPOINTMENT" | "POSTAL_MAIL";

/** National inbound labels (T9.6). */
export const NATIONAL_CHANNEL_LABEL: Readonly<Record<Channel, string>> = {
  PHONE: "Appel téléphonique",
  EMAIL: "Mail entrant",
  VISIT: "Visite accueil sans RDV",
  APPOINTMENT: "Demande de RDV",
  POSTAL_MAIL: "Courrier",
};

/** Languedoc-Roussillon labels (T9.9; appointments are inside `Téléphone`, fn414). */
export const LR_CHANNEL_LABEL: Readonly<Record<Channel, string>> = {
  PHONE: "Téléphone",
  EMAIL: "Mail",
  VISIT: "Accueil physique",
  APPOINTMENT: "Téléphone",
  POSTAL_MAIL: "Courrier",
};

/** RDV motives with their 2023 counts (T9.8), used as weights. */
export const RDV_MOTIVES: ReadonlyArray<readonly [string, number]> = [
  ["Création d'une nouvelle activité", 1950],
  ["Comprendre (le calcul de) mes cotisations", 1477],
  ["Concernant la gestion de mon compte à l'URSSAF", 1020],
  ["Changement d'activité ou de statut", 638],
  ["Explications sur le montant réclamé", 578],
  ["Régularisation de ma situation comptable", 409],
  ["Radiation de mon activité", 195],
  ["Procédure contentieuse en cours", 124],
  ["Action sociale", 4],
];

/** Free motive labels of phone calls, mails and visits (not listed in the report: ours). */
export const FREE_MOTIVES: readonly string[] = [
  "Demande d'information",
  "Accès à mon espace en ligne",
  "Comprendre mes cotisations",
  "Déclaration de chiffre d'affaires",
  "Paiement et échéancier",
  "Attestation",
  "Changement de situation",
  "ACRE",
];

/** LR motive categories (contract §4.6). */
export const LR_CATEGORIES = [
  "ASSISTANCE_COMPTE_EN_LIGNE",
  "GESTION_DU_COMPTE",
  "GESTION_INTERNE",
  "RECOUVREMENT",
  "RELATION_USAGERS",
  "HORS_PERIMETRE_URSSAF",
] as const;

/** One LR motive category code. */
export type LrCategory = (typeof LR_CATEGORIES)[number];

/**
 * Thirty raw LR motives, five per category. The report does not list them (contract §3.8): these
 * are plausible labels written to `lr_motive_map.csv` with their category.
 */
export const LR_RAW_MOTIVES: Readonly<Record<LrCategory, readonly string[]>> = {
  ASSISTANCE_COMPTE_EN_LIGNE: [
    "Création espace en ligne",
    "Mot de passe oublié",
    "Navigation sur le site",
    "Déclaration en ligne guidée",
    "Paiement en ligne guidé",
  ],
  GESTION_DU_COMPTE: [
    "Choix de la périodicité",
    "Mise à jour des coordonnées",
    "Coordonnées bancaires",
    "Option versement libératoire",
    "Changement d'adresse",
  ],
  GESTION_INTERNE: [
    "Rappel programmé",
    "Transfert de dossier",
    "Note au dossier",
    "Relance interne",
    "Vérification d'identité",
  ],
  RECOUVREMENT: [
    "Échéance impayée",
    "Délai de paiement",
    "Mise en demeure",
    "Remboursement de crédit",
    "Majorations de retard",
  ],
  RELATION_USAGERS: [
    "Présentation de l'offre",
    "Calendrier des échéances",
    "Explication des cotisations",
    "Droits sociaux",
    "ACRE et aides",
  ],
  HORS_PERIMETRE_URSSAF: [
    "Impôts et TVA",
    "Chambre consulaire",
    "Retraite complémentaire",
    "Assurance maladie",
    "Pôle emploi",
  ],
};

/** Plafond mensuel de la sécurité sociale by year (€), for the AE penalty of 1.5% PMSS (S13). */
export const PMSS: Readonly<Record<number, number>> = {
  2017: 3269,
  2018: 3311,
  2019: 3377,
  2020: 3428,
  2021: 3428,
  2022: 3428,
  2023: 3666,
  2024: 3864,
  2025: 3925,
};
