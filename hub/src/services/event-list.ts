import { accessibilityFlags, audiences, disciplines, eventFormats, masks, MAX_RADIUS_KM, type Vocabulary } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { StatementCache } from '../db/statement-cache.ts';
import { BadRequestError } from '../errors.ts';
import { clampLimit, decodeCursor, encodeCursor } from './content-list.ts';
import { ftsQuery } from './search.ts';

/** The filters of the public event list, as received (strings from the query). */
export interface EventQuery {
  from?: string;
  to?: string;
  bbox?: string;
  near?: string;
  radius?: number;
  q?: string;
  discipline?: string;
  audience?: string;
  format?: string;
  accessibility?: string;
  free?: boolean;
  online?: boolean;
  actor?: string;
  campaign?: string;
  limit?: number;
  cursor?: string;
}

const FAR_FUTURE = 8_640_000_000_000_000;
const KM_PER_DEGREE = 111.32;

function instant(text: string, field: string, endOfDay: boolean): number {
  // A bare date means that day in UTC terms; clients that care send an offset.
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z`) : Date.parse(text);
  if (Number.isNaN(value)) throw new BadRequestError(`${field} must be a date (YYYY-MM-DD) or an RFC 3339 date-time`, field);
  return value;
}

function numbers(text: string, count: number, field: string, example: string): number[] {
  const parts = text.split(',').map((part) => Number(part.trim()));
  if (parts.length !== count || parts.some((part) => !Number.isFinite(part))) throw new BadRequestError(`${field} must be ${count} numbers, e.g. ${example}`, field);
  return parts;
}

function vocabularyList<V extends string>(text: string, vocabulary: Vocabulary<V>, field: string): V[] {
  const values = text.split(',').map((value) => value.trim()).filter((value) => value !== '');
  const unknown = values.find((value) => !vocabulary.has(value));
  if (unknown !== undefined) throw new BadRequestError(`${field} has an unknown value "${unknown}"; allowed: ${vocabulary.values.join(', ')}`, field);
  if (values.length === 0) throw new BadRequestError(`${field} must name at least one value`, field);
  return values as V[];
}

/** One event of an export: its stored public JSON and its first occurrence in the window. */
export interface ExportedEvent {
  id: string;
  json: string;
  /** The first occurrence in the window, epoch ms. */
  start: number;
  end: number;
  publishedAt: string | null;
}

const OPEN_ITEMS = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/** Margins of the R*Tree search: beyond 32-bit float steps (2 min, a few 1e-6 degrees). */
const BOX_MARGIN_MINUTES = 5;
const BOX_MARGIN_DEGREES = 1e-4;

function widened(west: number, south: number, east: number, north: number) {
  return { boxWest: west - BOX_MARGIN_DEGREES, boxSouth: south - BOX_MARGIN_DEGREES, boxEast: east + BOX_MARGIN_DEGREES, boxNorth: north + BOX_MARGIN_DEGREES };
}

/** The most events one export serialises (see `EventListService.events`). */
export const EXPORT_MAX = 1000;

interface Filter {
  /** Conditions on the occurrence's R*Tree box: a conservative pre-filter. */
  box: string[];
  where: string[];
  having: string;
  params: Record<string, unknown>;
}

/**
 * Each matching event once, with its first occurrence in the window, in start then id
 * order, at most @limit. The R*Tree finds the occurrences whose box meets the window and
 * the map view; CROSS JOIN keeps SQLite from starting anywhere else (STACK.md: it can
 * pick the wrong order). SQLite's bare-column rule: with min(o.start), o.end comes from
 * that same occurrence.
 */
function firstOccurrences(filter: Filter): string {
  return `
        SELECT o.event_id AS id, min(o.start) AS start, o.end AS end
        FROM occurrence_boxes b
          CROSS JOIN event_occurrences o ON o.id = b.id
          CROSS JOIN events_index e ON e.id = o.event_id
        WHERE ${[...filter.box, ...filter.where].join(' AND ')}
        GROUP BY o.event_id ${filter.having}
        ORDER BY start, o.event_id
        LIMIT @limit`;
}

/**
 * The public event list: events with an occurrence in a time window, filtered by
 * place and facets, ordered by that occurrence's start, paged by keyset. SQLite
 * assembles each item's JSON from the stored public shape, so nothing is parsed
 * and re-serialised per request.
 */
export class EventListService {
  private readonly statements: StatementCache;

  constructor(store: Store) {
    this.statements = new StatementCache(store.sqlite);
  }

  list(query: EventQuery): Buffer {
    const limit = clampLimit(query.limit);
    const filter = this.filter(query);
    if (filter === undefined) return Buffer.from('{"items":[],"next":null}');
    // The stored public JSON is spliced in as text (json() would parse and rewrite it), and
    // each item comes back as UTF-8 bytes (a BLOB), never decoded into a JavaScript string.
    const sql = `
      SELECT g.id, g.start, CAST('{"event":' || c.public_json || ',"occurrence":{"start":"'
        || strftime('%Y-%m-%dT%H:%M:%SZ', g.start / 1000, 'unixepoch') || '","end":"'
        || strftime('%Y-%m-%dT%H:%M:%SZ', g.end / 1000, 'unixepoch') || '"}}' AS BLOB) AS item
      FROM (${firstOccurrences(filter)}) g JOIN content c ON c.id = g.id
      ORDER BY g.start, g.id`;
    const rows = this.statements.get(sql).all({ ...filter.params, limit: limit + 1 }) as { id: string; start: number; item: Buffer }[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last !== undefined ? encodeCursor([last.start, last.id]) : null;
    const parts: Buffer[] = [OPEN_ITEMS];
    page.forEach((row, index) => (index === 0 ? parts.push(row.item) : parts.push(COMMA, row.item)));
    parts.push(Buffer.from(`],"next":${next === null ? 'null' : JSON.stringify(next)}}`));
    return Buffer.concat(parts);
  }

  /**
   * The events `list()` would give for the same filters, all at once rather than paged:
   * what the open-data exports (iCal, feeds, CSV) serialise. Same order (first occurrence
   * in the window, then id), at most `max` events, never more than EXPORT_MAX: a hub holds
   * thousands of events a year, and a subscription that needs more narrows its filters.
   */
  events(query: EventQuery, max: number): ExportedEvent[] {
    const filter = this.filter(query);
    if (filter === undefined) return [];
    const sql = `
      SELECT g.id, g.start, g.end, c.public_json AS json, c.published_at AS publishedAt
      FROM (${firstOccurrences(filter)}) g JOIN content c ON c.id = g.id
      ORDER BY g.start, g.id`;
    // One past EXPORT_MAX, so a feed's last page of EXPORT_MAX can tell there is more.
    const limit = Math.min(Math.max(Math.floor(max), 1), EXPORT_MAX + 1);
    return this.statements.get(sql).all({ ...filter.params, limit }) as ExportedEvent[];
  }

  /**
   * Whether `list()` would give the event `id` for these filters (any page): the hub's live
   * stream asks it change by change, so a stream filters exactly as its list does.
   */
  includes(query: Omit<EventQuery, 'cursor' | 'limit'>, id: string): boolean {
    const filter = this.filter(query);
    if (filter === undefined) return false;
    const sql = `SELECT 1 FROM (${firstOccurrences({ ...filter, where: [...filter.where, 'o.event_id = @only'] })})`;
    return this.statements.get(sql).get({ ...filter.params, only: id, limit: 1 }) !== undefined;
  }

  /**
   * The WHERE (and keyset HAVING) of the list, from the query, checked field by field.
   * Undefined when the search text can match nothing, so there is nothing to run.
   */
  private filter(query: EventQuery): Filter | undefined {
    const from = query.from === undefined ? Date.now() : instant(query.from, 'query.from', false);
    const to = query.to === undefined ? FAR_FUTURE : instant(query.to, 'query.to', true);
    if (to < from) throw new BadRequestError('query.to must not be before query.from', 'query.to');
    // Overlap with [from, to), as the schedule module counts it: an instant-long occurrence
    // (start = end) at `from` is in, or it would fall between two consecutive windows.
    const where = ['(o.end > @from OR o.start = @from)', 'o.start < @to'];
    // Boxes hold 32-bit floats (2-minute steps at today's dates; tiny coordinates underflow
    // to 0), so the box search is widened by a margin and the exact conditions decide.
    const box = ['b.t1 >= @fromMinutes', 'b.t0 <= @toMinutes'];
    const params: Record<string, unknown> = { from, to, fromMinutes: from / 60_000 - BOX_MARGIN_MINUTES, toMinutes: to / 60_000 + BOX_MARGIN_MINUTES };
    if (query.bbox !== undefined) {
      const [west, south, east, north] = numbers(query.bbox, 4, 'query.bbox', '1.8,47.8,2.0,48.0 (west,south,east,north)') as [number, number, number, number];
      if (south < -90 || north > 90 || south > north || west < -180 || east > 180 || west > east) {
        throw new BadRequestError('query.bbox must be west,south,east,north with -180 <= west <= east <= 180 and -90 <= south <= north <= 90', 'query.bbox');
      }
      box.push('b.y1 >= @boxSouth', 'b.y0 <= @boxNorth', 'b.x1 >= @boxWest', 'b.x0 <= @boxEast');
      where.push('e.lat BETWEEN @south AND @north', 'e.lon BETWEEN @west AND @east');
      Object.assign(params, { west, south, east, north, ...widened(west, south, east, north) });
    }
    if (query.near !== undefined) {
      const [lat, lon] = numbers(query.near, 2, 'query.near', '47.9025,1.9041 (lat,lon)') as [number, number];
      if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new BadRequestError('query.near must be a latitude in -90..90 and a longitude in -180..180', 'query.near');
      const radius = query.radius ?? 10;
      if (!(radius > 0 && radius <= MAX_RADIUS_KM)) throw new BadRequestError(`query.radius must be between 0 and ${MAX_RADIUS_KM} km`, 'query.radius');
      const dLat = radius / KM_PER_DEGREE;
      const lonScale = Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
      const dLon = dLat / lonScale;
      // A box the index can use, then the (equirectangular) distance: exact enough at these scales.
      box.push('b.y1 >= @nearBoxSouth', 'b.y0 <= @nearBoxNorth', 'b.x1 >= @nearBoxWest', 'b.x0 <= @nearBoxEast');
      where.push('e.lat BETWEEN @nearSouth AND @nearNorth', 'e.lon BETWEEN @nearWest AND @nearEast');
      where.push('((e.lat - @nearLat) * (e.lat - @nearLat) + (e.lon - @nearLon) * (e.lon - @nearLon) * @lonScale2) <= @dLat2');
      Object.assign(params, { nearSouth: lat - dLat, nearNorth: lat + dLat, nearWest: lon - dLon, nearEast: lon + dLon, nearLat: lat, nearLon: lon, lonScale2: lonScale * lonScale, dLat2: dLat * dLat });
      const near = widened(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
      Object.assign(params, { nearBoxWest: near.boxWest, nearBoxSouth: near.boxSouth, nearBoxEast: near.boxEast, nearBoxNorth: near.boxNorth });
    } else if (query.radius !== undefined) {
      throw new BadRequestError('query.radius needs query.near', 'query.radius');
    }
    if (query.discipline !== undefined) {
      where.push('(e.disciplines & @disciplines) != 0');
      params.disciplines = masks.disciplines(vocabularyList(query.discipline, disciplines, 'query.discipline'));
    }
    if (query.audience !== undefined) {
      where.push('(e.audiences & @audiences) != 0');
      params.audiences = masks.audiences(vocabularyList(query.audience, audiences, 'query.audience'));
    }
    if (query.accessibility !== undefined) {
      // Every flag asked for must be met: a wheelchair user and a deaf companion need both.
      where.push('(e.accessibility & @accessibility) = @accessibility');
      params.accessibility = masks.accessibility(vocabularyList(query.accessibility, accessibilityFlags, 'query.accessibility'));
    }
    if (query.format !== undefined) {
      const formats = vocabularyList(query.format, eventFormats, 'query.format');
      where.push(`e.format IN (${formats.map((_, index) => `@format${index}`).join(',')})`);
      formats.forEach((format, index) => (params[`format${index}`] = format));
    }
    if (query.free !== undefined) {
      where.push('e.free = @free');
      params.free = query.free ? 1 : 0;
    }
    if (query.online !== undefined) where.push(query.online ? "e.attendance_mode IN ('online', 'mixed')" : "e.attendance_mode = 'in-person'");
    if (query.actor !== undefined) {
      where.push('e.actor_id = @actor');
      params.actor = query.actor;
    }
    if (query.campaign !== undefined) {
      where.push('e.campaign = @campaign');
      params.campaign = query.campaign;
    }
    if (query.q !== undefined) {
      const match = ftsQuery(query.q);
      if (match === undefined) return undefined;
      where.push("e.id IN (SELECT c.id FROM content_fts f JOIN content c ON c.row_id = f.rowid WHERE content_fts MATCH @match AND c.type = 'event')");
      params.match = match;
    }
    let having = '';
    if (query.cursor !== undefined) {
      const [start, id] = decodeCursor(query.cursor, ['number', 'string']);
      having = 'HAVING (start > @cursorStart OR (start = @cursorStart AND o.event_id > @cursorId))';
      Object.assign(params, { cursorStart: start, cursorId: id });
    }
    return { box, where, having, params };
  }
}
