/** Files of an extract (contract §1). */
export type ExtractFileName =
  | "accounts"
  | "declarations"
  | "accounting_entries"
  | "contacts"
  | "taxations_office"
  | "watt_cases"
  | "lr_motive_map";

/** How a column's text is parsed and checked. */
export type ColumnKind =
  | "id"
  | "string"
  | "enum"
  | "date"
  | "datetime"
  | "decimal"
  | "integer"
  | "boolean"
  | "departement"
  | "ape"
  | "period_label"
  | "partial_date";

/** One column of the contract. */
export interface ColumnSpec {
  /** Canonical snake_case name. */
  name: string;
  /** Parsing rule. */
  kind: ColumnKind;
  /** `true`: a missing column is fatal. `"national"`: fatal in national extracts only. */
  requiredColumn: boolean | "national";
  /** Empty values allowed (otherwise a row error). `"regional"`: allowed in regional extracts only. */
  nullable: boolean | "regional";
  /** French header aliases, already normalised (§2). */
  aliases: readonly string[];
  /** Enum: normalised source value → code (see {@link normaliseValue}). */
  values?: Readonly<Record<string, string>>;
  /** Enum: an unknown value is a row error (`"row"`) or becomes this code with a warning. */
  unknown?: "row" | string;
  /** Decimal: negative values are a row error. */
  nonNegative?: boolean;
  /** Date: an event date that must not exceed the extract date (§6.6). */
  eventDate?: boolean;
}

const codes = (...c: string[]): Record<string, string> =>
  Object.fromEntries(c.map((x) => [normaliseValue(x), x]));

/** Normalises an enum value for alias lookup: trim, lower case, no accents, `_ - .` → space. */
export function normaliseValue(v: string): string {
  return v
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s_\-.']+/g, " ")
    .trim();
}

const LEGAL_STATUS = {
  ...codes("AE", "TI_REEL"),
  "auto entrepreneur": "AE",
  "micro entrepreneur": "AE",
  me: "AE",
  ti: "TI_REEL",
  "ti au reel": "TI_REEL",
  "ti classique": "TI_REEL",
  reel: "TI_REEL",
};
const SEX = { f: "F", femme: "F", "2": "F", m: "M", h: "M", homme: "M", "1": "M" };
const PERIODICITY = {
  m: "M",
  mensuelle: "M",
  mens: "M",
  "1": "M",
  t: "T",
  trimestrielle: "T",
  trim: "T",
  "3": "T",
};
const DIRECTION = { in: "IN", entrant: "IN", e: "IN", out: "OUT", sortant: "OUT", s: "OUT" };
const CHANNEL = {
  ...codes("PHONE", "EMAIL", "VISIT", "APPOINTMENT", "POSTAL_MAIL"),
  "appel telephonique": "PHONE",
  telephone: "PHONE",
  tel: "PHONE",
  mail: "EMAIL",
  "mail entrant": "EMAIL",
  courriel: "EMAIL",
  "visite accueil sans rdv": "VISIT",
  "visite accueil": "VISIT",
  "accueil physique": "VISIT",
  visite: "VISIT",
  "demande de rdv": "APPOINTMENT",
  "rendez vous en urssaf": "APPOINTMENT",
  rdv: "APPOINTMENT",
  "rendez vous": "APPOINTMENT",
  courrier: "POSTAL_MAIL",
};
const OPERATION = {
  ...codes("DC", "CAF", "CAV", "MER", "CRT", "ANV", "ANC", "ASC", "TO", "PEN", "ANV_ANC"),
};
const ORIGIN = {
  ...codes("SPONTANEE", "RECTIFICATIVE", "TAXATION_OFFICE"),
  "taxation d office": "TAXATION_OFFICE",
  to: "TAXATION_OFFICE",
};
/** LR motive categories (§4.6). */
export const MOTIVE_CATEGORIES = [
  "ASSISTANCE_COMPTE_EN_LIGNE",
  "GESTION_DU_COMPTE",
  "GESTION_INTERNE",
  "RECOUVREMENT",
  "RELATION_USAGERS",
  "HORS_PERIMETRE_URSSAF",
] as const;
const MOTIVE = {
  ...codes(...MOTIVE_CATEGORIES),
  "assistance compte en ligne": "ASSISTANCE_COMPTE_EN_LIGNE",
  "gestion du compte": "GESTION_DU_COMPTE",
  "gestion interne": "GESTION_INTERNE",
  recouvrement: "RECOUVREMENT",
  "relation usagers": "RELATION_USAGERS",
  "relation usager": "RELATION_USAGERS",
  "hors perimetre urssaf": "HORS_PERIMETRE_URSSAF",
};
const TO_TYPE = codes("AE_PENALITE", "AE_TAXATION_FORFAITAIRE", "TI_TAXATION_OFFICE");

