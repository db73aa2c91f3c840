import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseICal, type ContentView } from '@constellation/hub';
import type { EventInput, EventPublic, ImportReport } from '@constellation/shared';
import { actorInput, eventInput, onlineEventInput, places, recurringEventInput } from './event-inputs.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * One hub's iCal export imported into another hub, and back again: online and mixed
 * events stay online and mixed with their link, an event with several timings stays one
 * event, the summary and the Markdown description come back apart (and do not grow at
 * each cycle), a place whose name holds a comma keeps its name, address and commune.
 */

type User = Awaited<ReturnType<TestHub['user']>>;

let source: TestHub;
let target: TestHub;
let sourceModerator: User;
let targetModerator: User;
let sourceActor = '';
let targetActor = '';

/** The fields the round trip keeps, as the public API serves them. */
function kept(event: EventPublic) {
  return {
    title: event.title,
    summary: event.summary,
    description: event.description,
    timeZone: event.timeZone,
    allDay: event.allDay,
    timings: event.timings,
    // iCal apps (ical.js here) write a rule's parts in their own order: the same rule.
    recurrence: event.recurrence === undefined ? undefined : { ...event.recurrence, rrule: event.recurrence.rrule.split(';').sort().join(';') },
    attendanceMode: event.attendanceMode,
    onlineUrl: event.onlineUrl,
    place: event.place,
  };
}

async function verifiedActor(hub: TestHub, moderator: User, name: string): Promise<string> {
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput(name), token: moderator.token });
  expect(actor.status, actor.text).toBe(201);
  const verify = await hub.request({ method: 'POST', url: `/api/v1/actors/${actor.body.id}/verify`, payload: { verified: true }, token: moderator.token });
  expect(verify.status, verify.text).toBe(200);
  return actor.body.id;
}

async function publishedOf(hub: TestHub, actorId: string): Promise<EventPublic[]> {
  const list = await hub.request<{ items: { event: EventPublic }[] }>({ method: 'GET', url: `/api/v1/events?actor=${actorId}&limit=100` });
  expect(list.status, list.text).toBe(200);
  return list.body.items.map((item) => item.event).sort((a, b) => a.title.localeCompare(b.title));
}

async function exportAndImport(from: TestHub, actorId: string, into: TestHub, intoActor: string, moderator: User): Promise<ImportReport> {
  const calendar = await from.request({ method: 'GET', url: `/events.ics?actor=${actorId}` });
  expect(calendar.status).toBe(200);
  const report = await into.request<ImportReport>({ method: 'POST', url: `/api/v1/actors/${intoActor}/import`, payload: { source: 'ical', text: calendar.text }, token: moderator.token });
  expect(report.status, report.text).toBe(200);
  return report.body;
}

const inputs = (actorId: string): EventInput[] => [
  onlineEventInput(actorId, 'Webinaire : les abeilles', '2030-03-10T18:00:00+01:00', '2030-03-10T19:00:00+01:00', { summary: 'Une heure avec une apicultrice.', description: 'Des **abeilles**,\net des questions.' }),
  eventInput(actorId, 'Conférence hybride', '2030-04-02T18:00:00+02:00', '2030-04-02T20:00:00+02:00', { attendanceMode: 'mixed', onlineUrl: 'https://visio.example.org/conference', summary: 'Sur place ou en ligne.' }),
  eventInput(actorId, 'Atelier en deux séances', '2030-05-06T14:00:00+02:00', '2030-05-06T16:00:00+02:00', {
    timings: [
      { start: '2030-05-06T14:00:00+02:00', end: '2030-05-06T16:00:00+02:00' },
      { start: '2030-05-13T09:30:00+02:00', end: '2030-05-13T12:00:00+02:00' },
    ],
    place: { name: 'Muséum, salle des fossiles', address: '6 rue Marcel Proust', postalCode: '45000', commune: 'Orléans', inseeCode: '45234', lat: places.orleans.lat, lon: places.orleans.lon },
  }),
  // All day: a weekend across the autumn DST change (a 49-hour "two days"), and a rule of whole days.
  eventInput(actorId, 'Week-end de la science', '2030-10-26T00:00:00+02:00', '2030-10-28T00:00:00+01:00', { allDay: true }),
  recurringEventInput(actorId, 'Journées portes ouvertes', { start: '2030-06-01T00:00', end: '2030-06-02T00:00', rrule: 'FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3', exdates: ['2030-07-01T00:00'] }, { allDay: true }),
  recurringEventInput(actorId, 'Club du mardi', { start: '2030-03-05T18:00', end: '2030-03-05T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=5', exdates: ['2030-03-12T18:00'] }, { summary: 'Chaque mardi.', description: '# Programme\n\nDes expériences.' }),
];

