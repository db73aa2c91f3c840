import { describe, expect, it } from 'vitest';
import {
  ActorInput,
  ActorPublic,
  AnnouncementInput,
  AnnouncementPublic,
  ArticleInput,
  ArticlePublic,
  contentSchemas,
  DossierInput,
  DossierPublic,
  EventInput,
  EventPublic,
  isTimeZone,
  LIMITS,
  MemberProfileInput,
  MemberProfileView,
  PlaceInput,
  PlacePublic,
  ProjectInput,
  ProjectPublic,
  ResourceInput,
  ResourcePublic,
  SERVER_OWNED_FIELDS,
  validate,
  type FieldIssue,
} from '@constellation/shared';
import {
  changed,
  communes,
  fullActorInput,
  fullActorPublic,
  fullAnnouncementInput,
  fullAnnouncementPublic,
  fullArticleInput,
  fullArticlePublic,
  fullDossierInput,
  fullDossierPublic,
  fullEventInput,
  fullEventPublic,
  fullInputFixtures,
  fullMemberProfileInput,
  fullMemberProfileView,
  fullPlaceInput,
  fullPlacePublic,
  fullProjectInput,
  fullProjectPublic,
  fullRecurringEventInput,
  fullRecurringEventPublic,
  fullResourceInput,
  fullResourcePublic,
  getPath,
  ids,
  minimalActorInput,
  minimalAnnouncementInput,
  minimalArticleInput,
  minimalDossierInput,
  minimalEventInput,
  minimalMemberProfileInput,
  minimalOnlineEventInput,
  minimalPlaceInput,
  minimalProjectInput,
  minimalResourceInput,
  removed,
  schemaNodes,
} from './fixtures.ts';

type Schema = Parameters<typeof validate>[0];

interface Refusal {
  name: string;
  schema: Schema;
  value: unknown;
  /** The one field every issue must name. */
  field: string;
}

/** Asserts the value is refused, that every issue names `field`, and that each message starts with it. */
function expectRefusedAt(schema: Schema, value: unknown, field: string): FieldIssue[] {
  const result = validate(schema, value);
  if (result.ok) throw new Error(`expected a refusal at "${field}", but the value validated`);
  expect(result.issues.map((issue) => issue.field), JSON.stringify(result.issues)).toEqual(result.issues.map(() => field));
  for (const issue of result.issues) expect(issue.message.startsWith(field === '' ? 'the value ' : `${field} `), issue.message).toBe(true);
  return result.issues;
}

function expectValid(schema: Schema, value: unknown): void {
  const result = validate(schema, value);
  expect(result.ok ? [] : result.issues).toEqual([]);
  expect(result.ok).toBe(true);
}

/** Input and public schemas with their complete fixtures, named for test titles. */
const inputs: { name: string; schema: Schema; full: unknown }[] = [
  { name: 'ActorInput', schema: ActorInput, full: fullActorInput },
  { name: 'EventInput', schema: EventInput, full: fullEventInput },
  { name: 'PlaceInput', schema: PlaceInput, full: fullPlaceInput },
  { name: 'ArticleInput', schema: ArticleInput, full: fullArticleInput },
  { name: 'ProjectInput', schema: ProjectInput, full: fullProjectInput },
  { name: 'AnnouncementInput', schema: AnnouncementInput, full: fullAnnouncementInput },
  { name: 'DossierInput', schema: DossierInput, full: fullDossierInput },
  { name: 'ResourceInput', schema: ResourceInput, full: fullResourceInput },
  { name: 'MemberProfileInput', schema: MemberProfileInput, full: fullMemberProfileInput },
];

const publics: { name: string; schema: Schema; full: unknown }[] = [
  { name: 'ActorPublic', schema: ActorPublic, full: fullActorPublic },
  { name: 'EventPublic', schema: EventPublic, full: fullEventPublic },
  { name: 'PlacePublic', schema: PlacePublic, full: fullPlacePublic },
  { name: 'ArticlePublic', schema: ArticlePublic, full: fullArticlePublic },
  { name: 'ProjectPublic', schema: ProjectPublic, full: fullProjectPublic },
  { name: 'AnnouncementPublic', schema: AnnouncementPublic, full: fullAnnouncementPublic },
  { name: 'DossierPublic', schema: DossierPublic, full: fullDossierPublic },
  { name: 'ResourcePublic', schema: ResourcePublic, full: fullResourcePublic },
  { name: 'MemberProfileView', schema: MemberProfileView, full: fullMemberProfileView },
];

describe('valid fixtures', () => {
  const valid: { name: string; schema: Schema; value: unknown }[] = [
    ...inputs.map(({ name, schema, full }) => ({ name: `full ${name}`, schema, value: full })),
    ...publics.map(({ name, schema, full }) => ({ name: `full ${name}`, schema, value: full })),
    { name: 'full recurring EventInput', schema: EventInput, value: fullRecurringEventInput },
    { name: 'full recurring EventPublic', schema: EventPublic, value: fullRecurringEventPublic },
    { name: 'minimal ActorInput', schema: ActorInput, value: minimalActorInput },
    { name: 'minimal in-person EventInput', schema: EventInput, value: minimalEventInput },
    { name: 'minimal online EventInput', schema: EventInput, value: minimalOnlineEventInput },
    { name: 'minimal PlaceInput', schema: PlaceInput, value: minimalPlaceInput },
    { name: 'minimal ArticleInput', schema: ArticleInput, value: minimalArticleInput },
    { name: 'minimal ProjectInput', schema: ProjectInput, value: minimalProjectInput },
    { name: 'minimal AnnouncementInput', schema: AnnouncementInput, value: minimalAnnouncementInput },
    { name: 'minimal DossierInput', schema: DossierInput, value: minimalDossierInput },
    { name: 'minimal ResourceInput', schema: ResourceInput, value: minimalResourceInput },
    { name: 'minimal MemberProfileInput', schema: MemberProfileInput, value: minimalMemberProfileInput },
  ];

  it.each(valid)('$name passes', ({ schema, value }) => {
    expectValid(schema, value);
  });

  it('validate returns the very value it was given', () => {
    const result = validate(EventInput, fullEventInput);
    expect(result.ok && result.value).toBe(fullEventInput);
  });

  it.each([...inputs, ...publics])('the full $name fixture fills every field its schema declares', ({ schema, full }) => {
    const events = [fullEventInput, fullRecurringEventInput, fullEventPublic, fullRecurringEventPublic];
    const candidates = events.includes(full as never) ? events : [full];
    const missing = schemaNodes(schema)
      .filter(({ path }) => path.length > 0)
      .map(({ path }) => path.join('.'))
      .filter((path) => candidates.every((candidate) => getPath(candidate, path) === undefined));
    expect(missing).toEqual([]);
  });

  it('the content table lists each content type with the schemas under test', () => {
    expect(Object.keys(contentSchemas).sort()).toEqual(Object.keys(fullInputFixtures).sort());
    expect(contentSchemas.event).toEqual({ input: EventInput, public: EventPublic });
    expect(contentSchemas.place.public).toBe(PlacePublic);
  });
});

