/**
 * What the event form's date preview tells a contributor besides the next dates: the
 * dates typed that are already past (the preview lists upcoming dates only, and "no
 * dates" alone does not say why), and the orders the hub would refuse (an end before its
 * start, a repetition that stops before its first session), each named by its field.
 */
import '../i18n/strings-contribute.ts';
import type { Locale } from '@constellation/shared';
import type { FieldIssue } from '../api/client.ts';
import { apiMessage } from '../i18n/api-messages.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { scheduleInput, type ScheduleDraft } from './event-schedule.ts';

/** The dated slots (timings) over by `now`, as the API's instants: the preview lists them as past. */
export function pastTimings(draft: ScheduleDraft, timeZone: string, now: number): { start: string; end: string }[] {
  if (draft.mode !== 'timings') return [];
  return (scheduleInput(draft, timeZone).timings ?? []).filter((timing) => {
    const end = Date.parse(timing.end);
    return Number.isFinite(end) && Number.isFinite(Date.parse(timing.start)) && end < now;
  });
}

/** A problem of order in the dates typed, found before asking the hub. */
export interface ScheduleOrderProblem {
  field: string;
  reason: 'endBeforeStart' | 'untilBeforeStart';
}

/**
 * Ends before their starts, and a rule's last day before its first session. The inputs'
 * own forms (`YYYY-MM-DDTHH:MM`, or `YYYY-MM-DD` for whole days) sort as text.
 */
export function scheduleOrderProblems(draft: ScheduleDraft): ScheduleOrderProblem[] {
  const problems: ScheduleOrderProblem[] = [];
  const before = (end: string, start: string) => end !== '' && start !== '' && end < start;
  if (draft.mode === 'timings') {
    draft.timings.forEach((timing, index) => {
      if (before(timing.end, timing.start)) problems.push({ field: `timings.${index}.end`, reason: 'endBeforeStart' });
    });
    return problems;
  }
  if (before(draft.end, draft.start)) problems.push({ field: 'recurrence.end', reason: 'endBeforeStart' });
  if (!draft.advanced && draft.rule.end === 'until' && before(draft.rule.until, draft.start.slice(0, 10))) problems.push({ field: 'recurrence.rrule', reason: 'untilBeforeStart' });
  return problems;
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The field an issue is about, as the form labels it ("Date 2, fin"); undefined for a field the form does not show. */
export function scheduleFieldLabel(field: string, draft: ScheduleDraft, locale: Locale): string | undefined {
  const timing = /^timings\.(\d+)(?:\.(start|end))?$/.exec(field);
  if (timing !== null) {
    const row = t('contribTimingRow', { n: Number(timing[1]) + 1 }, locale);
    if (timing[2] === undefined) return row;
    const part: StringKey = timing[2] === 'start' ? (draft.allDay ? 'contribFirstDay' : 'contribTimingStart') : draft.allDay ? 'contribLastDay' : 'contribTimingEnd';
    return `${row}, ${lower(t(part, {}, locale))}`;
  }
  const exdate = /^recurrence\.exdates\.(\d+)$/.exec(field);
  if (exdate !== null) return t('contribExdateLabel', { n: Number(exdate[1]) + 1 }, locale);
  const labels: Record<string, StringKey> = {
    'recurrence.start': draft.allDay ? 'contribRecurrenceFirstDay' : 'contribRecurrenceStart',
    'recurrence.end': draft.allDay ? 'contribRecurrenceLastDay' : 'contribRecurrenceEnd',
    'recurrence.rrule': draft.advanced ? 'contribRuleAdvanced' : 'contribRuleGroup',
  };
  const key = labels[field];
  return key === undefined ? undefined : t(key, {}, locale);
}

const REASONS: Record<ScheduleOrderProblem['reason'], StringKey> = {
  endBeforeStart: 'contribPreviewEndBeforeStart',
  untilBeforeStart: 'contribPreviewUntilBeforeStart',
};

/** "Date 2, fin : la fin précède le début": a problem found in the form, in the reader's words. */
export function orderProblemText(problem: ScheduleOrderProblem, draft: ScheduleDraft, locale: Locale): string {
  return labelled(scheduleFieldLabel(problem.field, draft, locale), t(REASONS[problem.reason], {}, locale), locale);
}

/** The hub's refusal of the schedule, field by field, in the reader's words. */
export function issueText(issue: FieldIssue, draft: ScheduleDraft, locale: Locale): string {
  return labelled(scheduleFieldLabel(issue.field, draft, locale), apiMessage(issue, locale), locale);
}

function labelled(label: string | undefined, reason: string, locale: Locale): string {
  if (label === undefined) return reason;
  return locale === 'fr' ? `${label} : ${reason}` : `${label}: ${reason}`;
}
