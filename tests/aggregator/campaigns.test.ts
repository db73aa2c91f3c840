import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAccounts } from '@constellation/aggregator';
import { AggregatorDescriptor, CampaignList, validate, type CampaignPublic, type EventPublic } from '@constellation/shared';
import { publicKeyFromJwk, verifyJwt } from '@constellation/shared/server';
import { HUBS, makeEvent, random, startNational, type NationalApi } from './api-support.ts';

type ClusterItems = { items: { kind: string; count?: number; id?: string; umbrella?: { hub: string; id: string; title: string; placeName?: string } }[] };

/*
 * National campaigns on the aggregator: admins define them, hubs read them as a signed
 * list, and the campaign's list, clusters and counts come from the index, conditional
 * and cacheable.
 */

let national: NationalApi;
let token = '';
const fds = {
  slug: 'fete-de-la-science-2026',
  name: 'Fête de la science 2026',
  startDate: '2026-10-02',
  endDate: '2026-10-12',
  description: 'Partout en France, dix jours de science.',
  regions: ['24', '44', '84'],
};
const inCampaign = Date.parse('2026-10-05T08:00:00Z');
let labelled: EventPublic[] = [];

beforeAll(async () => {
  national = await startNational();
  await new AdminAccounts(national.services.engine.admin.admins).createOrReset('national@example.org', 'a national password 2026');
  const login = await national.request<{ accessToken: string }>({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'national@example.org', password: 'a national password 2026' } });
  token = login.body.accessToken;
  const next = random(20);
  labelled = Array.from({ length: 30 }, (_, index) => makeEvent(next, inCampaign, { start: inCampaign + (index % 7) * 86_400_000, hours: 2, overrides: { campaign: fds.slug } }));
  const others = Array.from({ length: 30 }, () => makeEvent(next, inCampaign, { start: inCampaign, hours: 2, overrides: { campaign: 'nuit-des-etoiles-2026' } }));
  national.publish([...labelled, ...others]);
});

afterAll(async () => {
  await national?.close();
});

const auth = () => ({ authorization: `Bearer ${token}` });

