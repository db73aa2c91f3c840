/** Questions about the events built so far, for the content that reports on them. */
import { isoDate } from './calendar.ts';
import type { SeedContext } from './context.ts';
import type { Topic } from './texts/topics.ts';
import type { EventSeed } from './types.ts';

/** Indices of the published events that pass `test`. */
export function eventsWhere(ctx: SeedContext, test: (event: EventSeed) => boolean): number[] {
  return ctx.content.events.flatMap((event, index) => (event.publish && test(event) ? [index] : []));
}

export function firstStart(event: EventSeed): string {
  return event.input.timings?.[0]?.start ?? event.input.recurrence?.start ?? '';
}

export function isPast(ctx: SeedContext, event: EventSeed): boolean {
  const start = firstStart(event);
  return start.slice(0, 10) < isoDate(ctx.today);
}

export function eventTopic(ctx: SeedContext, index: number): Topic {
  return ctx.eventTopics[index] ?? ctx.pickTopic();
}