describe('valid edge cases', () => {
  const edge: { name: string; schema: Schema; value: unknown }[] = [
    { name: 'a timing whose end is written in another offset but is later', schema: EventInput, value: changed(minimalEventInput, 'timings.0', { start: '2026-10-10T14:00:00+02:00', end: '2026-10-10T13:30:00+01:00' }) },
    { name: 'a timing that starts and ends at the same instant', schema: EventInput, value: changed(minimalEventInput, 'timings.0', { start: '2026-10-10T14:00:00+02:00', end: '2026-10-10T12:00:00Z' }) },
    { name: 'a timing of exactly 366 days', schema: EventInput, value: changed(minimalEventInput, 'timings.0', { start: '2026-01-01T10:00:00+01:00', end: '2027-01-02T10:00:00+01:00' }) },
    { name: 'a timing with fractional seconds', schema: EventInput, value: changed(minimalEventInput, 'timings.0', { start: '2026-10-10T14:00:00.250Z', end: '2026-10-10T15:00:00.5Z' }) },
    { name: 'a recurrence whose UNTIL is a UTC date-time', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.rrule', 'FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270601T170000Z') },
    { name: 'a recurrence whose UNTIL is the start day', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.rrule', 'FREQ=DAILY;UNTIL=20261006') },
    { name: 'a recurrence with COUNT', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.rrule', 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10') },
    { name: 'an exdate equal to start, written with seconds', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.exdates', ['2026-10-06T19:00:00']) },
    { name: 'a recurrence whose occurrence lasts exactly 366 days', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.end', '2027-10-07T19:00') },
    { name: 'a recurrence ending on a later day (overnight)', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.end', '2026-10-07T01:00:00') },
    { name: 'an online event without a place', schema: EventInput, value: minimalOnlineEventInput },
    { name: 'an online event with a place', schema: EventInput, value: changed(fullEventInput, 'attendanceMode', 'online') },
    { name: 'an in-person event with an online link', schema: EventInput, value: changed(fullEventInput, 'attendanceMode', 'in-person') },
    { name: 'registration not required and no way to register', schema: EventInput, value: changed(fullEventInput, 'registration', { required: false }) },
    { name: 'registration required with only a phone', schema: EventInput, value: changed(fullEventInput, 'registration', { required: true, phone: '02 38 54 61 05' }) },
    { name: 'an age range with only a max', schema: EventInput, value: changed(fullEventInput, 'ageRange', { max: 11 }) },
    { name: 'an age range of one age', schema: EventInput, value: changed(fullEventInput, 'ageRange', { min: 7, max: 7 }) },
    { name: 'coordinates at the limits', schema: EventInput, value: changed(fullEventInput, 'place', { lat: -90, lon: 180 }) },
    { name: 'a place known only by its commune', schema: EventInput, value: changed(fullEventInput, 'place', { commune: 'Orléans' }) },
    { name: 'an image URL with accents (an IRI)', schema: EventInput, value: changed(fullEventInput, 'image.url', 'https://éco.example.fr/images/muséum.jpg') },
    { name: 'a time-zone alias (Europe/Kiev)', schema: EventInput, value: changed(fullEventInput, 'timeZone', 'Europe/Kiev') },
    { name: 'a Corsican INSEE code (Ajaccio, 2A004)', schema: EventInput, value: changed(fullEventInput, 'place.inseeCode', '2A004') },
    { name: 'a description over several lines with tabs', schema: EventInput, value: changed(fullEventInput, 'description', 'Ligne 1\n\tLigne 2\r\nLigne 3') },
    { name: 'a title at its cap', schema: EventInput, value: changed(fullEventInput, 'title', 'é'.repeat(LIMITS.title)) },
    { name: 'a time zone alias (Asia/Calcutta)', schema: EventInput, value: changed(fullEventInput, 'timeZone', 'Asia/Calcutta') },
    { name: 'a three-part time zone', schema: EventInput, value: changed(fullEventInput, 'timeZone', 'America/Argentina/Buenos_Aires') },
    { name: 'UTC as a time zone', schema: EventInput, value: changed(fullEventInput, 'timeZone', 'UTC') },
    { name: 'a 29 February in a leap year', schema: ProjectInput, value: { ...fullProjectInput, startDate: '2028-02-29', endDate: '2028-12-31' } },
    { name: 'a project starting and ending the same day', schema: ProjectInput, value: { ...fullProjectInput, startDate: '2026-05-23', endDate: '2026-05-23' } },
    { name: 'opening hours closing at 24:00', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.closes', '24:00') },
    { name: 'opening hours valid for one day', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0', { days: ['sa'], opens: '10:00', closes: '12:00', validFrom: '2026-06-20', validThrough: '2026-06-20' }) },
    { name: 'a dossier listing the same id under two types', schema: DossierInput, value: changed(fullDossierInput, 'items', [{ type: 'event', id: ids.article }, { type: 'article', id: ids.article }]) },
    { name: 'an URL with a port, query and fragment', schema: ActorInput, value: changed(fullActorInput, 'website', 'http://localhost:8080/acteurs?page=2#liste') },
  ];

  it.each(edge)('accepts $name', ({ schema, value }) => {
    expectValid(schema, value);
  });
});

describe('coordinates', () => {
  const cases: Refusal[] = [
    { name: 'event place.lat above 90', schema: EventInput, value: changed(fullEventInput, 'place.lat', 90.000001), field: 'place.lat' },
    { name: 'event place.lat below -90', schema: EventInput, value: changed(fullEventInput, 'place.lat', -91), field: 'place.lat' },
    { name: 'event place.lon above 180', schema: EventInput, value: changed(fullEventInput, 'place.lon', 180.5), field: 'place.lon' },
    { name: 'event place.lon below -180', schema: EventInput, value: changed(fullEventInput, 'place.lon', -200), field: 'place.lon' },
    { name: 'event place.lat NaN', schema: EventInput, value: changed(fullEventInput, 'place.lat', Number.NaN), field: 'place.lat' },
    { name: 'event place.lon NaN', schema: EventInput, value: changed(fullEventInput, 'place.lon', Number.NaN), field: 'place.lon' },
    { name: 'event place.lat Infinity', schema: EventInput, value: changed(fullEventInput, 'place.lat', Number.POSITIVE_INFINITY), field: 'place.lat' },
    { name: 'event place.lon -Infinity', schema: EventInput, value: changed(fullEventInput, 'place.lon', Number.NEGATIVE_INFINITY), field: 'place.lon' },
    { name: 'event place.lat as a string', schema: EventInput, value: changed(fullEventInput, 'place.lat', '47.90248'), field: 'place.lat' },
    { name: 'event place.lat without lon', schema: EventInput, value: removed(fullEventInput, 'place.lon'), field: 'place.lon' },
    { name: 'in-person event with an empty place', schema: EventInput, value: changed(fullEventInput, 'place', {}), field: 'place' },
    { name: 'mixed event with a place of blank strings', schema: EventInput, value: changed(changed(fullEventInput, 'attendanceMode', 'mixed'), 'place', { name: ' ', address: '' }), field: 'place' },
    { name: 'event time zone in the wrong case', schema: EventInput, value: changed(fullEventInput, 'timeZone', 'europe/paris'), field: 'timeZone' },
    { name: 'event place.lon without lat', schema: EventInput, value: removed(fullEventInput, 'place.lat'), field: 'place.lat' },
    { name: 'public event place.lat out of range', schema: EventPublic, value: changed(fullEventPublic, 'place.lat', 123), field: 'place.lat' },
    { name: 'actor location.lat out of range', schema: ActorInput, value: changed(fullActorInput, 'location.lat', 95), field: 'location.lat' },
    { name: 'project location.lon NaN', schema: ProjectInput, value: changed(fullProjectInput, 'location.lon', Number.NaN), field: 'location.lon' },
    { name: 'announcement location.lat without lon', schema: AnnouncementInput, value: removed(fullAnnouncementInput, 'location.lon'), field: 'location.lon' },
    { name: 'place to visit without coordinates', schema: PlaceInput, value: changed(fullPlaceInput, 'location', { name: 'Muséum de Grenoble', ...communes.grenoble, lat: undefined, lon: undefined }), field: 'location.lat' },
    { name: 'place to visit with an address but no coordinates', schema: PlaceInput, value: changed(minimalPlaceInput, 'location', { address: '1 rue Dolomieu', commune: 'Grenoble' }), field: 'location.lat' },
    { name: 'public place to visit without coordinates', schema: PlacePublic, value: removed(removed(fullPlacePublic, 'location.lat'), 'location.lon'), field: 'location.lat' },
    { name: 'place to visit with lat only', schema: PlaceInput, value: removed(fullPlaceInput, 'location.lon'), field: 'location.lon' },
    { name: 'place to visit with lon only', schema: PlaceInput, value: removed(fullPlaceInput, 'location.lat'), field: 'location.lat' },
    { name: 'place to visit with lat Infinity', schema: PlaceInput, value: changed(fullPlaceInput, 'location.lat', Number.POSITIVE_INFINITY), field: 'location.lat' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });
});

describe('a start after its end', () => {
  const cases: Refusal[] = [
    { name: 'a timing ending before it starts', schema: EventInput, value: changed(fullEventInput, 'timings.0.end', '2026-10-10T13:59:59+02:00'), field: 'timings.0.end' },
    { name: 'the second timing ending before it starts', schema: EventInput, value: changed(fullEventInput, 'timings.1.end', '2026-10-11T12:00:00+02:00'), field: 'timings.1.end' },
    { name: 'a timing whose end is later as text but earlier as an instant', schema: EventInput, value: changed(fullEventInput, 'timings.0', { start: '2026-10-10T14:00:00Z', end: '2026-10-10T15:00:00+02:00' }), field: 'timings.0.end' },
    { name: 'a timing longer than 366 days', schema: EventInput, value: changed(fullEventInput, 'timings.0', { start: '2026-01-01T10:00:00+01:00', end: '2027-01-02T10:00:01+01:00' }), field: 'timings.0.end' },
    { name: 'a public event timing ending before it starts', schema: EventPublic, value: changed(fullEventPublic, 'timings.0.end', '2026-10-09T18:00:00+02:00'), field: 'timings.0.end' },
    { name: 'a recurrence ending before it starts', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.end', '2026-10-06T18:00'), field: 'recurrence.end' },
    { name: 'a recurrence ending one second before it starts (mixed precision)', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.end', '2026-10-06T18:59:59'), field: 'recurrence.end' },
    { name: 'a recurrence whose occurrence lasts more than 366 days', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.end', '2027-10-07T19:00:01'), field: 'recurrence.end' },
    { name: 'an age range with min above max', schema: EventInput, value: changed(fullEventInput, 'ageRange', { min: 12, max: 6 }), field: 'ageRange.max' },
    { name: 'an age range with min one above max', schema: EventInput, value: changed(fullEventInput, 'ageRange', { min: 7, max: 6 }), field: 'ageRange.max' },
    { name: 'a project ending before it starts', schema: ProjectInput, value: changed(fullProjectInput, 'endDate', '2026-02-28'), field: 'endDate' },
    { name: 'a public project ending before it starts', schema: ProjectPublic, value: changed(fullProjectPublic, 'startDate', '2026-11-01'), field: 'endDate' },
    { name: 'opening hours closing before they open', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.closes', '09:00'), field: 'openingHours.0.closes' },
    { name: 'opening hours closing when they open', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.1.closes', '14:00'), field: 'openingHours.1.closes' },
    { name: 'opening hours valid through a day before validFrom', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.validThrough', '2025-12-31'), field: 'openingHours.0.validThrough' },
    { name: 'public opening hours closing before they open', schema: PlacePublic, value: changed(fullPlacePublic, 'openingHours.0.opens', '18:00'), field: 'openingHours.0.closes' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });
});

describe('recurrence rules, exceptions and time zones', () => {
  const invalidRules = [
    'FREQ=FORTNIGHTLY',
    'RRULE:FREQ=WEEKLY;BYDAY=TU',
    'BYDAY=TU',
    'FREQ=WEEKLY;COUNT=0',
    'FREQ=DAILY;COUNT=100000',
    'FREQ=DAILY;INTERVAL=0',
    'FREQ=DAILY;COUNT=5;UNTIL=20270101',
    'FREQ=WEEKLY;BYMONTHDAY=1',
    'FREQ=WEEKLY;BYDAY=1TU',
    'FREQ=MONTHLY;BYDAY=1TU;',
    'FREQ=DAILY;BYSETPOS=1',
    'FREQ=MONTHLY;UNTIL=20270231',
    'FREQ=WEEKLY\r\nDTSTART:20261006T190000',
    'FREQ=WEEKLY; BYDAY=TU',
    '',
    `FREQ=DAILY;BYMINUTE=${'0,'.repeat(260)}0`,
  ];
  it.each(invalidRules)('refuses the RRULE %j at recurrence.rrule', (rrule) => {
    expectRefusedAt(EventInput, changed(fullRecurringEventInput, 'recurrence.rrule', rrule), 'recurrence.rrule');
  });

  const cases: Refusal[] = [
    { name: 'a floating UNTIL', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.rrule', 'FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270630T190000'), field: 'recurrence.rrule' },
    { name: 'an UNTIL date before start', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.rrule', 'FREQ=WEEKLY;UNTIL=20261005'), field: 'recurrence.rrule' },
    { name: 'a UTC UNTIL before start', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.rrule', 'FREQ=WEEKLY;UNTIL=20260930T235959Z'), field: 'recurrence.rrule' },
    { name: 'a public event with a floating UNTIL', schema: EventPublic, value: changed(fullRecurringEventPublic, 'recurrence.rrule', 'FREQ=DAILY;UNTIL=20261010T120000'), field: 'recurrence.rrule' },
    { name: 'an exdate before start', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.exdates', ['2026-10-05T19:00']), field: 'recurrence.exdates.0' },
    { name: 'the second exdate before start', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.exdates', ['2026-11-03T19:00', '2026-10-06T18:59']), field: 'recurrence.exdates.1' },
    { name: 'an exdate with an offset', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.exdates.0', '2026-12-01T19:00:00+01:00'), field: 'recurrence.exdates.0' },
    { name: 'an exdate that is not a real date', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.exdates.0', '2026-02-30T19:00'), field: 'recurrence.exdates.0' },
    { name: 'a recurrence start with a space', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.start', '2026-10-06 19:00'), field: 'recurrence.start' },
    { name: 'a recurrence start at 24:00', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.start', '2026-10-06T24:00'), field: 'recurrence.start' },
    { name: 'a recurrence without a rule', schema: EventInput, value: removed(fullRecurringEventInput, 'recurrence.rrule'), field: 'recurrence.rrule' },
    { name: 'a timing start without an offset', schema: EventInput, value: changed(fullEventInput, 'timings.0.start', '2026-10-10T14:00:00'), field: 'timings.0.start' },
    { name: 'a timing start without seconds', schema: EventInput, value: changed(fullEventInput, 'timings.0.start', '2026-10-10T14:00+02:00'), field: 'timings.0.start' },
    { name: 'a timing start on 31 September', schema: EventInput, value: changed(fullEventInput, 'timings.0.start', '2026-09-31T14:00:00+02:00'), field: 'timings.0.start' },
    { name: 'a timing end at hour 25', schema: EventInput, value: changed(fullEventInput, 'timings.0.end', '2026-10-10T25:00:00+02:00'), field: 'timings.0.end' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });

  const badZones = ['Europe/Atlantis', '+01:00', 'CET', 'GMT', 'UTC+1', 'Paris', '', ' Europe/Paris', 'Europe/Paris\n', 'Europe/../Paris', 'Europe\\Paris', 'a'.repeat(65)];
  it.each(badZones)('refuses the time zone %j at timeZone', (timeZone) => {
    expectRefusedAt(EventInput, changed(fullEventInput, 'timeZone', timeZone), 'timeZone');
  });

  it('isTimeZone accepts named IANA zones, aliases included, and refuses offsets and abbreviations', () => {
    for (const zone of ['Europe/Paris', 'UTC', 'Etc/UTC', 'America/Cayenne', 'Indian/Reunion', 'Pacific/Noumea', 'America/Argentina/Buenos_Aires', 'US/Pacific', 'Asia/Calcutta']) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ['Europe/Atlantis', '+01:00', '-0500', 'CET', 'EST', 'GMT', 'Z', 'UTC+1', 'Europe', 'Europe/', '/Paris', 'Europe/Paris/Centre/Nord', '']) {
      expect(isTimeZone(zone), zone).toBe(false);
    }
  });
});

describe('timings, recurrence and attendance', () => {
  const { timings: _timings, ...eventWithoutTimings } = fullEventInput;
  const { recurrence: _recurrence, ...recurringWithoutRecurrence } = fullRecurringEventInput;
  const cases: Refusal[] = [
    { name: 'timings and a recurrence together', schema: EventInput, value: { ...fullEventInput, recurrence: fullRecurringEventInput.recurrence }, field: 'recurrence' },
    { name: 'neither timings nor a recurrence', schema: EventInput, value: eventWithoutTimings, field: 'timings' },
    { name: 'a recurring event stripped of its recurrence', schema: EventInput, value: recurringWithoutRecurrence, field: 'timings' },
    { name: 'an empty list of timings', schema: EventInput, value: changed(fullEventInput, 'timings', []), field: 'timings' },
    { name: 'public: timings and a recurrence together', schema: EventPublic, value: { ...fullEventPublic, recurrence: fullRecurringEventInput.recurrence }, field: 'recurrence' },
    { name: 'public: neither timings nor a recurrence', schema: EventPublic, value: removed(fullEventPublic, 'timings'), field: 'timings' },
    { name: 'an online event without onlineUrl', schema: EventInput, value: removed(changed(fullEventInput, 'attendanceMode', 'online'), 'onlineUrl'), field: 'onlineUrl' },
    { name: 'a mixed event without onlineUrl', schema: EventInput, value: removed(fullEventInput, 'onlineUrl'), field: 'onlineUrl' },
    { name: 'public: an online event without onlineUrl', schema: EventPublic, value: removed(changed(fullEventPublic, 'attendanceMode', 'online'), 'onlineUrl'), field: 'onlineUrl' },
    { name: 'an in-person event without place', schema: EventInput, value: removed(minimalEventInput, 'place'), field: 'place' },
    { name: 'a mixed event without place', schema: EventInput, value: removed(fullEventInput, 'place'), field: 'place' },
    { name: 'public: an in-person event without place', schema: EventPublic, value: removed(changed(fullEventPublic, 'attendanceMode', 'in-person'), 'place'), field: 'place' },
    { name: 'registration required without url, email or phone', schema: EventInput, value: changed(fullEventInput, 'registration', { required: true }), field: 'registration.url' },
    { name: 'public: registration required without a way to register', schema: EventPublic, value: changed(fullEventPublic, 'registration', { required: true }), field: 'registration.url' },
    { name: 'registration without its required flag', schema: EventInput, value: removed(fullEventInput, 'registration.required'), field: 'registration.required' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });
});

describe('dossiers', () => {
  const cases: Refusal[] = [
    { name: 'the same item listed twice', schema: DossierInput, value: changed(fullDossierInput, 'items', [...fullDossierInput.items, { type: 'event', id: ids.eventFete, note: 'Encore !' }]), field: 'items.3' },
    { name: 'the same item listed twice in a row', schema: DossierInput, value: changed(fullDossierInput, 'items', [{ type: 'place', id: ids.placeMobe }, { type: 'place', id: ids.placeMobe }]), field: 'items.1' },
    { name: 'public: the same item listed twice', schema: DossierPublic, value: changed(fullDossierPublic, 'items', [fullDossierInput.items[1], fullDossierInput.items[0], fullDossierInput.items[1]]), field: 'items.2' },
    { name: 'an item that is not a content type', schema: DossierInput, value: changed(fullDossierInput, 'items.0.type', 'member'), field: 'items.0.type' },
    { name: 'an item with an upper-case id', schema: DossierInput, value: changed(fullDossierInput, 'items.0.id', ids.eventFete.toUpperCase()), field: 'items.0.id' },
    { name: 'an item without an id', schema: DossierInput, value: removed(fullDossierInput, 'items.1.id'), field: 'items.1.id' },
    { name: 'a dossier without items', schema: DossierInput, value: removed(fullDossierInput, 'items'), field: 'items' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });
});

describe('controlled vocabularies', () => {
  const cases: Refusal[] = [
    { name: 'an unknown event format', schema: EventInput, value: changed(fullEventInput, 'format', 'talk'), field: 'format' },
    { name: 'a format in French', schema: EventInput, value: changed(fullEventInput, 'format', 'Atelier'), field: 'format' },
    { name: 'an unknown attendance mode', schema: EventInput, value: changed(fullEventInput, 'attendanceMode', 'hybrid'), field: 'attendanceMode' },
    { name: 'an unknown event status', schema: EventInput, value: changed(fullEventInput, 'eventStatus', 'rescheduled'), field: 'eventStatus' },
    { name: 'an unknown audience', schema: EventInput, value: changed(fullEventInput, 'audiences', ['kids']), field: 'audiences.0' },
    { name: 'an unknown audience after a known one', schema: PlaceInput, value: changed(fullPlaceInput, 'audiences', ['children', 'seniors']), field: 'audiences.1' },
    { name: 'a repeated audience', schema: EventInput, value: changed(fullEventInput, 'audiences', ['children', 'children']), field: 'audiences' },
    { name: 'an unknown discipline', schema: EventInput, value: changed(fullEventInput, 'disciplines', ['alchemy']), field: 'disciplines.0' },
    { name: 'an unknown discipline on an article', schema: ArticleInput, value: changed(fullArticleInput, 'disciplines', ['physics', 'astrology']), field: 'disciplines.1' },
    { name: 'a repeated discipline', schema: ResourceInput, value: changed(fullResourceInput, 'disciplines', ['climate', 'climate']), field: 'disciplines' },
    { name: 'an unknown accessibility flag', schema: EventInput, value: changed(fullEventInput, 'accessibility', ['wheelchair']), field: 'accessibility.0' },
    { name: 'an OpenAgenda key instead of a flag', schema: PlaceInput, value: changed(fullPlaceInput, 'accessibility', ['mi']), field: 'accessibility.0' },
    { name: 'a repeated accessibility flag', schema: EventInput, value: changed(fullEventInput, 'accessibility', ['motor', 'motor']), field: 'accessibility' },
    { name: 'an unknown actor kind', schema: ActorInput, value: changed(fullActorInput, 'kind', 'school'), field: 'kind' },
    { name: 'an unknown place kind', schema: PlaceInput, value: changed(fullPlaceInput, 'kind', 'zoo'), field: 'kind' },
    { name: 'an unknown announcement kind', schema: AnnouncementInput, value: changed(fullAnnouncementInput, 'kind', 'freelance'), field: 'kind' },
    { name: 'an unknown resource kind', schema: ResourceInput, value: changed(fullResourceInput, 'kind', 'video'), field: 'kind' },
    { name: 'an unknown participation type', schema: ProjectInput, value: changed(fullProjectInput, 'participationType', 'remote'), field: 'participationType' },
    { name: 'an unknown involvement level', schema: ProjectInput, value: changed(fullProjectInput, 'involvement', 'daily'), field: 'involvement' },
    { name: 'an unknown geographic scope', schema: ProjectInput, value: changed(fullProjectInput, 'scope', 'european'), field: 'scope' },
    { name: 'an unknown region code', schema: ProjectInput, value: changed(fullProjectInput, 'regions', ['05']), field: 'regions.0' },
    { name: 'a pre-2016 region code', schema: ProjectInput, value: changed(fullProjectInput, 'regions', ['24', '21']), field: 'regions.1' },
    { name: 'a region as a number', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'region', 24), field: 'region' },
    { name: 'a member region by name', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'region', 'Centre-Val de Loire'), field: 'region' },
    { name: 'an unknown weekday', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.days', ['monday']), field: 'openingHours.0.days.0' },
    { name: 'a repeated weekday', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.days', ['tu', 'tu']), field: 'openingHours.0.days' },
    { name: 'no weekday', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.days', []), field: 'openingHours.0.days' },
    { name: 'an unknown dossier item type', schema: DossierInput, value: changed(fullDossierInput, 'items.1.type', 'profile'), field: 'items.1.type' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    const issues = expectRefusedAt(schema, value, field);
    expect(issues.length).toBeGreaterThan(0);
  });

  it('an unknown value message lists the allowed values', () => {
    const issues = expectRefusedAt(EventInput, changed(fullEventInput, 'format', 'talk'), 'format');
    expect(issues[0]?.message).toContain('workshop');
    const many = expectRefusedAt(EventInput, changed(fullEventInput, 'disciplines', ['alchemy']), 'disciplines.0');
    expect(many[0]?.message).toContain('21 allowed values');
  });
});

describe('caps on strings and arrays', () => {
  const cases: Refusal[] = [
    // LIMITS count UTF-16 code units (as the web's maxlength does), not code points.
    { name: 'a title of 101 emoji (202 UTF-16 code units)', schema: EventInput, value: changed(fullEventInput, 'title', '🔭'.repeat(LIMITS.title / 2 + 1)), field: 'title' },
    { name: 'a description of emoji over its cap in UTF-16 code units', schema: EventInput, value: changed(fullEventInput, 'description', '🦋'.repeat(LIMITS.description / 2 + 1)), field: 'description' },
    { name: 'a keyword of emoji over its cap in UTF-16 code units', schema: EventInput, value: changed(fullEventInput, 'keywords.0', '🧪'.repeat(LIMITS.keyword / 2 + 1)), field: 'keywords.0' },
    { name: 'a title over LIMITS.title', schema: EventInput, value: changed(fullEventInput, 'title', 'a'.repeat(LIMITS.title + 1)), field: 'title' },
    { name: 'a summary over LIMITS.summary', schema: EventInput, value: changed(fullEventInput, 'summary', 'a'.repeat(LIMITS.summary + 1)), field: 'summary' },
    { name: 'a description over LIMITS.description', schema: EventInput, value: changed(fullEventInput, 'description', 'a'.repeat(LIMITS.description + 1)), field: 'description' },
    { name: 'an article body over LIMITS.articleBody', schema: ArticleInput, value: changed(fullArticleInput, 'body', 'a'.repeat(LIMITS.articleBody + 1)), field: 'body' },
    { name: 'an actor name over LIMITS.name', schema: ActorInput, value: changed(fullActorInput, 'name', 'a'.repeat(LIMITS.name + 1)), field: 'name' },
    { name: 'an address over LIMITS.address', schema: EventInput, value: changed(fullEventInput, 'place.address', 'a'.repeat(LIMITS.address + 1)), field: 'place.address' },
    { name: 'a commune over LIMITS.commune', schema: EventInput, value: changed(fullEventInput, 'place.commune', 'a'.repeat(LIMITS.commune + 1)), field: 'place.commune' },
    { name: 'an image alt over LIMITS.alt', schema: EventInput, value: changed(fullEventInput, 'image.alt', 'a'.repeat(LIMITS.alt + 1)), field: 'image.alt' },
    { name: 'an image credit over LIMITS.credit', schema: ArticleInput, value: changed(fullArticleInput, 'image.credit', 'a'.repeat(LIMITS.credit + 1)), field: 'image.credit' },
    { name: 'price details over LIMITS.note', schema: EventInput, value: changed(fullEventInput, 'price.details', 'a'.repeat(LIMITS.note + 1)), field: 'price.details' },
    { name: 'a URL over LIMITS.url', schema: EventInput, value: changed(fullEventInput, 'onlineUrl', `https://example.org/${'a'.repeat(LIMITS.url)}`), field: 'onlineUrl' },
    { name: 'an email over LIMITS.email', schema: EventInput, value: changed(fullEventInput, 'contactEmail', `${'a'.repeat(LIMITS.email)}@example.org`), field: 'contactEmail' },
    { name: 'a phone over LIMITS.phone', schema: ActorInput, value: changed(fullActorInput, 'phone', '0'.repeat(LIMITS.phone + 1)), field: 'phone' },
    { name: 'a keyword over LIMITS.keyword', schema: EventInput, value: changed(fullEventInput, 'keywords.0', 'a'.repeat(LIMITS.keyword + 1)), field: 'keywords.0' },
    { name: 'more keywords than LIMITS.keywords', schema: EventInput, value: changed(fullEventInput, 'keywords', Array.from({ length: LIMITS.keywords + 1 }, (_, i) => `mot ${i}`)), field: 'keywords' },
    { name: 'more languages than LIMITS.languages', schema: ResourceInput, value: changed(fullResourceInput, 'languages', ['fr', 'en', 'de', 'es', 'it', 'pt', 'nl', 'br', 'oc', 'eu', 'co']), field: 'languages' },
    { name: 'more disciplines than LIMITS.disciplines', schema: EventInput, value: changed(fullEventInput, 'disciplines', ['mathematics', 'physics', 'chemistry', 'astronomy', 'earth-sciences', 'climate', 'ecology', 'ocean', 'biology', 'health', 'energy']), field: 'disciplines' },
    { name: 'more timings than LIMITS.timings', schema: EventInput, value: changed(fullEventInput, 'timings', Array.from({ length: LIMITS.timings + 1 }, () => fullEventInput.timings[0])), field: 'timings' },
    { name: 'more exdates than LIMITS.exdates', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.exdates', Array.from({ length: LIMITS.exdates + 1 }, () => '2026-12-01T19:00')), field: 'recurrence.exdates' },
    { name: 'more opening hours than LIMITS.openingHours', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours', Array.from({ length: LIMITS.openingHours + 1 }, () => fullPlaceInput.openingHours[1])), field: 'openingHours' },
    { name: 'more dossier items than LIMITS.dossierItems', schema: DossierInput, value: changed(fullDossierInput, 'items', Array.from({ length: LIMITS.dossierItems + 1 }, (_, i) => ({ type: 'event', id: `01935c1e-0000-7000-8000-${String(i).padStart(12, '0')}` }))), field: 'items' },
    { name: 'a dossier item note over LIMITS.note', schema: DossierInput, value: changed(fullDossierInput, 'items.0.note', 'a'.repeat(LIMITS.note + 1)), field: 'items.0.note' },
    { name: 'more skills than LIMITS.skills', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'skills', Array.from({ length: LIMITS.skills + 1 }, (_, i) => `compétence ${i}`)), field: 'skills' },
    { name: 'a skill over LIMITS.skill', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'skills.0', 'a'.repeat(LIMITS.skill + 1)), field: 'skills.0' },
    { name: 'a display name over 100', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'displayName', 'a'.repeat(101)), field: 'displayName' },
    { name: 'a bio over 2000', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'bio', 'a'.repeat(2001)), field: 'bio' },
    { name: 'a public slug over LIMITS.slug', schema: EventPublic, value: changed(fullEventPublic, 'slug', 'a'.repeat(LIMITS.slug + 1)), field: 'slug' },
    { name: 'a campaign over 64', schema: EventInput, value: changed(fullEventInput, 'campaign', 'a'.repeat(65)), field: 'campaign' },
    { name: 'an RRULE over 500', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.rrule', `FREQ=DAILY;BYHOUR=${'1,'.repeat(245)}1`), field: 'recurrence.rrule' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });

  const atCap: { name: string; schema: Schema; value: unknown }[] = [
    { name: 'a summary', schema: EventInput, value: changed(fullEventInput, 'summary', 'a'.repeat(LIMITS.summary)) },
    { name: 'a title of 100 emoji (200 UTF-16 code units)', schema: EventInput, value: changed(fullEventInput, 'title', '🔭'.repeat(LIMITS.title / 2)) },
    { name: 'an article body', schema: ArticleInput, value: changed(fullArticleInput, 'body', 'a'.repeat(LIMITS.articleBody)) },
    { name: 'keywords', schema: EventInput, value: changed(fullEventInput, 'keywords', Array.from({ length: LIMITS.keywords }, (_, i) => `mot ${i}`)) },
    { name: 'timings', schema: EventInput, value: changed(fullEventInput, 'timings', Array.from({ length: LIMITS.timings }, () => fullEventInput.timings[0])) },
    { name: 'dossier items', schema: DossierInput, value: changed(fullDossierInput, 'items', Array.from({ length: LIMITS.dossierItems }, (_, i) => ({ type: 'event', id: `01935c1e-0000-7000-8000-${String(i).padStart(12, '0')}` }))) },
  ];
  it.each(atCap)('accepts $name exactly at the cap', ({ schema, value }) => {
    expectValid(schema, value);
  });
});

describe('URLs', () => {
  const badUrls = [
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'ftp://ftp.example.org/programme.pdf',
    'file:///etc/passwd',
    'mailto:contact@centre-sciences.org',
    '/evenements/nuit-des-etoiles',
    'evenements/nuit-des-etoiles',
    '//www.example.org/evenement',
    'https://jean:secret@www.example.org/',
    'https://jean@www.example.org/',
    'http://',
    'https://',
    ' https://www.example.org/',
    'https://www.exa mple.org/',
    '',
  ];
  it.each(badUrls)('refuses %j as onlineUrl', (url) => {
    expectRefusedAt(EventInput, changed(fullEventInput, 'onlineUrl', url), 'onlineUrl');
  });

  const fields: Refusal[] = [
    { name: 'event image.url', schema: EventInput, value: changed(fullEventInput, 'image.url', 'data:image/png;base64,iVBORw0KGgo='), field: 'image.url' },
    { name: 'event registration.url', schema: EventInput, value: changed(fullEventInput, 'registration.url', 'javascript:void(0)'), field: 'registration.url' },
    { name: 'an online link with CR/LF inside (URL parsing would drop them)', schema: EventInput, value: changed(fullEventInput, 'onlineUrl', 'https://visio.example.org/\r\nX-Injected: 1'), field: 'onlineUrl' },
    { name: 'a website with a space', schema: ActorInput, value: changed(fullActorInput, 'website', 'https://example.org/a b'), field: 'website' },
    { name: 'actor website', schema: ActorInput, value: changed(fullActorInput, 'website', 'www.centre-sciences.org'), field: 'website' },
    { name: 'actor logo.url', schema: ActorInput, value: changed(fullActorInput, 'logo.url', 'ftp://example.org/logo.png'), field: 'logo.url' },
    { name: 'place website', schema: PlaceInput, value: changed(fullPlaceInput, 'website', 'https://admin:admin@museum-grenoble.fr/'), field: 'website' },
    { name: 'project website', schema: ProjectInput, value: changed(fullProjectInput, 'website', '/projets/papillons'), field: 'website' },
    { name: 'announcement applyUrl', schema: AnnouncementInput, value: changed(fullAnnouncementInput, 'applyUrl', 'javascript:alert(1)'), field: 'applyUrl' },
    { name: 'resource link', schema: ResourceInput, value: changed(fullResourceInput, 'link', 'file:///C:/guide.pdf'), field: 'link' },
    { name: 'member contact.website', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'contact.website', 'javascript:alert(1)'), field: 'contact.website' },
    { name: 'public url', schema: EventPublic, value: changed(fullEventPublic, 'url', 'javascript:alert(1)'), field: 'url' },
    { name: 'public dossier image.url', schema: DossierPublic, value: changed(fullDossierPublic, 'image.url', '//cdn.example.org/image.jpg'), field: 'image.url' },
  ];
  it.each(fields)('refuses a bad URL in $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });
});

describe('control characters and blank text', () => {
  const cases: Refusal[] = [
    { name: 'a newline in a title', schema: EventInput, value: changed(fullEventInput, 'title', 'Nuit des étoiles\nInscrivez-vous'), field: 'title' },
    { name: 'a tab in a title', schema: ArticleInput, value: changed(fullArticleInput, 'title', 'Retour\tsur la nuit'), field: 'title' },
    { name: 'a NUL in a summary', schema: EventInput, value: changed(fullEventInput, 'summary', 'Ateliers\u0000'), field: 'summary' },
    { name: 'a CR in a place name', schema: EventInput, value: changed(fullEventInput, 'place.name', 'MOBE\r'), field: 'place.name' },
    { name: 'an escape sequence in an image alt', schema: EventInput, value: changed(fullEventInput, 'image.alt', '\u001b[31mrouge'), field: 'image.alt' },
    { name: 'a newline in a keyword', schema: EventInput, value: changed(fullEventInput, 'keywords.1', 'insectes\nfossiles'), field: 'keywords.1' },
    { name: 'a DEL in price details', schema: EventInput, value: changed(fullEventInput, 'price.details', 'Gratuit\u007f'), field: 'price.details' },
    { name: 'a newline in an address', schema: ActorInput, value: changed(fullActorInput, 'location.address', '72 faubourg de Bourgogne\n45000'), field: 'location.address' },
    { name: 'a bell in an actor name', schema: ActorInput, value: changed(fullActorInput, 'name', 'Centre\u0007Sciences'), field: 'name' },
    { name: 'a newline in opening notes', schema: PlaceInput, value: changed(fullPlaceInput, 'openingNotes', 'Fermé le lundi\nFermé le 1er mai'), field: 'openingNotes' },
    { name: 'a newline in a dossier note', schema: DossierInput, value: changed(fullDossierInput, 'items.0.note', 'Idéal\navec des enfants'), field: 'items.0.note' },
    { name: 'a newline in a member headline', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'headline', 'Médiatrice\nscientifique'), field: 'headline' },
    { name: 'a tab in a skill', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'skills.2', 'conception\td’expositions'), field: 'skills.2' },
    { name: 'a NUL in a description', schema: EventInput, value: changed(fullEventInput, 'description', 'Au programme\u0000'), field: 'description' },
    { name: 'an escape in an article body', schema: ArticleInput, value: changed(fullArticleInput, 'body', 'Texte \u001b[2J'), field: 'body' },
    { name: 'a backspace in a member bio', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'bio', 'Astronome\u0008'), field: 'bio' },
    { name: 'an empty title', schema: EventInput, value: changed(fullEventInput, 'title', ''), field: 'title' },
    { name: 'a title of spaces', schema: EventInput, value: changed(fullEventInput, 'title', '   '), field: 'title' },
    { name: 'a title of no-break spaces', schema: ProjectInput, value: changed(fullProjectInput, 'title', '\u00a0\u2009'), field: 'title' },
    { name: 'a blank public title', schema: EventPublic, value: changed(fullEventPublic, 'title', ' '), field: 'title' },
    { name: 'a blank announcement title', schema: AnnouncementInput, value: changed(fullAnnouncementInput, 'title', '  '), field: 'title' },
    { name: 'a blank dossier title', schema: DossierInput, value: changed(fullDossierInput, 'title', ''), field: 'title' },
    { name: 'a blank resource title', schema: ResourceInput, value: changed(fullResourceInput, 'title', ' '), field: 'title' },
    { name: 'a blank actor name', schema: ActorInput, value: changed(fullActorInput, 'name', ' '), field: 'name' },
    { name: 'a blank place name', schema: PlaceInput, value: changed(fullPlaceInput, 'name', ''), field: 'name' },
    { name: 'a blank display name', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'displayName', '    '), field: 'displayName' },
    { name: 'a blank keyword', schema: EventInput, value: changed(fullEventInput, 'keywords.0', ' '), field: 'keywords.0' },
    { name: 'a blank skill', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'skills.0', ''), field: 'skills.0' },
    { name: 'a missing title', schema: EventInput, value: removed(fullEventInput, 'title'), field: 'title' },
    { name: 'a title that is not a string', schema: EventInput, value: changed(fullEventInput, 'title', 42), field: 'title' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });
});

describe('other field formats', () => {
  const cases: Refusal[] = [
    { name: 'an upper-case actorId', schema: EventInput, value: changed(fullEventInput, 'actorId', ids.centreSciences.toUpperCase()), field: 'actorId' },
    { name: 'a numeric actorId', schema: ArticleInput, value: changed(fullArticleInput, 'actorId', '42'), field: 'actorId' },
    { name: 'a missing actorId', schema: EventInput, value: removed(fullEventInput, 'actorId'), field: 'actorId' },
    { name: 'a placeId that is not a UUID', schema: EventInput, value: changed(fullEventInput, 'placeId', 'mobe'), field: 'placeId' },
    { name: 'a parentEventId with braces', schema: EventInput, value: changed(fullEventInput, 'parentEventId', `{${ids.eventUmbrella}}`), field: 'parentEventId' },
    { name: 'an article eventId that is not a UUID', schema: ArticleInput, value: changed(fullArticleInput, 'eventId', 'fete-de-la-science'), field: 'eventId' },
    { name: 'an upper-case language tag', schema: EventInput, value: changed(fullEventInput, 'languages', ['FR']), field: 'languages.0' },
    { name: 'a language name', schema: ResourceInput, value: changed(fullResourceInput, 'languages', ['fr', 'français']), field: 'languages.1' },
    { name: 'a repeated language', schema: EventInput, value: changed(fullEventInput, 'languages', ['fr', 'fr']), field: 'languages' },
    { name: 'a campaign with spaces and capitals', schema: EventInput, value: changed(fullEventInput, 'campaign', 'Fête de la science 2026'), field: 'campaign' },
    { name: 'a one-letter campaign', schema: EventInput, value: changed(fullEventInput, 'campaign', 'f'), field: 'campaign' },
    { name: 'an INSEE code with a bad département', schema: EventInput, value: changed(fullEventInput, 'place.inseeCode', '2C004'), field: 'place.inseeCode' },
    { name: 'a 4-digit INSEE code', schema: EventInput, value: changed(fullEventInput, 'place.inseeCode', '4523'), field: 'place.inseeCode' },
    { name: 'a 4-digit postal code', schema: EventInput, value: changed(fullEventInput, 'place.postalCode', '4500'), field: 'place.postalCode' },
    { name: 'a registration email without a domain', schema: EventInput, value: changed(fullEventInput, 'registration.email', 'reservation@mobe'), field: 'registration.email' },
    { name: 'a registration phone in words', schema: EventInput, value: changed(fullEventInput, 'registration.phone', 'appelez-nous'), field: 'registration.phone' },
    { name: 'a contact email with a display name', schema: EventInput, value: changed(fullEventInput, 'contactEmail', 'MOBE <mediation@mobe.orleans.fr>'), field: 'contactEmail' },
    { name: 'an actor email with a space', schema: ActorInput, value: changed(fullActorInput, 'email', 'contact @centre-sciences.org'), field: 'email' },
    { name: 'a member contact email', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'contact.email', 'camille.martin'), field: 'contact.email' },
    { name: 'a negative minimum age', schema: EventInput, value: changed(fullEventInput, 'ageRange.min', -1), field: 'ageRange.min' },
    { name: 'a fractional minimum age', schema: EventInput, value: changed(fullEventInput, 'ageRange.min', 3.5), field: 'ageRange.min' },
    { name: 'a maximum age over 120', schema: EventInput, value: changed(fullEventInput, 'ageRange.max', 121), field: 'ageRange.max' },
    { name: 'a price without its free flag', schema: EventInput, value: removed(fullEventInput, 'price.free'), field: 'price.free' },
    { name: 'a price flag as a string', schema: PlaceInput, value: changed(fullPlaceInput, 'price.free', 'true'), field: 'price.free' },
    { name: 'an image without its url', schema: EventInput, value: removed(fullEventInput, 'image.url'), field: 'image.url' },
    { name: 'opening at 25:00', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.opens', '25:00'), field: 'openingHours.0.opens' },
    { name: 'opening at 9:30 without a leading zero', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.opens', '9:30'), field: 'openingHours.0.opens' },
    { name: 'validFrom on 30 February', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.validFrom', '2026-02-30'), field: 'openingHours.0.validFrom' },
    { name: 'a deadline written the French way', schema: AnnouncementInput, value: changed(fullAnnouncementInput, 'deadline', '15/11/2026'), field: 'deadline' },
    { name: 'a resource published in month 13', schema: ResourceInput, value: changed(fullResourceInput, 'publishedOn', '2026-13-01'), field: 'publishedOn' },
    { name: 'a project starting on 29 February of a common year', schema: ProjectInput, value: changed(fullProjectInput, 'startDate', '2026-02-29'), field: 'startDate' },
    { name: 'a listed flag as a string', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'listed', 'yes'), field: 'listed' },
    { name: 'a missing article body', schema: ArticleInput, value: removed(fullArticleInput, 'body'), field: 'body' },
    { name: 'a missing project website', schema: ProjectInput, value: removed(fullProjectInput, 'website'), field: 'website' },
    { name: 'a missing resource link', schema: ResourceInput, value: removed(fullResourceInput, 'link'), field: 'link' },
    { name: 'a missing time zone', schema: EventInput, value: removed(fullEventInput, 'timeZone'), field: 'timeZone' },
    { name: 'a missing place location', schema: PlaceInput, value: removed(fullPlaceInput, 'location'), field: 'location' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });

  it('refuses a value that is not an object at the root', () => {
    expectRefusedAt(EventInput, [fullEventInput], '');
    expectRefusedAt(EventInput, null, '');
    expectRefusedAt(ActorInput, 'Centre•Sciences', '');
  });
});

describe('public shapes: server fields', () => {
  const cases: Refusal[] = [
    { name: 'version 0', schema: EventPublic, value: changed(fullEventPublic, 'version', 0), field: 'version' },
    { name: 'a fractional version', schema: ActorPublic, value: changed(fullActorPublic, 'version', 1.5), field: 'version' },
    { name: 'createdAt without an offset', schema: EventPublic, value: changed(fullEventPublic, 'createdAt', '2026-09-01T09:12:45'), field: 'createdAt' },
    { name: 'createdAt without seconds', schema: PlacePublic, value: changed(fullPlacePublic, 'createdAt', '2026-09-01T09:12Z'), field: 'createdAt' },
    { name: 'updatedAt on 30 February', schema: ProjectPublic, value: changed(fullProjectPublic, 'updatedAt', '2026-02-30T10:00:00Z'), field: 'updatedAt' },
    { name: 'a hub id with capitals', schema: EventPublic, value: changed(fullEventPublic, 'hub', 'Centre-Val-de-Loire'), field: 'hub' },
    { name: 'a one-letter hub id', schema: ArticlePublic, value: changed(fullArticlePublic, 'hub', 'c'), field: 'hub' },
    { name: 'a slug with an accent', schema: DossierPublic, value: changed(fullDossierPublic, 'slug', 'fête'), field: 'slug' },
    { name: 'a slug with a double hyphen', schema: ResourcePublic, value: changed(fullResourcePublic, 'slug', 'guide--inclusif'), field: 'slug' },
    { name: 'an upper-case id', schema: AnnouncementPublic, value: changed(fullAnnouncementPublic, 'id', ids.announcement.toUpperCase()), field: 'id' },
    { name: 'a missing id', schema: EventPublic, value: removed(fullEventPublic, 'id'), field: 'id' },
    { name: 'a missing eventStatus', schema: EventPublic, value: removed(fullEventPublic, 'eventStatus'), field: 'eventStatus' },
    { name: 'a missing verified flag', schema: ActorPublic, value: removed(fullActorPublic, 'verified'), field: 'verified' },
    { name: 'a missing publishedAt', schema: ArticlePublic, value: removed(fullArticlePublic, 'publishedAt'), field: 'publishedAt' },
    { name: 'a missing userId', schema: MemberProfileView, value: removed(fullMemberProfileView, 'userId'), field: 'userId' },
    { name: 'the input-only listed flag in a member view', schema: MemberProfileView, value: { ...fullMemberProfileView, listed: true }, field: 'listed' },
    { name: 'a moderation status in a public event', schema: EventPublic, value: { ...fullEventPublic, status: 'published' }, field: 'status' },
    { name: 'a feed seq in a public place', schema: PlacePublic, value: { ...fullPlacePublic, seq: 1041 }, field: 'seq' },
  ];
  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });
});

describe('mass assignment: server-owned fields are refused in every input', () => {
  const plausible: Record<(typeof SERVER_OWNED_FIELDS)[number], unknown> = {
    id: ids.eventFete,
    hub: 'grand-est',
    slug: 'mon-slug',
    version: 99,
    seq: 1041,
    status: 'published',
    author: ids.member,
    authorId: ids.member,
    role: 'admin',
    verified: true,
    createdAt: '2020-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
    publishedAt: '2020-01-01T00:00:00Z',
    url: 'https://evil.example.org/',
  };
  const cases = inputs.flatMap(({ name, schema, full }) =>
    SERVER_OWNED_FIELDS.map((field) => ({ name: `${name} with ${field}`, schema, value: { ...(full as object), [field]: plausible[field] }, field })),
  );

  it('covers every server-owned field in every input schema', () => {
    expect(SERVER_OWNED_FIELDS.length).toBeGreaterThanOrEqual(14);
    expect(cases).toHaveLength(inputs.length * SERVER_OWNED_FIELDS.length);
  });

  it.each(cases)('refuses $name', ({ schema, value, field }) => {
    const issues = expectRefusedAt(schema, value, field);
    expect(issues[0]?.message).toBe(`${field} is not an allowed field`);
  });

  // Regression: TypeBox stops at 8 errors, and with 8 or more unknown fields validate() used to
  // refuse the value at "" ("the value is invalid") without naming any of them.
  it.each(inputs)('names the fields when every server-owned field is sent at once to $name', ({ schema, full }) => {
    const result = validate(schema, { ...(full as object), ...plausible });
    if (result.ok) throw new Error('expected a refusal');
    expect(result.issues.length).toBeGreaterThanOrEqual(8);
    for (const issue of result.issues) {
      expect(SERVER_OWNED_FIELDS).toContain(issue.field);
      expect(issue.message).toBe(`${issue.field} is not an allowed field`);
    }
  });

  it('names nested unknown fields when there are many of them', () => {
    const extra = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`extra${index}`, index]));
    const result = validate(EventInput, changed(fullEventInput, 'place', { ...fullEventInput.place, ...extra }));
    if (result.ok) throw new Error('expected a refusal');
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) expect(issue.field).toMatch(/^place\.extra\d+$/);
  });

  it.each(inputs)('no server-owned field is declared by $name', ({ schema }) => {
    const declared = Object.keys((schema as { properties: object }).properties);
    expect(declared.filter((name) => (SERVER_OWNED_FIELDS as readonly string[]).includes(name))).toEqual([]);
  });

  const nested: Refusal[] = [
    { name: 'an unknown top-level field', schema: EventInput, value: { ...fullEventInput, moderatorNote: 'ok' }, field: 'moderatorNote' },
    { name: 'an unknown field in place', schema: EventInput, value: changed(fullEventInput, 'place.geohash', 'u0b8'), field: 'place.geohash' },
    { name: 'an unknown field in a timing', schema: EventInput, value: changed(fullEventInput, 'timings.1.allDay', true), field: 'timings.1.allDay' },
    { name: 'an unknown field in the recurrence', schema: EventInput, value: changed(fullRecurringEventInput, 'recurrence.rdates', []), field: 'recurrence.rdates' },
    { name: 'an unknown field in the image', schema: EventInput, value: changed(fullEventInput, 'image.exif', 'GPS 47.9N'), field: 'image.exif' },
    { name: 'an unknown field in registration', schema: EventInput, value: changed(fullEventInput, 'registration.capacity', 30), field: 'registration.capacity' },
    { name: 'an unknown field in price', schema: EventInput, value: changed(fullEventInput, 'price.vat', 5), field: 'price.vat' },
    { name: 'an unknown field in ageRange', schema: EventInput, value: changed(fullEventInput, 'ageRange.unit', 'years'), field: 'ageRange.unit' },
    { name: 'an unknown field in opening hours', schema: PlaceInput, value: changed(fullPlaceInput, 'openingHours.0.holiday', true), field: 'openingHours.0.holiday' },
    { name: 'an unknown field in a dossier item', schema: DossierInput, value: changed(fullDossierInput, 'items.0.hub', 'grand-est'), field: 'items.0.hub' },
    { name: 'an unknown field in member contact', schema: MemberProfileInput, value: changed(fullMemberProfileInput, 'contact.password', 'secret'), field: 'contact.password' },
    { name: 'the role in a member profile', schema: MemberProfileInput, value: { ...fullMemberProfileInput, role: 'admin' }, field: 'role' },
  ];
  it.each(nested)('refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });
});

describe('private fields', () => {
  const privateNames = ['email', 'contactEmail'];

  it.each(publics)('$name declares no private field', ({ schema }) => {
    const declared = Object.keys((schema as { properties: object }).properties);
    expect(declared.filter((name) => privateNames.includes(name))).toEqual([]);
  });

  it('the input shapes do carry them, so the check above is about something', () => {
    expect(Object.keys(EventInput.properties)).toContain('contactEmail');
    expect(Object.keys(AnnouncementInput.properties)).toContain('contactEmail');
    expect(Object.keys(ActorInput.properties)).toContain('email');
    expect(Object.keys(PlaceInput.properties)).toContain('email');
  });

  const leaks: Refusal[] = [
    { name: 'an event with its contactEmail', schema: EventPublic, value: { ...fullEventPublic, contactEmail: fullEventInput.contactEmail }, field: 'contactEmail' },
    { name: 'an announcement with its contactEmail', schema: AnnouncementPublic, value: { ...fullAnnouncementPublic, contactEmail: fullAnnouncementInput.contactEmail }, field: 'contactEmail' },
    { name: 'an actor with its email', schema: ActorPublic, value: { ...fullActorPublic, email: fullActorInput.email }, field: 'email' },
    { name: 'a place with its email', schema: PlacePublic, value: { ...fullPlacePublic, email: fullPlaceInput.email }, field: 'email' },
    { name: 'a member view with a login email', schema: MemberProfileView, value: { ...fullMemberProfileView, email: 'camille@example.org' }, field: 'email' },
  ];
  it.each(leaks)('a public shape refuses $name', ({ schema, value, field }) => {
    expectRefusedAt(schema, value, field);
  });
});

describe('text that says nothing, or half a character', () => {
  it.each([
    ['zero-width spaces', '\u200b\u200b\u200b'],
    ['a word joiner and a BOM', '\u2060\ufeff '],
    ['a Hangul filler', '\u3164'],
  ])('refuses a title made of %s as blank', (_name, title) => {
    const result = validate(EventInput, { ...fullEventInput, title });
    expect(result.ok ? [] : result.issues.map((issue) => `${issue.field} ${issue.message}`)).toEqual(['title title must not be blank']);
  });

  it('refuses a lone surrogate in a title and in a description, and keeps a whole emoji', () => {
    const lone = validate(EventInput, { ...fullEventInput, title: 'Nuit \ud83d des étoiles' });
    expect(lone.ok ? undefined : lone.issues[0]?.field).toBe('title');
    const inText = validate(EventInput, { ...fullEventInput, description: 'Fin\udc00' });
    expect(inText.ok ? undefined : inText.issues[0]?.field).toBe('description');
    expect(validate(EventInput, { ...fullEventInput, title: 'Nuit des étoiles 🔭' }).ok).toBe(true);
  });
});
