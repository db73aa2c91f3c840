/**
 * An event as a schema.org Event in JSON-LD, for search engines and re-users.
 *
 * Dates carry the offset of the event's zone. A recurring event gives its next occurrence
 * as startDate/endDate and its rule as an `eventSchedule` (schema.org Schedule):
 *   FREQ + INTERVAL -> repeatFrequency (ISO 8601 duration: P1W, P2M, PT1H...),
 *   BYDAY -> byDay (schema.org day URLs); with one positive ordinal shared by all days
 *     (2TU, 2TH) also byMonthWeek,
 *   BYMONTH -> byMonth, positive BYMONTHDAY -> byMonthDay, COUNT -> repeatCount,
 *   UNTIL -> endDate (a local date), EXDATE -> exceptDate, the first occurrence ->
 *   startDate + startTime/endTime + duration, the zone -> scheduleTimezone.
 * Schedule cannot say BYSETPOS, BYYEARDAY, BYWEEKNO, BYHOUR/BYMINUTE/BYSECOND, WKST,
 * negative BYMONTHDAY or ordinals (-1SU): those rules come out approximate here, and the
 * iCal export and the page's list of dates remain exact.
 * An event with several timings gives its next timing's start as startDate (search
 * engines list an event by it; a past first timing would hide a coming session), the end
 * of its last as endDate, and lists each timing as a subEvent with the event's location.
 * The address names its region (addressRegion), found from the commune's INSEE code.
 */
import { audiences, parseRRule, regionOfCommune, regions, type EventPublic, type Recurrence, type Weekday } from '@constellation/shared';
import type { Occurrence } from '../schedule/occurrences.ts';
import { formatInstant, zonedToUtc } from '../schedule/zoned-time.ts';
import { safeUrl } from './escape.ts';
import { excerpt, markdownToText } from './markdown.ts';

const SCHEMA = 'https://schema.org/';
const DAYS: Record<Weekday, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };
const STATUS: Record<EventPublic['eventStatus'], string> = { scheduled: 'EventScheduled', full: 'EventScheduled', cancelled: 'EventCancelled', postponed: 'EventPostponed' };
const MODE: Record<EventPublic['attendanceMode'], string> = { 'in-person': 'OfflineEventAttendanceMode', online: 'OnlineEventAttendanceMode', mixed: 'MixedEventAttendanceMode' };
const FREQUENCY: Record<string, string> = { YEARLY: 'P%Y', MONTHLY: 'P%M', WEEKLY: 'P%W', DAILY: 'P%D', HOURLY: 'PT%H', MINUTELY: 'PT%M', SECONDLY: 'PT%S' };

export interface JsonLdInput {
  event: EventPublic;
  organiser: { name: string; url: string } | undefined;
  /** The occurrence to announce: the next one, or the first when all are past. */
  occurrence: Occurrence;
  /** The umbrella event's page, when `parentEventId` is set and the reader knows it. */
  umbrella?: { name: string; url: string } | undefined;
  /** The labelled campaign's name and national page, when `campaign` is set. */
  campaign?: { name: string; url: string } | undefined;
}

/**
 * Umbrella and campaign as schema.org superEvent: a campaign is an EventSeries (one
 * edition of the Fête de la science), a village an Event; a bare campaign slug still
 * names the series. schema.org has no property for an event's previous edition: it is
 * left out here rather than mislabelled (the JSON API and JSON Feed carry it).
 */
function superEvents(event: EventPublic, umbrella: JsonLdInput['umbrella'], campaign: JsonLdInput['campaign']): Record<string, unknown>[] {
  const parents: Record<string, unknown>[] = [];
  if (event.parentEventId !== undefined) {
    const url = safeUrl(umbrella?.url);
    parents.push({ '@type': 'Event', ...(url === undefined ? { identifier: event.parentEventId } : { '@id': `${url}#event`, url }), name: umbrella?.name });
  }
  if (event.campaign !== undefined) {
    parents.push({ '@type': 'EventSeries', identifier: event.campaign, name: campaign?.name, url: safeUrl(campaign?.url) });
  }
  return parents;
}

function wallMs(local: string): number {
  return Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
}

/** Minutes as an ISO 8601 duration, "PT2H", "P1DT30M". */
function isoDuration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const time = `${hours > 0 ? `${hours}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
  return `P${days > 0 ? `${days}D` : ''}${time === '' ? (days > 0 ? '' : 'T0M') : `T${time}`}`;
}

