import ICAL from 'ical.js';
import { attendanceModes, eventFormats, isHttpUrl, LIMITS, type AttendanceMode, type EventFormat, type EventInput, type Location } from '@constellation/shared';
import { formatInstant, zonedToUtc } from '@constellation/shared/server';
import { UnprocessableError } from '../errors.ts';
import { assertEventCount, assertImportSize, CandidateList, CandidateProblem, type ParsedImport, type ParseOptions } from './candidates.ts';
import { addToWall, ianaZone, instantOf, momentOf, shortWall, wallDifference, wallIn, type IcalMoment } from './ical-time.ts';
import { keywordsOf, multiLine, oneLine, placeFromText } from './text.ts';

/*
 * iCalendar (RFC 5545) → the contract's events. A VEVENT with an RRULE becomes a
 * recurrence in the zone of its DTSTART (wall-clock times, EXDATEs as exceptions); one
 * with RDATEs becomes a list of timings. A modified occurrence (RECURRENCE-ID) is taken
 * out of its series and, unless cancelled, imported as an event of its own.
 */

type JCalProperty = [string, Record<string, unknown>, string, ...unknown[]];

/** Properties a VEVENT carries at most once: a second one is malformed, or a line break injected into a value. */
const SINGLE = ['uid', 'dtstart', 'dtend', 'duration', 'summary', 'description', 'location', 'geo', 'rrule', 'status', 'recurrence-id'];
const DAY_MS = 86_400_000;
const DURATION = /^[+-]?P(?:\d{1,6}W|(?:\d{1,6}D)?(?:T(?:\d{1,8}H)?(?:\d{1,8}M)?(?:\d{1,8}S)?)?)$/;

/** A DURATION value in ms, checked before ical.js reads it (it reads garbage as zero). */
function parseDuration(text: string, label: string): number {
  if (!DURATION.test(text) || text.endsWith('P') || text.endsWith('T')) throw new CandidateProblem(`${label} ${JSON.stringify(text.slice(0, 40))} is not a duration such as PT2H`);
  return ICAL.Duration.fromString(text).toSeconds() * 1000;
}

function parseCalendars(text: string): ICAL.Component[] {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text.replace(/^\uFEFF/, ''))) throw new UnprocessableError('invalid_ical', 'the file is not iCalendar: it must start with BEGIN:VCALENDAR', 'text');
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw new UnprocessableError('invalid_ical', `the file is not valid iCalendar: ${String((error as Error).message).slice(0, 200)}`, 'text');
  }
  // Several VCALENDARs in one file parse into a list of them.
  const roots = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  const calendars = roots.map((root) => new ICAL.Component(root as unknown[]));
  if (calendars.some((calendar) => calendar.name !== 'vcalendar')) throw new UnprocessableError('invalid_ical', 'the file holds something other than VCALENDAR', 'text');
  return calendars;
}

class VEvent {
  readonly props = new Map<string, JCalProperty[]>();

  constructor(readonly component: ICAL.Component) {
    for (const property of component.getAllProperties()) {
      const json = property.toJSON() as JCalProperty;
      const list = this.props.get(json[0]) ?? [];
      list.push(json);
      this.props.set(json[0], list);
    }
  }

  all(name: string): JCalProperty[] {
    return this.props.get(name) ?? [];
  }

  first(name: string): JCalProperty | undefined {
    return this.all(name)[0];
  }

  text(name: string): string | undefined {
    const value = this.first(name)?.[3];
    return typeof value === 'string' ? value : undefined;
  }

  /**
   * An X- property's TEXT value. ical.js does not know these properties' type and hands
   * the raw value over, escapes and all (RFC 5545 3.3.11): they are undone here.
   */
  xText(name: string): string | undefined {
    return this.text(name)?.replace(/\\([\\;,nN])/g, (_all, escaped: string) => (escaped === 'n' || escaped === 'N' ? '\n' : escaped));
  }

