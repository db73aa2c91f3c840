/**
 * What every export reads: the public list's filters (the querystring of GET
 * /api/v1/events, less paging), the matching events, and their organisers' names.
 *
 * The window starts, when the query gives no `from`, at the start of the current UTC
 * hour rather than at the current millisecond: the response is then a function of the
 * hub's data (its seq), the query and the hour, which is what lets the ETag be exact and
 * a cache serve it. An event stays in the default window for at most an hour after it ends.
 */
import Type, { type Static } from 'typebox';
import type { EventPublic } from '@constellation/shared';
import { eventJsonLd, eventPageDates } from '@constellation/shared/server';
import { EventListQuery } from '../routes/events.ts';
import type { ContentService } from '../services/content.ts';
import { encodeCursor } from '../services/content-list.ts';
import { EXPORT_MAX, type EventListService } from '../services/event-list.ts';

const HOUR_MS = 3_600_000;

const { limit: _limit, cursor, ...filters } = EventListQuery.properties;

/** The list's filters; `limit` caps the events (defaults per format), no cursor: an export is whole. */
export const ExportQuery = Type.Object(
  {
    ...filters,
    limit: Type.Optional(Type.Integer({ minimum: 1, description: `at most this many events: default 50 for feeds, ${EXPORT_MAX} otherwise; clamped to ${EXPORT_MAX}` })),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const FEED_DEFAULT_LIMIT = 50;

/**
 * The feeds' query: the list's, with the same meaning. `limit` items per page (default
 * FEED_DEFAULT_LIMIT, clamped to EXPORT_MAX), in the list's order (by first occurrence in
 * the window, then id), and the list's `cursor` to read on: a feed links its next page.
 */
export const FeedQuery = Type.Object(
  {
    ...filters,
    limit: Type.Optional(Type.Integer({ minimum: 1, description: `events per page: default ${FEED_DEFAULT_LIMIT}, clamped to ${EXPORT_MAX}` })),
    cursor,
  },
  { additionalProperties: false },
);
export type FeedQuery = Static<typeof FeedQuery>;

/** The start of the default window: the current UTC hour. */
export function windowStart(now: number): number {
  return now - (now % HOUR_MS);
}

export interface LoadedEvent {
  id: string;
  event: EventPublic;
  /** Its first occurrence in the window, epoch ms. */
  start: number;
  end: number;
  /** When it was first published (RFC 3339). */
  publishedAt: string;
}

/** The events matching the query, by first occurrence in the window, at most `max`. */
export function loadEvents(events: EventListService, query: ExportQuery | FeedQuery, max: number, now: number): LoadedEvent[] {
  const from = query.from ?? new Date(windowStart(now)).toISOString();
  return events.events({ ...query, from }, max).map((row) => {
    // Stored by the hub itself from the contract's public shape when it was published.
    const event = JSON.parse(row.json) as EventPublic;
    return { id: row.id, event, start: row.start, end: row.end, publishedAt: row.publishedAt ?? event.createdAt };
  });
}

/** One page of a feed: `limit` events after the query's cursor, and the cursor of the next page. */
export function loadFeedPage(events: EventListService, query: FeedQuery, now: number): { entries: LoadedEvent[]; next: string | undefined } {
  const limit = Math.min(query.limit ?? FEED_DEFAULT_LIMIT, EXPORT_MAX);
  const loaded = loadEvents(events, query, limit + 1, now);
  const entries = loaded.slice(0, limit);
  const last = entries.at(-1);
  return { entries, next: loaded.length > limit && last !== undefined ? encodeCursor([last.start, last.id]) : undefined };
}

export interface Organiser {
  name: string;
  url: string;
}

/** The published actors behind the events, by id (an unpublished actor is simply absent). */
export function organisers(content: ContentService, actorIds: Iterable<string>): Map<string, Organiser> {
  const found = new Map<string, Organiser>();
  for (const id of new Set(actorIds)) {
    const json = content.publicJson('actor', id);
    if (json === undefined) continue;
    const actor = JSON.parse(json) as { name: string; url: string };
    found.set(id, { name: actor.name, url: actor.url });
  }
  return found;
}

/** An event page's schema.org JSON-LD: its organiser named, its next occurrence (within the hour) announced. */
export function eventPageJsonLd(content: ContentService, event: EventPublic, now: number): Record<string, unknown> {
  const { next } = eventPageDates(event, windowStart(now));
  return eventJsonLd({ event, organiser: organisers(content, [event.actorId]).get(event.actorId), occurrence: next });
}
