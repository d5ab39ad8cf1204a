import type { Localized } from "../plan/types.js";

/** NAF rév. 2 divisions (INSEE) with their NACE Rev. 2 English names, short forms. */
export const NAF_DIVISIONS: Readonly<Record<string, Localized>> = {
  "01": { fr: "Culture et production animale", en: "Crop and animal production" },
  "02": { fr: "Sylviculture et exploitation forestière", en: "Forestry and logging" },
  "03": { fr: "Pêche et aquaculture", en: "Fishing and aquaculture" },
  "05": { fr: "Extraction de houille et de lignite", en: "Mining of coal and lignite" },
  "06": { fr: "Extraction d'hydrocarbures", en: "Extraction of crude petroleum and gas" },
  "07": { fr: "Extraction de minerais métalliques", en: "Mining of metal ores" },
  "08": { fr: "Autres industries extractives", en: "Other mining and quarrying" },
  "09": { fr: "Services de soutien aux industries extractives", en: "Mining support services" },
  "10": { fr: "Industries alimentaires", en: "Manufacture of food products" },
  "11": { fr: "Fabrication de boissons", en: "Manufacture of beverages" },
  "12": { fr: "Fabrication de produits à base de tabac", en: "Manufacture of tobacco products" },
  "13": { fr: "Fabrication de textiles", en: "Manufacture of textiles" },
  "14": { fr: "Industrie de l'habillement", en: "Manufacture of wearing apparel" },
  "15": { fr: "Industrie du cuir et de la chaussure", en: "Manufacture of leather products" },
  "16": { fr: "Travail du bois", en: "Manufacture of wood products" },
  "17": { fr: "Industrie du papier et du carton", en: "Manufacture of paper products" },
  "18": { fr: "Imprimerie et reproduction d'enregistrements", en: "Printing and recorded media" },
  "19": { fr: "Cokéfaction et raffinage", en: "Coke and refined petroleum products" },
  "20": { fr: "Industrie chimique", en: "Manufacture of chemicals" },
  "21": { fr: "Industrie pharmaceutique", en: "Manufacture of pharmaceuticals" },
  "22": { fr: "Produits en caoutchouc et en plastique", en: "Rubber and plastic products" },
  "23": {
    fr: "Autres produits minéraux non métalliques",
    en: "Other non-metallic mineral products",
  },
  "24": { fr: "Métallurgie", en: "Manufacture of basic metals" },
  "25": { fr: "Fabrication de produits métalliques", en: "Fabricated metal products" },
  "26": {
    fr: "Produits informatiques, électroniques et optiques",
    en: "Computer and electronic products",
  },
  "27": { fr: "Fabrication d'équipements électriques", en: "Manufacture of electrical equipment" },
  "28": { fr: "Fabrication de machines et équipements", en: "Manufacture of machinery" },
  "29": { fr: "Industrie automobile", en: "Manufacture of motor vehicles" },
  "30": { fr: "Autres matériels de transport", en: "Other transport equipment" },
  "31": { fr: "Fabrication de meubles", en: "Manufacture of furniture" },
  "32": { fr: "Autres industries manufacturières", en: "Other manufacturing" },
  "33": {
    fr: "Réparation et installation de machines",
    en: "Repair and installation of machinery",
  },
  "35": {
    fr: "Électricité, gaz, vapeur et air conditionné",
    en: "Electricity, gas, steam and air conditioning",
  },
  "36": { fr: "Captage, traitement et distribution d'eau", en: "Water collection and supply" },
  "37": { fr: "Collecte et traitement des eaux usées", en: "Sewerage" },
  "38": {
    fr: "Déchets : collecte, traitement, récupération",
    en: "Waste collection, treatment, recovery",
  },
  "39": { fr: "Dépollution", en: "Remediation activities" },
  "41": { fr: "Construction de bâtiments", en: "Construction of buildings" },
  "42": { fr: "Génie civil", en: "Civil engineering" },
  "43": { fr: "Travaux de construction spécialisés", en: "Specialised construction activities" },
  "45": { fr: "Commerce et réparation d'automobiles", en: "Trade and repair of motor vehicles" },
  "46": { fr: "Commerce de gros", en: "Wholesale trade" },
  "47": { fr: "Commerce de détail", en: "Retail trade" },
  "49": { fr: "Transports terrestres", en: "Land transport" },
  "50": { fr: "Transports par eau", en: "Water transport" },
  "51": { fr: "Transports aériens", en: "Air transport" },
  "52": {
    fr: "Entreposage et services auxiliaires des transports",
    en: "Warehousing and transport support",
  },
  "53": { fr: "Activités de poste et de courrier", en: "Postal and courier activities" },
  "55": { fr: "Hébergement", en: "Accommodation" },
  "56": { fr: "Restauration", en: "Food and beverage service" },
  "58": { fr: "Édition", en: "Publishing" },
  "59": { fr: "Cinéma, vidéo, télévision, son", en: "Film, video, television, sound" },
  "60": { fr: "Programmation et diffusion", en: "Programming and broadcasting" },
  "61": { fr: "Télécommunications", en: "Telecommunications" },
  "62": { fr: "Programmation, conseil informatique", en: "Computer programming and consultancy" },
  "63": { fr: "Services d'information", en: "Information services" },
  "64": { fr: "Services financiers", en: "Financial services" },
  "65": { fr: "Assurance", en: "Insurance and pension funding" },
  "66": {
    fr: "Auxiliaires de services financiers et d'assurance",
    en: "Auxiliary financial services",
  },
  "68": { fr: "Activités immobilières", en: "Real estate activities" },
  "69": { fr: "Activités juridiques et comptables", en: "Legal and accounting activities" },
  "70": { fr: "Sièges sociaux ; conseil de gestion", en: "Head offices; management consultancy" },
  "71": { fr: "Architecture et ingénierie", en: "Architecture and engineering" },
  "72": { fr: "Recherche-développement scientifique", en: "Scientific research and development" },
  "73": { fr: "Publicité et études de marché", en: "Advertising and market research" },
  "74": {
    fr: "Autres activités spécialisées, scientifiques et techniques",
    en: "Other professional, scientific and technical",
  },
  "75": { fr: "Activités vétérinaires", en: "Veterinary activities" },
  "77": { fr: "Location et location-bail", en: "Rental and leasing" },
  "78": { fr: "Activités liées à l'emploi", en: "Employment activities" },
  "79": { fr: "Agences de voyage, voyagistes", en: "Travel agencies and tour operators" },
  "80": { fr: "Enquêtes et sécurité", en: "Security and investigation" },
  "81": {
    fr: "Services relatifs aux bâtiments, aménagement paysager",
    en: "Services to buildings and landscape",
  },
  "82": {
    fr: "Soutien aux entreprises, activités administratives",
    en: "Office and business support",
  },
  "84": { fr: "Administration publique", en: "Public administration" },
  "85": { fr: "Enseignement", en: "Education" },
  "86": { fr: "Activités pour la santé humaine", en: "Human health activities" },
  "87": { fr: "Hébergement médico-social et social", en: "Residential care" },
  "88": { fr: "Action sociale sans hébergement", en: "Social work without accommodation" },
  "90": {
    fr: "Activités créatives, artistiques et de spectacle",
    en: "Creative, arts and entertainment",
  },
  "91": {
    fr: "Bibliothèques, musées, autres activités culturelles",
    en: "Libraries, museums, cultural activities",
  },
  "92": { fr: "Jeux de hasard et d'argent", en: "Gambling and betting" },
  "93": {
    fr: "Activités sportives, récréatives et de loisirs",
    en: "Sports, amusement and recreation",
  },
  "94": { fr: "Organisations associatives", en: "Membership organisations" },
  "95": {
    fr: "Réparation d'ordinateurs et de biens personnels",
    en: "Repair of computers and household goods",
  },
  "96": { fr: "Autres services personnels", en: "Other personal services" },
  "97": { fr: "Ménages employeurs de personnel domestique", en: "Households as employers" },
  "98": { fr: "Ménages producteurs pour usage propre", en: "Households producing for own use" },
  "99": { fr: "Organisations extraterritoriales", en: "Extraterritorial organisations" },
};

