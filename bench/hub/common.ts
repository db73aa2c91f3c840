/**
 * What the hub benchmark's scripts share: where the data lives, what a populated data
 * dir records about itself, the cities events cluster around, and a seeded random source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bump when what populate.ts writes changes (generator, hub schema, ContentService
 * behaviour): a data dir is reused only when its version and event count match.
 */
export const DATA_VERSION = 'v1';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = dirname(BENCH_DIR.replace(/\/$/, ''));
export const DATA_ROOT = join(BENCH_DIR, '.data');
export const RESULTS_DIR = join(BENCH_DIR, 'results');

/** The hub the benchmark data belongs to (its id is in every public shape). */
export const BENCH_HUB = { hubId: 'bench-hub', name: 'Hub de mesure', region: '11', jwtSecret: 'bench-only-secret-0123456789abcdef-0123456789' } as const;

export function dataDirFor(events: number): string {
  return join(DATA_ROOT, `hub-${DATA_VERSION}-${events}`);
}

/** Written last by populate.ts: a data dir without it is incomplete and is rebuilt. */
export interface PopulationMeta {
  version: string;
  events: number;
  actors: number;
  seed: number;
  /** UTC midnight the dates were spread around (ISO): the benchmark's windows start from it. */
  anchor: string;
  occurrences: number;
  populatedAt: string;
  seconds: { actors: number; events: number; total: number };
  batchSize: number;
  eventsPerSecond: number;
  databaseBytes: number;
  /** Set when the population was interrupted and finished by later runs (times are summed). */
  resumedRuns?: number;
}

export const META_FILE = 'population.json';

export function readMeta(dataDir: string): PopulationMeta | undefined {
  const file = join(dataDir, META_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PopulationMeta;
}

/** mulberry32: small, fast and reproducible; not for anything but test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function pickWeighted<T extends { weight: number }>(random: Random, items: readonly T[], total = items.reduce((sum, item) => sum + item.weight, 0)): T {
  let left = random() * total;
  for (const item of items) {
    left -= item.weight;
    if (left < 0) return item;
  }
  const last = items.at(-1);
  if (last === undefined) throw new Error('pick from an empty list');
  return last;
}

/** A few distinct values of a list, in the list's order. */
export function some<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(random() * items.length));
  return [...chosen].sort((a, b) => a - b).map((index) => items[index] as T);
}

/** Standard normal, Box-Muller. */
export function gaussian(random: Random): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Metropolitan France (Corsica included): west, south, east, north. */
export const FRANCE_BBOX = [-5.2, 41.3, 9.6, 51.1] as const;

export interface City {
  name: string;
  postalCode: string;
  lat: number;
  lon: number;
  /** Relative share of events, roughly by the size of the city's science-culture scene. */
  weight: number;
}