const ACCOUNT_ID_ALIASES = [
  "numero_de_compte_anonymise",
  "num_compte",
  "id_compte",
  "compte_ano",
] as const;
const fk = (): ColumnSpec => ({
  name: "account_id",
  kind: "id",
  requiredColumn: true,
  nullable: false,
  aliases: ACCOUNT_ID_ALIASES,
});

/** The columns of every file (contract §3). */
export const CONTRACT: Readonly<Record<ExtractFileName, readonly ColumnSpec[]>> = {
  accounts: [
    { ...fk() },
    {
      name: "legal_status",
      kind: "enum",
      requiredColumn: true,
      nullable: false,
      aliases: ["statut_juridique", "statut"],
      values: LEGAL_STATUS,
      unknown: "row",
    },
    {
      name: "registration_date",
      kind: "date",
      requiredColumn: "national",
      nullable: "regional",
      aliases: ["date_d_immatriculation", "date_immat"],
      eventDate: true,
    },
    {
      name: "activity_start_date",
      kind: "date",
      requiredColumn: true,
      nullable: false,
      aliases: ["date_de_debut_d_activite", "date_debut_activite"],
      eventDate: true,
    },
    {
      name: "account_creation_date",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["date_de_creation_du_compte"],
      eventDate: true,
    },
    {
      name: "birth_date",
      kind: "partial_date",
      requiredColumn: false,
      nullable: true,
      aliases: ["date_de_naissance"],
    },
    {
      name: "age_at_activity_start",
      kind: "integer",
      requiredColumn: false,
      nullable: true,
      aliases: ["age"],
    },
    {
      name: "sex",
      kind: "enum",
      requiredColumn: false,
      nullable: true,
      aliases: ["sexe", "genre"],
      values: SEX,
      unknown: "UNMAPPED",
    },
    {
      name: "departement",
      kind: "departement",
      requiredColumn: true,
      nullable: false,
      aliases: ["dept", "code_departement"],
    },
    {
      name: "urssaf_region",
      kind: "string",
      requiredColumn: false,
      nullable: true,
      aliases: ["region", "region_urssaf"],
    },
    {
      name: "ape_code",
      kind: "ape",
      requiredColumn: false,
      nullable: true,
      aliases: ["code_ape", "ape", "code_naf", "naf"],
    },
    {
      name: "declaration_periodicity",
      kind: "enum",
      requiredColumn: false,
      nullable: true,
      aliases: ["periodicite"],
      values: PERIODICITY,
      unknown: "UNMAPPED",
    },
    {
      name: "acre_start_date",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["date_de_debut_acre"],
      eventDate: true,
    },
    {
      name: "acre_end_date",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["date_de_fin_acre"],
    },
    {
      name: "offer_email_sent_date",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["date_d_envoi_du_courriel_de_l_offre"],
    },
    {
      name: "crea_marker",
      kind: "boolean",
      requiredColumn: false,
      nullable: true,
      aliases: ["marquage_crea", "crea"],
    },
    {
      name: "radiation_date",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["date_de_radiation"],
      eventDate: true,
    },
    {
      name: "prior_radiation_date",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["date_radiation_compte_precedent"],
    },
  ],
  declarations: [
    fk(),
    {
      name: "period_start",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["debut_periode"],
    },
    {
      name: "period_end",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["fin_periode"],
    },
    {
      name: "period_label",
      kind: "period_label",
      requiredColumn: false,
      nullable: true,
      aliases: ["periode", "periode_ca"],
    },
    {
      name: "declaration_date",
      kind: "date",
      requiredColumn: true,
      nullable: true,
      aliases: ["date_de_la_declaration", "date_de_reception"],
      eventDate: true,
    },
    {
      name: "declared_turnover",
      kind: "decimal",
      requiredColumn: true,
      nullable: true,
      aliases: ["chiffre_d_affaires_declare", "ca_declare"],
      nonNegative: true,
    },
    {
      name: "computed_contribution",
      kind: "decimal",
      requiredColumn: false,
      nullable: true,
      aliases: ["montant_de_cotisation_calcule"],
      nonNegative: true,
    },
    {
      name: "due_date",
      kind: "date",
      requiredColumn: "national",
      nullable: "regional",
      aliases: ["echeance", "date_de_terme_legal", "date_d_exigibilite"],
    },
    {
      name: "tolerated_due_date",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["date_de_terme_tolere"],
    },
    {
      name: "late_flag",
      kind: "boolean",
      requiredColumn: false,
      nullable: true,
      aliases: ["indicateur_de_retard", "top_retard"],
    },
    {
      name: "declaration_seq",
      kind: "integer",
      requiredColumn: false,
      nullable: true,
      aliases: ["numero_version"],
    },
    {
      name: "declaration_origin",
      kind: "enum",
      requiredColumn: false,
      nullable: true,
      aliases: ["origine"],
      values: ORIGIN,
      unknown: "row",
    },
  ],
  accounting_entries: [
    fk(),
    {
      name: "entry_id",
      kind: "id",
      requiredColumn: false,
      nullable: true,
      aliases: ["id_ecriture"],
    },
    {
      name: "period_start",
      kind: "date",
      requiredColumn: true,
      nullable: true,
      aliases: ["debut_periode"],
    },
    {
      name: "period_end",
      kind: "date",
      requiredColumn: true,
      nullable: true,
      aliases: ["fin_periode"],
    },
    {
      name: "operation_code",
      kind: "enum",
      requiredColumn: true,
      nullable: false,
      aliases: ["code_operation", "type_operation"],
      values: OPERATION,
      unknown: "OTHER",
    },
    {
      name: "amount",
      kind: "decimal",
      requiredColumn: true,
      nullable: false,
      aliases: ["montant"],
    },
    {
      name: "payment_date",
      kind: "date",
      requiredColumn: true,
      nullable: true,
      aliases: ["date_du_versement"],
      eventDate: true,
    },
    {
      name: "accounting_date",
      kind: "date",
      requiredColumn: true,
      nullable: false,
      aliases: ["date_de_journee_comptable"],
      eventDate: true,
    },
    {
      name: "due_date",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: ["echeance"],
    },
    {
      name: "legal_status",
      kind: "enum",
      requiredColumn: false,
      nullable: true,
      aliases: ["statut_juridique"],
      values: LEGAL_STATUS,
      unknown: "UNMAPPED",
    },
  ],
  contacts: [
    fk(),
    {
      name: "contact_id",
      kind: "id",
      requiredColumn: false,
      nullable: true,
      aliases: ["id_contact"],
    },
    {
      name: "contact_date",
      kind: "date",
      requiredColumn: true,
      nullable: false,
      aliases: ["date_du_contact"],
      eventDate: true,
    },
    {
      name: "contact_datetime",
      kind: "datetime",
      requiredColumn: false,
      nullable: true,
      aliases: [],
    },
    {
      name: "direction",
      kind: "enum",
      requiredColumn: false,
      nullable: false,
      aliases: ["sens", "sens_du_contact"],
      values: DIRECTION,
      unknown: "row",
    },
    {
      name: "channel",
      kind: "enum",
      requiredColumn: true,
      nullable: false,
      aliases: ["type_de_contact", "modalite", "canal"],
      values: CHANNEL,
      unknown: "row",
    },
    { name: "channel_label", kind: "string", requiredColumn: false, nullable: true, aliases: [] },
    {
      name: "motive_label",
      kind: "string",
      requiredColumn: false,
      nullable: true,
      aliases: ["motif", "motif_du_contact"],
    },
    {
      name: "motive_code",
      kind: "string",
      requiredColumn: false,
      nullable: true,
      aliases: ["code_motif"],
    },
    {
      name: "motive_category",
      kind: "enum",
      requiredColumn: false,
      nullable: true,
      aliases: ["categorie_motif"],
      values: MOTIVE,
      unknown: "UNMAPPED",
    },
    { name: "source_system", kind: "string", requiredColumn: false, nullable: true, aliases: [] },
  ],
  taxations_office: [
    fk(),
    { name: "to_id", kind: "id", requiredColumn: false, nullable: true, aliases: [] },
    {
      name: "to_type",
      kind: "enum",
      requiredColumn: true,
      nullable: false,
      aliases: [],
      values: TO_TYPE,
      unknown: "row",
    },
    { name: "period_start", kind: "date", requiredColumn: true, nullable: false, aliases: [] },
    { name: "period_end", kind: "date", requiredColumn: true, nullable: false, aliases: [] },
    { name: "missed_due_date", kind: "date", requiredColumn: true, nullable: false, aliases: [] },
    {
      name: "notification_date",
      kind: "date",
      requiredColumn: true,
      nullable: false,
      aliases: [],
      eventDate: true,
    },
    {
      name: "base_amount",
      kind: "decimal",
      requiredColumn: false,
      nullable: true,
      aliases: [],
      nonNegative: true,
    },
    {
      name: "amount",
      kind: "decimal",
      requiredColumn: false,
      nullable: true,
      aliases: [],
      nonNegative: true,
    },
    { name: "cancelled_date", kind: "date", requiredColumn: false, nullable: true, aliases: [] },
    {
      name: "regularisation_declaration_date",
      kind: "date",
      requiredColumn: false,
      nullable: true,
      aliases: [],
    },
  ],
  watt_cases: [
    fk(),
    { name: "case_id", kind: "id", requiredColumn: true, nullable: false, aliases: [] },
    { name: "opened_date", kind: "date", requiredColumn: true, nullable: false, aliases: [] },
    { name: "closed_date", kind: "date", requiredColumn: false, nullable: true, aliases: [] },
    { name: "motive_code", kind: "string", requiredColumn: false, nullable: true, aliases: [] },
    { name: "motive_label", kind: "string", requiredColumn: false, nullable: true, aliases: [] },
  ],
  lr_motive_map: [
    {
      name: "motive_label",
      kind: "string",
      requiredColumn: true,
      nullable: false,
      aliases: ["motif"],
    },
    {
      name: "motive_category",
      kind: "enum",
      requiredColumn: true,
      nullable: false,
      aliases: ["categorie_motif"],
      values: MOTIVE,
      unknown: "UNMAPPED",
    },
  ],
};

/** Files that must be present (contract §1). */
export const REQUIRED_FILES: readonly ExtractFileName[] = ["accounts"];

/** Every file name in load order (accounts first: the others refer to it). */
export const FILE_ORDER: readonly ExtractFileName[] = [
  "accounts",
  "declarations",
  "accounting_entries",
  "contacts",
  "taxations_office",
  "watt_cases",
  "lr_motive_map",
];