/** Sub-class (5-character APE) labels of the codes annex 9 names (graphiques 4, 6, 9, 12; tableau 10). */
export const NAF_CODES: Readonly<Record<string, Localized>> = {
  "5320Z": {
    fr: "Autres activités de poste et de courrier",
    en: "Other postal and courier activities",
  },
  "7022Z": {
    fr: "Conseil pour les affaires et autres conseils de gestion",
    en: "Business and management consultancy",
  },
  "9609Z": { fr: "Autres services personnels n.c.a.", en: "Other personal services n.e.c." },
  "7021Z": {
    fr: "Conseil en relations publiques et communication",
    en: "Public relations and communication",
  },
  "6201Z": { fr: "Programmation informatique", en: "Computer programming" },
  "4791A": { fr: "Vente à distance sur catalogue général", en: "Mail order, general catalogue" },
  "4791B": {
    fr: "Vente à distance sur catalogue spécialisé",
    en: "Mail order, specialised catalogue",
  },
  "7410Z": { fr: "Activités spécialisées de design", en: "Specialised design activities" },
  "8121Z": { fr: "Nettoyage courant des bâtiments", en: "General cleaning of buildings" },
  "9602A": { fr: "Coiffure", en: "Hairdressing" },
  "9602B": { fr: "Soins de beauté", en: "Beauty treatment" },
  "8559B": { fr: "Autres enseignements", en: "Other education" },
  "8299Z": {
    fr: "Autres activités de soutien aux entreprises n.c.a.",
    en: "Other business support n.e.c.",
  },
  "8551Z": {
    fr: "Enseignement de disciplines sportives et de loisirs",
    en: "Sports and recreation education",
  },
  "9329Z": {
    fr: "Autres activités récréatives et de loisirs",
    en: "Other amusement and recreation",
  },
  "6831Z": { fr: "Agences immobilières", en: "Real estate agencies" },
  "7420Z": { fr: "Activités photographiques", en: "Photographic activities" },
  "4511Z": {
    fr: "Commerce de voitures et de véhicules légers",
    en: "Sale of cars and light vehicles",
  },
  "4520A": {
    fr: "Entretien et réparation de véhicules légers",
    en: "Repair of light motor vehicles",
  },
  "5814Z": { fr: "Édition de revues et périodiques", en: "Publishing of journals and periodicals" },
  "7311Z": { fr: "Activités des agences de publicité", en: "Advertising agencies" },
  "4399C": { fr: "Maçonnerie générale et gros œuvre", en: "General masonry" },
  "5610A": { fr: "Restauration traditionnelle", en: "Traditional restaurants" },
  "5610C": { fr: "Restauration de type rapide", en: "Fast food" },
  "5630Z": { fr: "Débits de boissons", en: "Beverage serving" },
  "6910Z": { fr: "Activités juridiques", en: "Legal activities" },
  "8690E": {
    fr: "Rééducation, appareillage, pédicures-podologues",
    en: "Physiotherapy, orthotics, podiatry",
  },
};

/** "53 Activités de poste et de courrier" (the division number alone when unknown). */
export function divisionLabel(division: string | null, lang: "fr" | "en"): string {
  if (division === null || division === "") return lang === "fr" ? "Non renseignée" : "Missing";
  const name = NAF_DIVISIONS[division]?.[lang];
  return name ? `${division} ${name}` : division;
}

/** "5320Z Autres activités de poste et de courrier", else the code with its division's name. */
export function codeLabel(code: string | null, lang: "fr" | "en"): string {
  if (code === null || code === "") return lang === "fr" ? "Non renseigné" : "Missing";
  const name = NAF_CODES[code]?.[lang];
  if (name) return `${code} ${name}`;
  const div = NAF_DIVISIONS[code.slice(0, 2)]?.[lang];
  return div ? `${code} (${div})` : code;
}