function untilDate(until: string, timeZone: string): string {
  if (until.length === 8 || !until.endsWith('Z')) return `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  const instant = Date.UTC(Number(until.slice(0, 4)), Number(until.slice(4, 6)) - 1, Number(until.slice(6, 8)), Number(until.slice(9, 11)), Number(until.slice(11, 13)), Number(until.slice(13, 15)));
  return formatInstant(instant, timeZone).slice(0, 10);
}

export function eventSchedule(recurrence: Recurrence, timeZone: string): Record<string, unknown> {
  const schedule: Record<string, unknown> = {
    '@type': 'Schedule',
    scheduleTimezone: timeZone,
    startDate: recurrence.start.slice(0, 10),
    startTime: `${recurrence.start.slice(11, 16)}:00`,
    endTime: `${recurrence.end.slice(11, 16)}:00`,
    duration: isoDuration(Math.round((wallMs(recurrence.end) - wallMs(recurrence.start)) / 60_000)),
  };
  const parsed = parseRRule(recurrence.rrule);
  if (!parsed.ok) return schedule;
  const rule = parsed.rule;
  schedule.repeatFrequency = (FREQUENCY[rule.freq] ?? 'P%D').replace('%', String(rule.interval));
  if (rule.byDay !== undefined) {
    schedule.byDay = rule.byDay.map((day) => `${SCHEMA}${DAYS[day.weekday]}`);
    const ordinals = new Set(rule.byDay.map((day) => day.ordinal));
    const [ordinal] = [...ordinals];
    if (ordinals.size === 1 && ordinal !== undefined && ordinal >= 1 && ordinal <= 5) schedule.byMonthWeek = ordinal;
  }
  if (rule.byMonth !== undefined) schedule.byMonth = rule.byMonth;
  const monthDays = rule.byMonthDay?.filter((day) => day > 0);
  if (monthDays !== undefined && monthDays.length > 0) schedule.byMonthDay = monthDays;
  if (rule.count !== undefined) schedule.repeatCount = rule.count;
  if (rule.until !== undefined) schedule.endDate = untilDate(rule.until, timeZone);
  const exdates = recurrence.exdates ?? [];
  if (exdates.length > 0) schedule.exceptDate = exdates.map((local) => formatInstant(zonedToUtc(local, timeZone), timeZone));
  return schedule;
}

function location(event: EventPublic): Record<string, unknown>[] {
  const places: Record<string, unknown>[] = [];
  const place = event.place;
  if (place !== undefined && event.attendanceMode !== 'online') {
    const region = regionOfCommune(place);
    const address = { '@type': 'PostalAddress', streetAddress: place.address, postalCode: place.postalCode, addressLocality: place.commune, addressRegion: region === undefined ? undefined : regions.label(region, 'fr'), addressCountry: 'FR' };
    const geo = place.lat === undefined || place.lon === undefined ? undefined : { '@type': 'GeoCoordinates', latitude: place.lat, longitude: place.lon };
    places.push({ '@type': 'Place', name: place.name ?? place.commune, address, geo });
  }
  const online = safeUrl(event.onlineUrl);
  if (online !== undefined && event.attendanceMode !== 'in-person') places.push({ '@type': 'VirtualLocation', url: online });
  return places;
}

function offers(event: EventPublic): Record<string, unknown> | undefined {
  if (event.price === undefined) return undefined;
  return {
    '@type': 'Offer',
    url: safeUrl(event.registration?.url) ?? safeUrl(event.url),
    // A structured price when known (free is 0); the wording stays as the offer's description.
    ...(event.price.free ? { price: 0, priceCurrency: 'EUR' } : event.price.amount === undefined ? {} : { price: event.price.amount, priceCurrency: event.price.currency ?? 'EUR' }),
    description: event.price.details,
    availability: `${SCHEMA}${event.eventStatus === 'full' ? 'SoldOut' : 'InStock'}`,
  };
}

export function eventJsonLd({ event, organiser, occurrence, umbrella, campaign }: JsonLdInput): Record<string, unknown> {
  const zone = event.timeZone;
  // An all-day event gives dates (schema.org Date); its end is the last day, where the
  // contract's end is the midnight after it.
  const startOf = (ms: number) => (event.allDay === true ? formatInstant(ms, zone).slice(0, 10) : formatInstant(ms, zone));
  const endOf = (ms: number) => (event.allDay === true ? formatInstant(ms - 1, zone).slice(0, 10) : formatInstant(ms, zone));
  const places = location(event);
  const image = safeUrl(event.image?.url);
  const description = event.summary ?? (event.description === undefined ? undefined : excerpt(markdownToText(event.description), 500));
  const timings = event.timings ?? [];
  const several = timings.length > 1;
  const ends = timings.map((timing) => Date.parse(timing.end));
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `${safeUrl(event.url) ?? event.id}#event`,
    identifier: event.id,
    name: event.title,
    description,
    url: safeUrl(event.url),
    // The announced occurrence (the next, else the first): a timing of a multi-session event too.
    startDate: startOf(occurrence.start),
    endDate: endOf(several ? Math.max(...ends, occurrence.end) : occurrence.end),
    eventStatus: `${SCHEMA}${STATUS[event.eventStatus]}`,
    eventAttendanceMode: `${SCHEMA}${MODE[event.attendanceMode]}`,
    location: places.length === 1 ? places[0] : places,
    organizer: organiser === undefined ? undefined : { '@type': 'Organization', name: organiser.name, url: safeUrl(organiser.url) },
    offers: offers(event),
    isAccessibleForFree: event.price?.free,
    image: image === undefined ? undefined : [image],
    inLanguage: event.languages?.[0] ?? 'fr',
    keywords: event.keywords?.join(', '),
  };
  if (event.audiences !== undefined || event.ageRange !== undefined) {
    ld.audience = {
      '@type': 'PeopleAudience',
      audienceType: event.audiences?.map((value) => audiences.label(value, 'fr')).join(', '),
      suggestedMinAge: event.ageRange?.min,
      suggestedMaxAge: event.ageRange?.max,
    };
  }
  if (event.recurrence !== undefined) {
    const schedule = eventSchedule(event.recurrence, zone);
    if (event.allDay === true) {
      // Whole days: no times of day.
      delete schedule.startTime;
      delete schedule.endTime;
      if (Array.isArray(schedule.exceptDate)) schedule.exceptDate = (schedule.exceptDate as string[]).map((date) => date.slice(0, 10));
    }
    ld.eventSchedule = schedule;
  }
  const parents = superEvents(event, umbrella, campaign);
  if (parents.length > 0) ld.superEvent = parents.length === 1 ? parents[0] : parents;
  if (several) {
    ld.subEvent = timings.map((timing) => ({
      '@type': 'Event',
      name: event.title,
      startDate: startOf(Date.parse(timing.start)),
      endDate: endOf(Date.parse(timing.end)),
      eventStatus: ld.eventStatus,
      eventAttendanceMode: ld.eventAttendanceMode,
      location: ld.location,
    }));
  }
  return ld;
}
