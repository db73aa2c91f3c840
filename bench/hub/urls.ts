/**
 * The benchmark's URLs: about 20 list queries of the kind a map or agenda page sends,
 * derived from the population's anchor date so they always fall where the data is.
 */
import { listSqlParams } from './bare-server.ts';
import { CITIES, pickWeighted, seededRandom, type PopulationMeta } from './common.ts';

const DAY_MS = 86_400_000;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const SIZES = [
  { name: 'city', halfLon: 0.08, halfLat: 0.05, count: 8 },
  { name: 'département', halfLon: 0.6, halfLat: 0.4, count: 7 },
  { name: 'region', halfLon: 1.8, halfLat: 1.2, count: 5 },
] as const;

/** ~20 list URLs: windows of 1-4 weeks starting in the coming months, boxes of city, département and region size. */
export function benchmarkPaths(meta: PopulationMeta): { path: string; kind: string }[] {
  const random = seededRandom(7);
  const anchor = Date.parse(meta.anchor);
  const paths: { path: string; kind: string }[] = [];
  for (const size of SIZES) {
    for (let index = 0; index < size.count; index += 1) {
      const city = pickWeighted(random, CITIES);
      const from = anchor + (3 + Math.floor(random() * 120)) * DAY_MS;
      const weeks = 1 + Math.floor(random() * 4);
      const to = from + (weeks * 7 - 1) * DAY_MS;
      const centreLon = city.lon + (random() - 0.5) * size.halfLon;
      const centreLat = city.lat + (random() - 0.5) * size.halfLat;
      const bbox = [centreLon - size.halfLon, centreLat - size.halfLat, centreLon + size.halfLon, centreLat + size.halfLat].map((value) => value.toFixed(4)).join(',');
      paths.push({ path: `/api/v1/events?from=${day(from)}&to=${day(to)}&bbox=${bbox}&limit=50`, kind: `${size.name} ${city.name}, ${weeks} wk` });
    }
  }
  return paths;
}

/** The named parameters of the list SQL for one benchmark path. */
export function listParams(path: string): Record<string, number> {
  const url = new URL(path, 'http://bench');
  const bbox = (url.searchParams.get('bbox') ?? '').split(',').map(Number) as [number, number, number, number];
  return listSqlParams(Date.parse(`${url.searchParams.get('from')}T00:00:00Z`), Date.parse(`${url.searchParams.get('to')}T23:59:59.999Z`), bbox, Number(url.searchParams.get('limit') ?? 20));
}
