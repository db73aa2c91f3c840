import Type, { type Static } from 'typebox';
import { parseRRule, RRULE_MAX_LENGTH } from '../rrule.ts';
import { attendanceModes, audiences, disciplines, eventFormats, eventStatuses, vocabularySchema } from '../vocab/index.ts';
import { Accessibility, AgeRange, Image, Location, Price, Registration, serverFields } from './common.ts';
import { DATE_RANGE, LIMITS } from './limits.ts';
import { withRules, type RuleIssue } from './refine.ts';
import { Campaign, DateTime, Email, HttpUrl, Id, isInDateRange, Keyword, LanguageTag, Line, LocalDateTime, RequiredLine, SetOf, Text, TimeZone } from './primitives.ts';

const DAY_MS = 86_400_000;

/** One slot of an event, as instants with their offsets. */
export const Timing = withRules(
  Type.Object({ start: DateTime, end: DateTime }, { additionalProperties: false }),
  (timing) => {
    const start = Date.parse(timing.start);
    const end = Date.parse(timing.end);
    if (start > end) return [{ path: '/end', message: 'must not be before start' }];
    if (end - start > LIMITS.timingDays * DAY_MS) return [{ path: '/end', message: `must be at most ${LIMITS.timingDays} days after start` }];
    return [];
  },
);
export type Timing = Static<typeof Timing>;

/** An RFC 5545 RRULE value, without the "RRULE:" prefix. */
export const RRule = Type.Refine(
  Type.String({ minLength: 1, maxLength: RRULE_MAX_LENGTH, description: 'an RFC 5545 RRULE value, e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=10' }),
  (text: string) => parseRRule(text).ok,
  (text: string) => {
    const parsed = parseRRule(text);
    return parsed.ok ? 'is invalid' : `is not a valid RRULE: ${parsed.message}`;
  },
);

/** "2026-03-01T10:00" and "2026-03-01T10:00:00" name the same time: compare them in one form. */
function withSeconds(local: string): string {
  return local.length === 16 ? `${local}:00` : local;
}

