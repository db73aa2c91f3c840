import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityFlags, audiences, disciplines, eventFormats, type EventPublic } from '@constellation/shared';
import { NationalRead, openNationalStore, type NationalStore, type SearchLimits } from '@constellation/aggregator';
import { DAY, HOUR, HUBS, makeEvent, PLACES, random, referenceList, startNational, type NationalApi, type Reference } from './api-support.ts';

/*
 * The map index behind the national reads, called directly as the bench does: whichever
 * plan answers (a view scanned in key order or a walk by start date; text listed by FTS5
 * or matched among the index's candidates), whether events sit in the sorted part or in
 * the tail, and in every process reading the store, the answer is the plain scan's.
 */

let national: NationalApi;
let events: EventPublic[] = [];
const stores: NationalStore[] = [];
const base = Date.now() - (Date.now() % HOUR);

function reader(limits: Partial<SearchLimits> = {}): NationalRead {
  const store = openNationalStore(join(national.config.dataDir, 'national.sqlite'));
  stores.push(store);
  return new NationalRead(store, limits);
}

function hidden(): Set<string> {
  const rows = national.store.sqlite.prepare('SELECT r.hub, r.id FROM events_index e JOIN records r ON r.row_id = e.row_id WHERE e.duplicate_of IS NOT NULL').all() as { hub: string; id: string }[];
  return new Set(rows.map((row) => `${row.hub}/${row.id}`));
}

function expected(filter: Reference): string[] {
  const copies = hidden();
  return referenceList(events, filter, base, (event) => !copies.has(`${event.hub}/${event.id}`)).map((entry) => `${entry.start} ${entry.event.hub}/${entry.event.id}`).sort();
}

function queryFor(filter: Reference): Record<string, string | number | boolean> {
  const query: Record<string, string | number | boolean> = { from: new Date(filter.from).toISOString(), to: new Date(filter.to).toISOString() };
  if (filter.bbox !== undefined) query.bbox = filter.bbox.join(',');
  if (filter.near !== undefined) Object.assign(query, { near: `${filter.near.lat},${filter.near.lon}`, radius: filter.near.radius });
  if (filter.q !== undefined) query.q = filter.q;
  for (const key of ['discipline', 'audience', 'format', 'accessibility', 'region', 'hub'] as const) if (filter[key] !== undefined) query[key] = (filter[key] as string[]).join(',');
  for (const key of ['free', 'online'] as const) if (filter[key] !== undefined) query[key] = filter[key] as boolean;
  return query;
}

/** Every page of the list, by date, through the read module. */
function listAll(read: NationalRead, filter: Reference, sort: 'date' | 'relevance' = 'date'): string[] {
  const keys: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 200; guard += 1) {
    const page = JSON.parse(read.list({ ...queryFor(filter), sort, limit: 13, ...(cursor === undefined ? {} : { cursor }) } as never)) as { items: { event: EventPublic; occurrence: { start: string } }[]; next: string | null };
    keys.push(...page.items.map((item) => `${Date.parse(item.occurrence.start)} ${item.event.hub}/${item.event.id}`));
    if (page.next === null) return keys;
    cursor = page.next;
  }
  throw new Error('never ended');
}

/** Random filters over the generated data: windows, views, circles, facets and words. */
function filters(count: number, seed: number): Reference[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  return Array.from({ length: count }, () => {
    const from = base + Math.floor((next() - 0.4) * 60) * DAY;
    const filter: Reference = { from, to: from + Math.ceil(next() * 40) * DAY };
    if (next() < 0.4) {
      const place = pick(PLACES);
      const size = next() * 3;
      filter.bbox = [place.lon - size, place.lat - size / 2, place.lon + size, place.lat + size / 2];
    } else if (next() < 0.15) {
      const place = pick(PLACES);
      filter.near = { lat: place.lat, lon: place.lon, radius: 5 + next() * 100 };
    }
    if (next() < 0.2) filter.discipline = [pick(disciplines.values), pick(disciplines.values)];
    if (next() < 0.2) filter.audience = [pick(audiences.values)];
    if (next() < 0.15) filter.format = [pick(eventFormats.values), pick(eventFormats.values)];
    if (next() < 0.1) filter.accessibility = [pick(accessibilityFlags.values)];
    if (next() < 0.15) filter.free = next() < 0.5;
    if (next() < 0.15) filter.online = next() < 0.5;
    if (next() < 0.15) filter.region = [pick(HUBS).region];
    if (next() < 0.1) filter.hub = [pick(HUBS).id];
    if (next() < 0.3) filter.q = pick(['atelier', 'nuit étoiles', 'conf', 'Orleans', 'science', 'fossiles 1', 'planetes']);
    return filter;
  });
}

beforeAll(async () => {
  national = await startNational();
  const next = random(31_337);
  events = Array.from({ length: 300 }, () => makeEvent(next, base));
  national.publish(events);
});

afterAll(async () => {
  for (const store of stores) store.close();
  await national?.close();
});

