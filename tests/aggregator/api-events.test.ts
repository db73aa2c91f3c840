import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPublic } from '@constellation/shared';
import { DAY, HOUR, HUBS, makeEvent, PLACES, queryOf, random, referenceList, startNational, type NationalApi, type Reference } from './api-support.ts';

/*
 * GET /api/v1/events and /api/v1/events/:hub/:id against a real national store: every
 * filter gives what a plain scan of the published events gives, pages chain without gaps
 * or repeats, a suspended hub's events leave at once, and duplicates are listed once.
 */

interface Item {
  event: EventPublic;
  occurrence: { start: string; end: string };
  provenance: { hub: string; hubName: string; url: string; syncedAt: string; sources?: { hub: string; id: string; url: string; hubName: string }[]; duplicateOf?: { hub: string; id: string } };
}

interface Page {
  items: Item[];
  next: string | null;
}

let national: NationalApi;
const UMBRELLA = '01890a5d-ac96-774b-bcce-b302099a8057';
let events: EventPublic[] = [];
const base = Date.now() - (Date.now() % HOUR);
const window = { from: base - 20 * DAY, to: base + 60 * DAY };

/** Events the national list hides: copies of an event listed under another, shown, hub. */
function hiddenCopies(shown: ReadonlySet<string> = new Set(HUBS.map((hub) => hub.id))): Set<string> {
  const rows = national.store.sqlite
    .prepare('SELECT r.hub, r.id, t.hub AS twin FROM events_index e JOIN records r ON r.row_id = e.row_id JOIN events_index t ON t.row_id = e.duplicate_of')
    .all() as { hub: string; id: string; twin: string }[];
  return new Set(rows.filter((row) => shown.has(row.twin)).map((row) => `${row.hub}/${row.id}`));
}

function expected(filter: Reference, shown: ReadonlySet<string> = new Set(HUBS.map((hub) => hub.id))): string[] {
  const hidden = hiddenCopies(shown);
  return referenceList(events, filter, base, (event) => shown.has(event.hub) && !hidden.has(`${event.hub}/${event.id}`))
    .map((entry) => `${new Date(entry.start).toISOString()} ${entry.event.hub}/${entry.event.id}`)
    .sort();
}

