/**
 * An event's schedule (its timings, or a recurrence rule with exceptions) expanded into
 * occurrences: what a query over a time window, the occurrences table and the iCal feed
 * all need.
 *
 * A recurrence is expanded in floating wall-clock time and each wall time is converted
 * to UTC afterwards, so a weekly 18:00 event stays at 18:00 local across DST changes.
 */
import ICAL from 'ical.js';
import { DATE_RANGE, parseRRule, type RecurrenceRule } from '@constellation/shared';
import { utcToZoned, zonedToUtc } from './zoned-time.ts';

/** One occurrence, as epoch milliseconds (UTC). */
export interface Occurrence {
  start: number;
  end: number;
}

/** The scheduling part of an event, as the contract carries it. */
export interface Schedule {
  timeZone: string;
  timings?: { start: string; end: string }[];
  recurrence?: { start: string; end: string; rrule: string; exdates?: string[] };
}

type Recurrence = NonNullable<Schedule['recurrence']>;

/**
 * The most occurrences any one call returns, and the most candidates it draws from a
 * rule's iterator: rules come from untrusted contributors, and a query must not spin on
 * FREQ=SECONDLY or on a rule whose every occurrence is excluded.
 */
export const MAX_OCCURRENCES = 5000;

/**
 * ical.js can loop inside a single next() call when a rule's limiting parts are sparse
 * for its frequency (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 never matches), so the number of
 * internal steps is bounded too. A plain rule takes about 4-8 steps per occurrence.
 */
const MAX_ITERATOR_STEPS = 20 * MAX_OCCURRENCES;

const DAY_MS = 86_400_000;

/**
 * The wall-clock reading and the instant of one moment differ by the zone's offset, at
 * most 14 h (or a day counting a skipped day, as Samoa did in 2011): wall-clock bounds
 * widened by this are safe bounds on instants.
 */
const OFFSET_SLACK_MS = DAY_MS;

/**
 * The last wall-clock reading any walk goes to: the end of the contract's date range, and
 * one day more so that an UNTIL at its very end (a UTC instant, read in a zone east of
 * UTC) is never cut. Past it a rule is not expanded, whatever its COUNT or INTERVAL: the
 * contract's dates cannot name such a time, and years past 9999 cannot be written at all.
 */
const LAST_WALL = Date.UTC(DATE_RANGE.lastYear + 1, 0, 1, 23, 59, 59);

/** "YYYY-MM-DDTHH:MM[:SS]" read as if it were UTC, for wall-clock arithmetic. */
function wallMs(local: string): number {
  const wall = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/.test(local) ? Date.parse(`${local}Z`) : NaN;
  if (Number.isNaN(wall)) throw new RangeError(`not a local date-time (YYYY-MM-DDTHH:MM[:SS]): ${JSON.stringify(local)}`);
  return wall;
}

function wallString(wall: number): string {
  return new Date(wall).toISOString().slice(0, 19);
}

function instant(text: string): number {
  const value = Date.parse(text);
  if (Number.isNaN(value)) throw new RangeError(`not an RFC 3339 date-time: ${JSON.stringify(text)}`);
  return value;
}

/** Overlap with the half-open window [from, to); an instant-long occurrence counts at from. */
function overlaps(start: number, end: number, from: number, to: number): boolean {
  return start < to && (end > from || start === from);
}

function ruleOf(recurrence: Recurrence): RecurrenceRule {
  const parsed = parseRRule(recurrence.rrule);
  if (!parsed.ok) throw new RangeError(`not a valid RRULE: ${parsed.message}`);
  return parsed.rule;
}

function isBounded(rule: RecurrenceRule): boolean {
  return rule.count !== undefined || rule.until !== undefined;
}

/** What an UNTIL part allows, in terms the walk can check cheaply. */
interface Until {
  /** Whether the occurrence starting at this wall time is within UNTIL. */
  includes(local: string, wall: number): boolean;
  /** A wall reading past which nothing is within UNTIL: the walk stops there. */
  stopWall: number;
  /** An instant no occurrence within UNTIL starts after. */
  lastStart: number;
}

