/**
 * Events as an RFC 5545 calendar (GET /events.ics, GET /events/:slug.ics).
 *
 * - UID `<event id>@<host of the event's own URL>`, i.e. of the hub that published it:
 *   ids never change, so a subscribed calendar updates an event in place, and a hub's
 *   calendar and the aggregator's (events of many hubs) name the same event alike.
 *   SEQUENCE is the event's version - 1 and grows with every edit.
 * - DTSTAMP is the event's last change, not the time of the request (RFC 5545 3.8.7.2 for
 *   an object without METHOD): the same data gives the same bytes, so ETags hold.
 * - A recurring event is one VEVENT that keeps its RRULE and EXDATEs, with DTSTART/DTEND
 *   as wall-clock times under a TZID and a VTIMEZONE per zone used, so calendar apps
 *   expand it across DST changes as schedule/occurrences.ts does. A date UNTIL (the whole
 *   of that local day, for the contract) becomes the UTC end of that day: RFC 5545 wants a
 *   UTC UNTIL with a zoned DTSTART.
 * - An event with several timings becomes one VEVENT per timing (timings can differ in
 *   length, which RDATE cannot say portably). The first keeps the plain UID, so an event
 *   that gains a second timing keeps its entry; timing n (n >= 2, in the event's order)
 *   gets `<id>-<n>@<host>`.
 * - An all-day event (`allDay`) gives DTSTART/DTEND as VALUE=DATE (DTEND the day after its
 *   last, exclusive as in the contract) and X-CONSTELLATION-TIMEZONE, the zone its days are
 *   in, which a date cannot carry.
 * - X-CONSTELLATION-* properties carry what calendar apps have no property for, so another
 *   hub importing the file gets the event back field by field: the event's id (grouping the
 *   VEVENTs of several timings), its attendance mode, its summary and Markdown description
 *   apart (DESCRIPTION is the text for people, with everything in it), and its place's
 *   parts (LOCATION joins them with commas, which a place's name may hold too). Apps
 *   ignore X- properties (RFC 5545 3.8.8.2).
 */
import { eventFormats, disciplines, parseRRule, type EventPublic } from '@constellation/shared';
import { utcToZoned, zonedToUtc } from '../schedule/zoned-time.ts';
import { compactUtc, icalDocument, icalFloat, icalText, vtimezone, zonedProperty } from './ical-format.ts';
import { safeUrl } from './escape.ts';
import { markdownToText } from './markdown.ts';

/** What the publishing site (a hub, or the aggregator) says about the calendar as a whole. */
export interface CalendarContext {
  /** The publishing site's host, in PRODID; also the UID domain of an event whose URL does not parse. */
  host: string;
  /** The calendar's display name. */
  name: string;
  /** Organisers by actor id (ids are UUIDs, unique across hubs), named in the description. */
  organisers: ReadonlyMap<string, { name: string }>;
}

const STATUS: Record<EventPublic['eventStatus'], string> = { scheduled: 'CONFIRMED', full: 'CONFIRMED', postponed: 'TENTATIVE', cancelled: 'CANCELLED' };

/** The rule as calendar apps need it: upper case, and a UNTIL that is UTC. */
function exportedRule(rrule: string, timeZone: string): string {
  const parsed = parseRRule(rrule);
  const until = parsed.ok ? parsed.rule.until : undefined;
  const upper = rrule.toUpperCase();
  if (until === undefined || until.endsWith('Z')) return upper;
  const day = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  const local = until.length === 8 ? `${day}T23:59:59` : `${day}T${until.slice(9, 11)}:${until.slice(11, 13)}:${until.slice(13, 15)}`;
  return upper.replace(/UNTIL=[0-9TZ]+/, `UNTIL=${compactUtc(zonedToUtc(local, timeZone))}`);
}

function location(event: EventPublic): string | undefined {
  const place = event.place;
  if (place !== undefined) {
    const town = [place.postalCode, place.commune].filter((part) => part !== undefined).join(' ');
    const text = [place.name, place.address, town].filter((part) => part !== undefined && part !== '').join(', ');
    if (text !== '') return text;
  }
  return safeUrl(event.onlineUrl);
}