async function listAll(query: string, limit = 100): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 500; guard += 1) {
    const response: { status: number; text: string; body: Page } = await national.request<Page>(`/api/v1/events?${query}&limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(response.status, response.text).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.next;
    if (cursor === null) return items;
  }
  throw new Error('the list never ended');
}

function keys(items: readonly Item[]): string[] {
  return items.map((item) => `${new Date(item.occurrence.start).toISOString()} ${item.event.hub}/${item.event.id}`).sort();
}

beforeAll(async () => {
  national = await startNational();
  const next = random(20_260_501);
  // Every seventh event is part of an umbrella (a village des sciences), on whichever hub.
  events = Array.from({ length: 400 }, (_, index) => makeEvent(next, base, index % 7 === 3 ? { overrides: { parentEventId: UMBRELLA } } : {}));
  national.publish(events);
});

afterAll(async () => {
  await national?.close();
});

describe('the national event list', () => {
  it('lists each visible event once, by its first occurrence in the window', async () => {
    const items = await listAll(queryOf(window));
    expect(items.length).toBeGreaterThan(100);
    expect(keys(items)).toEqual(expected(window));
    const starts = items.map((item) => Date.parse(item.occurrence.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const item of items) {
      const hub = HUBS.find((candidate) => candidate.id === item.event.hub);
      expect(item.provenance).toMatchObject({ hub: hub?.id, hubName: hub?.name, url: item.event.url });
      expect(item.provenance.url.startsWith(hub?.baseUrl ?? '?')).toBe(true);
    }
  });

  const actor = () => events[0]?.actorId ?? '';
  const filters: [string, () => Reference][] = [
    ['a narrow time window', () => ({ from: base, to: base + 3 * DAY })],
    ['a window in the past', () => ({ from: base - 15 * DAY, to: base - 5 * DAY })],
    ['bbox (the Loire valley)', () => ({ ...window, bbox: [0, 47, 2.5, 48.5] })],
    ['near + radius (Strasbourg, 20 km)', () => ({ ...window, near: { lat: 48.58, lon: 7.75, radius: 20 } })],
    ['discipline (any of)', () => ({ ...window, discipline: ['astronomy', 'biology'] })],
    ['audience (any of)', () => ({ ...window, audience: ['children'] })],
    ['format (any of)', () => ({ ...window, format: ['workshop', 'conference'] })],
    ['accessibility (all of)', () => ({ ...window, accessibility: ['motor', 'hearing'] })],
    ['free', () => ({ ...window, free: true })],
    ['not free', () => ({ ...window, free: false })],
    ['online', () => ({ ...window, online: true })],
    ['in person only', () => ({ ...window, online: false })],
    ['actor', () => ({ ...window, actor: actor() })],
    ['campaign', () => ({ ...window, campaign: 'fete-de-la-science-2026' })],
    ['parent (an umbrella\'s programme)', () => ({ ...window, parent: UMBRELLA })],
    ['region of the hub', () => ({ ...window, region: ['44', '84'] })],
    ['hub', () => ({ ...window, hub: ['centre-val-de-loire'] })],
    ['text, accents ignored', () => ({ ...window, q: 'etoiles' })],
    ['text, every word, the last as a prefix', () => ({ ...window, q: 'café sci' })],
    ['text in the place', () => ({ ...window, q: 'strasbourg' })],
    ['several at once', () => ({ ...window, bbox: [-5, 42, 8, 51], format: ['workshop', 'exhibition', 'festival', 'conference'], free: true, region: ['24', '84'] })],
  ];
  for (const [name, filter] of filters) {
    it(`narrows by ${name} as a plain scan does`, async () => {
      const reference = filter();
      const want = expected(reference);
      const got = keys(await listAll(queryOf(reference, reference.q === undefined ? {} : { sort: 'date' })));
      expect(got).toEqual(want);
      expect(want.length).toBeLessThan(expected(window).length);
    });
  }

  it('chains pages without gaps or repeats, in key order and in date walks', async () => {
    for (const query of [queryOf(window), queryOf({ ...window, bbox: [-5, 42, 9, 51] }), queryOf({ ...window, q: 'atelier' })]) {
      const small = await listAll(query, 7);
      const large = await listAll(query, 100);
      expect(small.map((item) => `${item.event.hub}/${item.event.id}`)).toEqual(large.map((item) => `${item.event.hub}/${item.event.id}`));
      expect(new Set(small.map((item) => `${item.event.hub}/${item.event.id}`)).size).toBe(small.length);
    }
  });

  it('defaults to events from now on, and clamps the limit', async () => {
    const response = await national.request<Page>('/api/v1/events?limit=1000');
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBe(100);
    const first = await national.request<Page>('/api/v1/events');
    expect(first.body.items.length).toBe(20);
    for (const item of first.body.items) expect(Date.parse(item.occurrence.end)).toBeGreaterThanOrEqual(Date.now() - 60_000);
  });

  it('ranks text matches by relevance by default, and pages through them', async () => {
    const loud = makeEvent(random(7), base, { title: 'Astrophotographie astrophotographie', place: PLACES[0], start: base + DAY, hours: 2, overrides: { summary: 'Astrophotographie pour tous' } });
    const quiet = makeEvent(random(8), base, { title: 'Soirée au parc', place: PLACES[1], start: base + DAY, hours: 2, overrides: { summary: 'On y parlera un peu d’astrophotographie' } });
    national.publish([quiet, loud]);
    events.push(quiet, loud);
    const response = await national.request<Page>(`/api/v1/events?${queryOf(window, { q: 'astrophotographie' })}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => item.event.id)).toEqual([loud.id, quiet.id]);
    const atelier = await listAll(queryOf({ ...window, q: 'atelier' }), 3);
    expect(atelier.map((item) => `${new Date(item.occurrence.start).toISOString()} ${item.event.hub}/${item.event.id}`).sort()).toEqual(expected({ ...window, q: 'atelier' }));
    const mixed = await national.request(`/api/v1/events?${queryOf(window, { q: 'atelier', sort: 'date', cursor: response.body.next ?? 'WyJyIiwwLDFd' })}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body).toMatchObject({ field: 'query.cursor' });
  });

  it('follows the worker: edits, moves and deletions show on the next request', async () => {
    const [moving, leaving] = [makeEvent(random(11), base, { place: PLACES[0], start: base + 2 * DAY, hours: 2 }), makeEvent(random(12), base, { place: PLACES[0], start: base + 2 * DAY, hours: 2 })];
    national.publish([moving, leaving]);
    events.push(moving, leaving);
    const orleans = { ...window, bbox: [1.8, 47.8, 2.0, 48.0] as [number, number, number, number] };
    expect(keys(await listAll(queryOf(orleans)))).toEqual(expected(orleans));
    const moved: EventPublic = { ...moving, version: 2, updatedAt: new Date(base).toISOString().replace('.000', ''), place: { ...PLACES[2] }, timings: [{ start: new Date(base + 5 * DAY).toISOString(), end: new Date(base + 5 * DAY + HOUR).toISOString() }] };
    national.publish([moved]);
    national.remove([leaving]);
    events = events.filter((event) => event !== moving && event !== leaving).concat(moved);
    const after = keys(await listAll(queryOf(orleans)));
    expect(after).toEqual(expected(orleans));
    expect(after.some((key) => key.includes(moving.id) || key.includes(leaving.id))).toBe(false);
    expect(keys(await listAll(queryOf(window)))).toEqual(expected(window));
  });

  it("hides a suspended hub's events at once, and shows them again when it is approved", async () => {
    const { registry } = national.services;
    await registry.suspend('grand-est');
    const shown = new Set(['centre-val-de-loire', 'auvergne-rhone-alpes']);
    const items = await listAll(queryOf(window));
    expect(items.some((item) => item.event.hub === 'grand-est')).toBe(false);
    expect(keys(items)).toEqual(expected(window, shown));
    const hidden = events.find((event) => event.hub === 'grand-est');
    expect((await national.request(`/api/v1/events/grand-est/${hidden?.id}`)).status).toBe(404);
    await registry.approve('grand-est');
    expect(keys(await listAll(queryOf(window)))).toEqual(expected(window));
  });
});

describe('cross-hub duplicates', () => {
  it('lists the same event on two hubs once, with both sources, and the copy again when the first hub is suspended', async () => {
    const start = base + 4 * DAY;
    const original = makeEvent(random(21), base, { hub: HUBS[0], title: 'Grande nuit des météores', place: PLACES[4], start, hours: 3 });
    const copy = makeEvent(random(22), base, { hub: HUBS[1], title: 'La grande nuit des météores', place: { ...PLACES[4], lat: PLACES[4].lat + 0.001 }, start, hours: 3 });
    national.publish([original]);
    national.publish([copy]);
    events.push(original, copy);
    const near = { from: start - HOUR, to: start + HOUR, bbox: [2.3, 48.85, 2.45, 48.95] as [number, number, number, number] };
    const items = (await listAll(queryOf(near))).filter((item) => item.event.title.includes('météores'));
    expect(items.map((item) => item.event.id)).toEqual([original.id]);
    expect(items[0]?.provenance.sources?.map((source) => `${source.hub}/${source.id}`).sort()).toEqual([`${HUBS[0]?.id}/${original.id}`, `${HUBS[1]?.id}/${copy.id}`].sort());
    expect(items[0]?.provenance.sources?.find((source) => source.id === copy.id)?.url).toBe(copy.url);

    const detail = await national.request<{ event: EventPublic; provenance: Item['provenance'] }>(`/api/v1/events/${copy.hub}/${copy.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.provenance.duplicateOf).toEqual({ hub: original.hub, id: original.id });
    expect(detail.body.provenance.sources).toHaveLength(2);

    await national.services.registry.suspend(HUBS[0]?.id ?? '');
    const alone = (await listAll(queryOf(near))).filter((item) => item.event.title.includes('météores'));
    expect(alone.map((item) => item.event.id)).toEqual([copy.id]);
    expect(alone[0]?.provenance.sources).toBeUndefined();
    await national.services.registry.approve(HUBS[0]?.id ?? '');
  });
});

