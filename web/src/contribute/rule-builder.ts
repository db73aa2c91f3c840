/**
 * The recurrence rule builder's state and the RRULE text it stands for. It covers the
 * common cases (daily, weekly on chosen days, monthly on a date or an nth weekday; an
 * interval; until a date, a count, or no end); anything else stays in the raw RRULE field.
 */
import { parseRRule, type Weekday } from '@constellation/shared';

export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
export type RuleFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';
export type RuleEnd = 'never' | 'until' | 'count';

export interface RuleDraft {
  freq: RuleFrequency;
  /** Typed by the reader: kept as text until it becomes the rule. */
  interval: string;
  /** Weekly: the days it happens on (none: the start's day). */
  byDay: Weekday[];
  /** Monthly: on the start's date, or on the nth weekday ("the 2nd Tuesday"; -1 is the last). */
  monthlyBy: 'date' | 'weekday';
  ordinal: number;
  weekday: Weekday;
  end: RuleEnd;
  /** YYYY-MM-DD, inclusive. */
  until: string;
  count: string;
}

export const DEFAULT_RULE: RuleDraft = { freq: 'WEEKLY', interval: '1', byDay: [], monthlyBy: 'date', ordinal: 1, weekday: 'MO', end: 'count', until: '', count: '10' };

/** The RRULE value (no "RRULE:" prefix) the builder's state stands for. */
export function ruleToText(draft: RuleDraft): string {
  const parts = [`FREQ=${draft.freq}`];
  // 1 is the default; anything else typed goes in as written, and the API names a bad one.
  const interval = draft.interval.trim();
  if (interval !== '' && interval !== '1') parts.push(`INTERVAL=${interval}`);
  if (draft.freq === 'WEEKLY' && draft.byDay.length > 0) parts.push(`BYDAY=${WEEKDAYS.filter((day) => draft.byDay.includes(day)).join(',')}`);
  if (draft.freq === 'MONTHLY' && draft.monthlyBy === 'weekday') parts.push(`BYDAY=${draft.ordinal}${draft.weekday}`);
  if (draft.end === 'count' && draft.count.trim() !== '') parts.push(`COUNT=${draft.count.trim()}`);
  if (draft.end === 'until' && draft.until !== '') parts.push(`UNTIL=${draft.until.replaceAll('-', '')}`);
  return parts.join(';');
}

/** The builder's state for a rule, or undefined when the rule says more than the builder can show. */
export function ruleFromText(text: string): RuleDraft | undefined {
  const parsed = parseRRule(text.trim());
  if (!parsed.ok) return undefined;
  const rule = parsed.rule;
  if (rule.freq !== 'DAILY' && rule.freq !== 'WEEKLY' && rule.freq !== 'MONTHLY') return undefined;
  const extra = [rule.bySecond, rule.byMinute, rule.byHour, rule.byMonthDay, rule.byYearDay, rule.byWeekNo, rule.byMonth, rule.bySetPos, rule.wkst];
  if (extra.some((value) => value !== undefined)) return undefined;
  if (rule.until !== undefined && rule.until.length !== 8) return undefined;
  const draft: RuleDraft = {
    ...DEFAULT_RULE,
    freq: rule.freq,
    interval: String(rule.interval),
    byDay: [],
    end: rule.count !== undefined ? 'count' : rule.until !== undefined ? 'until' : 'never',
    count: rule.count === undefined ? '' : String(rule.count),
    until: rule.until === undefined ? '' : `${rule.until.slice(0, 4)}-${rule.until.slice(4, 6)}-${rule.until.slice(6, 8)}`,
  };
  const byDay = rule.byDay ?? [];
  if (rule.freq === 'DAILY' && byDay.length > 0) return undefined;
  if (rule.freq === 'WEEKLY') {
    if (byDay.some((day) => day.ordinal !== undefined)) return undefined;
    draft.byDay = WEEKDAYS.filter((day) => byDay.some((item) => item.weekday === day));
  }
  if (rule.freq === 'MONTHLY' && byDay.length > 0) {
    const [only] = byDay;
    if (byDay.length !== 1 || only?.ordinal === undefined || ![1, 2, 3, 4, -1].includes(only.ordinal)) return undefined;
    draft.monthlyBy = 'weekday';
    draft.ordinal = only.ordinal;
    draft.weekday = only.weekday;
  }
  return draft;
}