function untilOf(until: string, timeZone: string): Until {
  const wall = Date.UTC(Number(until.slice(0, 4)), Number(until.slice(4, 6)) - 1, Number(until.slice(6, 8)), Number(until.slice(9, 11) || 0), Number(until.slice(11, 13) || 0), Number(until.slice(13, 15) || 0));
  if (until.length === 8) {
    // A date UNTIL keeps the whole of that local day. ical.js would compare it as midnight
    // and drop the day's own occurrence, which is never what an organiser writing
    // "until 17 March" means.
    const lastWall = wall + DAY_MS - 1000;
    return { includes: (_local, at) => at <= lastWall, stopWall: lastWall, lastStart: lastWall + OFFSET_SLACK_MS };
  }
  if (until.endsWith('Z')) {
    // A UTC UNTIL is an instant. ical.js would compare it with the floating wall time as
    // if that were UTC too, which is off by the zone's offset.
    return {
      includes: (local, at) => at <= wall - OFFSET_SLACK_MS || zonedToUtc(local, timeZone) <= wall,
      stopWall: wall + OFFSET_SLACK_MS,
      lastStart: wall,
    };
  }
  // Floating UNTIL: the contract refuses it with a zoned start, but stored data may predate that.
  return { includes: (_local, at) => at <= wall, stopWall: wall, lastStart: wall + OFFSET_SLACK_MS };
}

/** Raised from inside ical.js's iterator to end a walk that ran out of steps. */
class StepBudgetSpent extends Error {}

/**
 * Counts the iterator's internal steps and aborts it past the budget. The step methods
 * call each other through `this`, so per-instance wrappers see every step, including
 * those of the loop inside next() that no outer counter can reach.
 */
function limitSteps(iterator: ICAL.RecurIterator): void {
  let steps = 0;
  const methods = ['next_second', 'next_minute', 'next_hour', 'next_day', 'next_week', 'next_month', 'next_year'] as const;
  const target = iterator as unknown as Record<(typeof methods)[number], () => number>;
  for (const name of methods) {
    const step = target[name].bind(iterator);
    target[name] = () => {
      steps += 1;
      if (steps > MAX_ITERATOR_STEPS) throw new StepBudgetSpent();
      return step();
    };
  }
}

interface WallStart {
  local: string;
  wall: number;
}

/**
 * How a walk ended: the rule had no more ('exhausted'), a budget stopped it while the rule
 * may have more ('capped'), it reached the end of the contract's date range with more
 * to come ('beyond'), or ical.js could not find where it starts ('unstartable').
 */
type WalkEnd = 'exhausted' | 'capped' | 'beyond' | 'unstartable';

/**
 * The rule's occurrences in wall-clock time, in iteration order, without exdates and
 * with UNTIL applied, never past LAST_WALL.
 */
function* wallStarts(timeZone: string, recurrence: Recurrence, rule: RecurrenceRule): Generator<WallStart, WalkEnd> {
  const until = rule.until === undefined ? undefined : untilOf(rule.until, timeZone);
  const excluded = new Set((recurrence.exdates ?? []).map((exdate) => wallString(wallMs(exdate))));
  // The contract accepts names and values in any case, as RFC 5545 does; ical.js only
  // upper case. The rule has passed parseRRule, so it is ASCII and upper-casing is safe.
  const recur = ICAL.Recur.fromString(recurrence.rrule.toUpperCase());
  // UNTIL is applied here, exactly (see untilOf); ical.js gets a loose floating bound so
  // that it still stops by itself, which also bounds its search for a first YEARLY match.
  // The date range's end bounds every walk the same way, COUNT rules and open ones included.
  recur.until = ICAL.Time.fromDateTimeString(wallString(Math.min(until?.stopWall ?? LAST_WALL, LAST_WALL)));
  // ical.js insists on seconds in a date-time string.
  let iterator: ICAL.RecurIterator;
  try {
    iterator = recur.iterator(ICAL.Time.fromDateTimeString(wallString(wallMs(recurrence.start))));
  } catch {
    // ical.js looks for a rule's first date when the iterator is made, and gives up with an
    // error when the parts combined (BYMONTH, BYMONTHDAY, BYDAY) match no day in the four
    // years it searches (MONTHLY;INTERVAL=2;BYMONTH=1;BYDAY=FR;BYMONTHDAY=1,31 from
    // 1900-09-01). The contract accepts such a rule part by part; it has no dates to show.
    return 'unstartable';
  }
  limitSteps(iterator);
  let drawn = 0;
  for (;;) {
    let next: ICAL.Time | null;
    try {
      // Typed as never null, but null is how the iterator says the rule has ended.
      next = iterator.next() as ICAL.Time | null;
    } catch (error) {
      if (error instanceof StepBudgetSpent) return 'capped';
      throw error;
    }
    // Null at the rule's own end (its COUNT drawn, its UNTIL passed), or at LAST_WALL.
    if (next === null) return until !== undefined || (rule.count !== undefined && drawn >= rule.count) ? 'exhausted' : 'beyond';
    // Read at once: the iterator hands out the same mutable Time on every call.
    const wall = Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second);
    const local = wallString(wall);
    if (until !== undefined && wall > until.stopWall) return 'exhausted';
    if (wall > LAST_WALL) return 'beyond';
    drawn += 1;
    // One draw past the budget tells a rule that ends right there from one that goes on.
    if (drawn > MAX_OCCURRENCES) return until === undefined || until.includes(local, wall) ? 'capped' : 'exhausted';
    if (excluded.has(local) || (until !== undefined && !until.includes(local, wall))) continue;
    yield { local, wall };
  }
}

