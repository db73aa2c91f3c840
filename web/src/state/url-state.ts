/**
 * What the reader is looking at, as it appears in the address bar: the view (a path),
 * the filters and the map position (query parameters). The URL is the single source of
 * truth: a shared link or a reload shows the same filtered view. Parsing is lenient
 * (unknown values are dropped, never an error) and formatting is canonical (vocabulary
 * order, defaults left out), so parse(format(state)) is state.
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

export type View = { name: 'map' } | { name: 'agenda' } | { name: 'hubs' } | { name: 'event'; hub: string; id: string } | { name: 'not-found' };

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

export interface MapPosition {
  zoom: number;
  lat: number;
  lon: number;
}

export interface AppState {
  view: View;
  filters: Filters;
  map?: MapPosition;
  /** The agenda's page: the API's keyset cursor for it. */
  cursor?: string;
}

export const EMPTY_FILTERS: Filters = { discipline: [], audience: [], format: [], accessibility: [], region: [], free: false, online: false };
export const DEFAULT_RADIUS_KM = 10;
export const RADIUS_CHOICES_KM = [2, 5, 10, 25, 50, 100] as const;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$/;
const MAX_QUERY = 200;

/** Values of a vocabulary from a comma list, deduplicated, in the vocabulary's order. */
function vocabularyList<Value extends string>(text: string | null, vocabulary: Vocabulary<Value>): Value[] {
  if (text === null) return [];
  const wanted = new Set(text.split(','));
  return vocabulary.values.filter((value) => wanted.has(value));
}

function finite(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

function parseView(pathname: string): View {
  const parts = pathname.split('/').filter((part) => part !== '').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  if (parts.length === 0) return { name: 'map' };
  if (parts.length === 1 && parts[0] === 'agenda') return { name: 'agenda' };
  if (parts.length === 1 && parts[0] === 'hubs') return { name: 'hubs' };
  const [first, hub, id] = parts;
  if (parts.length === 3 && first === 'events' && hub !== undefined && id !== undefined && SEGMENT.test(hub) && SEGMENT.test(id)) return { name: 'event', hub, id };
  return { name: 'not-found' };
}

export function viewPath(view: View): string {
  switch (view.name) {
    case 'map':
    case 'not-found':
      return '/';
    case 'agenda':
      return '/agenda';
    case 'hubs':
      return '/hubs';
    case 'event':
      return `/events/${encodeURIComponent(view.hub)}/${encodeURIComponent(view.id)}`;
  }
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

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function parseMap(text: string | null): MapPosition | undefined {
  const parts = text?.split('/');
  if (parts?.length !== 3) return undefined;
  const zoom = finite(parts[0], 0, 22);
  const lat = finite(parts[1], -85.06, 85.06);
  const lon = finite(parts[2], -180, 180);
  return zoom === undefined || lat === undefined || lon === undefined ? undefined : { zoom, lat, lon };
}

/** zoom/lat/lon, with as many decimals as the zoom makes visible (as OpenStreetMap does). */
export function formatMap(position: MapPosition): string {
  const decimals = Math.max(2, Math.ceil(Math.log10(2 ** position.zoom)) + 1);
  return `${round(position.zoom, 2)}/${round(position.lat, decimals)}/${round(position.lon, decimals)}`;
}

export function parseLocation(pathname: string, search: string): AppState {
  const params = new URLSearchParams(search);
  const state: AppState = { view: parseView(pathname), filters: parseFilters(params) };
  const map = parseMap(params.get('map'));
  if (map !== undefined) state.map = map;
  const cursor = params.get('cursor');
  if (cursor !== null && cursor !== '' && cursor.length <= 200) state.cursor = cursor;
  return state;
}

/** The path and query string for a state: what goes in the address bar. */
export function formatLocation(state: AppState): string {
  const params = new URLSearchParams(filterParams(state.filters));
  if (state.map !== undefined && state.view.name === 'map') params.set('map', formatMap(state.map));
  if (state.cursor !== undefined && state.view.name === 'agenda') params.set('cursor', state.cursor);
  const query = params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/');
  return `${viewPath(state.view)}${query === '' ? '' : `?${query}`}`;
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