/** The calendar day an RRULE UNTIL names, as YYYY-MM-DD. */
function untilDay(until: string): string {
  return `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
}

/**
 * A repeating event: the first occurrence as wall-clock times in the event's time zone
 * (so 18:00 stays 18:00 across a DST change), the rule, and the cancelled occurrences.
 */
export const Recurrence = withRules(
  Type.Object(
    {
      start: LocalDateTime,
      end: LocalDateTime,
      rrule: RRule,
      /** Start times of occurrences that do not take place, in the same wall-clock form as start. */
      exdates: Type.Optional(Type.Array(LocalDateTime, { maxItems: LIMITS.exdates })),
    },
    { additionalProperties: false },
  ),
  (recurrence) => {
    const issues: RuleIssue[] = [];
    const start = withSeconds(recurrence.start);
    const end = withSeconds(recurrence.end);
    if (start > end) issues.push({ path: '/end', message: 'must not be before start' });
    else if (Date.parse(`${end}Z`) - Date.parse(`${start}Z`) > LIMITS.timingDays * DAY_MS) {
      issues.push({ path: '/end', message: `must be at most ${LIMITS.timingDays} days after start` });
    }
    const parsed = parseRRule(recurrence.rrule);
    if (parsed.ok && parsed.rule.until !== undefined) {
      // RFC 5545: with a zoned DTSTART, UNTIL is a date or a UTC date-time, never floating.
      if (parsed.rule.until.length === 15) issues.push({ path: '/rrule', message: 'UNTIL must be a date (YYYYMMDD) or a UTC date-time ending in Z' });
      else if (untilDay(parsed.rule.until) < start.slice(0, 10)) issues.push({ path: '/rrule', message: 'UNTIL is before start: the rule has no occurrence' });
      else if (!isInDateRange(parsed.rule.until)) issues.push({ path: '/rrule', message: `UNTIL must fall in the years ${DATE_RANGE.firstYear} to ${DATE_RANGE.lastYear}` });
    }
    const exdates = recurrence.exdates ?? [];
    const firstLate = exdates.findIndex((exdate) => withSeconds(exdate) < start);
    if (firstLate >= 0) issues.push({ path: `/exdates/${firstLate}`, message: 'must not be before start' });
    return issues;
  },
);
export type Recurrence = Static<typeof Recurrence>;

/** What an organiser writes about an event, shared by the input and public shapes. */
const eventContent = {
  /** The organising actor: one the poster acts for. */
  actorId: Id,
  title: RequiredLine(LIMITS.title),
  summary: Type.Optional(Line(LIMITS.summary)),
  /** Markdown; rendered through a sanitiser, never as raw HTML. */
  description: Type.Optional(Text(LIMITS.description)),
  timeZone: TimeZone,
  /**
   * Whole days (iCal's VALUE=DATE): each timing, or the recurrence, then runs from local
   * midnight in `timeZone` to the local midnight that ends its last day (end exclusive,
   * as in iCal), and exports give dates without times.
   */
  allDay: Type.Optional(Type.Boolean()),
  /** Either timings or recurrence, never both. */
  timings: Type.Optional(Type.Array(Timing, { minItems: 1, maxItems: LIMITS.timings })),
  recurrence: Type.Optional(Recurrence),
  attendanceMode: vocabularySchema(attendanceModes),
  onlineUrl: Type.Optional(HttpUrl),
  place: Type.Optional(Location),
  /** A place to visit this event happens at, when it has one. */
  placeId: Type.Optional(Id),
  format: vocabularySchema(eventFormats),
  audiences: Type.Optional(SetOf(vocabularySchema(audiences), audiences.values.length)),
  ageRange: Type.Optional(AgeRange),
  disciplines: Type.Optional(SetOf(vocabularySchema(disciplines), LIMITS.disciplines)),
  price: Type.Optional(Price),
  registration: Type.Optional(Registration),
  accessibility: Type.Optional(Accessibility),
  image: Type.Optional(Image),
  languages: Type.Optional(SetOf(LanguageTag, LIMITS.languages)),
  keywords: Type.Optional(Type.Array(Keyword, { maxItems: LIMITS.keywords })),
  /**
   * A national campaign, e.g. fete-de-la-science-2026. In an input: the campaign the event
   * is submitted to. Served (API, feed, exports) only once the region's coordinator has
   * labelled it: a public event's `campaign` is the label.
   */
  campaign: Type.Optional(Campaign),
  /**
   * The umbrella event ("village des sciences", festival) this one is part of, on the same
   * hub; its times fall within the umbrella's. An umbrella is not itself a child.
   */
  parentEventId: Type.Optional(Id),
  /** Last year's edition of this event, on the same hub: editions link back one by one. */
  previousEditionId: Type.Optional(Id),
};

/** Whether a place says where, however coarsely: an empty object does not. */
function locates(place: Location): boolean {
  return [place.name, place.address, place.commune, place.inseeCode, place.postalCode].some((part) => part !== undefined && part.trim() !== '') || place.lat !== undefined;
}

const midnightFormatters = new Map<string, Intl.DateTimeFormat>();

/** Whether an instant is 00:00:00 on the wall clock of `timeZone` (unknown zones are the schema's to refuse). */
function isLocalMidnight(instant: string, timeZone: string): boolean {
  let formatter = midnightFormatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    } catch {
      return true;
    }
    midnightFormatters.set(timeZone, formatter);
  }
  return formatter.format(Date.parse(instant)) === '00:00:00';
}

/** The all-day rule: whole local days, at least one. */
function allDayIssues(event: { timeZone: string; timings?: Timing[] | undefined; recurrence?: Recurrence | undefined }): RuleIssue[] {
  const issues: RuleIssue[] = [];
  (event.timings ?? []).forEach((timing, index) => {
    for (const side of ['start', 'end'] as const) {
      if (!isLocalMidnight(timing[side], event.timeZone)) issues.push({ path: `/timings/${index}/${side}`, message: `must be midnight in ${event.timeZone} for an all-day event` });
    }
    if (timing.start === timing.end || Date.parse(timing.start) >= Date.parse(timing.end)) issues.push({ path: `/timings/${index}/end`, message: 'must be a later midnight than start for an all-day event (the day after its last day)' });
  });
  const recurrence = event.recurrence;
  if (recurrence !== undefined) {
    for (const side of ['start', 'end'] as const) {
      if (!/T00:00(?::00)?$/.test(recurrence[side])) issues.push({ path: `/recurrence/${side}`, message: 'must be at 00:00 for an all-day event' });
    }
    if (recurrence.end.slice(0, 10) <= recurrence.start.slice(0, 10)) issues.push({ path: '/recurrence/end', message: 'must be a later day than start for an all-day event (the day after its last day)' });
  }
  return issues;
}

function eventRules(event: {
  allDay?: boolean | undefined;
  timeZone: string;
  timings?: Timing[] | undefined;
  recurrence?: Recurrence | undefined;
  attendanceMode: string;
  onlineUrl?: string | undefined;
  place?: Location | undefined;
}): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (event.timings !== undefined && event.recurrence !== undefined) issues.push({ path: '/recurrence', message: 'cannot be given together with timings' });
  if (event.timings === undefined && event.recurrence === undefined) issues.push({ path: '/timings', message: 'is required unless recurrence is given' });
  if (event.attendanceMode !== 'in-person' && event.onlineUrl === undefined) issues.push({ path: '/onlineUrl', message: `is required when attendanceMode is ${event.attendanceMode}` });
  if (event.attendanceMode !== 'online' && event.place === undefined) issues.push({ path: '/place', message: `is required when attendanceMode is ${event.attendanceMode}` });
  else if (event.attendanceMode !== 'online' && event.place !== undefined && !locates(event.place)) {
    issues.push({ path: '/place', message: 'must give at least a name, an address, a commune or coordinates' });
  }
  if (event.allDay === true) issues.push(...allDayIssues(event));
  return issues;
}

/** What a contributor may send to create or replace an event. */
export const EventInput = withRules(
  Type.Object(
    {
      ...eventContent,
      eventStatus: Type.Optional(vocabularySchema(eventStatuses)),
      /** How moderators reach the organiser: private, never served or federated. */
      contactEmail: Type.Optional(Email),
    },
    { additionalProperties: false },
  ),
  eventRules,
);
export type EventInput = Static<typeof EventInput>;

/** An event as served by the API and carried by the changes feed. */
export const EventPublic = withRules(
  Type.Object(
    {
      ...serverFields,
      ...eventContent,
      eventStatus: vocabularySchema(eventStatuses),
    },
    { additionalProperties: false },
  ),
  eventRules,
);
export type EventPublic = Static<typeof EventPublic>;

