import Type, { type Static } from 'typebox';
import { accessibilityFlags, audiences, disciplines, eventFilterFields, eventFormats, LIST_LIMIT, masks, MAX_RADIUS_KM, nationalFilterFields, regions, type Vocabulary } from '@constellation/shared';
import { BadRequestError } from '../http-errors.ts';

/*
 * The national filters: a hub's list filters (same names, same formats, same meaning, so a
 * client passes one query to a hub or to the aggregator) plus `region` and `hub`. The list,
 * the clusters, the exports and the stream all read them.
 */

export const FAR_FUTURE = 8_640_000_000_000_000;
const KM_PER_DEGREE = 111.32;


/** The filter fields, as a querystring carries them. */
export const filterFields = { ...eventFilterFields, ...nationalFilterFields };

export const sortOrders = ['date', 'relevance'] as const;
export type SortOrder = (typeof sortOrders)[number];

export const EventListQuery = Type.Object(
  {
    ...filterFields,
    sort: Type.Optional(Type.Enum([...sortOrders], { description: 'date: by the first occurrence in the window (the default without q); relevance: best text matches first (the default with q)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, description: `clamped to ${LIST_LIMIT.max}` })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'the `next` of the previous page' })),
  },
  { additionalProperties: false },
);
export type EventListQuery = Static<typeof EventListQuery>;

/** Only the filters: what clusters and exports take besides their own fields. */
export type FilterQuery = Partial<Record<Exclude<keyof typeof filterFields, 'radius' | 'free' | 'online'>, string>> & { radius?: number; free?: boolean; online?: boolean };

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Near {
  lat: number;
  lon: number;
  /** The square around the circle, for the index. */
  box: Box;
  /** The (equirectangular) distance test: dLat^2 + dLon^2 * lonScale2 <= radius2. */
  lonScale2: number;
  radius2: number;
}

/** A checked filter: instants in epoch ms, vocabularies as the index's bit masks. */
export interface EventFilter {
  from: number;
  to: number;
  bbox?: Box;
  near?: Near;
  /** The text search; null when the text has no word, so nothing can match. */
  text?: TextQuery | null;
  disciplines: number;
  audiences: number;
  /** All of these flags. */
  accessibility: number;
  formats?: string[];
  free?: boolean;
  online?: boolean;
  actor?: string;
  campaign?: string;
  /** Only the events of this umbrella (its id). */
  parent?: string;
  regions?: string[];
  hubs?: string[];
}

function instant(text: string, field: string, endOfDay: boolean): number {
  // A bare date is that day in UTC terms, as on a hub; clients that care send an offset.
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z`) : Date.parse(text);
  if (Number.isNaN(value)) throw new BadRequestError(`${field} must be a date (YYYY-MM-DD) or an RFC 3339 date-time`, field);
  return value;
}

function numbers(text: string, count: number, field: string, example: string): number[] {
  const parts = text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part.trim())));
  if (parts.length !== count || parts.some((part) => !Number.isFinite(part))) throw new BadRequestError(`${field} must be ${count} numbers, e.g. ${example}`, field);
  return parts;
}

function values(text: string, field: string): string[] {
  const parts = [...new Set(text.split(',').map((value) => value.trim()).filter((value) => value !== ''))];
  if (parts.length === 0) throw new BadRequestError(`${field} must name at least one value`, field);
  return parts;
}

function vocabularyList<V extends string>(text: string, vocabulary: Vocabulary<V>, field: string): V[] {
  const parts = values(text, field);
  const unknown = parts.find((value) => !vocabulary.has(value));
  if (unknown !== undefined) throw new BadRequestError(`${field} has an unknown value "${unknown}"; allowed: ${vocabulary.values.join(', ')}`, field);
  return parts as V[];
}

const HUB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** west,south,east,north, checked; the field named in errors is `field`. */
export function parseBbox(text: string, field = 'query.bbox'): Box {
  const [west, south, east, north] = numbers(text, 4, field, '1.8,47.8,2.0,48.0 (west,south,east,north)') as [number, number, number, number];
  if (south < -90 || north > 90 || south > north || west < -180 || east > 180 || west > east) {
    throw new BadRequestError(`${field} must be west,south,east,north with -180 <= west <= east <= 180 and -90 <= south <= north <= 90`, field);
  }
  return { west, south, east, north };
}

/** Lower case without accents, as the index's tokenizer (unicode61, remove_diacritics 2) folds words. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Words as the index's tokenizer cuts them: runs of letters and digits. */
export function words(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Text search: the FTS5 query, and the same words folded, for matching and scoring outside FTS5. */
export interface TextQuery {
  match: string;
  terms: string[];
  /** The last term matches as a prefix. */
  prefix: boolean;
}

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error: every word
 * quoted (AND, NEAR, quotes and colons lose their meaning), all required. The last word
 * matches as a prefix (search as you type) once it has three letters: a one-letter prefix
 * would expand to thousands of terms. Accents are the index tokenizer's business.
 */
export function textQuery(text: string): TextQuery | null {
  const typed = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 10) ?? [];
  if (typed.length === 0) return null;
  const last = typed.at(-1) ?? '';
  const prefix = [...last].length >= 3;
  return {
    match: typed.map((word, index) => `"${word}"${index === typed.length - 1 && prefix ? '*' : ''}`).join(' '),
    terms: typed.map((word) => words(word).join('')),
    prefix,
  };
}

/**
 * Checks the filters field by field (BadRequestError names the field at fault) and
 * returns them parsed. `defaultFrom` is where the window starts when `from` is absent.
 */
export function parseFilter(query: FilterQuery, defaultFrom: number): EventFilter {
  const from = query.from === undefined ? defaultFrom : instant(query.from, 'query.from', false);
  const to = query.to === undefined ? FAR_FUTURE : instant(query.to, 'query.to', true);
  if (to < from) throw new BadRequestError('query.to must not be before query.from', 'query.to');
  const filter: EventFilter = { from, to, disciplines: 0, audiences: 0, accessibility: 0 };
  if (query.bbox !== undefined) filter.bbox = parseBbox(query.bbox);
  if (query.near !== undefined) {
    const [lat, lon] = numbers(query.near, 2, 'query.near', '47.9025,1.9041 (lat,lon)') as [number, number];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new BadRequestError('query.near must be a latitude in -90..90 and a longitude in -180..180', 'query.near');
    const radius = query.radius ?? 10;
    if (!(radius > 0 && radius <= MAX_RADIUS_KM)) throw new BadRequestError(`query.radius must be between 0 and ${MAX_RADIUS_KM} km`, 'query.radius');
    const dLat = radius / KM_PER_DEGREE;
    const lonScale = Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
    const dLon = dLat / lonScale;
    filter.near = {
      lat,
      lon,
      box: { west: Math.max(-180, lon - dLon), south: Math.max(-90, lat - dLat), east: Math.min(180, lon + dLon), north: Math.min(90, lat + dLat) },
      lonScale2: lonScale * lonScale,
      radius2: dLat * dLat,
    };
  } else if (query.radius !== undefined) {
    throw new BadRequestError('query.radius needs query.near', 'query.radius');
  }
  if (query.q !== undefined) filter.text = textQuery(query.q);
  if (query.discipline !== undefined) filter.disciplines = masks.disciplines(vocabularyList(query.discipline, disciplines, 'query.discipline'));
  if (query.audience !== undefined) filter.audiences = masks.audiences(vocabularyList(query.audience, audiences, 'query.audience'));
  // Every flag asked for must be met: a wheelchair user and a deaf companion need both.
  if (query.accessibility !== undefined) filter.accessibility = masks.accessibility(vocabularyList(query.accessibility, accessibilityFlags, 'query.accessibility'));
  if (query.format !== undefined) filter.formats = vocabularyList(query.format, eventFormats, 'query.format');
  if (query.free !== undefined) filter.free = query.free;
  if (query.online !== undefined) filter.online = query.online;
  if (query.actor !== undefined) filter.actor = query.actor;
  if (query.campaign !== undefined) filter.campaign = query.campaign;
  if (query.parent !== undefined) filter.parent = query.parent;
  if (query.region !== undefined) filter.regions = vocabularyList(query.region, regions, 'query.region');
  if (query.hub !== undefined) {
    const hubs = values(query.hub, 'query.hub');
    const bad = hubs.find((hub) => !HUB_ID.test(hub) || hub.length > 64);
    if (bad !== undefined) throw new BadRequestError(`query.hub has an invalid hub id "${bad}"`, 'query.hub');
    filter.hubs = hubs;
  }
  return filter;
}

/** The box the index can search: the bbox, the circle's square, or both at once. */
export function searchBox(filter: EventFilter): Box | undefined {
  const boxes = [filter.bbox, filter.near?.box].filter((box): box is Box => box !== undefined);
  if (boxes.length === 0) return undefined;
  return boxes.reduce((a, b) => ({ west: Math.max(a.west, b.west), south: Math.max(a.south, b.south), east: Math.min(a.east, b.east), north: Math.min(a.north, b.north) }));
}
