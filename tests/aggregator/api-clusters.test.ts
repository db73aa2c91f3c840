import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPublic } from '@constellation/shared';
import { DAY, HOUR, HUBS, makeEvent, PLACES, queryOf, random, referenceList, startNational, type NationalApi, type Reference } from './api-support.ts';

/*
 * GET /api/v1/clusters: the counts add up to the events the list would give for the same
 * view and filters, a cluster's events are exactly those of its children one zoom (or
 * more) closer, and a cell holding one event gives that event.
 */

type MapItem =
  | { kind: 'cluster'; count: number; lat: number; lon: number; bbox: [number, number, number, number]; expansionZoom: number | null }
  | { kind: 'event'; hub: string; id: string; title: string; placeName?: string; start: string; end: string; lat: number; lon: number };

interface Answer {
  zoom: number;
  cellPx: number;
  total: number;
  items: MapItem[];
}

let national: NationalApi;
let events: EventPublic[] = [];
const base = Date.now() - (Date.now() % HOUR);
const window = { from: base - 20 * DAY, to: base + 60 * DAY };
const FRANCE: [number, number, number, number] = [-5.5, 41, 10, 51.5];

function hiddenCopies(): Set<string> {
  const rows = national.store.sqlite.prepare('SELECT r.hub, r.id FROM events_index e JOIN records r ON r.row_id = e.row_id WHERE e.duplicate_of IS NOT NULL').all() as { hub: string; id: string }[];
  return new Set(rows.map((row) => `${row.hub}/${row.id}`));
}

function expected(filter: Reference): { event: EventPublic; start: number }[] {
  const hidden = hiddenCopies();
  return referenceList(events, filter, base, (event) => !hidden.has(`${event.hub}/${event.id}`));
}

async function clusters(filter: Reference, zoom: number, extra: Record<string, string> = {}): Promise<Answer> {
  const response = await national.request<Answer>(`/api/v1/clusters?${queryOf(filter, { zoom: String(zoom), ...extra })}`);
  expect(response.status, response.text).toBe(200);
  const sum = response.body.items.reduce((total, item) => total + (item.kind === 'cluster' ? item.count : 1), 0);
  expect(sum).toBe(response.body.total);
  return response.body;
}

beforeAll(async () => {
  national = await startNational();
  const next = random(4_242);
  events = Array.from({ length: 400 }, () => {
    // Spread around the known places, so that cells split at different zooms.
    const place = PLACES[Math.floor(next() * PLACES.length)] ?? PLACES[0];
    const spread = next() < 0.2 ? 0 : 0.3 * (next() - 0.5);
    return makeEvent(next, base, { place: next() < 0.1 ? null : { ...place, lat: place.lat + spread, lon: place.lon + spread * 1.5 } });
  });
  national.publish(events);
});

afterAll(async () => {
  await national?.close();
});