  moment(name: string, label = name.toUpperCase()): IcalMoment | undefined {
    const property = this.first(name);
    return property === undefined ? undefined : momentOf(property[2], property[3], property[1].tzid, label);
  }

  /** Every value of every instance of a multi-valued date property (EXDATE, RDATE). */
  moments(name: string): IcalMoment[] {
    return this.all(name).flatMap((property) => property.slice(3).map((value) => momentOf(property[2], value, property[1].tzid, name.toUpperCase())));
  }
}

interface Context extends ParseOptions {
  calendarZone: string;
}

/** The zone an event is kept in: its DTSTART's, the calendar's for floating times, UTC for a UTC-anchored rule. */
function zoneOf(start: IcalMoment, recurring: boolean, calendarZone: string): string {
  if (start.zone === 'UTC') return recurring ? 'UTC' : calendarZone;
  return start.zone ?? calendarZone;
}

/** The event's length: DTEND − DTSTART, DURATION, or the RFC's defaults (a day for a date, nothing for a time). */
function durationOf(event: VEvent, start: IcalMoment, calendarZone: string): number {
  const end = event.moment('dtend');
  const duration = event.text('duration');
  if (end !== undefined && duration !== undefined) throw new CandidateProblem('has both DTEND and DURATION');
  let ms: number;
  if (end !== undefined) ms = start.allDay && end.allDay ? wallDifference(start.wall, end.wall) : instantOf(end, calendarZone) - instantOf(start, calendarZone);
  else if (duration !== undefined) ms = parseDuration(duration, 'DURATION');
  else ms = start.allDay ? DAY_MS : 0;
  if (!(ms >= 0)) throw new CandidateProblem('ends before it starts (DTEND or DURATION)');
  return ms;
}

/** The RRULE text, with a floating UNTIL (common, but not allowed with a zoned DTSTART) made UTC. */
function ruleOf(event: VEvent, zone: string): string {
  const values = event.component.getFirstProperty('rrule')?.getValues() ?? [];
  if (values.length !== 1) throw new CandidateProblem('RRULE must hold exactly one rule');
  const rule = String(values[0]);
  return rule.replace(/UNTIL=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?=;|$)/, (_all, y: string, mo: string, d: string, h: string, mi: string, s: string) => {
    const utc = new Date(zonedToUtc(`${y}-${mo}-${d}T${h}:${mi}:${s}`, zone)).toISOString();
    return `UNTIL=${utc.slice(0, 19).replace(/[-:]/g, '')}Z`;
  });
}

function recurrenceOf(event: VEvent, start: IcalMoment, zone: string, durationMs: number, extraExdates: IcalMoment[], ctx: Context): EventInput['recurrence'] {
  if (event.all('rdate').length > 0) throw new CandidateProblem('has both RRULE and RDATE: the hub keeps either a rule or a list of dates, not both');
  const startWall = wallIn(start, zone, ctx.calendarZone);
  const end = event.moment('dtend');
  const endWall = end !== undefined && !end.allDay ? wallIn(end, zone, ctx.calendarZone) : addToWall(startWall, durationMs);
  const exdates = [...event.moments('exdate'), ...extraExdates].map((exdate) => {
    // A date-only EXDATE on a timed series names the occurrence of that day.
    const wall = exdate.allDay && !start.allDay ? `${exdate.wall.slice(0, 10)}${startWall.slice(10)}` : wallIn(exdate, zone, ctx.calendarZone);
    return shortWall(wall);
  });
  // Exceptions before the first occurrence exclude nothing; the contract refuses them, so they are dropped.
  const kept = [...new Set(exdates)].filter((exdate) => exdate >= shortWall(startWall)).sort();
  return { start: shortWall(startWall), end: shortWall(endWall), rrule: ruleOf(event, zone), ...(kept.length > 0 ? { exdates: kept } : {}) };
}

/**
 * DTSTART and every RDATE as timings, minus EXDATEs, with the dates of `siblings` (the
 * other VEVENTs of one event with several timings, as a hub exports it); counted before
 * anything is built.
 */
