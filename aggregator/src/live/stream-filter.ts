import Type, { type Static } from 'typebox';
import { audiences, contentTypes, disciplines, eventFormats, masks, regions, type Vocabulary } from '@constellation/shared';
import { BadRequestError } from '../http-errors.ts';
import type { LogEntry } from './change-log.ts';

const list = (what: string) => Type.String({ minLength: 1, maxLength: 500, description: `comma-separated ${what}` });

/** The stream's filters: the national list's names and formats, so a client passes the same query to both. */
export const StreamQuery = Type.Object(
  {
    bbox: Type.Optional(Type.String({ maxLength: 100, description: 'west,south,east,north in degrees' })),
    from: Type.Optional(Type.String({ maxLength: 35, description: 'window start: YYYY-MM-DD or RFC 3339 (events with an occurrence ending after it)' })),
    to: Type.Optional(Type.String({ maxLength: 35, description: 'window end: YYYY-MM-DD (inclusive) or RFC 3339' })),
    discipline: Type.Optional(list('disciplines (any of)')),
    audience: Type.Optional(list('audiences (any of)')),
    format: Type.Optional(list('formats (any of)')),
    free: Type.Optional(Type.Boolean()),
    online: Type.Optional(Type.Boolean({ description: 'true: can be attended online; false: in person only' })),
    region: Type.Optional(list('INSEE region codes (any of)')),
    hub: Type.Optional(list('hub ids (any of)')),
    type: Type.Optional(list('content types (any of); event filters imply event')),
    lastEventId: Type.Optional(Type.String({ maxLength: 20, description: 'resume after this event id, for clients that cannot send the Last-Event-ID header' })),
  },
  { additionalProperties: false },
);
export type StreamQuery = Static<typeof StreamQuery>;

/** A parsed filter; an absent part lets everything through. */
export interface StreamFilter {
  bbox?: { west: number; south: number; east: number; north: number };
  from?: number;
  to?: number;
  disciplines?: number;
  audiences?: number;
  formats?: Set<string>;
  free?: boolean;
  online?: boolean;
  regions?: Set<string>;
  hubs?: Set<string>;
  types?: Set<string>;
}

