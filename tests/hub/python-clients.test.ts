import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { EventInput } from '@constellation/shared';
import { pythonWith, SYSTEM_DEPS } from '../../bin/system-deps.js';
import { actorInput, eventInput, places, recurringEventInput } from './event-inputs.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The hub's open data read by clients the project does not contain: Debian's Python
 * icalendar and vobject (the iCal export), feedparser (RSS and Atom) and pyld (the
 * schema.org JSON-LD of an event page), each a small script in tests/clients/ that
 * fetches over real HTTP from one seeded hub and prints, as JSON, what its library
 * understood. The assertions compare that with what was published: titles, dates and
 * time zones (an all-day event as dates, an event in Guiana's zone), the place (a name
 * holding a comma) and the structured price; Python's own csv module reads the CSV's
 * columns. bin/ensure-system-deps.js (npm test's pretest, .ci/run) installs the
 * libraries; without them this file fails, naming how.
 */

const CLIENTS = fileURLToPath(new URL('../clients/', import.meta.url));
const run = promisify(execFile);

let hub: TestHub;
let base = '';
let python = '';
let actorId = '';
const ids = {} as Record<'paid' | 'weekend' | 'cayenne' | 'club', string>;
const slugs = {} as Record<keyof typeof ids, string>;

/** Runs tests/clients/<script> on the hub's `path` and parses the JSON it prints. */
async function client<T>(script: string, path: string): Promise<T> {
  try {
    const { stdout } = await run(python, [`${CLIENTS}${script}`, `${base}${path}`], { cwd: CLIENTS, timeout: 60_000 });
    return JSON.parse(stdout) as T;
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(`${script} could not read ${path}: ${failed.stderr ?? failed.message}`, { cause: error });
  }
}

async function publish(key: keyof typeof ids, input: EventInput): Promise<void> {
  const moderator = await hub.user('moderator');
  const response = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/events?submit=true', payload: input, token: moderator.token });
  expect(response.status, response.text).toBe(201);
  ids[key] = response.body.id;
  slugs[key] = (response.body as unknown as { slug: string }).slug;
}

const CAYENNE = { name: 'Canopée des sciences', commune: 'Cayenne', postalCode: '97300', inseeCode: '97302', lat: 4.9372, lon: -52.326 };

beforeAll(async () => {
  const found = pythonWith(SYSTEM_DEPS.pythonClients.python ?? []);
  if (found === undefined) {
    throw new Error(`no python3 imports ${SYSTEM_DEPS.pythonClients.python?.join(', ')}: run \`node bin/ensure-system-deps.js --for test\` (Debian: apt-get install -y ${SYSTEM_DEPS.pythonClients.apt.join(' ')})`);
  }
  python = found;
  hub = await startTestHub();
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
  const moderator = await hub.user('moderator');
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput('Muséum d’Orléans'), token: moderator.token });
  expect(actor.status, actor.text).toBe(201);
  actorId = actor.body.id;
  await publish('paid', eventInput(actorId, 'Nuit des étoiles & café', '2030-05-14T18:00:00+02:00', '2030-05-14T20:30:00+02:00', {
    place: { ...places.orleans, name: 'Jardin des plantes, serre tropicale' },
    price: { free: false, amount: 12.5, currency: 'EUR', details: 'Tarif réduit : 8 €' },
    disciplines: ['astronomy'],
  }));
  // Crosses the end of summer time: the second midnight is at +01:00.
  await publish('weekend', eventInput(actorId, 'Week-end de la science', '2030-10-26T00:00:00+02:00', '2030-10-28T00:00:00+01:00', { allDay: true, price: { free: true } }));
  await publish('cayenne', eventInput(actorId, 'Soirée en Guyane', '2030-06-20T19:00:00-03:00', '2030-06-20T21:00:00-03:00', {
    timeZone: 'America/Cayenne',
    place: CAYENNE,
    price: { free: false, details: 'Participation libre' },
  }));
  await publish('club', recurringEventInput(actorId, 'Club d’astronomie du mardi', { start: '2030-03-05T18:00', end: '2030-03-05T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' }));
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

interface IcalWhen {
  kind: 'date' | 'date-time';
  date?: string;
  local?: string;
  utc?: string;
  tzid?: string | null;
}
interface IcalEvent {
  uid: string;
  summary: string;
  start: IcalWhen;
  end: IcalWhen;
  location: string | null;
  geo?: [number, number] | null;
  rrule: string | Record<string, unknown> | null;
  occurrences?: string[];
}

function byUid(events: IcalEvent[], key: keyof typeof ids): IcalEvent {
  const found = events.filter((event) => event.uid.startsWith(ids[key]));
  expect(found, `${key}: one VEVENT`).toHaveLength(1);
  return found[0] as IcalEvent;
}

describe.each(['ical_icalendar.py', 'ical_vobject.py'])('the iCal export read by %s', (script) => {
  let events: IcalEvent[] = [];
  beforeAll(async () => {
    events = (await client<{ events: IcalEvent[] }>(script, '/events.ics')).events;
  });

  it('gives every event with its title, zoned times and place', () => {
    expect(events).toHaveLength(4);
    const paid = byUid(events, 'paid');
    expect(paid.summary).toBe('Nuit des étoiles & café');
    expect(paid.start).toEqual({ kind: 'date-time', local: '2030-05-14T18:00:00', utc: '2030-05-14T16:00:00+00:00', tzid: 'Europe/Paris' });
    expect(paid.end).toMatchObject({ kind: 'date-time', local: '2030-05-14T20:30:00', tzid: 'Europe/Paris' });
    // The comma inside the name is escaped text, not a separator.
    expect(paid.location).toBe('Jardin des plantes, serre tropicale, 6 rue Marcel Proust, 45000 Orléans');
    if (paid.geo !== undefined) expect(paid.geo).toEqual([places.orleans.lat, places.orleans.lon]);
  });

  it('gives an event in another zone with its own VTIMEZONE', () => {
    const cayenne = byUid(events, 'cayenne');
    expect(cayenne.start).toEqual({ kind: 'date-time', local: '2030-06-20T19:00:00', utc: '2030-06-20T22:00:00+00:00', tzid: 'America/Cayenne' });
    expect(cayenne.location).toContain('Cayenne');
  });

  it('gives an all-day event as dates, the end the day after its last', () => {
    const weekend = byUid(events, 'weekend');
    expect(weekend.start).toEqual({ kind: 'date', date: '2030-10-26' });
    expect(weekend.end).toEqual({ kind: 'date', date: '2030-10-28' });
  });

  it('gives a recurring event as one VEVENT with its rule', () => {
    const club = byUid(events, 'club');
    expect(club.start).toMatchObject({ kind: 'date-time', local: '2030-03-05T18:00:00', tzid: 'Europe/Paris' });
    const rule = typeof club.rrule === 'string' ? club.rrule : JSON.stringify(club.rrule);
    expect(rule).toMatch(/FREQ=WEEKLY/);
    expect(rule).toMatch(/COUNT=4/);
    // vobject expands the rule with dateutil: the weekly Tuesdays at 18:00 Paris time.
    if (club.occurrences !== undefined) expect(club.occurrences).toEqual(['2030-03-05T18:00:00+01:00', '2030-03-12T18:00:00+01:00', '2030-03-19T18:00:00+01:00']);
  });
});

interface FeedEntry {
  id: string;
  title: string;
  link: string;
  published: string;
  content: string;
  tags: string[];
}

describe.each(['/feed.rss', '/feed.atom'])('the %s feed read by feedparser', (path) => {
  let feed: { version: string; title: string; links: { rel: string; href: string }[]; entries: FeedEntry[] };
  beforeAll(async () => {
    feed = await client('feed_feedparser.py', path);
  });

  it('is well formed and gives every event with its title, link, date and place in words', () => {
    expect(feed.version).toBe(path.endsWith('rss') ? 'rss20' : 'atom10');
    expect(feed.title).toBe('Echosciences Centre-Val de Loire — agenda');
    expect(feed.entries.map((entry) => entry.title).sort()).toEqual(['Club d’astronomie du mardi', 'Nuit des étoiles & café', 'Soirée en Guyane', 'Week-end de la science']);
    const paid = feed.entries.find((entry) => entry.title === 'Nuit des étoiles & café') as FeedEntry;
    expect(paid.id).toBe(`urn:uuid:${ids.paid}`);
    expect(paid.link).toBe(`http://hub.test/events/${slugs.paid}`);
    expect(paid.content).toContain('14 mai 2030');
    expect(paid.content).toMatch(/mardi 14 mai 2030, 18:00\s–\s20:30/);
    expect(paid.content).toContain('Jardin des plantes, serre tropicale');
    const weekend = feed.entries.find((entry) => entry.title === 'Week-end de la science') as FeedEntry;
    // An all-day event says its days, never a midnight.
    expect(weekend.content).toMatch(/samedi 26\s–\sdimanche 27 octobre 2030/);
    expect(weekend.content).not.toMatch(/00:00|minuit/);
    const cayenne = feed.entries.find((entry) => entry.title === 'Soirée en Guyane') as FeedEntry;
    // The time on Cayenne's clock, where the event is.
    expect(cayenne.content).toMatch(/20 juin 2030, 19:00\s–\s21:00/);
  });
});

interface JsonLdReading {
  name: string;
  startDate: string;
  endDate: string;
  free: boolean | null;
  places: { type: string; name: string | null; locality: string | null; postalCode: string | null; region: string | null }[];
  offers: { price: number | string | null; currency: string | null; description: string | null }[];
  schedule: { repeatFrequency: string | null; startDate: string | null }[];
}

describe('the schema.org JSON-LD of event pages read by pyld', () => {
  it('gives a paid event its zoned dates, place with region, and price in euros', async () => {
    const paid = await client<JsonLdReading>('jsonld_pyld.py', `/events/${slugs.paid}`);
    expect(paid.name).toBe('Nuit des étoiles & café');
    expect(paid.startDate).toBe('2030-05-14T18:00:00+02:00');
    expect(paid.endDate).toBe('2030-05-14T20:30:00+02:00');
    expect(paid.places).toEqual([{ type: 'https://schema.org/Place', name: 'Jardin des plantes, serre tropicale', locality: 'Orléans', postalCode: '45000', region: 'Centre-Val de Loire', url: null }]);
    expect(paid.offers).toEqual([{ price: 12.5, currency: 'EUR', description: 'Tarif réduit : 8 €' }]);
    expect(paid.free).toBe(false);
  });

  it('gives an all-day event dates (its last day as the end) and a free price', async () => {
    const weekend = await client<JsonLdReading>('jsonld_pyld.py', `/events/${slugs.weekend}`);
    expect(weekend.startDate).toBe('2030-10-26');
    expect(weekend.endDate).toBe('2030-10-27');
    expect(weekend.offers).toEqual([{ price: 0, currency: 'EUR', description: null }]);
    expect(weekend.free).toBe(true);
  });

  it('gives an event in Guiana its own offset, and a donation as words without a number', async () => {
    const cayenne = await client<JsonLdReading>('jsonld_pyld.py', `/events/${slugs.cayenne}`);
    expect(cayenne.startDate).toBe('2030-06-20T19:00:00-03:00');
    expect(cayenne.offers).toEqual([{ price: null, currency: null, description: 'Participation libre' }]);
  });

  it('gives a recurring event its schedule', async () => {
    const club = await client<JsonLdReading>('jsonld_pyld.py', `/events/${slugs.club}`);
    expect(club.schedule).toHaveLength(1);
    expect(club.schedule[0]?.repeatFrequency).toBe('P1W');
  });
});

describe('the CSV export read by Python’s csv module', () => {
  it('carries whole days and the structured price in their own columns', async () => {
    const rows = await client<Record<string, string>[]>('csv_stdlib.py', '/events.csv');
    const row = (key: keyof typeof ids) => rows.find((item) => item.id === ids[key]);
    expect(row('paid')).toMatchObject({ title: 'Nuit des étoiles & café', all_day: 'false', free: 'false', price_amount: '12.5', price_currency: 'EUR', price_details: 'Tarif réduit : 8 €', place_name: 'Jardin des plantes, serre tropicale' });
    expect(row('weekend')).toMatchObject({ all_day: 'true', free: 'true', price_amount: '', price_currency: '', start: '2030-10-26T00:00:00+02:00', end: '2030-10-28T00:00:00+01:00' });
    expect(row('cayenne')).toMatchObject({ free: 'false', price_amount: '', price_details: 'Participation libre', time_zone: 'America/Cayenne', start: '2030-06-20T19:00:00-03:00' });
  });
});