function timingsOf(event: VEvent, start: IcalMoment, zone: string, durationMs: number, extraExdates: IcalMoment[], siblings: readonly VEvent[], ctx: Context): EventInput['timings'] {
  const count = 1 + siblings.length + event.all('rdate').reduce((sum, property) => sum + property.length - 3, 0);
  if (count > LIMITS.timings) throw new CandidateProblem(`has ${count} dates (DTSTART and RDATE); an event has at most ${LIMITS.timings}`);
  const slot = (moment: IcalMoment): [number, number] => {
    const from = instantOf(moment, zone);
    // A whole day is a wall-clock day, 23 or 25 hours long across a DST change.
    return [from, moment.allDay ? zonedToUtc(addToWall(moment.wall, durationMs), zone) : from + durationMs];
  };
  const slots: [number, number][] = [slot(start)];
  for (const sibling of siblings) {
    const begin = sibling.moment('dtstart');
    if (begin === undefined) throw new CandidateProblem('a VEVENT of the same event has no DTSTART');
    const from = instantOf(begin, zone);
    const length = durationOf(sibling, begin, ctx.calendarZone);
    slots.push([from, begin.allDay ? zonedToUtc(addToWall(begin.wall, length), zone) : from + length]);
  }
  for (const property of event.all('rdate')) {
    for (const value of property.slice(3)) {
      if (property[2] !== 'period') {
        slots.push(slot(momentOf(property[2], value, property[1].tzid, 'RDATE')));
        continue;
      }
      const [from, to] = Array.isArray(value) ? (value as unknown[]) : [];
      const begin = momentOf('date-time', from, property[1].tzid, 'RDATE');
      const startMs = instantOf(begin, zone);
      const endMs = typeof to === 'string' && /^[+-]?P/.test(to) ? startMs + parseDuration(to, 'RDATE') : instantOf(momentOf('date-time', to, property[1].tzid, 'RDATE'), zone);
      slots.push([startMs, endMs]);
    }
  }
  const excluded = new Set([...event.moments('exdate'), ...extraExdates].map((exdate) => instantOf(exdate, zone)));
  const unique = new Map<number, number>();
  for (const [from, to] of slots) if (!excluded.has(from) && !unique.has(from)) unique.set(from, to);
  if (unique.size === 0) throw new CandidateProblem('every date of the event is excluded by EXDATE');
  return [...unique.entries()].sort(([a], [b]) => a - b).map(([from, to]) => ({ start: formatInstant(from, zone), end: formatInstant(to, zone) }));
}

const FORMAT_BY_LABEL = new Map<string, EventFormat>(eventFormats.terms.flatMap((term) => [term.value, term.fr, term.en].map((label) => [label.toLowerCase(), term.value] as [string, EventFormat])));

/** The place's parts as a hub exports them (X-CONSTELLATION-PLACE-*), when the file carries them. */
function exportedPlace(event: VEvent): Location | undefined {
  const part = (name: string) => oneLine(event.xText(`x-constellation-place-${name}`));
  const place: Location = {};
  const name = part('name');
  const address = part('address');
  const postalCode = part('postal-code');
  const commune = part('commune');
  const inseeCode = part('insee');
  if (name !== undefined) place.name = name;
  if (address !== undefined) place.address = address;
  if (postalCode !== undefined) place.postalCode = postalCode;
  if (commune !== undefined) place.commune = commune;
  if (inseeCode !== undefined) place.inseeCode = inseeCode;
  return Object.keys(place).length > 0 ? place : undefined;
}

/** The link to join online: CONFERENCE (RFC 7986), or a LOCATION that is nothing but a URL. */
function onlineUrlOf(event: VEvent): string | undefined {
  const conference = event.all('conference').map((property) => property[3]).find((value): value is string => typeof value === 'string' && isHttpUrl(value));
  if (conference !== undefined) return conference;
  const location = oneLine(event.text('location'));
  return location !== undefined && isHttpUrl(location) ? location : undefined;
}

