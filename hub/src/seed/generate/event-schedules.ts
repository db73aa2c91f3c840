/**
 * When events happen: slots per format, single and multi-session timings around today, and
 * recurrence rules with their cancelled sessions, keeping clear of public holidays.
 */
import type { EventFormat, EventInput, Timing } from '@constellation/shared';
import { isHoliday, localDateTime, nthWeekday, untilEndOf, weekdayOf, yearMonthOf, zonedDateTime, type Day } from './calendar.ts';
import type { SeedContext } from './context.ts';
import type { RecurringSpec } from './recurring-events.ts';
import type { Topic } from './texts/topics.ts';

/** Start times and durations (minutes) per format, and the weekdays each prefers (0 = Monday). */
export const SLOTS: Readonly<Record<EventFormat, { times: readonly (readonly [number, number])[]; weekdays: readonly number[] }>> = {
  conference: { times: [[18 * 60 + 30, 90], [20 * 60, 90], [14 * 60 + 30, 90]], weekdays: [1, 2, 3, 4] },
  workshop: { times: [[10 * 60, 120], [14 * 60, 90], [14 * 60 + 30, 120], [15 * 60, 90]], weekdays: [2, 5] },
  exhibition: { times: [[10 * 60, 480]], weekdays: [0, 1, 2, 3, 4, 5, 6] },
  'science-cafe': { times: [[18 * 60 + 30, 90], [19 * 60, 120]], weekdays: [1, 3] },
  'lab-visit': { times: [[9 * 60 + 30, 120], [14 * 60, 120], [10 * 60, 90]], weekdays: [0, 1, 2, 3, 4] },
  festival: { times: [[10 * 60, 480]], weekdays: [5] },
  'field-survey': { times: [[9 * 60, 180], [14 * 60, 150]], weekdays: [5, 6] },
  screening: { times: [[20 * 60, 150], [18 * 60, 120]], weekdays: [3, 4] },
  game: { times: [[14 * 60, 180], [19 * 60 + 30, 150]], weekdays: [2, 5, 6] },
  other: { times: [[18 * 60, 120], [10 * 60, 360]], weekdays: [0, 1, 2, 3, 4, 5] },
};

const NIGHT_SLOTS = { times: [[21 * 60, 120], [21 * 60 + 30, 120]], weekdays: [4, 5] } as const;

/** The nearest day on or after (future) or before (past) `offset` that falls on one of `weekdays`. */
export function dayNear(ctx: SeedContext, offset: number, weekdays: readonly number[]): Day {
  const start = ctx.today + offset;
  for (let shift = 0; shift < 21; shift++) {
    const day = offset < 0 ? start - shift : start + shift;
    if (weekdays.includes(weekdayOf(day)) && !isHoliday(day)) return day;
  }
  return start;
}

export function randomOffset(ctx: SeedContext): number {
  return ctx.rng.chance(ctx.pastShare) ? -ctx.rng.int(2, 90) : ctx.rng.int(1, 120);
}

export function singleTimings(ctx: SeedContext, format: EventFormat, offset: number, topic: Topic): Timing[] {
  const slots = format === 'field-survey' && topic.night === true ? NIGHT_SLOTS : SLOTS[format];
  if (format === 'exhibition') {
    let start = ctx.today + offset - (offset < 0 ? ctx.rng.int(0, 60) : 0);
    while (isHoliday(start)) start += 1;
    const end = start + ctx.rng.int(45, 150);
    return [{ start: zonedDateTime(start, 10 * 60, ctx.timeZone), end: zonedDateTime(end, 18 * 60, ctx.timeZone) }];
  }
  const day = dayNear(ctx, offset, slots.weekdays);
  const [start, minutes] = ctx.rng.pick(slots.times);
  return [{ start: zonedDateTime(day, start, ctx.timeZone), end: zonedDateTime(day, start + minutes, ctx.timeZone) }];
}

export function multiTimings(ctx: SeedContext, format: EventFormat, offset: number): Timing[] {
  const slots = SLOTS[format];
  const count = ctx.rng.int(2, 4);
  const [start, minutes] = ctx.rng.pick(slots.times);
  const sameDay = format === 'lab-visit' || (format === 'workshop' && ctx.rng.chance(0.5));
  const first = dayNear(ctx, offset, slots.weekdays);
  const timings: Timing[] = [];
  for (let i = 0; i < count; i++) {
    // Two sessions a day (morning and afternoon), or the same slot on following weeks.
    const day = sameDay ? first + Math.floor(i / 2) * 7 : first + i * 7;
    const at = sameDay ? (i % 2 === 0 ? 10 * 60 : 14 * 60) : start;
    const length = sameDay ? Math.min(minutes, 150) : minutes;
    timings.push({ start: zonedDateTime(day, at, ctx.timeZone), end: zonedDateTime(day, at + length, ctx.timeZone) });
  }
  return timings;
}

export function recurrence(ctx: SeedContext, spec: RecurringSpec, past: boolean): NonNullable<EventInput['recurrence']> {
  const base = ctx.today + (past ? -ctx.rng.int(20, 60) : ctx.rng.int(3, 45));
  const occurrences: Day[] = [];
  const limit = 'count' in spec.end ? spec.end.count : 400;
  const untilDay = 'untilDays' in spec.end ? base + spec.end.untilDays : undefined;
  if ('weeks' in spec.every) {
    const first = base + ((spec.weekday - weekdayOf(base) + 7) % 7);
    for (let i = 0; i < Math.min(limit, 60); i++) occurrences.push(first + i * 7 * spec.every.weeks);
  } else {
    let { year, month } = yearMonthOf(base);
    while (occurrences.length < Math.min(limit, 24)) {
      const day = nthWeekday(year, month, spec.weekday, spec.every.ordinal);
      if (day !== undefined && day >= base) occurrences.push(day);
      month += 1;
      if (month > 12) [year, month] = [year + 1, 1];
    }
  }
  // Nobody launches a series on a public holiday: the series starts at the next occurrence.
  while (occurrences.length > 1 && isHoliday(occurrences[0] as Day)) occurrences.shift();
  const within = occurrences.filter((day) => untilDay === undefined || day <= untilDay);
  const first = within[0] ?? base;
  const endPart = 'count' in spec.end ? `COUNT=${spec.end.count}` : `UNTIL=${untilEndOf(untilDay ?? first, ctx.timeZone)}`;
  const every = 'weeks' in spec.every ? `FREQ=WEEKLY${spec.every.weeks > 1 ? `;INTERVAL=${spec.every.weeks}` : ''};BYDAY=${spec.byDay}` : `FREQ=MONTHLY;BYDAY=${spec.every.ordinal}${spec.byDay}`;
  // Cancelled sessions are real occurrences of the rule, never the first one.
  const candidates = within.slice(1, -1);
  const holidays = candidates.filter(isHoliday);
  const chosen = [...holidays, ...ctx.rng.shuffle(candidates.filter((day) => !isHoliday(day)))].slice(0, spec.exdates);
  const exdates = chosen.sort((a, b) => a - b).map((day) => localDateTime(day, spec.start));
  return {
    start: localDateTime(first, spec.start),
    end: localDateTime(first, spec.start + spec.minutes),
    rrule: `${every};${endPart}`,
    ...(exdates.length > 0 ? { exdates } : {}),
  };
}
