/** Region-specific wording: how each region is named in a sentence, its fictional phone numbers, its university overseas. */
import type { RegionCode } from '@constellation/shared';

/** How each region is named inside a sentence; the vocabulary's label alone cannot say "du" or "dans les". */
export const REGION_PHRASES: Readonly<Record<RegionCode, { de: string; in: string }>> = {
  '01': { de: 'de la Guadeloupe', in: 'en Guadeloupe' },
  '02': { de: 'de la Martinique', in: 'en Martinique' },
  '03': { de: 'de la Guyane', in: 'en Guyane' },
  '04': { de: 'de La Réunion', in: 'à La Réunion' },
  '06': { de: 'de Mayotte', in: 'à Mayotte' },
  '11': { de: "d'Île-de-France", in: 'en Île-de-France' },
  '24': { de: 'du Centre-Val de Loire', in: 'en Centre-Val de Loire' },
  '27': { de: 'de Bourgogne-Franche-Comté', in: 'en Bourgogne-Franche-Comté' },
  '28': { de: 'de Normandie', in: 'en Normandie' },
  '32': { de: 'des Hauts-de-France', in: 'dans les Hauts-de-France' },
  '44': { de: 'du Grand Est', in: 'dans le Grand Est' },
  '52': { de: 'des Pays de la Loire', in: 'dans les Pays de la Loire' },
  '53': { de: 'de Bretagne', in: 'en Bretagne' },
  '75': { de: 'de Nouvelle-Aquitaine', in: 'en Nouvelle-Aquitaine' },
  '76': { de: "d'Occitanie", in: 'en Occitanie' },
  '84': { de: "d'Auvergne-Rhône-Alpes", in: 'en Auvergne-Rhône-Alpes' },
  '93': { de: "de Provence-Alpes-Côte d'Azur", in: "en Provence-Alpes-Côte d'Azur" },
  '94': { de: 'de Corse', in: 'en Corse' },
};

/*
 * ARCEP keeps one block per zone for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71,
 * 05 36 49): numbers that reach nobody. Overseas regions borrow the block of their zone.
 */
export const PHONE_BLOCK: Readonly<Record<RegionCode, string>> = {
  '01': '05 36 49', '02': '05 36 49', '03': '05 36 49', '04': '02 61 91', '06': '02 61 91',
  '11': '01 99 00', '24': '02 61 91', '27': '03 53 01', '28': '02 61 91', '32': '03 53 01',
  '44': '03 53 01', '52': '02 61 91', '53': '02 61 91', '75': '05 36 49', '76': '05 36 49',
  '84': '04 65 71', '93': '04 65 71', '94': '04 65 71',
};

/** Overseas regions each have one university, named after the territory rather than a town. */
export const OVERSEAS_UNIVERSITIES: Readonly<Partial<Record<RegionCode, string>>> = {
  '01': 'Université des Antilles',
  '02': 'Université des Antilles',
  '03': 'Université de Guyane',
  '04': 'Université de La Réunion',
  '06': 'Université de Mayotte',
};