describe('campaigns defined by national admins', () => {
  it('refuses without an admin, and refuses a bad campaign naming the field', async () => {
    expect((await national.request({ method: 'POST', url: '/api/v1/admin/campaigns', payload: fds })).status).toBe(401);
    const bad = await national.request<{ field: string }>({ method: 'POST', url: '/api/v1/admin/campaigns', headers: auth(), payload: { ...fds, endDate: '2026-09-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('endDate');
  });

  it('creates one, refuses the same slug twice, edits it but never its slug', async () => {
    const created = await national.request<CampaignPublic>({ method: 'POST', url: '/api/v1/admin/campaigns', headers: auth(), payload: fds });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...fds, url: 'https://national.test/campagnes/fete-de-la-science-2026' });
    expect((await national.request({ method: 'POST', url: '/api/v1/admin/campaigns', headers: auth(), payload: fds })).status).toBe(409);
    const edited = await national.request<CampaignPublic>({ method: 'PUT', url: `/api/v1/admin/campaigns/${fds.slug}`, headers: auth(), payload: { ...fds, name: 'Fête de la science' } });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe('Fête de la science');
    const renamed = await national.request<{ field: string }>({ method: 'PUT', url: `/api/v1/admin/campaigns/${fds.slug}`, headers: auth(), payload: { ...fds, slug: 'autre' } });
    expect(renamed.status).toBe(409);
    expect((await national.request({ method: 'PUT', url: '/api/v1/admin/campaigns/inconnue', headers: auth(), payload: { ...fds, slug: 'inconnue' } })).status).toBe(404);
  });
});

describe('the signed campaign list hubs read', () => {
  it('verifies against the aggregator\'s descriptor key, digest included, and answers 304 to its ETag', async () => {
    const descriptor = await national.request('/.well-known/constellation-aggregator');
    const checked = validate(AggregatorDescriptor, descriptor.body);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const list = await national.request('/federation/v1/campaigns');
    expect(list.status).toBe(200);
    expect(validate(CampaignList, list.body).ok).toBe(true);
    const [jwk] = checked.value.keys;
    const keys = new Map([[jwk?.kid ?? '', publicKeyFromJwk(jwk as NonNullable<typeof jwk>)]]);
    const claims = verifyJwt(String(list.headers['constellation-signature']), keys);
    expect(claims.iss).toBe('https://national.test');
    expect(claims.digest).toBe(`sha-256=${createHash('sha256').update(list.text).digest('base64')}`);
    expect((list.body as { items: CampaignPublic[] }).items.map((item) => item.slug)).toEqual([fds.slug]);
    const again = await national.request({ method: 'GET', url: '/federation/v1/campaigns', headers: { 'if-none-match': String(list.headers.etag) } });
    expect(again.status).toBe(304);
  });
});

describe('a campaign\'s national answers', () => {
  it('lists only the campaign\'s events over its days, with an ETag, Cache-Control and 304', async () => {
    const page = await national.request<{ items: { event: { id: string } }[] }>(`/api/v1/campaigns/${fds.slug}/events?limit=100`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toMatch(/max-age=\d+/);
    const hidden = new Set((national.store.sqlite.prepare('SELECT r.id FROM events_index e JOIN records r ON r.row_id = e.row_id WHERE e.duplicate_of IS NOT NULL').all() as { id: string }[]).map((row) => row.id));
    expect(page.body.items.map((item) => item.event.id).sort()).toEqual(labelled.filter((event) => !hidden.has(event.id)).map((event) => event.id).sort());
    const cached = await national.request({ method: 'GET', url: `/api/v1/campaigns/${fds.slug}/events?limit=100`, headers: { 'if-none-match': String(page.headers.etag) } });
    expect(cached.status).toBe(304);
    // A new labelled event moves the index: the old ETag no longer matches.
    national.publish([makeEvent(random(3), inCampaign, { start: inCampaign, hours: 1, overrides: { campaign: fds.slug } })]);
    const moved = await national.request({ method: 'GET', url: `/api/v1/campaigns/${fds.slug}/events?limit=100`, headers: { 'if-none-match': String(page.headers.etag) } });
    expect(moved.status).toBe(200);
  });

  it('counts by region and by format, clusters the map, and answers 404 for an unknown campaign', async () => {
    const detail = await national.request<{ campaign: CampaignPublic; counts: { total: number; byRegion: Record<string, number>; byFormat: Record<string, number> } }>(`/api/v1/campaigns/${fds.slug}`);
    expect(detail.status).toBe(200);
    const { total, byRegion, byFormat } = detail.body.counts;
    expect(total).toBeGreaterThan(20);
    expect(Object.values(byRegion).reduce((a, b) => a + b, 0)).toBe(total);
    expect(Object.values(byFormat).reduce((a, b) => a + b, 0)).toBe(total);
    expect(Object.keys(byRegion).every((region) => HUBS.some((hub) => hub.region === region))).toBe(true);
    const clusters = await national.request<{ clusters: { count: number }[] }>(`/api/v1/campaigns/${fds.slug}/clusters?bbox=-5,41,10,51&zoom=4`);
    expect(clusters.status).toBe(200);
    expect(clusters.headers.etag).toBeDefined();
    const unknown = await national.request<{ field: string }>('/api/v1/campaigns/inconnue/events');
    expect(unknown.status).toBe(404);
    expect((await national.request('/api/v1/campaigns/Pas%20un%20slug')).status).toBe(400);
  });
});

describe('a village des sciences on the map', () => {
  // A village in Bourges (nowhere else in the fixtures): the umbrella and its programme at one
  // venue, and a lab visit across the town (one cell at zoom 9, apart at street level).
  const village = { name: 'Village des sciences de Bourges', commune: 'Bourges', postalCode: '18000', inseeCode: '18033', lat: 47.0810, lon: 2.3988 };
  const lab = { ...village, name: 'Laboratoire PRISME', lat: 47.0825, lon: 2.4188 };
  const hub = HUBS.find((one) => one.region === '24') ?? HUBS[0];
  let umbrella: EventPublic;
  let children: EventPublic[];

  beforeAll(() => {
    const next = random(77);
    /** An event at one place, once, from `hour` after the campaign's test day for `hours`. */
    const once = (title: string, place: typeof village, hour: number, hours: number, overrides: Partial<EventPublic>): EventPublic => {
      const event = makeEvent(next, inCampaign, { hub, place, title, overrides: { campaign: fds.slug, ...overrides } });
      delete event.recurrence;
      delete event.onlineUrl;
      return { ...event, attendanceMode: 'in-person', timings: [{ start: new Date(inCampaign + hour * 3_600_000).toISOString(), end: new Date(inCampaign + (hour + hours) * 3_600_000).toISOString() }] };
    };
    umbrella = once('Village des sciences de Bourges', village, 0, 56, { format: 'festival' });
    children = [0, 1, 2, 3].map((i) => once(`Atelier ${i + 1} du village`, { ...village, lat: village.lat + i * 0.00002 }, i * 3, 2, { parentEventId: umbrella.id, format: i < 2 ? 'workshop' : 'conference' }));
    national.publish([umbrella, ...children, once('Visite du laboratoire PRISME', lab, 0, 2, { format: 'lab-visit' })]);
  });

  it('is one cluster naming its umbrella, on the campaign map and the national map, that opens into its programme', async () => {
    const box = '2.38,47.07,2.43,47.09';
    for (const url of [`/api/v1/campaigns/${fds.slug}/clusters?bbox=${box}&zoom=15`, `/api/v1/clusters?bbox=${box}&zoom=15&from=2026-10-01&to=2026-10-13`]) {
      const answer = await national.request<ClusterItems>(url);
      expect(answer.status, url).toBe(200);
      const villages = answer.body.items.filter((item) => item.umbrella !== undefined);
      expect(villages, url).toEqual([expect.objectContaining({ kind: 'cluster', count: 5, umbrella: { hub: hub?.id, id: umbrella.id, title: 'Village des sciences de Bourges', placeName: village.name } })]);
      // The lab visit across the town stays a dot of its own.
      expect(answer.body.items.filter((item) => item.kind === 'event').length, url).toBe(1);
    }
    // Farther out, the village and the lab share a cell: a mixed cluster names no umbrella.
    const mixed = await national.request<ClusterItems>(`/api/v1/campaigns/${fds.slug}/clusters?bbox=${box}&zoom=9`);
    expect(mixed.body.items).toEqual([expect.objectContaining({ kind: 'cluster', count: 6 })]);
    expect(mixed.body.items[0]?.umbrella).toBeUndefined();
    // The children alone (the umbrella filtered out by its format) still open into the programme.
    const childrenOnly = await national.request<ClusterItems>(`/api/v1/campaigns/${fds.slug}/clusters?bbox=${box}&zoom=15&format=workshop`);
    expect(childrenOnly.body.items).toEqual([expect.objectContaining({ kind: 'cluster', count: 2, umbrella: expect.objectContaining({ id: umbrella.id }) })]);
    // The programme: the umbrella's children, in the campaign's list filtered by parent.
    const programme = await national.request<{ items: { event: { id: string } }[] }>(`/api/v1/campaigns/${fds.slug}/events?parent=${umbrella.id}&limit=50`);
    expect(programme.body.items.map((item) => item.event.id).sort()).toEqual(children.map((child) => child.id).sort());
  });
});