describe('the map index, read directly', () => {
  it('gives the plain scan\'s answer by every plan, from the sorted part and from the tail', () => {
    const plans: [string, NationalRead][] = [
      ['the default plans', reader()],
      ['views walked by date', reader({ scanByPlaceMax: 0 })],
      ['common text matched among the candidates', reader({ textScan: 2, candidatesChecked: 100_000 })],
      ['common text read whole from FTS5', reader({ textScan: 2, candidatesChecked: 1 })],
    ];
    // Loaded now; what follows lands in each index's tail.
    for (const [, read] of plans) read.list({});
    const next = random(99);
    const later = Array.from({ length: 120 }, () => makeEvent(next, base));
    national.publish(later);
    const edited = events.slice(0, 40).map((event, i) => ({ ...event, version: 2, title: `${event.title} modifié`, ...(i % 2 === 0 ? { place: { ...(PLACES[i % PLACES.length] ?? PLACES[0]) } } : {}) }));
    national.publish(edited);
    national.remove(events.slice(40, 60));
    events = [...edited, ...events.slice(60), ...later];
    let found = 0;
    for (const filter of filters(70, 5)) {
      const want = expected(filter);
      if (want.length > 0) found += 1;
      for (const [name, read] of plans) expect(listAll(read, filter).sort(), `${name}: ${JSON.stringify(filter)}`).toEqual(want);
    }
    // The filters are not all empty: most of them find something.
    expect(found).toBeGreaterThan(35);
    for (const [, read] of plans) read.index.rebuild();
    for (const filter of filters(30, 6)) {
      const want = expected(filter);
      for (const [name, read] of plans) expect(listAll(read, filter).sort(), `${name} (rebuilt): ${JSON.stringify(filter)}`).toEqual(want);
    }
  });

  it('ranks by relevance among every match, or among the newest when the text and the filters both keep many', () => {
    const exact = reader();
    const bounded = reader({ textScan: 2, candidatesChecked: 1, rankedNewest: 5 });
    const filter: Reference = { from: base - 60 * DAY, to: base + 90 * DAY, q: 'atelier' };
    const all = listAll(exact, filter, 'relevance');
    expect(all.sort()).toEqual(expected(filter));
    const newest = listAll(bounded, filter, 'relevance');
    expect(newest.length).toBeLessThanOrEqual(5);
    expect(newest.length).toBeGreaterThan(0);
    for (const key of newest) expect(all).toContain(key);
  });

  it('follows writes in every process reading the store, with no message between them', () => {
    const [one, two] = [reader(), reader()];
    const filter: Reference = { from: base, to: base + 10 * DAY, bbox: [2.3, 48.85, 2.45, 48.95] };
    expect(listAll(one, filter).sort()).toEqual(expected(filter));
    expect(listAll(two, filter).sort()).toEqual(expected(filter));
    const added = makeEvent(random(5), base, { title: 'Nocturne au musée', place: PLACES[4], start: base + DAY, hours: 2 });
    national.publish([added]);
    events.push(added);
    for (const read of [one, two]) expect(listAll(read, filter)).toContain(`${base + DAY} ${added.hub}/${added.id}`);
    national.remove([added]);
    events.pop();
    for (const read of [one, two]) expect(listAll(read, filter)).not.toContain(`${base + DAY} ${added.hub}/${added.id}`);
  });

  it('counts the same events in clusters as in the list, by every plan', () => {
    const plans = [reader(), reader({ scanByPlaceMax: 0 })];
    for (const filter of filters(25, 8)) {
      const view: Reference = { ...filter, bbox: filter.bbox ?? [-5, 41, 10, 51.5] };
      const want = expected(view).length;
      for (const read of plans) {
        const answer = read.clusters({ ...queryFor(view), zoom: view.bbox === undefined ? 5 : 6 } as never);
        expect(answer.total, JSON.stringify(view)).toBe(want);
      }
    }
  });
});

describe('the OpenAPI document', () => {
  it('passes an independent OpenAPI validator', async () => {
    const document = (await national.request<Record<string, unknown>>('/docs/json')).body;
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 3000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every read route with its query, params and responses', async () => {
    const response = await national.request<{ paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>> }>('/docs/json');
    expect(response.status).toBe(200);
    const { paths } = response.body;
    const expectations: [string, string[], string[]][] = [
      ['/api/v1/events', ['from', 'to', 'bbox', 'near', 'radius', 'q', 'discipline', 'audience', 'format', 'accessibility', 'free', 'online', 'actor', 'campaign', 'region', 'hub', 'sort', 'limit', 'cursor'], ['200', '400']],
      ['/api/v1/events/{hub}/{id}', ['hub', 'id'], ['200', '400', '404']],
      ['/api/v1/clusters', ['bbox', 'zoom', 'from', 'to', 'q', 'region', 'hub'], ['200', '400']],
      ['/api/v1/hubs', [], ['200', '400']],
      ['/events.ics', ['from', 'region', 'limit'], ['200', '304', '400']],
      ['/feed.rss', ['q', 'limit'], ['200', '304', '400']],
      ['/feed.atom', ['q', 'limit'], ['200', '304', '400']],
      ['/feed.json', ['q', 'limit'], ['200', '304', '400']],
      ['/events.csv', ['bbox', 'limit'], ['200', '304', '400']],
      ['/places.csv', ['q', 'kind', 'accessibility', 'region', 'commune', 'hub', 'bbox', 'limit'], ['200', '304', '400']],
      ['/places.geojson', ['q', 'kind', 'bbox', 'limit'], ['200', '304', '400']],
      ['/projects.csv', ['q', 'participationType', 'involvement', 'audience', 'region', 'bbox', 'limit'], ['200', '304', '400']],
      ['/projects.geojson', ['q', 'involvement', 'bbox', 'limit'], ['200', '304', '400']],
    ];
    for (const [path, parameters, statuses] of expectations) {
      const operation = paths[path]?.get;
      expect(operation, path).toBeDefined();
      const names = (operation?.parameters ?? []).map((parameter) => parameter.name);
      for (const name of parameters) expect(names, `${path} ${name}`).toContain(name);
      expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(statuses.sort());
    }
  });
});
