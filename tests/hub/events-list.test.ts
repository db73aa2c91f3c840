import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { EventInput } from '@constellation/shared';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, articleInput, eventInput, KM_IN_LAT, onlineEventInput, places, recurringEventInput, sqlite } from './event-inputs.ts';

/*
 * GET /api/v1/events: events with an occurrence in a time window, one item per event
 * (its first occurrence in the window), filtered by place and facets, in occurrence
 * start order then id, paged by keyset. Each describe block puts its events in a time
 * window of its own, so blocks do not see each other's events.
 *
 * Window convention (what the code does): an occurrence is in [from, to) when it
 * overlaps it, i.e. start < to and end > from. An occurrence ending exactly at `from`
 * is out, one starting exactly at `to` is out. An instant-long occurrence (start = end)
 * at `from` is in, so consecutive windows [a, b), [b, c) find every occurrence exactly
 * once. A bare date as `from` is that day at 00:00Z; as `to` it is inclusive (to the
 * end of that day in UTC).
 */

type User = Awaited<ReturnType<TestHub['user']>>;
interface Item {
  event: { id: string; title: string; recurrence?: unknown };
  occurrence: { start: string; end: string };
}
interface Page {
  items: Item[];
  next: string | null;
}
interface ErrorBody {
  error: string;
  field?: string;
}

let hub: TestHub;
let moderator: User;
let actorA: string;
let actorB: string;

async function publish(input: EventInput): Promise<ContentView> {
  const response = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/events?submit=true', payload: input, token: moderator.token });
  expect(response.status, response.text).toBe(201);
  expect(response.body.status).toBe('published');
  return response.body;
}

async function list(query: Record<string, string | number | boolean>): Promise<{ status: number; body: Page & ErrorBody; text: string }> {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]));
  return hub.request<Page & ErrorBody>({ method: 'GET', url: `/api/v1/events?${search.toString()}` });
}

/** Titles of the events a query lists (all on one page), in list order. */
async function titles(query: Record<string, string | number | boolean>): Promise<string[]> {
  const response = await list({ limit: 100, ...query });
  expect(response.status, response.text).toBe(200);
  expect(response.body.next).toBeNull();
  return response.body.items.map((item) => item.event.title);
}

