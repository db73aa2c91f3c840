import { and, eq, lt, sql } from 'drizzle-orm';
import { masks, type EventInput } from '@constellation/shared';
import { materialise, scheduleProblem, type Schedule } from '@constellation/shared/server';
import { BadRequestError } from '../errors.ts';
import type { HubTx } from '../db/client.ts';
import { content, eventOccurrences, eventsIndex } from '../db/schema/index.ts';

/** Where boxes of events without coordinates sit: outside every latitude and longitude. */
export const NO_PLACE = 1000;

/** How far ahead an unbounded rule is materialised; `extendRecurrences` moves it forward daily. */
export const HORIZON_MS = 2 * 366 * 86_400_000;

/** The scheduling part of an event, as expansion takes it. */
export function scheduleOf(event: Pick<EventInput, 'timeZone' | 'timings' | 'recurrence'>): Schedule {
  return { timeZone: event.timeZone, ...(event.timings === undefined ? {} : { timings: event.timings }), ...(event.recurrence === undefined ? {} : { recurrence: event.recurrence }) };
}

/**
 * Refuses, as a 400 naming the field, a schedule valid field by field that cannot be
 * kept (a COUNT running past the contract's date range): checked before an event is
 * stored, so nothing the hub holds or serves fails to expand.
 */
export function assertSchedulable(event: Pick<EventInput, 'timeZone' | 'timings' | 'recurrence'>): void {
  const problem = scheduleProblem(scheduleOf(event));
  if (problem !== undefined) {
    const message = `${problem.field} ${problem.message}`;
    throw new BadRequestError(message, problem.field, [{ field: problem.field, message }]);
  }
}

/** Replaces an event's facet row and occurrences; called when it is published or edited while published. */
export function indexEvent(tx: HubTx, id: string, event: EventInput, now = Date.now()): void {
  unindexEvent(tx, id);
  const { occurrences } = materialise(scheduleOf(event), now + HORIZON_MS);
  const first = occurrences[0];
  if (first === undefined) return; // nothing ever happens: nothing to find by date
  let lastEnd = first.end;
  for (const occurrence of occurrences) if (occurrence.end > lastEnd) lastEnd = occurrence.end;
  tx.insert(eventsIndex)
    .values({
      id,
      actorId: event.actorId,
      format: event.format,
      audiences: masks.audiences(event.audiences),
      disciplines: masks.disciplines(event.disciplines),
      accessibility: masks.accessibility(event.accessibility),
      free: event.price?.free ?? false,
      attendanceMode: event.attendanceMode,
      campaign: event.campaign ?? null,
      lat: event.place?.lat ?? null,
      lon: event.place?.lon ?? null,
      firstStart: first.start,
      lastEnd,
    })
    .run();
  // Chunked: SQLite caps bound parameters per statement.
  for (let index = 0; index < occurrences.length; index += 300) {
    tx.insert(eventOccurrences)
      .values(occurrences.slice(index, index + 300).map((occurrence) => ({ eventId: id, start: occurrence.start, end: occurrence.end })))
      .run();
  }
  // The boxes the list searches (migrations 0004, 0005): time in minutes, and the event's
  // point, or a point off the map for an event without coordinates, so a map-view search
  // never fetches it while a search by time alone still does.
  const lat = event.place?.lat ?? NO_PLACE;
  const lon = event.place?.lon ?? NO_PLACE;
  tx.run(sql`INSERT INTO occurrence_boxes (id, t0, t1, y0, y1, x0, x1)
    SELECT o.id, o.start / 60000.0, o."end" / 60000.0, ${lat}, ${lat}, ${lon}, ${lon}
    FROM event_occurrences o WHERE o.event_id = ${id}`);
}

export function unindexEvent(tx: HubTx, id: string): void {
  tx.run(sql`DELETE FROM occurrence_boxes WHERE id IN (SELECT o.id FROM event_occurrences o WHERE o.event_id = ${id})`);
  tx.delete(eventOccurrences).where(eq(eventOccurrences.eventId, id)).run();
  tx.delete(eventsIndex).where(eq(eventsIndex.id, id)).run();
}

/**
 * Re-materialises the occurrences of published events whose rule has no end, so they
 * keep occurrences up to the horizon ahead of `now`; answers how many it did. Public data
 * does not change, so the feed does not either.
 */
export function extendRecurrences(tx: HubTx, now: number): number {
  const rows = tx
    .select({ id: content.id, data: content.data })
    .from(content)
    .innerJoin(eventsIndex, eq(eventsIndex.id, content.id))
    .where(
      and(
        eq(content.type, 'event'),
        eq(content.status, 'published'),
        // Rules without COUNT or UNTIL (LIKE ignores case, as RRULE parts do)...
        sql`json_extract(${content.data}, '$.recurrence.rrule') NOT LIKE '%COUNT=%'`,
        sql`json_extract(${content.data}, '$.recurrence.rrule') NOT LIKE '%UNTIL=%'`,
        // ...materialised more than a month ago: the others' horizon is still far enough.
        lt(eventsIndex.lastEnd, now + HORIZON_MS - 30 * 86_400_000),
      ),
    )
    .all();
  for (const row of rows) indexEvent(tx, row.id, row.data as EventInput, now);
  return rows.length;
}