function description(event: EventPublic, organiser: string | undefined): string {
  return [
    event.summary,
    event.description === undefined ? undefined : markdownToText(event.description),
    event.onlineUrl === undefined ? undefined : `En ligne : ${safeUrl(event.onlineUrl) ?? ''}`,
    event.registration?.url === undefined ? undefined : `Inscription : ${safeUrl(event.registration.url) ?? ''}`,
    organiser === undefined ? undefined : `Organisé par : ${organiser}`,
    safeUrl(event.url),
  ]
    .filter((part) => part !== undefined && part !== '')
    .join('\n\n');
}

/** What every VEVENT of the event says, whatever its dates. */
function commonProperties(event: EventPublic, context: CalendarContext): string[] {
  const lines = [
    `DTSTAMP:${compactUtc(Date.parse(event.updatedAt))}`,
    `CREATED:${compactUtc(Date.parse(event.createdAt))}`,
    `LAST-MODIFIED:${compactUtc(Date.parse(event.updatedAt))}`,
    `SEQUENCE:${event.version - 1}`,
    `STATUS:${STATUS[event.eventStatus]}`,
    `SUMMARY:${icalText(event.title)}`,
    `DESCRIPTION:${icalText(description(event, context.organisers.get(event.actorId)?.name))}`,
  ];
  const where = event.attendanceMode === 'online' ? safeUrl(event.onlineUrl) : location(event);
  if (where !== undefined) lines.push(`LOCATION:${icalText(where)}`);
  lines.push(`X-CONSTELLATION-EVENT:${event.id}`, `X-CONSTELLATION-ATTENDANCE:${event.attendanceMode}`);
  if (event.summary !== undefined) lines.push(`X-CONSTELLATION-SUMMARY:${icalText(event.summary)}`);
  if (event.description !== undefined) lines.push(`X-CONSTELLATION-DESCRIPTION:${icalText(event.description)}`);
  const place = event.attendanceMode === 'online' ? undefined : event.place;
  const parts: [string, string | undefined][] = [['NAME', place?.name], ['ADDRESS', place?.address], ['POSTAL-CODE', place?.postalCode], ['COMMUNE', place?.commune], ['INSEE', place?.inseeCode]];
  for (const [name, value] of parts) if (value !== undefined && value !== '') lines.push(`X-CONSTELLATION-PLACE-${name}:${icalText(value)}`);
  if (event.place?.lat !== undefined && event.place.lon !== undefined) lines.push(`GEO:${icalFloat(event.place.lat)};${icalFloat(event.place.lon)}`);
  const categories = [eventFormats.label(event.format, 'fr'), ...(event.disciplines ?? []).map((value) => disciplines.label(value, 'fr'))];
  lines.push(`CATEGORIES:${categories.map(icalText).join(',')}`);
  // URIs are not TEXT and are not escaped: they go out normalised, which drops any line break.
  const page = safeUrl(event.url);
  const online = safeUrl(event.onlineUrl);
  const image = safeUrl(event.image?.url);
  if (page !== undefined) lines.push(`URL;VALUE=URI:${page}`);
  if (online !== undefined) lines.push(`CONFERENCE;VALUE=URI;FEATURE=VIDEO:${online}`);
  if (image !== undefined) lines.push(`IMAGE;VALUE=URI;DISPLAY=BADGE:${image}`);
  lines.push('CLASS:PUBLIC', 'TRANSP:OPAQUE');
  return lines;
}

/** The right-hand side of the event's UIDs: the host its own hub serves it from. */
function uidDomain(event: EventPublic, context: CalendarContext): string {
  const url = safeUrl(event.url);
  return url === undefined ? context.host : new URL(url).host;
}

/** "2026-10-10T00:00" -> "20261010". */
const compactDate = (local: string) => local.slice(0, 10).replaceAll('-', '');