/**
 * Occurrences of a recurrence overlapping [from, to), sorted, at most `limit`.
 * `truncated` says occurrences in the window may be missing.
 */
function expandRecurrence(timeZone: string, recurrence: Recurrence, rule: RecurrenceRule, from: number, to: number, limit: number): { occurrences: Occurrence[]; truncated: boolean; beyond: boolean } {
  const duration = wallMs(recurrence.end) - wallMs(recurrence.start);
  const found: Occurrence[] = [];
  const windowStopWall = to + OFFSET_SLACK_MS;
  let stopWall = windowStopWall;
  let cutAtLimit = false;
  const walk = wallStarts(timeZone, recurrence, rule);
  let step = walk.next();
  for (; !step.done; step = walk.next()) {
    const { local, wall } = step.value;
    if (wall > stopWall) {
      // Stopping short of the window's end for the limit leaves later occurrences out.
      cutAtLimit = wall <= windowStopWall;
      break;
    }
    // Earlier occurrences are drawn from the iterator (COUNT and the budgets need them)
    // but never converted or kept.
    if (wall + duration + OFFSET_SLACK_MS < from) continue;
    const start = zonedToUtc(local, timeZone);
    // The duration is kept on the clock: 18:00-20:00 stays 18:00-20:00 local whatever the
    // offset. It runs from the time the clock shows at the start, which for a start inside
    // a spring-forward gap is after the gap, so such an occurrence keeps its length.
    const end = zonedToUtc(wallString(wallMs(utcToZoned(start, timeZone)) + duration), timeZone);
    if (!overlaps(start, end, from, to)) continue;
    found.push({ start, end });
    if (found.length === limit && wall + OFFSET_SLACK_MS < stopWall) {
      // Wall times map to instants in order except around a gap (by less than a day), so
      // one more day of wall time is drawn before the cut, to return the true first `limit`.
      stopWall = wall + OFFSET_SLACK_MS;
    }
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  // Two wall times in a gap can name the same instant (02:00 and 03:00 on spring-forward
  // day, hourly); RFC 5545 counts a repeated start once.
  const occurrences = found.filter((occurrence, index) => index === 0 || occurrence.start !== found[index - 1]?.start);
  const truncated = (step.done === true && step.value === 'capped') || cutAtLimit || occurrences.length > limit;
  const beyond = step.done === true && step.value === 'beyond';
  return { occurrences: occurrences.slice(0, limit), truncated, beyond };
}

function collect(schedule: Schedule, from: number, to: number, limit: number): { occurrences: Occurrence[]; truncated: boolean } {
  const occurrences: Occurrence[] = [];
  let truncated = false;
  for (const timing of schedule.timings ?? []) {
    const start = instant(timing.start);
    const end = instant(timing.end);
    if (overlaps(start, end, from, to)) occurrences.push({ start, end });
  }
  if (schedule.recurrence !== undefined) {
    const expanded = expandRecurrence(schedule.timeZone, schedule.recurrence, ruleOf(schedule.recurrence), from, to, limit);
    occurrences.push(...expanded.occurrences);
    truncated = expanded.truncated;
  }
  occurrences.sort((a, b) => a.start - b.start || a.end - b.end);
  if (occurrences.length > limit) {
    occurrences.length = limit;
    truncated = true;
  }
  return { occurrences, truncated };
}

/** Occurrences overlapping [from, to) (epoch ms), in start order, at most `limit` (default MAX_OCCURRENCES). */
export function occurrencesBetween(schedule: Schedule, from: number, to: number, limit: number = MAX_OCCURRENCES): Occurrence[] {
  const cap = Math.min(Math.floor(limit), MAX_OCCURRENCES);
  if (!(cap > 0) || !(from < to)) return [];
  return collect(schedule, from, to, cap).occurrences;
}

/**
 * Every occurrence of a bounded schedule (timings, or an RRULE with COUNT/UNTIL), capped at
 * MAX_OCCURRENCES; for an unbounded rule, those until `horizon` (epoch ms). Used to
 * materialise an occurrences table. `truncated` says occurrences were left out by a cap.
 */
export function materialise(schedule: Schedule, horizon: number): { occurrences: Occurrence[]; truncated: boolean } {
  const unbounded = schedule.recurrence !== undefined && !isBounded(ruleOf(schedule.recurrence));
  return collect(schedule, -Infinity, unbounded ? horizon : Infinity, MAX_OCCURRENCES);
}

/**
 * First and last instant the schedule covers (last = Infinity for an unbounded rule).
 * Meant for coarse indexing, so where the caps stop expansion early it errs wide: `last`
 * then falls back to a bound derived from UNTIL. A schedule with no occurrence at all gives
 * first = Infinity and last = -Infinity, an empty span.
 */
export function span(schedule: Schedule): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const timing of schedule.timings ?? []) {
    first = Math.min(first, instant(timing.start));
    last = Math.max(last, instant(timing.end));
  }
  const recurrence = schedule.recurrence;
  if (recurrence === undefined) return { first, last };
  const rule = ruleOf(recurrence);
  if (!isBounded(rule)) {
    const { occurrences } = expandRecurrence(schedule.timeZone, recurrence, rule, -Infinity, Infinity, 1);
    // No occurrence within the budgets: the rule's start is still a safe lower bound.
    const firstStart = occurrences[0]?.start ?? zonedToUtc(recurrence.start, schedule.timeZone);
    return { first: Math.min(first, firstStart), last: Infinity };
  }
  const { occurrences, truncated } = expandRecurrence(schedule.timeZone, recurrence, rule, -Infinity, Infinity, MAX_OCCURRENCES);
  for (const occurrence of occurrences) {
    first = Math.min(first, occurrence.start);
    last = Math.max(last, occurrence.end);
  }
  if (truncated) {
    const duration = wallMs(recurrence.end) - wallMs(recurrence.start);
    // A DST change inside an occurrence stretches it by less than a day.
    last = rule.until === undefined ? Infinity : Math.max(last, untilOf(rule.until, schedule.timeZone).lastStart + duration + OFFSET_SLACK_MS);
  }
  return { first, last };
}