const HUB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function instant(text: string, field: string, endOfDay: boolean): number {
  // A bare date is that day in UTC, as the list reads it.
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z`) : Date.parse(text);
  if (Number.isNaN(value)) throw new BadRequestError(`${field} must be a date (YYYY-MM-DD) or an RFC 3339 date-time`, field);
  return value;
}

function values(text: string, field: string): string[] {
  const parts = text.split(',').map((value) => value.trim()).filter((value) => value !== '');
  if (parts.length === 0) throw new BadRequestError(`${field} must name at least one value`, field);
  return parts;
}

function vocabularyList(text: string, vocabulary: Vocabulary<string>, field: string): string[] {
  const parts = values(text, field);
  const unknown = parts.find((value) => !vocabulary.has(value));
  if (unknown !== undefined) throw new BadRequestError(`${field} has an unknown value "${unknown}"; allowed: ${vocabulary.values.join(', ')}`, field);
  return parts;
}

/** Checks the query field by field; throws BadRequestError naming the field at fault. */
export function parseStreamFilter(query: StreamQuery): StreamFilter {
  const filter: StreamFilter = {};
  if (query.bbox !== undefined) {
    const parts = query.bbox.split(',').map((part) => Number(part.trim()));
    const [west, south, east, north] = parts as [number, number, number, number];
    if (parts.length !== 4 || parts.some((part) => !Number.isFinite(part)) || south < -90 || north > 90 || south > north || west < -180 || east > 180 || west > east) {
      throw new BadRequestError('query.bbox must be west,south,east,north with -180 <= west <= east <= 180 and -90 <= south <= north <= 90, e.g. 1.8,47.8,2.0,48.0', 'query.bbox');
    }
    filter.bbox = { west, south, east, north };
  }
  if (query.from !== undefined) filter.from = instant(query.from, 'query.from', false);
  if (query.to !== undefined) filter.to = instant(query.to, 'query.to', true);
  if (filter.from !== undefined && filter.to !== undefined && filter.to < filter.from) throw new BadRequestError('query.to must not be before query.from', 'query.to');
  if (query.discipline !== undefined) filter.disciplines = masks.disciplines(vocabularyList(query.discipline, disciplines, 'query.discipline'));
  if (query.audience !== undefined) filter.audiences = masks.audiences(vocabularyList(query.audience, audiences, 'query.audience'));
  if (query.format !== undefined) filter.formats = new Set(vocabularyList(query.format, eventFormats, 'query.format'));
  if (query.free !== undefined) filter.free = query.free;
  if (query.online !== undefined) filter.online = query.online;
  if (query.region !== undefined) filter.regions = new Set(vocabularyList(query.region, regions, 'query.region'));
  if (query.hub !== undefined) {
    const hubs = values(query.hub, 'query.hub');
    const bad = hubs.find((hub) => !HUB_ID.test(hub));
    if (bad !== undefined) throw new BadRequestError(`query.hub has an invalid hub id "${bad}"`, 'query.hub');
    filter.hubs = new Set(hubs);
  }
  if (query.type !== undefined) filter.types = new Set(vocabularyList(query.type, contentTypes, 'query.type'));
  if (eventOnly(filter)) {
    if (filter.types !== undefined && !filter.types.has('event')) throw new BadRequestError('query.type must include event when event filters (bbox, from, to, discipline, audience, format, free, online, region) are given', 'query.type');
    filter.types = new Set(['event']);
  }
  return filter;
}

/** Filters only events have: with any of them, other content types are not streamed. */
function eventOnly(filter: StreamFilter): boolean {
  return (
    filter.bbox !== undefined || filter.from !== undefined || filter.to !== undefined || filter.disciplines !== undefined || filter.audiences !== undefined ||
    filter.formats !== undefined || filter.free !== undefined || filter.online !== undefined || filter.regions !== undefined
  );
}

export function hasTimeWindow(filter: StreamFilter): boolean {
  return filter.from !== undefined || filter.to !== undefined;
}

/** Whether the entry's type and hub concern this client at all (a delete of another type never does). */
export function concerns(filter: StreamFilter, entry: LogEntry): boolean {
  if (filter.types !== undefined && !filter.types.has(entry.type)) return false;
  if (filter.hubs !== undefined && !filter.hubs.has(entry.hub)) return false;
  return true;
}

/**
 * Whether a live entry matches the filter. `occurrences` is asked for only when a time
 * window is set, so the occurrence rows are read once per change, not once per client.
 */
export function matches(filter: StreamFilter, entry: LogEntry, occurrences: () => readonly { start: number; end: number }[]): boolean {
  if (entry.gone || !concerns(filter, entry)) return false;
  const event = entry.event;
  if (event === undefined) return entry.type !== 'event';
  if (filter.bbox !== undefined) {
    const { west, south, east, north } = filter.bbox;
    if (event.lat === null || event.lon === null || event.lat < south || event.lat > north || event.lon < west || event.lon > east) return false;
  }
  if (filter.disciplines !== undefined && (event.disciplines & filter.disciplines) === 0) return false;
  if (filter.audiences !== undefined && (event.audiences & filter.audiences) === 0) return false;
  if (filter.formats !== undefined && !filter.formats.has(event.format)) return false;
  if (filter.free !== undefined && event.free !== filter.free) return false;
  if (filter.online !== undefined && event.online !== filter.online) return false;
  if (filter.regions !== undefined && !filter.regions.has(event.region)) return false;
  if (hasTimeWindow(filter)) {
    const from = filter.from ?? -Infinity;
    const to = filter.to ?? Infinity;
    // The event's span first (no read), then its occurrences: one must overlap [from, to).
    if (event.lastEnd <= from && event.firstStart !== from) return false;
    if (event.firstStart >= to) return false;
    if (!occurrences().some((occurrence) => (occurrence.end > from || occurrence.start === from) && occurrence.start < to)) return false;
  }
  return true;
}
