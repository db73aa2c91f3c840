import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPublic } from '@constellation/shared';
import { DAY, HOUR, HUBS, makeEvent, PLACES, random, startNational, type HubSpec, type NationalApi } from './api-support.ts';

/*
 * GET /api/v1/hubs: every approved hub with its health and counts; pending and suspended
 * hubs are not public.
 */

interface PublicHub {
  id: string;
  name: string;
  region: string;
  baseUrl: string;
  status: string;
  lastSuccessAt: string | null;
  lastPullAt: string | null;
  lagSeq: number;
  lagSeconds: number;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  breakerOpenUntil: string | null;
  counts: { events: number; records: number; rejected: number };
}

let national: NationalApi;
const base = Date.now() - (Date.now() % HOUR);

beforeAll(async () => {
  national = await startNational();
  const insert = national.store.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at) VALUES (?, ?, ?, ?, ?, '{}', ?)`);
  insert.run('bretagne', 'https://bretagne.hub.test', 'Echosciences Bretagne', '53', 'pending', Date.now());
  insert.run('normandie', 'https://normandie.hub.test', 'Echosciences Normandie', '28', 'suspended', Date.now());
});

afterAll(async () => {
  await national?.close();
});

async function hubs(): Promise<PublicHub[]> {
  const response = await national.request<{ items: PublicHub[] }>('/api/v1/hubs');
  expect(response.status, response.text).toBe(200);
  return response.body.items;
}

describe('the hubs and their health', () => {
  it('lists the approved hubs only, with their registry fields', async () => {
    const items = await hubs();
    expect(items.map((hub) => hub.id)).toEqual(HUBS.map((hub) => hub.id).sort());
    for (const spec of HUBS) {
      expect(items.find((hub) => hub.id === spec.id)).toMatchObject({ name: spec.name, region: spec.region, baseUrl: spec.baseUrl, status: 'approved' });
    }
  });

  it('counts listed events, live records and refused items per hub', async () => {
    const next = random(5);
    const [centre, est] = [HUBS[0], HUBS[1]];
    const start = base + 3 * DAY;
    const own: EventPublic[] = Array.from({ length: 5 }, (_, i) => makeEvent(next, base, { hub: centre, title: `Atelier numéro ${i} unique${i}`, place: PLACES[0], start: start + i * DAY, hours: 1 }));
    const original = makeEvent(next, base, { hub: centre, title: 'Observation du ciel nocturne', place: PLACES[4], start, hours: 2 });
    const copy = makeEvent(next, base, { hub: est, title: 'Observation du ciel nocturne', place: PLACES[4], start, hours: 2 });
    national.publish([...own, original]);
    national.publish([copy]);
    national.remove([own[0] as EventPublic]);
    // A refused item: another hub's event served by Grand Est.
    national.writer.apply({ id: 'grand-est', region: '44' }, [{ seq: 99, type: 'event', id: own[1]?.id, op: 'upsert', version: 1, updatedAt: own[1]?.updatedAt, data: own[1] }], { cursor: '99', latest: 99 });
    const items = await hubs();
    expect(items.find((hub) => hub.id === centre?.id)?.counts).toEqual({ events: 5, records: 5, rejected: 0 });
    // The copy is listed under the centre's event, but is one of Grand Est's records.
    expect(items.find((hub) => hub.id === est?.id)?.counts).toEqual({ events: 0, records: 1, rejected: 1 });
    // Suspending the centre lists Grand Est's copy in its place.
    await national.services.registry.suspend(centre?.id ?? '');
    const suspended = await hubs();
    expect(suspended.map((hub) => hub.id)).not.toContain(centre?.id);
    expect(suspended.find((hub) => hub.id === est?.id)?.counts.events).toBe(1);
    await national.services.registry.approve(centre?.id ?? '');
  });

  it('gives the lag in changes and in seconds, the last error and the circuit breaker', async () => {
    const now = Date.now();
    const set = national.store.sqlite.prepare(
      `UPDATE hubs SET cursor = ?, latest = ?, caught_up_at = ?, last_success_at = ?, last_pull_at = ?, last_error = ?, last_error_at = ?, consecutive_failures = ?, breaker_until = ? WHERE id = ?`,
    );
    set.run('120', 120, now - 60_000, now - 60_000, now - 5_000, null, null, 0, null, 'centre-val-de-loire');
    set.run('80', 200, now - 600_000, now - 600_000, now - 10_000, 'the hub answered 503', now - 10_000, 6, now + 300_000, 'grand-est');
    set.run('10', 10, null, null, null, 'the descriptor could not be read', now - 1_000, 1, now - 1_000, 'auvergne-rhone-alpes');
    const items = await hubs();
    const centre = items.find((hub) => hub.id === 'centre-val-de-loire');
    expect(centre).toMatchObject({ lagSeq: 0, lagSeconds: 0, lastError: null, consecutiveFailures: 0, breakerOpenUntil: null });
    expect(Date.parse(centre?.lastSuccessAt ?? '')).toBe(now - 60_000);
    expect(Date.parse(centre?.lastPullAt ?? '')).toBe(now - 5_000);
    const est = items.find((hub) => hub.id === 'grand-est');
    expect(est).toMatchObject({ lagSeq: 120, lastError: 'the hub answered 503', consecutiveFailures: 6 });
    expect(est?.lagSeconds).toBeGreaterThanOrEqual(600);
    expect(est?.lagSeconds).toBeLessThan(700);
    expect(Date.parse(est?.breakerOpenUntil ?? '')).toBe(now + 300_000);
    expect(Date.parse(est?.lastErrorAt ?? '')).toBe(now - 10_000);
    const aura = items.find((hub) => hub.id === 'auvergne-rhone-alpes');
    expect(aura).toMatchObject({ lagSeq: 0, lagSeconds: 0, lastSuccessAt: null, breakerOpenUntil: null, lastError: 'the descriptor could not be read' });
  });

  it('refuses query parameters it does not know', async () => {
    const response = await national.request<{ field: string }>('/api/v1/hubs?status=pending');
    expect(response.status).toBe(400);
  });
});

/*
 * The national directories: places to visit and participatory projects, as every approved
 * hub's feed serves them (the pull already keeps them as records), listed by name with the
 * hub's filter names, and the points the national map draws them with.
 */
describe('the national directories of places and projects', () => {
  interface Served {
    id: string;
    hub: string;
    title?: string;
    name?: string;
    url: string;
  }
  let counter = 500;
  const served = (hub: HubSpec, type: 'place' | 'project', slug: string) => ({
    id: `01935f00-0000-7000-8000-${String(++counter).padStart(12, '0')}`,
    hub: hub.id,
    slug,
    version: 1,
    createdAt: '2026-09-01T09:00:00Z',
    updatedAt: '2026-09-01T09:00:00Z',
    url: `${hub.baseUrl}/${type === 'place' ? 'places' : 'projects'}/${slug}`,
  });
  const actorId = '01935f00-0000-7000-8000-000000000001';
  const [centre, est, aura] = HUBS as [HubSpec, HubSpec, HubSpec];
  const project = (hub: HubSpec, slug: string, fields: Record<string, unknown>) => ({ ...served(hub, 'project', slug), actorId, participationType: 'field', involvement: 'monthly', scope: 'regional', website: 'https://www.vigienature.fr/', ...fields });
  const place = (hub: HubSpec, slug: string, fields: Record<string, unknown>) => ({ ...served(hub, 'place', slug), kind: 'museum', ...fields });
  const papillons = project(centre, 'operation-papillons', { title: 'Opération papillons', summary: 'Comptez les papillons de votre jardin.', disciplines: ['ecology'], audiences: ['families'], regions: ['24'], location: { commune: 'Orléans', inseeCode: '45234', lat: 47.9025, lon: 1.9041 } });
  const etoiles = project(est, 'nuits-des-etoiles-filantes', { title: 'Étoiles filantes en réseau', summary: 'Signaler les météores vus depuis chez soi.', disciplines: ['astronomy'], participationType: 'online', involvement: 'one-off', audiences: ['adults'] });
  const air = project(aura, 'air-citoyen-de-lyon', { title: 'Air citoyen de Lyon', summary: 'Mesurer la qualité de l’air à vélo.', disciplines: ['climate', 'health'], audiences: ['adults', 'teens'], regions: ['84'], location: { commune: 'Lyon', inseeCode: '69123', lat: 45.764, lon: 4.8357 } });
  const museum = place(aura, 'museum-de-grenoble', { name: 'Muséum de Grenoble', location: { commune: 'Grenoble', inseeCode: '38185', lat: 45.1885, lon: 5.7245 }, accessibility: ['motor'], disciplines: ['biology'] });
  const planetarium = place(est, 'planetarium-de-strasbourg', { name: 'Planétarium de Strasbourg', kind: 'planetarium', location: { commune: 'Strasbourg', inseeCode: '67482', lat: 48.5839, lon: 7.7455 } });

  const titles = (items: Served[]) => items.map((item) => item.title ?? item.name);
  async function list(path: string): Promise<{ items: Served[]; next: string | null }> {
    const response = await national.request<{ items: Served[]; next: string | null }>(path);
    expect(response.status, response.text).toBe(200);
    return response.body;
  }

  beforeAll(() => {
    for (const [hub, items] of [
      [centre, [papillons]],
      [est, [etoiles, planetarium]],
      [aura, [air, museum]],
    ] as const) {
      const result = national.writer.apply({ id: hub.id, region: hub.region }, items.map((data) => ({ seq: ++counter, type: 'name' in data ? 'place' : 'project', id: data.id, op: 'upsert', version: 1, updatedAt: data.updatedAt, data })), { cursor: String(counter), latest: counter });
      expect(result.rejected).toEqual([]);
    }
  });

  it('lists every hub’s projects by name, with the hub’s own documents', async () => {
    const all = await list('/api/v1/projects');
    expect(titles(all.items)).toEqual(['Air citoyen de Lyon', 'Étoiles filantes en réseau', 'Opération papillons']);
    expect(all.items.find((item) => item.id === papillons.id)).toEqual(papillons);
    expect(all.next).toBeNull();
  });

  it('searches projects by name without accents, theme, type, audience, involvement, region and commune', async () => {
    expect(titles((await list('/api/v1/projects?q=etoiles%20FILANTES')).items)).toEqual(['Étoiles filantes en réseau']);
    expect(titles((await list('/api/v1/projects?q=jardin')).items)).toEqual(['Opération papillons']);
    expect(titles((await list('/api/v1/projects?discipline=climate')).items)).toEqual(['Air citoyen de Lyon']);
    expect(titles((await list('/api/v1/projects?participationType=online')).items)).toEqual(['Étoiles filantes en réseau']);
    expect(titles((await list('/api/v1/projects?audience=families')).items)).toEqual(['Opération papillons']);
    expect(titles((await list('/api/v1/projects?involvement=monthly')).items)).toEqual(['Air citoyen de Lyon', 'Opération papillons']);
    // A project naming no region is in its hub's.
    expect(titles((await list('/api/v1/projects?region=44')).items)).toEqual(['Étoiles filantes en réseau']);
    expect(titles((await list('/api/v1/projects?commune=orleans')).items)).toEqual(['Opération papillons']);
    expect(titles((await list('/api/v1/projects?commune=69123&hub=auvergne-rhone-alpes')).items)).toEqual(['Air citoyen de Lyon']);
  });

  it('pages with a cursor and refuses bad filters with a 400 naming the field', async () => {
    const first = await list('/api/v1/projects?limit=2');
    expect(titles(first.items)).toEqual(['Air citoyen de Lyon', 'Étoiles filantes en réseau']);
    const second = await list(`/api/v1/projects?limit=2&cursor=${first.next ?? ''}`);
    expect(titles(second.items)).toEqual(['Opération papillons']);
    for (const [query, field] of [
      ['involvement=sometimes', 'query.involvement'],
      ['cursor=abc', 'query.cursor'],
      ['bbox=1,2', 'query.bbox'],
      ['colour=red', undefined],
    ] as const) {
      const response = await national.request<{ field?: string }>(`/api/v1/projects?${query}`);
      expect(response.status, query).toBe(400);
      if (field !== undefined) expect(response.body.field, query).toBe(field);
    }
  });

  it('lists places with their own filters, and gives the map its points', async () => {
    expect(titles((await list('/api/v1/places')).items)).toEqual(['Muséum de Grenoble', 'Planétarium de Strasbourg']);
    expect(titles((await list('/api/v1/places?kind=planetarium')).items)).toEqual(['Planétarium de Strasbourg']);
    expect(titles((await list('/api/v1/places?accessibility=motor&region=84')).items)).toEqual(['Muséum de Grenoble']);
    const points = await national.request<{ items: { type: string; title: string; kind: string; lat: number; url: string }[] }>('/api/v1/points?type=place,project');
    expect(points.status, points.text).toBe(200);
    // The project without a location has no point.
    expect(points.body.items.map((point) => [point.type, point.title, point.kind])).toEqual([
      ['place', 'Muséum de Grenoble', 'museum'],
      ['place', 'Planétarium de Strasbourg', 'planetarium'],
      ['project', 'Air citoyen de Lyon', 'field'],
      ['project', 'Opération papillons', 'field'],
    ]);
    expect(points.body.items.find((point) => point.title === 'Muséum de Grenoble')).toMatchObject({ lat: 45.1885, url: museum.url });
    expect((await national.request('/api/v1/points?type=event')).status).toBe(400);
  });

  it('exports places and projects as CSV and GeoJSON, filtered as their lists, conditional, and refuses bad filters naming the field', async () => {
    const csv = await national.request('/projects.csv?involvement=monthly');
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row['title'])).toEqual(['Air citoyen de Lyon', 'Opération papillons']);
    expect(rows[0]).toMatchObject({ id: air.id, hub: aura.id, url: air.url, participation_type: 'field', involvement: 'monthly', disciplines: 'climate|health', audiences: 'adults|teens', regions: '84', commune: 'Lyon', insee_code: '69123', lat: '45.764', lon: '4.8357', website: 'https://www.vigienature.fr/' });
    // Every project, with or without a location, is a row; GeoJSON has those with coordinates.
    expect((parseCsv((await national.request('/projects.csv')).text, { bom: true, columns: true }) as unknown[]).length).toBe(3);
    const geo = await national.request<{ type: string; features: { id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] }>('/places.geojson?kind=planetarium');
    expect(geo.status, geo.text).toBe(200);
    expect(geo.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    expect(geo.body.type).toBe('FeatureCollection');
    expect(geo.body.features).toEqual([
      { type: 'Feature', id: `${est.id}/${planetarium.id}`, geometry: { type: 'Point', coordinates: [7.7455, 48.5839] }, properties: { type: 'place', id: planetarium.id, hub: est.id, url: planetarium.url, name: 'Planétarium de Strasbourg', kind: 'planetarium', commune: 'Strasbourg', insee_code: '67482', updated: planetarium.updatedAt } },
    ]);
    const projects = await national.request<{ features: { properties: { title: string } }[] }>('/projects.geojson');
    expect(projects.body.features.map((feature) => feature.properties.title)).toEqual(['Air citoyen de Lyon', 'Opération papillons']);
    const placesCsv = await national.request('/places.csv?accessibility=motor');
    const places = parseCsv(placesCsv.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(places.map((row) => [row['name'], row['kind'], row['accessibility']])).toEqual([['Muséum de Grenoble', 'museum', 'motor']]);
    // Conditional: the same export again is a 304 until something changes.
    const etag = placesCsv.headers['etag'];
    expect(typeof etag).toBe('string');
    expect((await national.request({ method: 'GET', url: '/places.csv?accessibility=motor', headers: { 'if-none-match': String(etag) } })).status).toBe(304);
    for (const [path, field] of [
      ['/projects.csv?involvement=sometimes', 'query.involvement'],
      ['/places.geojson?kind=castle', 'query.kind'],
      ['/places.csv?bbox=1,2', 'query.bbox'],
      ['/projects.geojson?limit=0', 'query.limit'],
      ['/places.csv?cursor=2', undefined],
    ] as const) {
      const response = await national.request<{ field?: string }>(path);
      expect(response.status, path).toBe(400);
      if (field !== undefined) expect(response.body.field, path).toBe(field);
    }
  });

  it('hides a suspended hub’s items at once, and a deleted item', async () => {
    await national.services.registry.suspend(est.id);
    expect(titles((await list('/api/v1/projects')).items)).toEqual(['Air citoyen de Lyon', 'Opération papillons']);
    await national.services.registry.approve(est.id);
    expect(titles((await list('/api/v1/projects')).items)).toContain('Étoiles filantes en réseau');
    national.writer.apply({ id: centre.id, region: centre.region }, [{ seq: ++counter, type: 'project', id: papillons.id, op: 'delete', version: 2, updatedAt: papillons.updatedAt }], { cursor: String(counter), latest: counter });
    expect(titles((await list('/api/v1/projects')).items)).toEqual(['Air citoyen de Lyon', 'Étoiles filantes en réseau']);
  });
});
