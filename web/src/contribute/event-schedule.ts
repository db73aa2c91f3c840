/**
 * The event form's schedule: either dated slots typed as local times, or a recurrence
 * (wall-clock start and end, a rule, cancelled dates). This is where the local times
 * become the API's instants, in the event's time zone.
 */
import { DEFAULT_RULE, ruleFromText, ruleToText, type RuleDraft } from './rule-builder.ts';
import { instantToLocal, localToInstant, trimSeconds } from './zoned-time.ts';

export interface TimingDraft {
  /** `datetime-local` values, in the event's zone. */
  start: string;
  end: string;
}

export interface ScheduleDraft {
  mode: 'timings' | 'recurrence';
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

export const EMPTY_SCHEDULE: ScheduleDraft = { mode: 'timings', timings: [{ start: '', end: '' }], start: '', end: '', rule: DEFAULT_RULE, advanced: false, rrule: '', exdates: [] };

export interface ScheduleInput {
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

/** A saved event's schedule as the form shows it. */
export function scheduleFromInput(data: { timings?: unknown; recurrence?: unknown }, timeZone: string): ScheduleDraft {
  const recurrence = data.recurrence as { start?: string; end?: string; rrule?: string; exdates?: string[] } | undefined;
  if (recurrence !== undefined && recurrence !== null) {
    const rrule = recurrence.rrule ?? '';
    const rule = ruleFromText(rrule);
    return {
      ...EMPTY_SCHEDULE,
      mode: 'recurrence',
      start: trimSeconds(recurrence.start ?? ''),
      end: trimSeconds(recurrence.end ?? ''),
      rule: rule ?? DEFAULT_RULE,
      advanced: rule === undefined,
      rrule,
      exdates: (recurrence.exdates ?? []).map(trimSeconds),
    };
  }
  const timings = Array.isArray(data.timings) ? (data.timings as { start: string; end: string }[]) : [];
  return {
    ...EMPTY_SCHEDULE,
    timings: timings.length === 0 ? [{ start: '', end: '' }] : timings.map((timing) => ({ start: instantToLocal(timing.start, timeZone), end: instantToLocal(timing.end, timeZone) })),
  };
}

/** The input paths the schedule section has inputs for. */
export function schedulePaths(draft: ScheduleDraft): string[] {
  if (draft.mode === 'recurrence') return ['recurrence', 'recurrence.start', 'recurrence.end', 'recurrence.rrule', 'recurrence.exdates', ...draft.exdates.map((_, index) => `recurrence.exdates.${index}`)];
  return ['timings', ...draft.timings.flatMap((_, index) => [`timings.${index}.start`, `timings.${index}.end`])];
}