/** Epoch ms as the list writes instants: RFC 3339 in UTC, whole seconds. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function refused(query: Record<string, string | number | boolean>): Promise<ErrorBody> {
  const response = await list(query);
  expect(response.status, response.text).toBe(400);
  return response.body;
}

beforeAll(async () => {
  hub = await startTestHub();
  moderator = await hub.user('moderator');
  for (const name of ['Muséum d’Orléans', 'Université de Tours']) {
    const response = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput(name), token: moderator.token });
    expect(response.status).toBe(201);
    if (actorA === undefined) actorA = response.body.id;
    else actorB = response.body.id;
  }
});

afterAll(async () => {
  await hub.close();
});

describe('a weekly recurrence across the DST changes', () => {
  const recurrence = { start: '2026-03-03T18:00', end: '2026-03-03T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261124', exdates: ['2026-04-07T18:00'] };
  let id: string;

  beforeAll(async () => {
    id = (await publish(recurringEventInput(actorA, 'Club d’astronomie du mardi', recurrence))).id;
  });

  // 18:00 in Paris is 17:00Z in winter (UTC+1) and 16:00Z in summer (UTC+2); the changes are on 29 March and 25 October 2026.
  it.each([
    ['the last Tuesday before spring forward', '2026-03-24', '2026-03-24T17:00:00Z', '2026-03-24T19:00:00Z'],
    ['the first Tuesday after spring forward', '2026-03-31', '2026-03-31T16:00:00Z', '2026-03-31T18:00:00Z'],
    ['the last Tuesday before fall back', '2026-10-20', '2026-10-20T16:00:00Z', '2026-10-20T18:00:00Z'],
    ['the first Tuesday after fall back', '2026-10-27', '2026-10-27T17:00:00Z', '2026-10-27T19:00:00Z'],
  ])('lists %s at 18:00 Paris time', async (_name, day, start, end) => {
    const response = await list({ from: day, to: day });
    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => [item.event.id, item.occurrence])).toEqual([[id, { start, end }]]);
    // The event keeps its rule, not the expansion.
    expect(response.body.items[0]?.event.recurrence).toEqual(recurrence);
  });

  it('gives the first occurrence in a window that spans a DST change', async () => {
    const response = await list({ from: '2026-03-25', to: '2026-04-02' });
    expect(response.body.items.map((item) => item.occurrence.start)).toEqual(['2026-03-31T16:00:00Z']);
    const autumn = await list({ from: '2026-10-21', to: '2026-10-31' });
    expect(autumn.body.items.map((item) => item.occurrence.start)).toEqual(['2026-10-27T17:00:00Z']);
  });

  it('leaves out exactly the week of the EXDATE', async () => {
    expect((await list({ from: '2026-04-07', to: '2026-04-07' })).body.items).toEqual([]);
    expect((await list({ from: '2026-04-01', to: '2026-04-13' })).body.items).toEqual([]);
    expect((await list({ from: '2026-04-01', to: '2026-04-14' })).body.items.map((item) => item.occurrence.start)).toEqual(['2026-04-14T16:00:00Z']);

    // Every Tuesday from 3 March to 24 November but 7 April, at 18:00 Paris time.
    const expected: number[] = [];
    for (let day = Date.UTC(2026, 2, 3); day <= Date.UTC(2026, 10, 24); day += 7 * 86_400_000) {
      if (day === Date.UTC(2026, 3, 7)) continue;
      const summer = day > Date.UTC(2026, 2, 29) && day < Date.UTC(2026, 9, 25);
      expected.push(day + (summer ? 16 : 17) * 3_600_000);
    }
    expect(expected).toHaveLength(38);
    const stored = sqlite(hub).prepare('SELECT start, "end" FROM event_occurrences WHERE event_id = ? ORDER BY start').all(id) as { start: number; end: number }[];
    expect(stored.map((row) => row.start)).toEqual(expected);
    for (const row of stored) expect(row.end - row.start).toBe(2 * 3_600_000);
  });
});

describe('events with timings', () => {
  beforeAll(async () => {
    await publish({
      ...eventInput(actorA, 'Ateliers en deux séances', '2027-02-10T14:00:00+01:00', '2027-02-10T16:00:00+01:00'),
      timings: [
        { start: '2027-02-10T14:00:00+01:00', end: '2027-02-10T16:00:00+01:00' },
        { start: '2027-02-12T14:00:00+01:00', end: '2027-02-12T16:00:00+01:00' },
      ],
    });
    await publish(eventInput(actorA, 'Exposition de trois jours', '2027-02-20T10:00:00Z', '2027-02-22T18:00:00Z', { format: 'exhibition' }));
  });

  it('lists an event once, at its first timing in the window', async () => {
    const both = await list({ from: '2027-02-10', to: '2027-02-12' });
    expect(both.body.items.map((item) => [item.event.title, item.occurrence])).toEqual([['Ateliers en deux séances', { start: '2027-02-10T13:00:00Z', end: '2027-02-10T15:00:00Z' }]]);
    const second = await list({ from: '2027-02-11', to: '2027-02-12' });
    expect(second.body.items.map((item) => item.occurrence.start)).toEqual(['2027-02-12T13:00:00Z']);
    expect(await titles({ from: '2027-02-11', to: '2027-02-11' })).toEqual([]);
  });

  it('lists an event in progress at `from` with the occurrence that started before it', async () => {
    const response = await list({ from: '2027-02-21', to: '2027-02-21' });
    expect(response.body.items.map((item) => [item.event.title, item.occurrence])).toEqual([['Exposition de trois jours', { start: '2027-02-20T10:00:00Z', end: '2027-02-22T18:00:00Z' }]]);
  });
});

describe('the time window edges', () => {
  beforeAll(async () => {
    await publish(eventInput(actorA, 'Conférence de 10 h', '2027-01-10T10:00:00Z', '2027-01-10T12:00:00Z'));
    await publish(eventInput(actorA, 'Lancement de ballon-sonde', '2027-01-15T09:00:00Z', '2027-01-15T09:00:00Z'));
    await publish(eventInput(actorA, 'Soirée passée', '2025-06-01T18:00:00Z', '2025-06-01T20:00:00Z'));
  });

  it('leaves out an occurrence that ends exactly at `from` and one that starts exactly at `to`', async () => {
    expect(await titles({ from: '2027-01-10T12:00:00Z', to: '2027-01-11' })).toEqual([]);
    expect(await titles({ from: '2027-01-10T11:59:59Z', to: '2027-01-11' })).toEqual(['Conférence de 10 h']);
    expect(await titles({ from: '2027-01-09', to: '2027-01-10T10:00:00Z' })).toEqual([]);
    expect(await titles({ from: '2027-01-09', to: '2027-01-10T10:00:01Z' })).toEqual(['Conférence de 10 h']);
    // Offsets are honoured: 11:00+01:00 is 10:00Z.
    expect(await titles({ from: '2027-01-09', to: '2027-01-10T11:00:00+01:00' })).toEqual([]);
  });

  it('reads a bare `to` date as inclusive and a bare `from` date as its midnight UTC', async () => {
    expect(await titles({ from: '2027-01-09', to: '2027-01-10' })).toEqual(['Conférence de 10 h']);
    expect(await titles({ from: '2027-01-11', to: '2027-01-12' })).toEqual([]);
    expect(await titles({ from: '2027-01-10', to: '2027-01-10' })).toEqual(['Conférence de 10 h']);
  });

  it('finds an instant-long occurrence in exactly one of two consecutive windows', async () => {
    expect(await titles({ from: '2027-01-15T08:00:00Z', to: '2027-01-15T09:00:00Z' })).toEqual([]);
    expect(await titles({ from: '2027-01-15T09:00:00Z', to: '2027-01-15T10:00:00Z' })).toEqual(['Lancement de ballon-sonde']);
    expect(await titles({ from: '2027-01-15', to: '2027-01-15' })).toEqual(['Lancement de ballon-sonde']);
  });

  it('starts the window now when no `from` is given', async () => {
    expect(await titles({ from: '2025-06-01', to: '2025-06-30' })).toEqual(['Soirée passée']);
    // `to` in the past is before the default `from`.
    expect(await refused({ to: '2025-06-30' })).toMatchObject({ field: 'query.to' });
    const upcoming = await list({ limit: 100 });
    expect(upcoming.status).toBe(200);
    expect(upcoming.body.items.map((item) => item.event.title)).not.toContain('Soirée passée');
  });

  it('refuses a window that ends before it starts, and dates it cannot read', async () => {
    expect(await refused({ from: '2027-01-10', to: '2027-01-09' })).toMatchObject({ field: 'query.to' });
    expect(await refused({ from: 'demain' })).toMatchObject({ field: 'query.from' });
    expect(await refused({ from: '2027-01-09', to: '2027-13-45' })).toMatchObject({ field: 'query.to' });
  });
});

describe('the list follows the content', () => {
  it('moves an event when a published edit changes its dates, and drops it when it leaves publication', async () => {
    const view = await publish(eventInput(actorA, 'Atelier déplacé', '2027-08-03T14:00:00Z', '2027-08-03T16:00:00Z'));
    expect(await titles({ from: '2027-08-01', to: '2027-08-31' })).toEqual(['Atelier déplacé']);

    const moved = await hub.request({ method: 'PUT', url: `/api/v1/events/${view.id}`, payload: eventInput(actorA, 'Atelier déplacé', '2027-08-24T14:00:00Z', '2027-08-24T16:00:00Z'), token: moderator.token });
    expect(moved.status).toBe(200);
    expect(await titles({ from: '2027-08-01', to: '2027-08-10' })).toEqual([]);
    const response = await list({ from: '2027-08-01', to: '2027-08-31' });
    expect(response.body.items.map((item) => item.occurrence.start)).toEqual(['2027-08-24T14:00:00Z']);

    expect((await hub.request({ method: 'POST', url: `/api/v1/events/${view.id}/unpublish`, token: moderator.token })).status).toBe(200);
    expect(await titles({ from: '2027-08-01', to: '2027-08-31' })).toEqual([]);
    expect(await titles({ from: '2027-08-01', to: '2027-08-31', q: 'deplace' })).toEqual([]);
    const indexed = sqlite(hub).prepare('SELECT (SELECT count(*) FROM events_index WHERE id = @id) + (SELECT count(*) FROM event_occurrences WHERE event_id = @id) AS n').get({ id: view.id }) as { n: number };
    expect(indexed.n).toBe(0);
  });
});

describe('place filters', () => {
  const orleans = places.orleans;
  const window = { from: '2027-03-01', to: '2027-03-07' };
  const east = (km: number) => ({ name: `À ${km} km à l’est`, lat: orleans.lat, lon: orleans.lon + (km * KM_IN_LAT) / Math.cos((orleans.lat * Math.PI) / 180) });
  const north = (km: number) => ({ name: `À ${km} km au nord`, lat: orleans.lat + km * KM_IN_LAT, lon: orleans.lon });

  beforeAll(async () => {
    const at = (title: string, day: number, place: EventInput['place']) =>
      publish(eventInput(actorA, title, `2027-03-0${day}T18:00:00+01:00`, `2027-03-0${day}T20:00:00+01:00`, { place }));
    await at('Orléans centre', 1, { ...orleans });
    await at('Nord 5 km', 2, north(5));
    await at('Nord 20 km', 3, north(20));
    await at('Est 8 km', 4, east(8));
    await at('Est 12 km', 5, east(12));
    await at('Strasbourg', 6, { ...places.strasbourg });
    await publish(onlineEventInput(actorA, 'Webinaire sans lieu', '2027-03-07T12:00:00+01:00', '2027-03-07T13:00:00+01:00'));
  });

  it('keeps the events inside a bbox (west,south,east,north); events without coordinates are outside every box', async () => {
    // Est 8 km is at longitude 2.011, Est 12 km at 2.065; Nord 20 km at latitude 48.082.
    expect(await titles({ ...window, bbox: '1.8,47.8,2.05,48.0' })).toEqual(['Orléans centre', 'Nord 5 km', 'Est 8 km']);
    expect(await titles({ ...window, bbox: '1.8,47.8,2.0,48.0' })).toEqual(['Orléans centre', 'Nord 5 km']);
    expect(await titles({ ...window, bbox: '7.7,48.5,7.8,48.6' })).toEqual(['Strasbourg']);
    expect(await titles({ ...window, bbox: '-180,-90,180,90' })).toHaveLength(6);
  });

  it('keeps the events within radius km of `near`, in longitude too (5 km in, 20 km out with radius 10)', async () => {
    const near = `${orleans.lat},${orleans.lon}`;
    expect(await titles({ ...window, near, radius: 10 })).toEqual(['Orléans centre', 'Nord 5 km', 'Est 8 km']);
    expect(await titles({ ...window, near })).toEqual(['Orléans centre', 'Nord 5 km', 'Est 8 km']);
    expect(await titles({ ...window, near, radius: 4 })).toEqual(['Orléans centre']);
    expect(await titles({ ...window, near, radius: 25 })).toEqual(['Orléans centre', 'Nord 5 km', 'Nord 20 km', 'Est 8 km', 'Est 12 km']);
  });

  it('refuses a bbox with west > east, a malformed bbox, a radius without near, and an impossible point', async () => {
    expect(await refused({ ...window, bbox: '2.0,47.8,1.8,48.0' })).toMatchObject({ error: 'bad_request', field: 'query.bbox' });
    expect(await refused({ ...window, bbox: '1.8,48.0,2.0,47.8' })).toMatchObject({ field: 'query.bbox' });
    expect(await refused({ ...window, bbox: '1.8,47.8,2.0' })).toMatchObject({ field: 'query.bbox' });
    expect(await refused({ ...window, radius: 10 })).toMatchObject({ field: 'query.radius' });
    expect(await refused({ ...window, near: '95,1.9' })).toMatchObject({ field: 'query.near' });
    expect(await refused({ ...window, near: 'orleans' })).toMatchObject({ field: 'query.near' });
    expect(await refused({ ...window, near: `${orleans.lat},${orleans.lon}`, radius: 501 })).toMatchObject({ field: 'query.radius' });
  });
});

describe('facet filters', () => {
  const window = { from: '2027-04-01', to: '2027-04-07' };

  beforeAll(async () => {
    const physics = await publish(
      eventInput(actorA, 'Physique pour les enfants', '2027-04-01T14:00:00+02:00', '2027-04-01T16:00:00+02:00', {
        disciplines: ['physics'],
        audiences: ['children'],
        accessibility: ['motor', 'hearing'],
        format: 'workshop',
        price: { free: true },
        campaign: 'fete-de-la-science-2027',
      }),
    );
    await publish(
      onlineEventInput(actorB, 'Biologie en ligne', '2027-04-02T14:00:00+02:00', '2027-04-02T16:00:00+02:00', {
        disciplines: ['biology', 'ecology'],
        audiences: ['adults', 'families'],
        accessibility: ['motor'],
        format: 'conference',
        price: { free: false, details: '5 €' },
      }),
    );
    await publish(
      eventInput(actorA, 'Exposition mixte', '2027-04-03T14:00:00+02:00', '2027-04-03T16:00:00+02:00', {
        format: 'exhibition',
        attendanceMode: 'mixed',
        onlineUrl: 'https://visite.museum.example/direct',
        campaign: 'nuit-des-musees-2027',
      }),
    );
    // A campaign is public (and filterable) once the coordinator labels it; the other stays a submission.
    const coordinator = await hub.user('coordinator');
    const labelled = await hub.request({ method: 'POST', url: `/api/v1/campaign-submissions/${physics.id}/label`, token: coordinator.token });
    expect(labelled.status, labelled.text).toBe(200);
  });

  it.each([
    ['discipline (one)', { discipline: 'physics' }, ['Physique pour les enfants']],
    ['discipline (any of)', { discipline: 'physics,ecology' }, ['Physique pour les enfants', 'Biologie en ligne']],
    ['discipline (none)', { discipline: 'chemistry' }, []],
    ['audience (one)', { audience: 'families' }, ['Biologie en ligne']],
    ['audience (any of)', { audience: 'children,adults' }, ['Physique pour les enfants', 'Biologie en ligne']],
    ['accessibility (one)', { accessibility: 'motor' }, ['Physique pour les enfants', 'Biologie en ligne']],
    ['accessibility (all of)', { accessibility: 'motor,hearing' }, ['Physique pour les enfants']],
    ['accessibility (unmet)', { accessibility: 'hearing,visual' }, []],
    ['format (list)', { format: 'workshop,exhibition' }, ['Physique pour les enfants', 'Exposition mixte']],
    ['format (one)', { format: 'conference' }, ['Biologie en ligne']],
    ['free', { free: true }, ['Physique pour les enfants']],
    ['not free (no price counts as not free)', { free: false }, ['Biologie en ligne', 'Exposition mixte']],
    ['online (online or mixed)', { online: true }, ['Biologie en ligne', 'Exposition mixte']],
    ['in person only', { online: false }, ['Physique pour les enfants']],
    ['actor A', { actor: '' }, ['Physique pour les enfants', 'Exposition mixte']],
    ['actor B', { actor: 'B' }, ['Biologie en ligne']],
    ['campaign', { campaign: 'fete-de-la-science-2027' }, ['Physique pour les enfants']],
    ['campaign (submitted, not labelled)', { campaign: 'nuit-des-musees-2027' }, []],
    ['several filters at once', { actor: '', format: 'workshop', free: true, discipline: 'physics' }, ['Physique pour les enfants']],
  ] as [string, Record<string, string | boolean>, string[]][])('filters by %s', async (_name, filter, expected) => {
    const query: Record<string, string | boolean> = { ...window, ...filter };
    if ('actor' in filter) query.actor = filter.actor === 'B' ? actorB : actorA;
    expect(await titles(query)).toEqual(expected);
  });

  it('lists all three without filters, in start order', async () => {
    expect(await titles(window)).toEqual(['Physique pour les enfants', 'Biologie en ligne', 'Exposition mixte']);
  });

  it('refuses unknown vocabulary values, naming the query field', async () => {
    expect(await refused({ ...window, discipline: 'alchemy' })).toMatchObject({ error: 'bad_request', field: 'query.discipline' });
    expect(await refused({ ...window, discipline: 'physics,alchemy' })).toMatchObject({ field: 'query.discipline' });
    expect(await refused({ ...window, discipline: ',' })).toMatchObject({ field: 'query.discipline' });
    expect(await refused({ ...window, audience: 'grown-ups' })).toMatchObject({ field: 'query.audience' });
    expect(await refused({ ...window, accessibility: 'wheelchair' })).toMatchObject({ field: 'query.accessibility' });
    expect(await refused({ ...window, format: 'concert' })).toMatchObject({ field: 'query.format' });
    expect(await refused({ ...window, actor: 'not-an-id' })).toMatchObject({ field: 'query.actor' });
    expect(await refused({ ...window, free: 'maybe' })).toMatchObject({ field: 'query.free' });
    expect(await refused({ ...window, campaign: 'Fête de la science' })).toMatchObject({ field: 'query.campaign' });
  });
});

describe('full-text search', () => {
  const window = { from: '2027-07-01', to: '2027-07-31' };

  beforeAll(async () => {
    await publish(eventInput(actorA, 'Événement astronomie', '2027-07-01T21:00:00+02:00', '2027-07-01T23:00:00+02:00', { description: 'Observation au télescope des anneaux de Saturne.' }));
    await publish(eventInput(actorA, 'Conférence chimie', '2027-07-02T18:00:00+02:00', '2027-07-02T20:00:00+02:00'));
    // Not public: a draft must not be found.
    const draft = await hub.request({ method: 'POST', url: '/api/v1/events', payload: eventInput(actorA, 'Événement brouillon', '2027-07-03T18:00:00+02:00', '2027-07-03T20:00:00+02:00'), token: moderator.token });
    expect(draft.status).toBe(201);
  });

  it.each([
    ['without accents', 'evenement'],
    ['in capitals with accents', 'ÉVÉNEMENT'],
    ['as a prefix', 'eveneme'],
    ['in the description', 'telescope'],
    ['two words, both required', 'evenement saturne'],
  ])('finds "Événement" %s', async (_name, q) => {
    expect(await titles({ ...window, q })).toEqual(['Événement astronomie']);
  });

  it('needs every word to match', async () => {
    expect(await titles({ ...window, q: 'evenement chimie' })).toEqual([]);
    expect(await titles({ ...window, q: 'chimie' })).toEqual(['Conférence chimie']);
  });

  it.each([['"AND OR NEAR('], ['*'], ['"'], ['title:chimie'], ['NOT'], ['(('], ['événement"*']])('answers 200, not 500, to the FTS syntax %s', async (q) => {
    const response = await list({ ...window, q });
    expect(response.status, response.text).toBe(200);
    expect(Array.isArray(response.body.items)).toBe(true);
  });

  it('combines search with the other filters', async () => {
    expect(await titles({ ...window, q: 'evenement', format: 'conference' })).toEqual([]);
    expect(await titles({ ...window, q: 'evenement', format: 'workshop' })).toEqual(['Événement astronomie']);
  });
});

describe('pagination', () => {
  const starts: { id: string; start: string }[] = [];

  beforeAll(async () => {
    // 45 events in September 2027, three at each start time (so ties are broken by id)...
    for (let n = 0; n < 45; n += 1) {
      const start = Date.UTC(2027, 8, 1 + Math.floor(n / 3), 17, 0);
      starts.push({ id: (await publish(eventInput(actorA, `Séance ${n}`, rfc3339(start), rfc3339(start + 2 * 3_600_000)))).id, start: rfc3339(start) });
    }
    // ...and 56 more in October, to go over the 100 cap.
    for (let n = 0; n < 56; n += 1) {
      const start = Date.UTC(2027, 9, 1 + (n % 28), 8 + Math.floor(n / 28), 0);
      await publish(eventInput(actorA, `Octobre ${n}`, rfc3339(start), rfc3339(start + 3_600_000)));
    }
  });

  it('pages 45 events by 20 as 20, 20, 5, in start then id order, without duplicates or gaps', async () => {
    const pages: Item[][] = [];
    let cursor: string | null = null;
    do {
      const response = await list({ from: '2027-09-01', to: '2027-09-30', limit: 20, ...(cursor === null ? {} : { cursor }) });
      expect(response.status, response.text).toBe(200);
      pages.push(response.body.items);
      cursor = response.body.next;
    } while (cursor !== null && pages.length < 10);
    expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);

    const listed = pages.flat().map((item) => ({ id: item.event.id, start: item.occurrence.start }));
    const expected = [...starts].sort((a, b) => (a.start === b.start ? (a.id < b.id ? -1 : 1) : a.start < b.start ? -1 : 1));
    expect(listed).toEqual(expected);
    expect(new Set(listed.map((item) => item.id)).size).toBe(45);
  });

  it('clamps limit to 100', async () => {
    const first = await list({ from: '2027-09-01', to: '2027-10-31', limit: 1000 });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(100);
    expect(first.body.next).not.toBeNull();
    const rest = await list({ from: '2027-09-01', to: '2027-10-31', limit: 1000, cursor: first.body.next ?? '' });
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.next).toBeNull();
    expect(first.body.items.map((item) => item.event.id)).not.toContain(rest.body.items[0]?.event.id);
    // Twenty by default.
    expect((await list({ from: '2027-09-01', to: '2027-10-31' })).body.items).toHaveLength(20);
    expect(await refused({ from: '2027-09-01', limit: 0 })).toMatchObject({ field: 'query.limit' });
  });

  it('refuses a cursor from another list, and one that is not a cursor', async () => {
    for (const title of ['Premier article', 'Second article']) {
      const response = await hub.request({ method: 'POST', url: '/api/v1/articles?submit=true', payload: articleInput(actorA, title), token: moderator.token });
      expect(response.status).toBe(201);
    }
    const articles = await hub.request<{ next: string | null }>({ method: 'GET', url: '/api/v1/articles?limit=1' });
    expect(articles.body.next).toEqual(expect.any(String));
    expect(await refused({ from: '2027-09-01', cursor: articles.body.next ?? '' })).toMatchObject({ error: 'bad_request', field: 'query.cursor' });
    expect(await refused({ from: '2027-09-01', cursor: 'not-a-cursor' })).toMatchObject({ field: 'query.cursor' });
    expect(await refused({ from: '2027-09-01', cursor: Buffer.from('[1,2]').toString('base64url') })).toMatchObject({ field: 'query.cursor' });

    // And the other way round: an event cursor is no article cursor.
    const events = await list({ from: '2027-09-01', limit: 1 });
    const wrong = await hub.request<ErrorBody>({ method: 'GET', url: `/api/v1/articles?cursor=${events.body.next ?? ''}` });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('query.cursor');
  });
});
