import type pg from 'pg';
import type { EventPublic } from '@constellation/shared';
import { eventFacets, type EventFacets } from './event-facets.ts';

/*
 * The national event index on PostgreSQL: an event's facets, occurrences and text, each
 * written (or removed) in one statement, so a page's items cost one round trip each and a
 * run of new events one round trip in all.
 */

/** The hub an event is indexed under: its region is one of the event's facets. */
export type Hub = { id: string; region: string };

export async function unindexEvent(client: pg.ClientBase, rowId: number): Promise<void> {
  await client.query(
    `WITH o AS (DELETE FROM event_occurrences WHERE event_row = $1), t AS (DELETE FROM events_text WHERE row_id = $1)
     DELETE FROM events_index WHERE row_id = $1`,
    [rowId],
  );
}

/** Indexes a live event: facets, occurrences and text in one statement. */
export async function indexEvent(client: pg.ClientBase, rowId: number, hub: Hub, event: EventPublic, now: number): Promise<boolean> {
  const facets = eventFacets(event, now);
  if (facets === null) return false;
  await client.query(
    `WITH i AS (
       INSERT INTO events_index (row_id, hub, region, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, campaign, parent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $23)),
     o AS (INSERT INTO event_occurrences (event_row, start, "end") SELECT $1, s, e FROM unnest($17::bigint[], $18::bigint[]) AS x(s, e))
     INSERT INTO events_text (row_id, title, summary, body, place) VALUES ($1, $19, $20, $21, $22)`,
    [
      rowId, hub.id, hub.region, facets.actorId, facets.format, facets.audiences, facets.disciplines, facets.accessibility,
      facets.free, facets.online, facets.lat, facets.lon, facets.firstStart, facets.lastEnd, facets.titleKey, facets.campaign,
      facets.occurrences.map((occurrence) => occurrence.start), facets.occurrences.map((occurrence) => occurrence.end),
      facets.text.title, facets.text.summary, facets.text.body, facets.text.place,
      facets.parent,
    ],
  );
  return true;
}

/** indexEvent for many events of one hub: index rows, occurrences and texts, one statement. */
export async function indexEvents(client: pg.ClientBase, hub: Hub, events: readonly { rowId: number; facets: EventFacets }[]): Promise<void> {
  const column = <T>(pick: (facets: EventFacets) => T) => events.map((event) => pick(event.facets));
  const occurrenceRows = events.flatMap((event) => event.facets.occurrences.map(() => event.rowId));
  const occurrences = events.flatMap((event) => event.facets.occurrences);
  await client.query(
    `WITH i AS (
       INSERT INTO events_index (row_id, hub, region, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, campaign, parent)
       SELECT row_id, $2, $3, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, campaign, parent
       FROM unnest($1::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::boolean[], $10::boolean[], $11::float8[], $12::float8[], $13::bigint[], $14::bigint[], $15::text[], $16::text[], $17::text[])
         AS x(row_id, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, campaign, parent)),
     o AS (INSERT INTO event_occurrences (event_row, start, "end") SELECT r, s, e FROM unnest($18::int[], $19::bigint[], $20::bigint[]) WITH ORDINALITY AS y(r, s, e, ord) ORDER BY ord)
     INSERT INTO events_text (row_id, title, summary, body, place) SELECT * FROM unnest($1::int[], $21::text[], $22::text[], $23::text[], $24::text[])`,
    [
      events.map((event) => event.rowId), hub.id, hub.region,
      column((f) => f.actorId), column((f) => f.format), column((f) => f.audiences), column((f) => f.disciplines), column((f) => f.accessibility),
      column((f) => f.free), column((f) => f.online), column((f) => f.lat), column((f) => f.lon), column((f) => f.firstStart), column((f) => f.lastEnd),
      column((f) => f.titleKey), column((f) => f.campaign), column((f) => f.parent),
      occurrenceRows, occurrences.map((occurrence) => occurrence.start), occurrences.map((occurrence) => occurrence.end),
      column((f) => f.text.title), column((f) => f.text.summary), column((f) => f.text.body), column((f) => f.text.place),
    ],
  );
}
