/**
 * The event filters as query parameters: parsed leniently (values outside a vocabulary,
 * malformed days and out-of-range positions are dropped) and formatted canonically
 * (vocabulary order, defaults left out), so a shared link shows the same filtered view.
 */
import {
  accessibilityFlags,
  audiences,
  disciplines,
  eventFormats,
  regions,
  type AccessibilityFlag,
  type Audience,
  type Discipline,
  type EventFormat,
  type RegionCode,
  type Vocabulary,
} from '@constellation/shared';
import { finite, MAX_QUERY, round } from './query-values.ts';

export type WhenPreset = 'today' | 'weekend';

export interface Filters {
  /** A preset window, relative to the reader's today; wins over from/to. */
  when?: WhenPreset;
  /** Calendar days (YYYY-MM-DD) in the reader's time zone, both inclusive. */
  from?: string;
  to?: string;
  q?: string;
  discipline: Discipline[];
  audience: Audience[];
  format: EventFormat[];
  accessibility: AccessibilityFlag[];
  region: RegionCode[];
  free: boolean;
  online: boolean;
  near?: { lat: number; lon: number };
  /** Kilometres around `near`. */
  radius?: number;
}

export const EMPTY_FILTERS: Filters = { discipline: [], audience: [], format: [], accessibility: [], region: [], free: false, online: false };
export const DEFAULT_RADIUS_KM = 10;
export const RADIUS_CHOICES_KM = [2, 5, 10, 25, 50, 100] as const;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Values of a vocabulary from a comma list, deduplicated, in the vocabulary's order. */
function vocabularyList<Value extends string>(text: string | null, vocabulary: Vocabulary<Value>): Value[] {
  if (text === null) return [];
  const wanted = new Set(text.split(','));
  return vocabulary.values.filter((value) => wanted.has(value));
}

export function parseFilters(params: URLSearchParams): Filters {
  const filters: Filters = {
    ...EMPTY_FILTERS,
    discipline: vocabularyList(params.get('discipline'), disciplines),
    audience: vocabularyList(params.get('audience'), audiences),
    format: vocabularyList(params.get('format'), eventFormats),
    accessibility: vocabularyList(params.get('accessibility'), accessibilityFlags),
    region: vocabularyList(params.get('region'), regions),
    free: params.get('free') === 'true',
    online: params.get('online') === 'true',
  };
  const when = params.get('when');
  if (when === 'today' || when === 'weekend') filters.when = when;
  else {
    const from = params.get('from');
    const to = params.get('to');
    if (from !== null && DAY.test(from)) filters.from = from;
    if (to !== null && DAY.test(to) && (filters.from === undefined || to >= filters.from)) filters.to = to;
  }
  const q = params.get('q')?.trim();
  if (q !== undefined && q !== '') filters.q = q.slice(0, MAX_QUERY);
  const near = params.get('near')?.split(',');
  const lat = finite(near?.[0], -90, 90);
  const lon = finite(near?.[1], -180, 180);
  if (near?.length === 2 && lat !== undefined && lon !== undefined) {
    filters.near = { lat, lon };
    filters.radius = finite(params.get('radius') ?? undefined, 0.1, 500) ?? DEFAULT_RADIUS_KM;
  }
  return filters;
}

/** The filters as query parameters, in a fixed order, leaving defaults out. */
export function filterParams(filters: Filters): [string, string][] {
  const params: [string, string][] = [];
  if (filters.when !== undefined) params.push(['when', filters.when]);
  else {
    if (filters.from !== undefined) params.push(['from', filters.from]);
    if (filters.to !== undefined) params.push(['to', filters.to]);
  }
  if (filters.q !== undefined && filters.q.trim() !== '') params.push(['q', filters.q.trim()]);
  const lists: [string, readonly string[], Vocabulary<string>][] = [
    ['discipline', filters.discipline, disciplines],
    ['audience', filters.audience, audiences],
    ['format', filters.format, eventFormats],
    ['accessibility', filters.accessibility, accessibilityFlags],
    ['region', filters.region, regions],
  ];
  for (const [name, values, vocabulary] of lists) {
    const ordered = vocabulary.values.filter((value) => values.includes(value));
    if (ordered.length > 0) params.push([name, ordered.join(',')]);
  }
  if (filters.free) params.push(['free', 'true']);
  if (filters.online) params.push(['online', 'true']);
  if (filters.near !== undefined) {
    params.push(['near', `${round(filters.near.lat, 4)},${round(filters.near.lon, 4)}`]);
    params.push(['radius', String(filters.radius ?? DEFAULT_RADIUS_KM)]);
  }
  return params;
}

/** How many filters narrow the list (a shown count on the filters button). */
export function activeFilterCount(filters: Filters): number {
  return (
    (filters.when !== undefined || filters.from !== undefined || filters.to !== undefined ? 1 : 0) +
    filters.discipline.length +
    filters.audience.length +
    filters.format.length +
    filters.accessibility.length +
    filters.region.length +
    (filters.free ? 1 : 0) +
    (filters.online ? 1 : 0) +
    (filters.q !== undefined ? 1 : 0) +
    (filters.near !== undefined ? 1 : 0)
  );
}
