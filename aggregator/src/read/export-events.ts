import type Database from 'better-sqlite3';
import Type, { type Static } from 'typebox';
import type { EventPublic } from '@constellation/shared';
import { clampLimit, decodeCursor, encodeCursor, type Cursor } from './cursor.ts';
import type { EventJson } from './event-json.ts';
import type { EventSearch } from './event-search.ts';
import { filterFields, parseFilter, type FilterQuery } from './filter.ts';
import type { ReadView } from './view.ts';

/** The most events one export serialises: a subscription that needs more narrows its filters. */
export const EXPORT_MAX = 1_000;
export const FEED_DEFAULT_LIMIT = 50;
const HOUR_MS = 3_600_000;

/** The list's filters (no cursor: an export is whole); `limit` caps the events. */
export const ExportQuery = Type.Object(
  {
    ...filterFields,
    limit: Type.Optional(Type.Integer({ minimum: 1, description: `at most this many events: default ${FEED_DEFAULT_LIMIT} for feeds, ${EXPORT_MAX} otherwise; clamped to ${EXPORT_MAX}` })),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

/**
 * The feeds' query: the list's filters and paging with the list's meaning, by date:
 * `limit` events a page (default FEED_DEFAULT_LIMIT, clamped to EXPORT_MAX) in the list's
 * date order, and `cursor` (a date-sorted list's `next`, or a feed page's) to read on.
 */
export const FeedQuery = Type.Object(
  {
    ...filterFields,
    limit: Type.Optional(Type.Integer({ minimum: 1, description: `events per page: default ${FEED_DEFAULT_LIMIT}, clamped to ${EXPORT_MAX}` })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'the next page of a feed, as its next link gives it (the `next` of the event list sorted by date)' })),
  },
  { additionalProperties: false },
);
export type FeedQuery = Static<typeof FeedQuery>;

/**
 * Where an export's window starts when the query names no `from`: the current UTC hour,
 * so the answer depends on the data, the query and the hour only, and its ETag is exact.
 */
export function windowStart(now: number): number {
  return now - (now % HOUR_MS);
}

export interface ExportedEvent {
  event: EventPublic;
  /** Its first occurrence in the window (epoch ms). */
  start: number;
  end: number;
  /** When it was first published on its hub (its creation: hubs serve published content only). */
  publishedAt: string;
  /** The organising actor's name, as its hub serves it. */
  organiser: string | undefined;
}

/** The events an export holds: the list's matches in date order, at most `max`, parsed. */
export class ExportEvents {
  private readonly actor;

  constructor(
    sqlite: Database.Database,
    private readonly search: EventSearch,
    private readonly json: EventJson,
  ) {
    this.actor = sqlite.prepare<[string, string], string>("SELECT json_extract(data, '$.name') FROM records WHERE hub = ? AND id = ? AND type = 'actor' AND deleted = 0").pluck();
  }

  load(view: ReadView, query: ExportQuery, max: number, now: number): ExportedEvent[] {
    return this.found(view, query, Math.min(Math.max(1, Math.floor(max)), EXPORT_MAX), now).events;
  }

  /** One page of a feed, and the cursor of the next when there is more. */
  page(view: ReadView, query: FeedQuery, now: number): { events: ExportedEvent[]; next: string | undefined } {
    const limit = clampLimit(query.limit, { default: FEED_DEFAULT_LIMIT, max: EXPORT_MAX });
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 'date');
    return this.found(view, query, limit, now, after);
  }

  private found(view: ReadView, query: ExportQuery | FeedQuery, limit: number, now: number, after?: Cursor): { events: ExportedEvent[]; next: string | undefined } {
    const { cursor: _cursor, ...filters } = query as FeedQuery;
    const filter = parseFilter(filters as FilterQuery, windowStart(now));
    const found = this.search.find(filter, view.shown, 'date', limit, after === undefined ? undefined : { value: after.value, row: after.row });
    const last = found.hits.at(-1);
    const next = found.more && last !== undefined ? encodeCursor({ sort: 'date', value: last.value, row: last.row }) : undefined;
    const events: ExportedEvent[] = [];
    const organisers = new Map<string, string | undefined>();
    for (const hit of found.hits) {
      const stored = this.json.byRow(hit.row);
      if (stored === undefined) continue;
      // Checked against the contract's public shape when it was ingested.
      const event = JSON.parse(stored.data) as EventPublic;
      // An actor is looked up on the event's own hub: ids are only unique per hub here.
      const actorKey = `${event.hub}\u0000${event.actorId}`;
      if (!organisers.has(actorKey)) organisers.set(actorKey, this.actor.get(stored.hub, event.actorId) ?? undefined);
      events.push({ event, start: hit.start, end: hit.end, publishedAt: event.createdAt, organiser: organisers.get(actorKey) });
    }
    return { events, next };
  }
}
