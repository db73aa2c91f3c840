import { and, eq, sql } from 'drizzle-orm';
import type { EventInput } from '@constellation/shared';
import { materialise } from '@constellation/shared/server';
import type { HubTx } from '../db/client.ts';
import { content } from '../db/schema/index.ts';
import { BadRequestError } from '../errors.ts';
import { HORIZON_MS, scheduleOf } from './event-index.ts';

/*
 * Umbrella events (a "village des sciences"): one level only, and each child's times
 * within its umbrella's, so the umbrella's page can show the whole programme in its
 * own dates and a child never outlives the village it belongs to.
 */

/** First start and last end of an event's schedule, epoch ms; undefined when it has no occurrence. */
function spanOf(event: EventInput, now: number): { start: number; end: number } | undefined {
  const { occurrences } = materialise(scheduleOf(event), now + HORIZON_MS);
  if (occurrences.length === 0) return undefined;
  let end = -Infinity;
  for (const occurrence of occurrences) end = Math.max(end, occurrence.end);
  return { start: occurrences[0]?.start ?? 0, end };
}

function refuse(message: string): never {
  throw new BadRequestError(message, 'parentEventId', [{ field: 'parentEventId', message }]);
}

/** Checks an event's umbrella link (its reference to an event of this hub is checked before). */
export function checkUmbrella(tx: HubTx, event: EventInput, selfId: string | undefined, now = Date.now()): void {
  if (event.parentEventId === undefined) return;
  const parent = tx.select({ data: content.data }).from(content).where(and(eq(content.id, event.parentEventId), eq(content.type, 'event'))).get();
  if (parent === undefined) return;
  const umbrella = parent.data as EventInput;
  if (umbrella.parentEventId !== undefined) refuse('parentEventId must name an umbrella event, not an event that is itself part of one');
  if (selfId !== undefined) {
    const child = tx.get<{ id: string }>(sql`SELECT id FROM content WHERE type = 'event' AND json_extract(data, '$.parentEventId') = ${selfId} LIMIT 1`);
    if (child !== undefined) refuse('parentEventId cannot be set on an umbrella event that has its own programme');
  }
  const outer = spanOf(umbrella, now);
  const inner = spanOf(event, now);
  if (outer === undefined || inner === undefined) return;
  if (inner.start < outer.start || inner.end > outer.end) {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    refuse(`parentEventId: the event must take place within its umbrella's times (${day(outer.start)} to ${day(outer.end)} UTC)`);
  }
}
