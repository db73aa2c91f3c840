import { defineVocabulary } from './define.ts';

/**
 * The 18 regions of France (2016 map) by INSEE code. The code is the wire value:
 * a hub's descriptor names its region by it, and the web filters by it.
 */
export const regions = defineVocabulary([
  { value: '01', fr: 'Guadeloupe', en: 'Guadeloupe' },
  { value: '02', fr: 'Martinique', en: 'Martinique' },
  { value: '03', fr: 'Guyane', en: 'French Guiana' },
  { value: '04', fr: 'La Réunion', en: 'Réunion' },
  { value: '06', fr: 'Mayotte', en: 'Mayotte' },
  { value: '11', fr: 'Île-de-France', en: 'Île-de-France' },
  { value: '24', fr: 'Centre-Val de Loire', en: 'Centre-Val de Loire' },
  { value: '27', fr: 'Bourgogne-Franche-Comté', en: 'Bourgogne-Franche-Comté' },
  { value: '28', fr: 'Normandie', en: 'Normandy' },
  { value: '32', fr: 'Hauts-de-France', en: 'Hauts-de-France' },
  { value: '44', fr: 'Grand Est', en: 'Grand Est' },
  { value: '52', fr: 'Pays de la Loire', en: 'Pays de la Loire' },
  { value: '53', fr: 'Bretagne', en: 'Brittany' },
  { value: '75', fr: 'Nouvelle-Aquitaine', en: 'Nouvelle-Aquitaine' },
  { value: '76', fr: 'Occitanie', en: 'Occitania' },
  { value: '84', fr: 'Auvergne-Rhône-Alpes', en: 'Auvergne-Rhône-Alpes' },
  { value: '93', fr: "Provence-Alpes-Côte d'Azur", en: "Provence-Alpes-Côte d'Azur" },
  { value: '94', fr: 'Corse', en: 'Corsica' },
]);
export type RegionCode = (typeof regions.values)[number];

export interface RegionFacts {
  overseas: boolean;
  /** The IANA zone most of the region's events are in: the default for new events. */
  timeZone: string;
  /** A point near the middle of the region and a zoom that frames it on a web map. */
  center: { lat: number; lon: number };
  zoom: number;
}

const metropolitan = (lat: number, lon: number, zoom = 7): RegionFacts => ({
  overseas: false,
  timeZone: 'Europe/Paris',
  center: { lat, lon },
  zoom,
});
const overseas = (timeZone: string, lat: number, lon: number, zoom: number): RegionFacts => ({
  overseas: true,
  timeZone,
  center: { lat, lon },
  zoom,
});

export const REGION_FACTS: Readonly<Record<RegionCode, RegionFacts>> = {
  '01': overseas('America/Guadeloupe', 16.17, -61.58, 9),
  '02': overseas('America/Martinique', 14.64, -61.02, 10),
  '03': overseas('America/Cayenne', 3.93, -53.13, 7),
  '04': overseas('Indian/Reunion', -21.13, 55.53, 10),
  '06': overseas('Indian/Mayotte', -12.82, 45.15, 11),
  '11': metropolitan(48.71, 2.5, 8),
  '24': metropolitan(47.48, 1.68),
  '27': metropolitan(47.24, 4.81),
  '28': metropolitan(49.12, 0.11),
  '32': metropolitan(49.97, 2.79),
  '44': metropolitan(48.69, 5.62),
  '52': metropolitan(47.47, -0.82),
  '53': metropolitan(48.18, -2.84),
  '75': metropolitan(45.19, 0.19, 6),
  '76': metropolitan(43.7, 2.14),
  '84': metropolitan(45.45, 4.39),
  '93': metropolitan(43.96, 6.05),
  '94': metropolitan(42.15, 9.1, 8),
};

/** The départements of each region (2016 map), by code; overseas ones have three digits. */
const DEPARTEMENTS: Readonly<Record<RegionCode, readonly string[]>> = {
  '01': ['971'],
  '02': ['972'],
  '03': ['973'],
  '04': ['974'],
  '06': ['976'],
  '11': ['75', '77', '78', '91', '92', '93', '94', '95'],
  '24': ['18', '28', '36', '37', '41', '45'],
  '27': ['21', '25', '39', '58', '70', '71', '89', '90'],
  '28': ['14', '27', '50', '61', '76'],
  '32': ['02', '59', '60', '62', '80'],
  '44': ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'],
  '52': ['44', '49', '53', '72', '85'],
  '53': ['22', '29', '35', '56'],
  '75': ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'],
  '76': ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'],
  '84': ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'],
  '93': ['04', '05', '06', '13', '83', '84'],
  '94': ['2A', '2B'],
};

const REGION_OF_DEPARTEMENT = new Map<string, RegionCode>(Object.entries(DEPARTEMENTS).flatMap(([region, codes]) => codes.map((code) => [code, region as RegionCode] as [string, RegionCode])));

/**
 * The region of a commune, from its INSEE code (its first two characters name the
 * département, three overseas), else from its postal code (Corsica's 20xxx postcodes
 * span both of its départements, which are one region). Undefined when neither tells.
 */
export function regionOfCommune(place: { inseeCode?: string | undefined; postalCode?: string | undefined }): RegionCode | undefined {
  const code = place.inseeCode ?? place.postalCode;
  if (code === undefined) return undefined;
  if (code.startsWith('97')) return REGION_OF_DEPARTEMENT.get(code.slice(0, 3));
  if (place.inseeCode === undefined && code.startsWith('20')) return '94';
  return REGION_OF_DEPARTEMENT.get(code.slice(0, 2));
}