/** City centres events cluster around (coordinates of the town hall, to about 100 m). */
export const CITIES: readonly City[] = [
  { name: 'Paris', postalCode: '75004', lat: 48.8566, lon: 2.3522, weight: 10 },
  { name: 'Marseille', postalCode: '13001', lat: 43.2965, lon: 5.3698, weight: 5 },
  { name: 'Lyon', postalCode: '69001', lat: 45.764, lon: 4.8357, weight: 5 },
  { name: 'Toulouse', postalCode: '31000', lat: 43.6047, lon: 1.4442, weight: 4 },
  { name: 'Nice', postalCode: '06000', lat: 43.7102, lon: 7.262, weight: 3 },
  { name: 'Nantes', postalCode: '44000', lat: 47.2184, lon: -1.5536, weight: 3 },
  { name: 'Montpellier', postalCode: '34000', lat: 43.6108, lon: 3.8767, weight: 3 },
  { name: 'Strasbourg', postalCode: '67000', lat: 48.5734, lon: 7.7521, weight: 3 },
  { name: 'Bordeaux', postalCode: '33000', lat: 44.8378, lon: -0.5792, weight: 3 },
  { name: 'Lille', postalCode: '59000', lat: 50.6292, lon: 3.0573, weight: 3 },
  { name: 'Rennes', postalCode: '35000', lat: 48.1173, lon: -1.6778, weight: 2.5 },
  { name: 'Grenoble', postalCode: '38000', lat: 45.1885, lon: 5.7245, weight: 2 },
  { name: 'Reims', postalCode: '51100', lat: 49.2583, lon: 4.0317, weight: 1.5 },
  { name: 'Toulon', postalCode: '83000', lat: 43.1242, lon: 5.928, weight: 1.5 },
  { name: 'Saint-Étienne', postalCode: '42000', lat: 45.4397, lon: 4.3872, weight: 1.5 },
  { name: 'Le Havre', postalCode: '76600', lat: 49.4944, lon: 0.1079, weight: 1.5 },
  { name: 'Dijon', postalCode: '21000', lat: 47.322, lon: 5.0415, weight: 1.5 },
  { name: 'Angers', postalCode: '49000', lat: 47.4784, lon: -0.5632, weight: 1.5 },
  { name: 'Clermont-Ferrand', postalCode: '63000', lat: 45.7772, lon: 3.087, weight: 1.5 },
  { name: 'Rouen', postalCode: '76000', lat: 49.4432, lon: 1.0999, weight: 1.3 },
  { name: 'Tours', postalCode: '37000', lat: 47.3941, lon: 0.6848, weight: 1.3 },
  { name: 'Nîmes', postalCode: '30000', lat: 43.8367, lon: 4.3601, weight: 1.2 },
  { name: 'Le Mans', postalCode: '72000', lat: 48.0061, lon: 0.1996, weight: 1.2 },
  { name: 'Aix-en-Provence', postalCode: '13100', lat: 43.5297, lon: 5.4474, weight: 1.2 },
  { name: 'Brest', postalCode: '29200', lat: 48.3904, lon: -4.4861, weight: 1.2 },
  { name: 'Amiens', postalCode: '80000', lat: 49.8941, lon: 2.2958, weight: 1.2 },
  { name: 'Orléans', postalCode: '45000', lat: 47.9025, lon: 1.9041, weight: 1.2 },
  { name: 'Caen', postalCode: '14000', lat: 49.1829, lon: -0.3707, weight: 1.2 },
  { name: 'Nancy', postalCode: '54000', lat: 48.6921, lon: 6.1844, weight: 1.2 },
  { name: 'Limoges', postalCode: '87000', lat: 45.8336, lon: 1.2611, weight: 1.1 },
  { name: 'Metz', postalCode: '57000', lat: 49.1193, lon: 6.1757, weight: 1.1 },
  { name: 'Besançon', postalCode: '25000', lat: 47.2378, lon: 6.0241, weight: 1.1 },
  { name: 'Perpignan', postalCode: '66000', lat: 42.6887, lon: 2.8948, weight: 1 },
  { name: 'Poitiers', postalCode: '86000', lat: 46.5802, lon: 0.3404, weight: 1 },
  { name: 'Pau', postalCode: '64000', lat: 43.2951, lon: -0.3708, weight: 0.8 },
  { name: 'La Rochelle', postalCode: '17000', lat: 46.1603, lon: -1.1511, weight: 0.8 },
  { name: 'Avignon', postalCode: '84000', lat: 43.9493, lon: 4.8055, weight: 0.8 },
  { name: 'Annecy', postalCode: '74000', lat: 45.8992, lon: 6.1294, weight: 0.8 },
  { name: 'Mulhouse', postalCode: '68100', lat: 47.7508, lon: 7.3359, weight: 0.8 },
  { name: 'Chambéry', postalCode: '73000', lat: 45.5646, lon: 5.9178, weight: 0.6 },
  { name: 'Valence', postalCode: '26000', lat: 44.9334, lon: 4.8924, weight: 0.6 },
  { name: 'Vannes', postalCode: '56000', lat: 47.6582, lon: -2.7608, weight: 0.6 },
  { name: 'Ajaccio', postalCode: '20000', lat: 41.9192, lon: 8.7386, weight: 0.5 },
  { name: 'Bastia', postalCode: '20200', lat: 42.6977, lon: 9.4508, weight: 0.4 },
];

/** `--name value` / `--name=value` from argv, or undefined. */
export function flag(argv: readonly string[], name: string): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === `--${name}`) return argv[index + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

export function numberFlag(argv: readonly string[], name: string, fallback: number): number {
  const text = flag(argv, name);
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got ${JSON.stringify(text)}`);
  return value;
}

/** Whether this module is the process's entry script (so it runs its main). */
export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && fileURLToPath(metaUrl) === entry;
}
