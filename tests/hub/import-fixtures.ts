import ICAL from 'ical.js';
import { eventFormats, type EventInput } from '@constellation/shared';

/*
 * iCal and OpenAgenda sources for the import tests, written with ical.js the way a
 * calendar application would write them (escaping, folding, TZID parameters).
 */

export interface IcalEvent {
  uid: string;
  summary: string;
  /** Local wall-clock "YYYY-MM-DDTHH:MM:SS" in `tzid`, or a date "YYYY-MM-DD" for an all-day event. */
  start: string;
  end: string;
  tzid?: string;
  rrule?: string;
  exdates?: string[];
  rdates?: string[];
  location?: string;
  geo?: [number, number];
  description?: string;
  status?: string;
  categories?: string[];
}

const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

function time(value: string): ICAL.Time {
  return value.length === 10 ? ICAL.Time.fromDateString(value) : ICAL.Time.fromDateTimeString(value);
}

function dateProperty(name: string, values: string[], tzid: string | undefined): ICAL.Property {
  const property = new ICAL.Property(name);
  if (tzid !== undefined && values[0]?.length !== 10) property.setParameter('tzid', tzid);
  // DTSTART and DTEND hold one value; EXDATE and RDATE a list.
  if (name === 'dtstart' || name === 'dtend') property.setValue(time(values[0] ?? ''));
  else property.setValues(values.map(time));
  return property;
}

export function vevent(event: IcalEvent): ICAL.Component {
  const component = new ICAL.Component('vevent');
  component.addPropertyWithValue('uid', event.uid);
  component.addPropertyWithValue('dtstamp', ICAL.Time.fromDateTimeString('2026-09-01T08:00:00Z'));
  component.addPropertyWithValue('summary', event.summary);
  component.addProperty(dateProperty('dtstart', [event.start], event.tzid));
  component.addProperty(dateProperty('dtend', [event.end], event.tzid));
  if (event.rrule !== undefined) component.addPropertyWithValue('rrule', ICAL.Recur.fromString(event.rrule));
  if (event.exdates !== undefined) component.addProperty(dateProperty('exdate', event.exdates, event.tzid));
  if (event.rdates !== undefined) component.addProperty(dateProperty('rdate', event.rdates, event.tzid));
  if (event.location !== undefined) component.addPropertyWithValue('location', event.location);
  if (event.geo !== undefined) component.addPropertyWithValue('geo', event.geo);
  if (event.description !== undefined) component.addPropertyWithValue('description', event.description);
  if (event.status !== undefined) component.addPropertyWithValue('status', event.status);
  if (event.categories !== undefined) {
    const categories = new ICAL.Property('categories');
    categories.setValues(event.categories);
    component.addProperty(categories);
  }
  return component;
}

/** A calendar of these events, Europe/Paris's VTIMEZONE included as exporters write it. */
export function calendar(events: IcalEvent[], extraLines: string[] = []): string {
  const root = new ICAL.Component(['vcalendar', [], []]);
  root.updatePropertyWithValue('prodid', '-//Constellation tests//import//FR');
  root.updatePropertyWithValue('version', '2.0');
  root.addSubcomponent(new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${PARIS_VTIMEZONE}\r\nEND:VCALENDAR`)).getFirstSubcomponent('vtimezone') as ICAL.Component);
  for (const event of events) root.addSubcomponent(vevent(event));
  const text = root.toString();
  return extraLines.length === 0 ? text : text.replace('END:VCALENDAR', `${extraLines.join('\r\n')}\r\nEND:VCALENDAR`);
}

/** "2027-05-12T18:00:00+02:00" → "2027-05-12T18:00:00": the wall clock of a timing the hub wrote in the event's zone. */
function wallOf(instant: string): string {
  return instant.slice(0, 19);
}

function withSeconds(local: string): string {
  return local.length === 16 ? `${local}:00` : local;
}

/** What an RFC 5545 export of these events looks like: the stand-in for GET /events.ics. */
export function calendarOf(events: { uid: string; input: EventInput }[]): string {
  return calendar(
    events.map(({ uid, input }) => {
      const place = input.place;
      const location = place === undefined ? undefined : [place.name, place.address, [place.postalCode, place.commune].filter(Boolean).join(' ')].filter((part) => part !== undefined && part !== '').join(', ');
      const schedule = input.recurrence !== undefined
        ? { start: withSeconds(input.recurrence.start), end: withSeconds(input.recurrence.end), rrule: input.recurrence.rrule, ...(input.recurrence.exdates === undefined ? {} : { exdates: input.recurrence.exdates.map(withSeconds) }) }
        : { start: wallOf(input.timings?.[0]?.start ?? ''), end: wallOf(input.timings?.[0]?.end ?? '') };
      return {
        uid,
        summary: input.title,
        tzid: input.timeZone,
        ...schedule,
        ...(location === undefined ? {} : { location }),
        ...(place?.lat === undefined || place.lon === undefined ? {} : { geo: [place.lat, place.lon] as [number, number] }),
        ...(input.description === undefined ? {} : { description: input.description }),
        categories: [eventFormats.label(input.format, 'fr')],
      };
    }),
  );
}

/** An OpenAgenda v2 export with every field the importer maps. */
export function openAgendaExport(): { events: Record<string, unknown>[] } {
  return {
    events: [
      {
        uid: 41_235_871,
        slug: 'nuit-des-etoiles-orleans',
        title: { fr: 'Nuit des étoiles', en: 'Night of the stars' },
        description: { fr: 'Observation du ciel avec les astronomes amateurs.', en: 'Stargazing.' },
        longDescription: { fr: '## Programme\n\nTélescopes, planétarium gonflable\r\net conte pour les petits.' },
        keywords: { fr: ['astronomie', 'ciel', 'astronomie'], en: ['astronomy'] },
        conditions: { fr: 'Gratuit, sans réservation' },
        timings: [
          { begin: '2027-08-07T21:00:00+0200', end: '2027-08-07T23:59:00+0200' },
          { begin: '2027-08-08T21:00:00.000+02:00', end: '2027-08-08T23:30:00+02:00' },
        ],
        timezone: 'Europe/Paris',
        location: {
          uid: 86_342,
          name: 'Observatoire du Loiret',
          address: '1 rue du Ciel, 45000 Orléans',
          city: 'Orléans',
          postalCode: '45000',
          insee: '45234',
          latitude: 47.9025,
          longitude: 1.9041,
          countryCode: 'FR',
          timezone: 'Europe/Paris',
        },
        accessibility: { mi: true, hi: false, vi: true, ii: false, pi: true },
        status: 5,
        attendanceMode: 3,
        onlineAccessLink: 'https://live.example.org/etoiles',
        age: { min: 6, max: 121 },
        image: { filename: 'etoiles.jpg', base: 'https://cdn.openagenda.com/main/', size: { width: 1200, height: 800 } },
        imageCredits: 'Photo : Club astro',
        registration: [
          { type: 'email', value: 'resa@observatoire.example.org' },
          { type: 'link', value: 'https://observatoire.example.org/resa' },
          { type: 'phone', value: '02 38 00 00 00' },
        ],
        state: 2,
        createdAt: '2027-05-01T10:00:00.000Z',
        updatedAt: '2027-05-02T10:00:00.000Z',
      },
      {
        uid: 41_235_872,
        title: { en: 'Webinar: black holes' },
        timings: [{ begin: '2027-09-01T18:00:00Z', end: '2027-09-01T19:00:00Z' }],
        status: 6,
        attendanceMode: 2,
        onlineAccessLink: 'https://visio.example.org/trous-noirs',
        timezone: 'Europe/Paris',
      },
    ],
  };
}