describe('map clusters', () => {
  const cases: [string, Reference, number][] = [
    ['France at zoom 5', { ...window, bbox: FRANCE }, 5],
    ['France at zoom 3', { ...window, bbox: FRANCE }, 3],
    ['the Loire valley at zoom 8', { ...window, bbox: [0, 47, 2.5, 48.5] }, 8],
    ['a narrow window at zoom 6', { from: base, to: base + 2 * DAY, bbox: FRANCE }, 6],
    ['facets at zoom 6', { ...window, bbox: FRANCE, format: ['workshop', 'conference', 'exhibition'], free: true }, 6],
    ['a region and a hub at zoom 6', { ...window, bbox: FRANCE, region: ['24', '44'], hub: ['grand-est'] }, 6],
    ['text at zoom 6', { ...window, bbox: FRANCE, q: 'atelier' }, 6],
    ['near at zoom 9', { ...window, bbox: [1, 47.3, 2.8, 48.5], near: { lat: 47.9, lon: 1.9, radius: 25 } }, 9],
  ];
  for (const [name, filter, zoom] of cases) {
    it(`counts every listed event of ${name}`, async () => {
      const answer = await clusters(filter, zoom);
      const want = expected(filter);
      expect(answer.total).toBe(want.length);
      expect(answer.total).toBeGreaterThan(0);
      const points = answer.items.filter((item) => item.kind === 'event');
      for (const point of points) {
        const match = want.find((entry) => entry.event.id === point.id && entry.event.hub === point.hub);
        expect(match, `${point.hub}/${point.id}`).toBeDefined();
        expect(point.title).toBe(match?.event.title);
        expect(Date.parse(point.start)).toBe(match?.start);
      }
    });
  }

  it("splits each cluster into children that add up to it, at every closer zoom", async () => {
    const answer = await clusters({ ...window, bbox: FRANCE }, 4);
    const big = answer.items.filter((item): item is Extract<MapItem, { kind: 'cluster' }> => item.kind === 'cluster');
    expect(big.length).toBeGreaterThan(1);
    for (const cluster of big) {
      const [west, south, east, north] = cluster.bbox;
      expect(cluster.lat).toBeGreaterThanOrEqual(south);
      expect(cluster.lat).toBeLessThanOrEqual(north);
      expect(cluster.lon).toBeGreaterThanOrEqual(west);
      expect(cluster.lon).toBeLessThanOrEqual(east);
      for (const zoom of [5, 7, 10]) {
        const children = await clusters({ ...window, bbox: cluster.bbox }, zoom);
        expect(children.total).toBe(cluster.count);
      }
      if (cluster.expansionZoom !== null) {
        expect((await clusters({ ...window, bbox: cluster.bbox }, cluster.expansionZoom)).items.length).toBeGreaterThan(1);
        if (cluster.expansionZoom > 5) expect((await clusters({ ...window, bbox: cluster.bbox }, cluster.expansionZoom - 1)).items).toHaveLength(1);
      } else {
        // Its events share one place: they never split.
        expect((await clusters({ ...window, bbox: cluster.bbox }, 22)).items).toHaveLength(1);
      }
    }
  });

  it('follows changes and suspensions at once', async () => {
    const bbox: [number, number, number, number] = [7.6, 48.5, 7.9, 48.7];
    const before = await clusters({ ...window, bbox }, 10);
    const added = makeEvent(random(99), base, { hub: HUBS[1], place: { ...PLACES[2], lat: 48.6, lon: 7.8 }, start: base + DAY, hours: 2 });
    national.publish([added]);
    events.push(added);
    expect((await clusters({ ...window, bbox }, 10)).total).toBe(before.total + 1);
    await national.services.registry.suspend('grand-est');
    const suspended = await clusters({ ...window, bbox: FRANCE }, 5);
    const hidden = hiddenCopies();
    expect(suspended.total).toBe(referenceList(events, { ...window, bbox: FRANCE }, base, (event) => event.hub !== 'grand-est' && !hidden.has(`${event.hub}/${event.id}`)).length);
    await national.services.registry.approve('grand-est');
    expect((await clusters({ ...window, bbox: FRANCE }, 5)).total).toBe(expected({ ...window, bbox: FRANCE }).length);
  });

  it('gives the event itself, with its place’s name, for a cell holding one', async () => {
    const lonely = makeEvent(random(100), base, { place: { ...PLACES[5], lat: 43.2, lon: -0.5 }, start: base + DAY, hours: 1 });
    national.publish([lonely]);
    events.push(lonely);
    const answer = await clusters({ ...window, bbox: [-0.6, 43.1, -0.4, 43.3] }, 12);
    expect(answer.items).toEqual([{ kind: 'event', hub: lonely.hub, id: lonely.id, title: lonely.title, ...(lonely.place?.name === undefined ? {} : { placeName: lonely.place.name }), start: new Date(base + DAY).toISOString().replace('.000', ''), end: new Date(base + DAY + HOUR).toISOString().replace('.000', ''), lat: 43.2, lon: -0.5 }]);
  });
});

describe('bad cluster queries', () => {
  const cases: [string, string][] = [
    ['zoom=5', 'query.bbox'],
    [`bbox=${FRANCE.join(',')}`, 'query.zoom'],
    [`bbox=${FRANCE.join(',')}&zoom=23`, 'query.zoom'],
    [`bbox=${FRANCE.join(',')}&zoom=-1`, 'query.zoom'],
    ['bbox=0,0,200,10&zoom=3', 'query.bbox'],
    [`bbox=${FRANCE.join(',')}&zoom=16`, 'query.bbox'],
    [`bbox=${FRANCE.join(',')}&zoom=5&cursor=abc`, 'query.cursor'],
    [`bbox=${FRANCE.join(',')}&zoom=5&format=opera`, 'query.format'],
  ];
  for (const [query, field] of cases) {
    it(`refuses ${query} naming ${field}`, async () => {
      const response = await national.request<{ field: string }>(`/api/v1/clusters?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
    });
  }
});