/** An all-day rule's UNTIL must be a DATE like its DTSTART (RFC 5545 3.3.10): a UTC one becomes its local day. */
function allDayRule(rrule: string, timeZone: string): string {
  return rrule.toUpperCase().replace(/UNTIL=(\d{8})T(\d{6})Z/, (_all, day: string, time: string) => {
    const instant = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)), Number(time.slice(0, 2)), Number(time.slice(2, 4)), Number(time.slice(4, 6)));
    return `UNTIL=${compactDate(utcToZoned(instant, timeZone))}`;
  }).replace(/UNTIL=(\d{8})T\d{6}(?=;|$)/, 'UNTIL=$1');
}

/** An all-day event: dates without times or zone (floating days, as calendar apps show them). */
function allDayVevents(event: EventPublic, common: string[], domain: string): string[][] {
  const zone = event.timeZone;
  if (event.recurrence !== undefined) {
    const { start, end, rrule, exdates } = event.recurrence;
    const lines = [`UID:${event.id}@${domain}`, `DTSTART;VALUE=DATE:${compactDate(start)}`, `DTEND;VALUE=DATE:${compactDate(end)}`, `RRULE:${allDayRule(rrule, zone)}`];
    if (exdates !== undefined && exdates.length > 0) lines.push(`EXDATE;VALUE=DATE:${exdates.map(compactDate).join(',')}`);
    return [[...lines, ...common]];
  }
  return (event.timings ?? []).map((timing, index) => {
    const uid = index === 0 ? `${event.id}@${domain}` : `${event.id}-${index + 1}@${domain}`;
    const start = utcToZoned(Date.parse(timing.start), zone);
    const end = utcToZoned(Date.parse(timing.end), zone);
    return [`UID:${uid}`, `DTSTART;VALUE=DATE:${compactDate(start)}`, `DTEND;VALUE=DATE:${compactDate(end)}`, ...common];
  });
}

function vevents(event: EventPublic, context: CalendarContext): string[][] {
  const common = commonProperties(event, context);
  const zone = event.timeZone;
  const domain = uidDomain(event, context);
  if (event.allDay === true) return allDayVevents(event, [...common, `X-CONSTELLATION-TIMEZONE:${zone}`], domain);
  if (event.recurrence !== undefined) {
    const { start, end, rrule, exdates } = event.recurrence;
    const lines = [`UID:${event.id}@${domain}`, zonedProperty('DTSTART', [start], zone), zonedProperty('DTEND', [end], zone), `RRULE:${exportedRule(rrule, zone)}`];
    if (exdates !== undefined && exdates.length > 0) lines.push(zonedProperty('EXDATE', exdates, zone));
    return [[...lines, ...common]];
  }
  return (event.timings ?? []).map((timing, index) => {
    const uid = index === 0 ? `${event.id}@${domain}` : `${event.id}-${index + 1}@${domain}`;
    const start = utcToZoned(Date.parse(timing.start), zone);
    const end = utcToZoned(Date.parse(timing.end), zone);
    return [`UID:${uid}`, zonedProperty('DTSTART', [start], zone), zonedProperty('DTEND', [end], zone), ...common];
  });
}

/** A whole calendar: header, one VTIMEZONE per zone in use, then the events. */
export function renderCalendar(events: readonly EventPublic[], context: CalendarContext): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Constellation//${context.host}//FR`,
    'CALSCALE:GREGORIAN',
    `NAME:${icalText(context.name)}`,
    `X-WR-CALNAME:${icalText(context.name)}`,
    // Subscribing apps poll at this pace (RFC 7986, and Apple/Microsoft's older name).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  const zones = [...new Set(events.map((event) => vtimezone(event.timeZone)?.block).filter((block) => block !== undefined))];
  for (const block of zones) lines.push(...block.split(/\r?\n/).filter((line) => line !== ''));
  for (const event of events) {
    for (const vevent of vevents(event, context)) lines.push('BEGIN:VEVENT', ...vevent, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return icalDocument(lines);
}