beforeAll(async () => {
  [source, target] = await Promise.all([startTestHub(), startTestHub()]);
  [sourceModerator, targetModerator] = await Promise.all([source.user('moderator'), target.user('moderator')]);
  sourceActor = await verifiedActor(source, sourceModerator, 'Muséum d’Orléans');
  targetActor = await verifiedActor(target, targetModerator, 'Muséum d’Orléans (copie)');
  for (const input of inputs(sourceActor)) {
    const created = await source.request({ method: 'POST', url: '/api/v1/events?submit=true', payload: input, token: sourceModerator.token });
    expect(created.status, created.text).toBe(201);
  }
});

afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
});

describe('iCal from one hub into another', () => {
  it('brings every event back field by field, one event per event', async () => {
    const report = await exportAndImport(source, sourceActor, target, targetActor, targetModerator);
    expect(report.rejected).toEqual([]);
    expect(report.counts.created).toBe(6);
    const original = (await publishedOf(source, sourceActor)).map(kept);
    const copied = (await publishedOf(target, targetActor)).map(kept);
    expect(copied).toEqual(original);
  });

  it('is stable over a second cycle: nothing grows, nothing changes', async () => {
    const before = (await publishedOf(source, sourceActor)).map(kept);
    // Back into the source hub under a second actor, then once more into the target.
    const again = await verifiedActor(source, sourceModerator, 'Muséum (retour)');
    await exportAndImport(target, targetActor, source, again, sourceModerator);
    expect((await publishedOf(source, again)).map(kept)).toEqual(before);
    const third = await verifiedActor(target, targetModerator, 'Muséum (troisième)');
    const report = await exportAndImport(source, again, target, third, targetModerator);
    expect(report.counts.created).toBe(6);
    expect((await publishedOf(target, third)).map(kept)).toEqual(before);
  });
});

describe('all-day events in the exports', () => {
  it('go out as dates: VALUE=DATE in iCal, schema.org dates (last day inclusive), days in words in the feeds', async () => {
    const weekend = await publishedOfTitle('Week-end de la science');
    const openDays = await publishedOfTitle('Journées portes ouvertes');
    const calendar = (await source.request({ method: 'GET', url: `/events.ics?actor=${sourceActor}` })).text.replaceAll('\r\n ', '');
    expect(calendar).toContain('DTSTART;VALUE=DATE:20301026\r\nDTEND;VALUE=DATE:20301028\r\n');
    expect(calendar).toContain('DTSTART;VALUE=DATE:20300601\r\nDTEND;VALUE=DATE:20300602\r\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3\r\nEXDATE;VALUE=DATE:20300701\r\n');
    const page = (await source.request({ method: 'GET', url: `/events/${weekend.slug}` })).text;
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)?.[1] ?? '{}') as Record<string, unknown>;
    expect(ld).toMatchObject({ startDate: '2030-10-26', endDate: '2030-10-27' });
    expect(page).toMatch(/samedi 26\s*–\s*dimanche 27 octobre 2030/);
    const feed = (await source.request({ method: 'GET', url: `/feed.json?actor=${sourceActor}` })).text;
    expect(feed).toContain('samedi 1 juin 2030 (toute la journée)');
    expect(openDays.allDay).toBe(true);
  });
});

async function publishedOfTitle(title: string): Promise<EventPublic & { slug: string }> {
  const event = (await publishedOf(source, sourceActor)).find((item) => item.title === title);
  if (event === undefined) throw new Error(`${title} is not published`);
  return event as EventPublic & { slug: string };
}

describe('all-day events from a calendar app', () => {
  it('come in as all-day events (VALUE=DATE, DTEND exclusive, or a day by default), in the calendar\'s zone', () => {
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//FR', 'X-WR-TIMEZONE:Europe/Paris',
      'BEGIN:VEVENT', 'UID:fete@example.org', 'DTSTAMP:20300101T000000Z', 'SUMMARY:Fête de la science', 'DTSTART;VALUE=DATE:20301009', 'DTEND;VALUE=DATE:20301012', 'LOCATION:Orléans', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:jour@example.org', 'DTSTAMP:20300101T000000Z', 'SUMMARY:Journée du patrimoine', 'DTSTART;VALUE=DATE:20300921', 'LOCATION:Tours', 'END:VEVENT',
      'END:VCALENDAR', ''].join('\r\n');
    const parsed = parseICal(text, { actorId: sourceActor, defaultTimeZone: 'Europe/Paris' });
    expect(parsed.rejected).toEqual([]);
    expect(parsed.candidates.map((candidate) => [candidate.input.allDay, candidate.input.timeZone, candidate.input.timings])).toEqual([
      [true, 'Europe/Paris', [{ start: '2030-10-09T00:00:00+02:00', end: '2030-10-12T00:00:00+02:00' }]],
      [true, 'Europe/Paris', [{ start: '2030-09-21T00:00:00+02:00', end: '2030-09-22T00:00:00+02:00' }]],
    ]);
  });
});
