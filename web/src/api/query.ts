/**
 * Filters → the national API's query parameters (the same names as a hub's
 * /api/v1/events, so one query serves the list, the map, the stream and the exports).
 */
import { filterWindow } from '../dates/windows.ts';
import type { Filters } from '../state/url-state.ts';

export type Bbox = [west: number, south: number, east: number, north: number];

export interface QueryOptions {
  /** The reader's clock, for "today", "this weekend" and "from now". */
  now: Date;
  bbox?: Bbox;
  /** Region and hub filters are national: a hub's API refuses them. */
  national?: boolean;
}

const coordinate = (value: number) => String(Math.round(value * 1e5) / 1e5);

export function formatBbox(bbox: Bbox): string {
  // The API wants west <= east within -180..180: a view across the antimeridian is clamped.
  const [west, south, east, north] = bbox;
  const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));
  return [clamp(west, 180), clamp(south, 90), clamp(east, 180), clamp(north, 90)].map(coordinate).join(',');
}

/** The filter part of a query: what the list, the clusters, the stream and the exports share. */
export function filterQuery(filters: Filters, options: QueryOptions): URLSearchParams {
  const params = new URLSearchParams();
  const window = filterWindow(filters, options.now);
  if (window.from !== undefined) params.set('from', window.from.toISOString());
  if (window.to !== undefined) params.set('to', window.to.toISOString());
  if (filters.q !== undefined) params.set('q', filters.q);
  if (filters.discipline.length > 0) params.set('discipline', filters.discipline.join(','));
  if (filters.audience.length > 0) params.set('audience', filters.audience.join(','));
  if (filters.format.length > 0) params.set('format', filters.format.join(','));
  if (filters.accessibility.length > 0) params.set('accessibility', filters.accessibility.join(','));
  if (filters.free) params.set('free', 'true');
  if (filters.online) params.set('online', 'true');
  if (options.national !== false && filters.region.length > 0) params.set('region', filters.region.join(','));
  if (filters.near !== undefined) {
    params.set('near', `${coordinate(filters.near.lat)},${coordinate(filters.near.lon)}`);
    params.set('radius', String(filters.radius ?? 10));
  } else if (options.bbox !== undefined && !filters.online) {
    // Online events have no place: the map's area does not narrow them.
    params.set('bbox', formatBbox(options.bbox));
  }
  return params;
}

/**
 * A list's query: the filters, a page size, and date order even with a text search (the
 * list is grouped by day; the national API ranks by relevance by default when q is set).
 */
export function listQuery(filters: Filters, options: QueryOptions & { limit: number }): URLSearchParams {
  const params = filterQuery(filters, options);
  if (params.has('q') && options.national !== false) params.set('sort', 'date');
  params.set('limit', String(options.limit));
  return params;
}

/** The same filters for a subscription: no "now", so the feed keeps showing what is ahead. */
export function subscriptionQuery(filters: Filters): URLSearchParams {
  const params = filterQuery({ ...filters, when: undefined, from: undefined, to: undefined }, { now: new Date(0) });
  params.delete('from');
  return params;
}