/** What makes a schedule unusable although each of its fields is valid. */
export interface ScheduleProblem {
  /** Dotted path into the event, as the error body's `field`. */
  field: string;
  message: string;
}

/**
 * Whether a schedule the contract accepts field by field can be kept: a rule with COUNT
 * whose occurrences would run past the contract's date range is refused (an open rule
 * just stops there, like any open rule at a horizon), and so is a rule whose first date
 * cannot be found. Never throws: should expansion fail
 * on some input the contract let through, that is this schedule's problem, not a 500.
 * The hub asks this at its edge (date preview, submit, import), so such a rule is a 4xx
 * there and never reaches a feed.
 */
export function scheduleProblem(schedule: Schedule): ScheduleProblem | undefined {
  const recurrence = schedule.recurrence;
  try {
    for (const timing of schedule.timings ?? []) {
      instant(timing.start);
      instant(timing.end);
    }
    if (recurrence === undefined) return undefined;
    const rule = ruleOf(recurrence);
    // The walk in wall-clock time is enough to tell, and much cheaper than converting
    // every occurrence to an instant. Its first step says whether the rule starts at all.
    const walk = wallStarts(schedule.timeZone, recurrence, rule);
    let step = walk.next();
    // Only a COUNT can run past the range: an UNTIL is inside it, an open rule just stops.
    if (rule.count !== undefined) while (step.done !== true) step = walk.next();
    if (step.done === true && step.value === 'unstartable') {
      return { field: 'recurrence.rrule', message: 'no date can be found for this rule: the months, days of the month and weekdays it combines (BYMONTH, BYMONTHDAY, BYDAY) match no day in the four years after its start; simplify it' };
    }
    if (rule.count !== undefined && step.done === true && step.value === 'beyond') {
      return { field: 'recurrence.rrule', message: `its ${rule.count} occurrences run past the end of ${DATE_RANGE.lastYear}, the last year an event can take place: lower COUNT or INTERVAL` };
    }
    return undefined;
  } catch (error) {
    return { field: recurrence === undefined ? 'timings' : 'recurrence', message: `cannot be expanded into dates: ${String((error as Error).message).slice(0, 200)}` };
  }
}