describe('the event detail', () => {
  it('gives the event with its provenance and its dates', async () => {
    const event = makeEvent(random(31), base, { place: PLACES[5], start: base + 6 * DAY, hours: 2 });
    national.publish([event]);
    events.push(event);
    const hub = HUBS.find((candidate) => candidate.id === event.hub);
    const response = await national.request<{ event: EventPublic; provenance: Item['provenance']; occurrences: { start: string; end: string }[] }>(`/api/v1/events/${event.hub}/${event.id}`);
    expect(response.status).toBe(200);
    expect(response.body.event).toEqual(event);
    expect(response.body.provenance).toEqual({ hub: event.hub, hubName: hub?.name, url: event.url, syncedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/) });
    expect(Math.abs(Date.parse(response.body.provenance.syncedAt) - Date.now())).toBeLessThan(60_000);
    expect(response.body.occurrences.length).toBeGreaterThan(0);
  });

  it('answers 404 with a clear body for an unknown or deleted event, 400 for a malformed id', async () => {
    const missing = await national.request(`/api/v1/events/grand-est/0190a000-0000-7000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'not_found', field: 'id' });
    expect((missing.body as { message: string }).message).toContain('0190a000-0000-7000-8000-000000000000');
    const gone = events[1] as EventPublic;
    national.remove([gone]);
    events = events.filter((event) => event !== gone);
    expect((await national.request(`/api/v1/events/${gone.hub}/${gone.id}`)).status).toBe(404);
    const bad = await national.request('/api/v1/events/grand-est/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'params.id' });
  });
});

describe('bad input', () => {
  const cases: [string, string][] = [
    ['bbox=1,2,3', 'query.bbox'],
    ['bbox=10,40,5,45', 'query.bbox'],
    ['from=yesterday', 'query.from'],
    ['from=2026-05-02&to=2026-05-01', 'query.to'],
    ['near=47.9', 'query.near'],
    ['radius=5', 'query.radius'],
    ['discipline=alchemy', 'query.discipline'],
    ['region=99', 'query.region'],
    ['hub=Not_A_Hub', 'query.hub'],
    ['actor=someone', 'query.actor'],
    ['cursor=not-a-cursor', 'query.cursor'],
    ['sort=relevance', 'query.sort'],
    ['limit=0', 'query.limit'],
    ['colour=blue', 'query.colour'],
  ];
  for (const [query, field] of cases) {
    it(`refuses ${query} naming ${field}`, async () => {
      const response = await national.request<{ error: string; field: string; message: string }>(`/api/v1/events?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
      expect(response.body.message).toContain(field.split('.')[1] ?? field);
    });
  }
});
