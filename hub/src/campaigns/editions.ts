import { and, eq } from 'drizzle-orm';
import type { EventInput, Recurrence, Timing } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { content } from '../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import type { ContentService, Viewer } from '../services/content.ts';
import type { ContentView } from '../services/content-view.ts';

/** 52 weeks: the same weekday next year, which is how organisers plan a yearly event. */
const YEAR_OF_WEEKS_MS = 364 * 86_400_000;

function shiftInstant(text: string): string {
  const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(text)?.[1] ?? 'Z';
  const shifted = new Date(Date.parse(text) + YEAR_OF_WEEKS_MS);
  if (offset === 'Z') return shifted.toISOString().replace('.000Z', 'Z');
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(shifted.getTime() + minutes * 60_000).toISOString().slice(0, 19)}${offset}`;
}

function shiftLocal(text: string): string {
  const shifted = new Date(Date.parse(`${text.length === 16 ? `${text}:00` : text}Z`) + YEAR_OF_WEEKS_MS);
  return shifted.toISOString().slice(0, text.length === 16 ? 16 : 19);
}

/** A rule's COUNT and interval stay; an UNTIL from last year would end it before it starts. */
function nextRecurrence(recurrence: Recurrence): Recurrence {
  const rrule = recurrence.rrule.split(';').filter((part) => !part.startsWith('UNTIL=')).join(';');
  return { start: shiftLocal(recurrence.start), end: shiftLocal(recurrence.end), rrule: rrule.includes('COUNT=') || rrule === recurrence.rrule ? rrule : `${rrule};COUNT=1` };
}

/**
 * "Repeat for this year's edition": a new draft with last year's text, place, audiences,
 * accessibility and image, its dates moved 52 weeks on for the organiser to correct, and
 * a link back (`previousEditionId`). Last year's campaign and umbrella are not carried:
 * this year's are chosen again.
 */
export function repeatEdition(store: Store, contentService: ContentService, id: string, viewer: Viewer): ContentView<EventInput> {
  const row = store.db.select({ data: content.data }).from(content).where(and(eq(content.id, id), eq(content.type, 'event'))).get();
  if (row === undefined) throw new NotFoundError('event', 'id');
  const { campaign: _campaign, parentEventId: _parent, previousEditionId: _older, timings, recurrence, eventStatus: _status, ...kept } = row.data as EventInput;
  const input: EventInput = {
    ...kept,
    ...(timings === undefined ? {} : { timings: timings.map((timing: Timing) => ({ start: shiftInstant(timing.start), end: shiftInstant(timing.end) })) }),
    ...(recurrence === undefined ? {} : { recurrence: nextRecurrence(recurrence) }),
    previousEditionId: id,
  };
  return contentService.create('event', input, viewer);
}
