/**
 * The event form's schedule: either dated slots typed as local times, or a recurrence
 * (wall-clock start and end, a rule, cancelled dates). This is where the local times
 * become the API's instants, in the event's time zone.
 */
import { DEFAULT_RULE, ruleFromText, ruleToText, type RuleDraft } from './rule-builder.ts';
import { instantToLocal, localToInstant, trimSeconds } from './zoned-time.ts';

export interface TimingDraft {
  /**
   * `datetime-local` values, in the event's zone; for an all-day event `date` values, the
   * end being the last day (inclusive, as people say it; the API's end is the midnight after).
   */
  start: string;
  end: string;
}

export interface ScheduleDraft {
  mode: 'timings' | 'recurrence';
  /** Whole days: the inputs are dates, and the API gets local midnights and `allDay`. */
  allDay: boolean;
  timings: TimingDraft[];
  /** The recurrence's first occurrence, wall clock. */
  start: string;
  end: string;
  rule: RuleDraft;
  /** Whether the raw RRULE field is what counts (a rule the builder cannot show, or the reader's choice). */
  advanced: boolean;
  rrule: string;
  exdates: string[];
}

export const EMPTY_SCHEDULE: ScheduleDraft = { mode: 'timings', allDay: false, timings: [{ start: '', end: '' }], start: '', end: '', rule: DEFAULT_RULE, advanced: false, rrule: '', exdates: [] };

export interface ScheduleInput {
  allDay?: true;
  timings?: { start: string; end: string }[];
  recurrence?: { start: string; end: string; rrule: string; exdates?: string[] };
}

/** The rule the schedule stands for, as text. */
export function scheduleRule(draft: ScheduleDraft): string {
  return draft.advanced ? draft.rrule.trim() : ruleToText(draft.rule);
}

/**
 * The schedule as the API's fields. A missing end is the start (an event with no known end
 * time; a quality hint says so). A time that does not parse is sent as typed, so the API's
 * refusal names its row ("timings.1.start") rather than the row vanishing.
 */
export function scheduleInput(draft: ScheduleDraft, timeZone: string): ScheduleInput {
  if (draft.allDay) return allDayInput(draft, timeZone);
  if (draft.mode === 'recurrence') {
    const exdates = draft.exdates.filter((exdate) => exdate !== '');
    return {
      recurrence: {
        start: draft.start,
        end: draft.end === '' ? draft.start : draft.end,
        rrule: scheduleRule(draft),
        ...(exdates.length > 0 ? { exdates } : {}),
      },
    };
  }
  if (draft.timings.length === 0) return {};
  return {
    timings: draft.timings.map((timing) => {
      const start = localToInstant(timing.start, timeZone) ?? timing.start;
      const end = timing.end === '' ? start : (localToInstant(timing.end, timeZone) ?? timing.end);
      return { start, end };
    }),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day after a `date` value ("2030-10-27" → "2030-10-28"); other text as it is. */
export function nextDay(date: string): string {
  if (!DATE.test(date)) return date;
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
  return Number.isNaN(next.getTime()) ? date : next.toISOString().slice(0, 10);
}

/** The day before a `date` value. */
export function previousDay(date: string): string {
  if (!DATE.test(date)) return date;
  const before = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000);
  return Number.isNaN(before.getTime()) ? date : before.toISOString().slice(0, 10);
}

/**
 * Whole days as the API takes them: each run from the local midnight of its first day to
 * the local midnight after its last day (a missing last day is the first). A date that
 * does not parse is sent as typed, so the API names its row.
 */
function allDayInput(draft: ScheduleDraft, timeZone: string): ScheduleInput {
  const midnight = (date: string) => (DATE.test(date) ? `${date}T00:00` : date);
  if (draft.mode === 'recurrence') {
    const exdates = draft.exdates.filter((exdate) => exdate !== '').map(midnight);
    return {
      allDay: true,
      recurrence: { start: midnight(draft.start), end: midnight(nextDay(draft.end === '' ? draft.start : draft.end)), rrule: scheduleRule(draft), ...(exdates.length > 0 ? { exdates } : {}) },
    };
  }
  if (draft.timings.length === 0) return { allDay: true };
  const instant = (date: string) => localToInstant(midnight(date), timeZone) ?? date;
  return {
    allDay: true,
    timings: draft.timings.map((timing) => ({ start: instant(timing.start), end: instant(nextDay(timing.end === '' ? timing.start : timing.end)) })),
  };
}

/** The schedule's inputs switched to whole days (dates) or back to times (10:00 to 18:00), keeping the days typed. */
export function withAllDay(draft: ScheduleDraft, allDay: boolean): ScheduleDraft {
  if (draft.allDay === allDay) return draft;
  const day = (value: string) => (value === '' ? '' : allDay ? value.slice(0, 10) : `${value.slice(0, 10)}T10:00`);
  const end = (value: string) => (value === '' ? '' : allDay ? value.slice(0, 10) : `${value.slice(0, 10)}T18:00`);
  return {
    ...draft,
    allDay,
    timings: draft.timings.map((timing) => ({ start: day(timing.start), end: end(timing.end) })),
    start: day(draft.start),
    end: end(draft.end),
    exdates: draft.exdates.map(day),
  };
}

/** A saved event's schedule as the form shows it (an all-day event's last day, not the midnight after it). */
export function scheduleFromInput(data: { timings?: unknown; recurrence?: unknown; allDay?: unknown }, timeZone: string): ScheduleDraft {
  const allDay = data.allDay === true;
  const recurrence = data.recurrence as { start?: string; end?: string; rrule?: string; exdates?: string[] } | undefined;
  if (recurrence !== undefined && recurrence !== null) {
    const rrule = recurrence.rrule ?? '';
    const rule = ruleFromText(rrule);
    const local = (value: string) => (allDay ? value.slice(0, 10) : trimSeconds(value));
    return {
      ...EMPTY_SCHEDULE,
      mode: 'recurrence',
      allDay,
      start: local(recurrence.start ?? ''),
      end: allDay ? previousDay((recurrence.end ?? '').slice(0, 10)) : trimSeconds(recurrence.end ?? ''),
      rule: rule ?? DEFAULT_RULE,
      advanced: rule === undefined,
      rrule,
      exdates: (recurrence.exdates ?? []).map(local),
    };
  }
  const timings = Array.isArray(data.timings) ? (data.timings as { start: string; end: string }[]) : [];
  const row = (timing: { start: string; end: string }): TimingDraft =>
    allDay ? { start: instantToLocal(timing.start, timeZone).slice(0, 10), end: previousDay(instantToLocal(timing.end, timeZone).slice(0, 10)) } : { start: instantToLocal(timing.start, timeZone), end: instantToLocal(timing.end, timeZone) };
  return {
    ...EMPTY_SCHEDULE,
    allDay,
    timings: timings.length === 0 ? [{ start: '', end: '' }] : timings.map(row),
  };
}

/** The input paths the schedule section has inputs for. */
export function schedulePaths(draft: ScheduleDraft): string[] {
  if (draft.mode === 'recurrence') return ['recurrence', 'recurrence.start', 'recurrence.end', 'recurrence.rrule', 'recurrence.exdates', ...draft.exdates.map((_, index) => `recurrence.exdates.${index}`)];
  return ['timings', ...draft.timings.flatMap((_, index) => [`timings.${index}.start`, `timings.${index}.end`])];
}