/** In person, online or both: as a hub exported it, else online when the only place given is a link. */
function attendanceOf(event: VEvent, onlineUrl: string | undefined): AttendanceMode {
  const said = event.text('x-constellation-attendance');
  if (said !== undefined && attendanceModes.has(said) && (said === 'in-person' || onlineUrl !== undefined)) return said as AttendanceMode;
  if (onlineUrl === undefined) return 'in-person';
  const location = oneLine(event.text('location'));
  const placeGiven = (location !== undefined && !isHttpUrl(location)) || event.first('geo') !== undefined;
  return placeGiven ? 'mixed' : 'online';
}

function placeOf(event: VEvent, ctx: Context): Location | undefined {
  const location = oneLine(event.text('location'));
  const geo = event.first('geo')?.[3];
  const place: Location = exportedPlace(event) ?? (location === undefined || isHttpUrl(location) ? {} : placeFromText(location));
  if (Array.isArray(geo) && typeof geo[0] === 'number' && typeof geo[1] === 'number') {
    place.lat = geo[0];
    place.lon = geo[1];
  }
  return Object.keys(place).length > 0 ? place : ctx.fallbackPlace;
}

function mapEvent(event: VEvent, extraExdates: IcalMoment[], ctx: Context, cancelled = false, siblings: readonly VEvent[] = []): EventInput {
  for (const name of SINGLE) {
    const count = event.all(name).length;
    if (count > 1) throw new CandidateProblem(`${name.toUpperCase()} appears ${count} times; it may appear once (a line break inside a value looks like this)`);
  }
  const nested = event.component.getAllSubcomponents().find((component) => component.name !== 'valarm');
  if (nested !== undefined) throw new CandidateProblem(`contains a ${nested.name.toUpperCase()} inside the VEVENT`);
  const title = oneLine(event.text('summary'));
  if (title === undefined) throw new CandidateProblem('SUMMARY is missing: an event needs a title');
  const start = event.moment('dtstart');
  if (start === undefined) throw new CandidateProblem('DTSTART is missing');
  const recurring = event.first('rrule') !== undefined;
  // Whole days (VALUE=DATE): kept as such, in the zone a hub's export names for them.
  const allDay = start.allDay && (event.moment('dtend')?.allDay ?? true);
  const exportedZone = allDay ? ianaZone(event.xText('x-constellation-timezone') ?? '') : undefined;
  const zone = exportedZone ?? zoneOf(start, recurring, ctx.calendarZone);
  const durationMs = durationOf(event, start, ctx.calendarZone);
  const onlineUrl = onlineUrlOf(event);
  const attendanceMode = attendanceOf(event, onlineUrl);
  const place = attendanceMode === 'online' ? undefined : placeOf(event, ctx);
  if (attendanceMode !== 'online' && place === undefined) throw new CandidateProblem('has no LOCATION or GEO, and the actor has no location to fall back on');
  const categories = event.all('categories').flatMap((property) => property.slice(3));
  const format = categories.map((category) => FORMAT_BY_LABEL.get(String(category).trim().toLowerCase())).find((value) => value !== undefined);
  const image = event.all('image').find((property) => property[2] === 'uri' && typeof property[3] === 'string' && /^https?:\/\//i.test(property[3]))?.[3] as string | undefined;
  // A hub's export carries the summary and the Markdown description apart; its DESCRIPTION
  // is a text for people made of both and more, which must not be read back as the
  // description (it would grow at each round trip).
  const exported = event.text('x-constellation-event') !== undefined;
  const summary = oneLine(event.xText('x-constellation-summary'));
  const description = multiLine(exported ? event.xText('x-constellation-description') : event.text('description'));
  const keywords = keywordsOf(categories, LIMITS.keywords);
  return {
    actorId: ctx.actorId,
    title,
    ...(summary === undefined ? {} : { summary }),
    ...(description === undefined ? {} : { description }),
    timeZone: zone,
    ...(allDay ? { allDay: true } : {}),
    ...(recurring ? { recurrence: recurrenceOf(event, start, zone, durationMs, extraExdates, ctx) } : { timings: timingsOf(event, start, zone, durationMs, extraExdates, siblings, ctx) }),
    attendanceMode,
    ...(onlineUrl === undefined || attendanceMode === 'in-person' ? {} : { onlineUrl }),
    ...(place === undefined ? {} : { place }),
    format: format ?? 'other',
    ...(keywords === undefined ? {} : { keywords }),
    ...(image === undefined ? {} : { image: { url: image } }),
    ...(cancelled || event.text('status')?.toUpperCase() === 'CANCELLED' ? { eventStatus: 'cancelled' as const } : {}),
  };
}

/** Parses an iCalendar text into candidate events for `options.actorId`; refuses a file too big or not iCal. */
export function parseICal(text: string, options: ParseOptions): ParsedImport {
  assertImportSize(Buffer.byteLength(text, 'utf8'));
  const calendars = parseCalendars(text);
  const events = calendars.flatMap((calendar) => calendar.getAllSubcomponents('vevent')).map((component) => new VEvent(component));
  assertEventCount(events.length);
  const calendarTz = calendars[0]?.getFirstPropertyValue('x-wr-timezone');
  const ctx: Context = { ...options, calendarZone: (typeof calendarTz === 'string' ? ianaZone(calendarTz) : undefined) ?? options.defaultTimeZone };
  const list = new CandidateList('ical');

  // A modified occurrence leaves a hole in its series, which the series' exceptions record.
  const masters = new Map<string, VEvent>();
  for (const event of events) if (event.first('recurrence-id') === undefined && event.text('uid') !== undefined) masters.set(event.text('uid') as string, event);
  const holes = new Map<VEvent, IcalMoment[]>();
  const problems = new Map<VEvent, string>();
  for (const event of events) {
    const master = masters.get(event.text('uid') ?? '');
    if (event.first('recurrence-id') === undefined || master === undefined) continue;
    try {
      holes.set(master, [...(holes.get(master) ?? []), event.moment('recurrence-id', 'RECURRENCE-ID') as IcalMoment]);
    } catch (error) {
      if (!(error instanceof CandidateProblem)) throw error;
      problems.set(event, error.message);
    }
  }

  // The VEVENTs of one event with several timings, as a hub exports them: the first holds
  // the event, the others only add their dates.
  const timingsOfEvent = new Map<string, VEvent[]>();
  for (const event of events) {
    const id = event.text('x-constellation-event');
    if (id === undefined || event.first('recurrence-id') !== undefined || event.first('rrule') !== undefined) continue;
    timingsOfEvent.set(id, [...(timingsOfEvent.get(id) ?? []), event]);
  }

  events.forEach((event, index) => {
    const uid = event.text('uid');
    const title = oneLine(event.text('summary'));
    const recurrenceId = event.first('recurrence-id');
    const group = timingsOfEvent.get(event.text('x-constellation-event') ?? '');
    if (group !== undefined && group[0] !== event && group.includes(event)) return;
    const siblings = group?.[0] === event ? group.slice(1) : [];
    if (recurrenceId === undefined) return list.add(index, uid, title, () => mapEvent(event, holes.get(event) ?? [], ctx, false, siblings));
    const problem = problems.get(event);
    if (problem !== undefined) return list.reject(index, [problem], uid, title);
    const cancelled = event.text('status')?.toUpperCase() === 'CANCELLED';
    // A cancelled occurrence of a series in the file is fully said by the series' exception.
    if (cancelled && masters.has(uid ?? '')) return;
    list.add(index, uid === undefined ? undefined : `${uid}#${String(recurrenceId[3])}`, title, () => mapEvent(event, [], ctx, cancelled));
  });
  return list.result();
}
