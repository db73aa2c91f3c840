/**
 * Events brought in from the fediverse, over real HTTP: a fake Mobilizon group and a fake
 * Gancio instance (servers of their own, signing with node:crypto by hand) send events
 * shaped as those projects' converters publish them. Allowlisted by a moderator, each is
 * followed by the organisation it feeds; its Create lands in the moderation queue (the
 * organisation is not verified), approved it is public, a repeat changes nothing, an
 * Update changes it, a Delete removes it. Nothing from an actor outside the allowlist is
 * stored, and a source cannot delete another's events. An approved event from the group
 * reaches the national map: an aggregator (its API on a real port, its own store, a
 * private Redis) pulls the hub's changes feed and shows it in its clusters. A verified
 * organisation's member follows a source by themselves, on a server the operator allows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadHubConfig } from '@constellation/hub';
import { pullHub } from '@constellation/aggregator';
import { actorInput } from './fixtures.ts';
import { TestFollower } from './ap-follower.ts';
import { TEST_SECRET } from './support.ts';
import { startTestAggregator, type TestAggregator } from '../aggregator/pipeline-support.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const POLL = { timeout: 20_000, interval: 50 };
const inDays = (days: number, hour: number) => {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return at;
};

/** As Mobilizon's event converter publishes a group's event (schema.org address, geo, ical:status). */
function mobilizonEvent(origin: string, group: string, uuid: string, name: string) {
  return {
    id: `${origin}/events/${uuid}`,
    type: 'Event',
    name,
    uuid,
    url: `${origin}/events/${uuid}`,
    attributedTo: group,
    actor: group,
    to: ['https://www.w3.org/ns/activitystreams#Public'],
    cc: [],
    mediaType: 'text/html',
    content: '<p>Venez observer <strong>Saturne</strong> avec le club.</p><p>Prévoir une lampe rouge.</p>',
    startTime: inDays(20, 19).toISOString().replace('.000Z', 'Z'),
    endTime: inDays(20, 22).toISOString().replace('.000Z', 'Z'),
    timezone: 'Europe/Paris',
    'ical:status': 'CONFIRMED',
    category: 'MEETING',
    joinMode: 'free',
    commentsEnabled: true,
    location: {
      id: `${origin}/address/1368fdab`,
      type: 'Place',
      name: 'Observatoire de la Source',
      address: { type: 'PostalAddress', streetAddress: 'Rue de la Source', postalCode: '45100', addressLocality: 'Orléans', addressRegion: 'Centre-Val de Loire', addressCountry: 'France' },
      latitude: 47.8466,
      longitude: 1.9379,
    },
    attachment: [{ type: 'Document', mediaType: 'image/jpeg', url: `${origin}/media/saturne.jpg`, name: 'Saturne vue au télescope' }],
    tag: [{ type: 'Hashtag', name: '#astronomie', href: `${origin}/tags/astronomie` }],
    published: new Date().toISOString(),
  };
}

/** As Gancio's Event model publishes one (address on one line, online places as Link attachments). */
function gancioEvent(origin: string, instance: string, id: number, name: string) {
  const start = inDays(25, 17);
  return {
    id: `${origin}/federation/m/${id}`,
    name,
    url: `${origin}/event/atelier-${id}`,
    type: 'Event',
    startTime: start.toISOString().replace('Z', '+00:00'),
    endTime: new Date(start.getTime() + 2 * 3_600_000).toISOString().replace('Z', '+00:00'),
    location: { type: 'Place', name: 'Médiathèque Maurice Genevoix', address: '1 place Gambetta, 45000 Orléans', latitude: 47.9029, longitude: 1.9039 },
    attachment: [{ type: 'Link', mediaType: 'text/html', name: 'https://visio.example.org/atelier', href: 'https://visio.example.org/atelier' }],
    tag: [{ type: 'Hashtag', name: '#robotique', href: `${origin}/tag/robotique` }],
    published: new Date().toISOString(),
    attributedTo: instance,
    to: ['https://www.w3.org/ns/activitystreams#Public'],
    cc: [`${instance}/followers`],
    content: '<p>Atelier de robotique pour les 8-12 ans.</p>',
    summary: 'Médiathèque Maurice Genevoix, samedi 10 janvier 18:00 UTC',
  };
}

describe('ActivityPub: events from an allowlisted Mobilizon group and Gancio instance', () => {
  let dataDir: string;
  let app: FastifyInstance;
  let base: string;
  let token: string;
  const mobilizon = new TestFollower('sciences-loiret');
  const gancio = new TestFollower('gancio');
  const stranger = new TestFollower('stranger');
  /** A source a verified organisation's member follows by themselves. */
  const cafe = new TestFollower('cafe-sciences');
  let clubId: string;
  let mediathequeId: string;
  let counter = 0;
  let redis: TestRedis;
  let national: TestAggregator;

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  function activity(from: TestFollower, type: string, object: unknown) {
    counter += 1;
    return { '@context': 'https://www.w3.org/ns/activitystreams', id: `${from.origin}/activities/${counter}`, type, actor: from.id, object, to: ['https://www.w3.org/ns/activitystreams#Public'] };
  }

  const send = (from: TestFollower, body: unknown) => from.send(from.signedPost(`${base}/ap/inbox`, body));
  const queue = async () =>
    (await api<{ items: { id: string; actorId: string; data: Record<string, unknown> }[] }>('GET', '/api/v1/moderation/queue?type=event')).body.items.map((item) => ({ ...item, title: String(item.data.title) }));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'constellation-ap-in-'));
    base = `http://127.0.0.1:${await freePort()}`;
    const config = loadHubConfig({ env: { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Echosciences Centre-Val de Loire', HUB_REGION: '24', HUB_BASE_URL: base, HUB_DATA_DIR: dataDir, HUB_JWT_SECRET: TEST_SECRET, HUB_LOG_LEVEL: 'silent', HUB_ALLOW_PRIVATE_NETWORK: 'true' } });
    app = await buildApp(config, { activityPub: { retryBaseMs: 200, pollMs: 100 } });
    await app.listen({ port: Number(new URL(base).port), host: '127.0.0.1' });
    await Promise.all([mobilizon.listen(), gancio.listen(), stranger.listen(), cafe.listen()]);
    await app.services.accounts.register({ email: 'moderation@example.org', password: 'correct horse battery staple', displayName: 'Modération' }, 'moderator');
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'moderation@example.org', password: 'correct horse battery staple' }) });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    clubId = (await api<{ id: string }>('POST', '/api/v1/actors?submit=true', actorInput('Club d’astronomie du Loiret'))).body.id;
    mediathequeId = (await api<{ id: string }>('POST', '/api/v1/actors?submit=true', actorInput('Médiathèques d’Orléans'))).body.id;
    redis = await startRedis();
    // Pulls are asked for by the test (pullHub), not by workers.
    national = await startTestAggregator(redis.url, {}, { workers: false });
  }, 60_000);

  afterAll(async () => {
    await national?.close();
    await redis?.close();
    await app?.close();
    await Promise.all([mobilizon.close(), gancio.close(), stranger.close(), cafe.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('follows an allowlisted source from the organisation it feeds, and notes its Accept', async () => {
    const added = await api<{ state: string; remoteActorId: string }>('POST', '/api/v1/activitypub/sources', { actor: mobilizon.id, actorId: clubId });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ remoteActorId: mobilizon.id, state: 'pending' });
    await expect.poll(() => mobilizon.received.map((item) => item.activity.type), POLL).toEqual(['Follow']);
    const follow = mobilizon.received[0];
    expect(follow?.verified).toBe(true);
    expect(follow?.activity).toMatchObject({ actor: `${base}/ap/actors/club-d-astronomie-du-loiret`, object: mobilizon.id });

    expect((await send(mobilizon, activity(mobilizon, 'Accept', follow?.activity))).status).toBe(202);
    const sources = await api<{ items: { remoteActorId: string; state: string }[] }>('GET', '/api/v1/activitypub/sources');
    expect(sources.body.items).toEqual([expect.objectContaining({ remoteActorId: mobilizon.id, state: 'accepted' })]);

    expect((await api('POST', '/api/v1/activitypub/sources', { actor: gancio.id, actorId: mediathequeId })).status).toBe(201);
    expect((await api('POST', '/api/v1/activitypub/sources', { actor: gancio.id, actorId: mediathequeId })).status).toBe(409);
    const bad = await api<{ field: string }>('POST', '/api/v1/activitypub/sources', { actor: 'not a handle', actorId: mediathequeId });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('actor');
  });

  it('takes a Mobilizon event into moderation, once, with its place, time zone, image and origin', async () => {
    const event = mobilizonEvent(mobilizon.origin, mobilizon.id, '252d5816-00a3-4a89-a66f-15bf65c33e39', 'Soirée Saturne');
    expect((await send(mobilizon, activity(mobilizon, 'Create', event))).status).toBe(202);
    const pending = await queue();
    expect(pending.map((item) => item.title)).toEqual(['Soirée Saturne']);
    expect(pending[0]?.actorId).toBe(clubId);

    // The same Create again (a retry on their side): nothing new.
    expect((await send(mobilizon, activity(mobilizon, 'Create', event))).status).toBe(202);
    expect((await queue()).length).toBe(1);

    const id = pending[0]?.id as string;
    expect((await api('POST', '/api/v1/moderation/approve', { ids: [id] })).status).toBe(200);
    const published = await fetch(`${base}/api/v1/events/${id}`);
    const shape = (await published.json()) as Record<string, unknown>;
    expect(shape).toMatchObject({
      title: 'Soirée Saturne',
      timeZone: 'Europe/Paris',
      attendanceMode: 'in-person',
      place: { name: 'Observatoire de la Source', address: 'Rue de la Source', postalCode: '45100', commune: 'Orléans', lat: 47.8466, lon: 1.9379 },
      image: { url: `${mobilizon.origin}/media/saturne.jpg`, alt: 'Saturne vue au télescope' },
      keywords: ['astronomie'],
    });
    expect(shape.timings).toEqual([{ start: event.startTime, end: event.endTime }]);
    expect(String(shape.description)).toContain('Venez observer Saturne');
    expect(String(shape.description)).toContain(`[${new URL(mobilizon.origin).host}](${event.url})`);

    // An Update changes it (back to moderation: the club is not verified).
    expect((await send(mobilizon, activity(mobilizon, 'Update', { ...event, name: 'Soirée Saturne et Jupiter' }))).status).toBe(202);
    expect((await queue()).map((item) => item.title)).toEqual(['Soirée Saturne et Jupiter']);
  });

  it('takes a Gancio event with its one-line address and online link, and lets only its source delete it', async () => {
    const event = gancioEvent(gancio.origin, gancio.id, 42, 'Atelier robotique');
    expect((await send(gancio, activity(gancio, 'Create', event))).status).toBe(202);
    const item = (await queue()).find((entry) => entry.title === 'Atelier robotique');
    expect(item?.actorId).toBe(mediathequeId);
    expect(item?.data).toMatchObject({ attendanceMode: 'mixed', onlineUrl: 'https://visio.example.org/atelier', place: { name: 'Médiathèque Maurice Genevoix', address: '1 place Gambetta', postalCode: '45000', commune: 'Orléans' }, keywords: ['robotique'] });

    // The Mobilizon group cannot delete Gancio's event.
    expect((await send(mobilizon, activity(mobilizon, 'Delete', event.id))).status).toBe(202);
    expect((await queue()).some((entry) => entry.id === item?.id)).toBe(true);
    expect((await send(gancio, activity(gancio, 'Delete', { id: event.id, type: 'Tombstone' }))).status).toBe(202);
    expect((await queue()).some((entry) => entry.id === item?.id)).toBe(false);
  });

  it('stores nothing from an actor outside the allowlist, nor an event claimed on another origin', async () => {
    const before = (await queue()).length;
    expect((await send(stranger, activity(stranger, 'Create', gancioEvent(stranger.origin, stranger.id, 7, 'Spam')))).status).toBe(202);
    // An allowlisted source publishing an object whose id lives elsewhere.
    expect((await send(gancio, activity(gancio, 'Create', { ...gancioEvent(gancio.origin, gancio.id, 8, 'Usurpé'), id: 'https://other.example/federation/m/8' }))).status).toBe(202);
    expect((await queue()).length).toBe(before);
    expect(app.store.sqlite.prepare("SELECT count(*) AS n FROM content WHERE title IN ('Spam', 'Usurpé')").get()).toEqual({ n: 0 });
  });

  it('shows a new event of the Mobilizon group, once approved, on the national map', async () => {
    // Elsewhere than the group's first event, so that the map shows it alone rather than in a venue's list.
    const first = mobilizonEvent(mobilizon.origin, mobilizon.id, '7d1e3c2a-5b4f-4e8a-9c6d-2f1a0b3c4d5e', 'Nuit des étoiles filantes');
    const event = { ...first, location: { ...first.location, id: `${mobilizon.origin}/address/5f2a9c1e`, name: 'Parc floral de la Source', latitude: 47.8393, longitude: 1.9415 } };
    expect((await send(mobilizon, activity(mobilizon, 'Create', event))).status).toBe(202);
    const id = (await queue()).find((item) => item.title === 'Nuit des étoiles filantes')?.id as string;
    expect(id).toBeDefined();

    const hubId = await national.addHub(base);
    expect(hubId).toBe('centre-val-de-loire');
    const map = async () => {
      const query = new URLSearchParams({ bbox: '1.8,47.8,2.0,47.95', zoom: '13', from: new Date().toISOString(), to: new Date(Date.now() + 60 * 86_400_000).toISOString() });
      const answer = await fetch(`${national.url}/api/v1/clusters?${query}`);
      expect(answer.status, await answer.clone().text()).toBe(200);
      return ((await answer.json()) as { items: { kind: string; id?: string; title?: string; lat: number; lon: number; placeName?: string }[] }).items;
    };
    // Waiting in moderation: not public, so not national either.
    expect(await pullHub(national.services, hubId, { lane: 'live' })).toMatchObject({ status: 'pulled' });
    expect((await map()).some((item) => item.id === id)).toBe(false);

    expect((await api('POST', '/api/v1/moderation/approve', { ids: [id] })).status).toBe(200);
    expect(await pullHub(national.services, hubId, { lane: 'live' })).toMatchObject({ status: 'pulled' });
    await expect.poll(async () => (await map()).find((item) => item.id === id), POLL).toMatchObject({ kind: 'event', title: 'Nuit des étoiles filantes', placeName: 'Parc floral de la Source', lat: 47.8393, lon: 1.9415 });
    // Its national page names the hub and links back to the hub's page.
    const detail = (await (await fetch(`${national.url}/api/v1/events/${hubId}/${id}`)).json()) as { event: { title: string; description?: string }; provenance: { hub: string; url: string } };
    expect(detail.provenance.hub).toBe(hubId);
    expect(detail.provenance.url.startsWith(base)).toBe(true);
    expect(String(detail.event.description)).toContain(new URL(mobilizon.origin).host);

    // The console's list of followed sources: who, for whom, in what state, what it brought and when.
    const sources = await api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/activitypub/sources');
    const group = sources.body.items.find((item) => item.remoteActorId === mobilizon.id);
    expect(group).toMatchObject({ state: 'accepted', handle: `@sciences-loiret@${new URL(mobilizon.origin).host}`, name: 'sciences-loiret', url: mobilizon.id, localActorId: clubId, localActorName: 'Club d’astronomie du Loiret', events: 2 });
    expect(Date.now() - Date.parse(String(group?.lastActivityAt))).toBeLessThan(60_000);
    expect(sources.body.items.find((item) => item.remoteActorId === gancio.id)).toMatchObject({ state: 'pending', localActorName: 'Médiathèques d’Orléans', events: 0, lastActivityAt: null });
  });

  it('lets a verified organisation’s member follow a source on a server the operator allows, and no other', async () => {
    const email = 'cafe@example.org';
    const password = 'correct horse battery staple';
    await app.services.accounts.register({ email, password, displayName: 'Café des sciences' }, 'contributor');
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const member = ((await login.json()) as { accessToken: string }).accessToken;
    const as = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
      const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${member}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
    };
    const orgId = (await as<{ id: string }>('POST', '/api/v1/actors?submit=true', actorInput('Café des sciences de Tours'))).body.id;
    expect((await api('POST', '/api/v1/moderation/approve', { ids: [orgId] })).status).toBe(200);
    const sources = `/api/v1/actors/${orgId}/activitypub/sources`;

    // Not verified yet: it may look, not follow.
    expect((await as<{ verified: boolean; items: unknown[] }>('GET', sources)).body).toMatchObject({ verified: false, items: [] });
    expect((await as('POST', sources, { actor: cafe.id })).status).toBe(403);
    expect((await api('POST', `/api/v1/actors/${orgId}/verify`, { verified: true })).status).toBe(200);

    // Verified, but the server is not on the operator's list: refused before anything is fetched.
    const refused = await as<{ field: string; message: string }>('POST', sources, { actor: cafe.id });
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('actor');
    expect(refused.body.message).toContain(new URL(cafe.origin).host);
    expect(cafe.received).toHaveLength(0);

    // The operator allows the server (host:port here; a bare name also covers its subdomains).
    const host = new URL(cafe.origin).host;
    expect((await as('POST', '/api/v1/activitypub/servers', { host })).status).toBe(403);
    expect((await api('POST', '/api/v1/activitypub/servers', { host: `http://${host}/` })).status).toBe(201);
    expect((await api('POST', '/api/v1/activitypub/servers', { host })).status).toBe(409);
    const badHost = await api<{ field: string }>('POST', '/api/v1/activitypub/servers', { host: 'not a server!' });
    expect(badHost.status).toBe(400);
    expect(badHost.body.field).toBe('host');
    expect((await api<{ items: { host: string }[] }>('GET', '/api/v1/activitypub/servers')).body.items.map((item) => item.host)).toEqual([host]);

    const added = await as<{ remoteActorId: string; localActorId: string; state: string }>('POST', sources, { actor: cafe.id });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ remoteActorId: cafe.id, localActorId: orgId, state: 'pending' });
    await expect.poll(() => cafe.received.map((item) => item.activity.type), POLL).toEqual(['Follow']);
    expect(cafe.received[0]).toMatchObject({ verified: true, activity: { actor: `${base}/ap/actors/cafe-des-sciences-de-tours`, object: cafe.id } });
    expect((await as<{ verified: boolean; servers: string[]; items: { remoteActorId: string }[] }>('GET', sources)).body).toMatchObject({ verified: true, servers: [host], items: [{ remoteActorId: cafe.id }] });

    // Another server stays closed to it; another organisation's sources are not its own.
    expect((await as('POST', sources, { actor: stranger.id })).status).toBe(400);
    expect((await as('GET', `/api/v1/actors/${clubId}/activitypub/sources`)).status).toBe(403);
    expect((await as('DELETE', `${sources}?actor=${encodeURIComponent(mobilizon.id)}`)).status).toBe(404);

    // What the source sends is the organisation's, published at once (it is verified).
    expect((await send(cafe, activity(cafe, 'Accept', cafe.received[0]?.activity))).status).toBe(202);
    const event = mobilizonEvent(cafe.origin, cafe.id, '0c4f3a8e-2b1d-4e6f-8a9c-1d2e3f4a5b6c', 'Café des sciences : le sommeil');
    expect((await send(cafe, activity(cafe, 'Create', event))).status).toBe(202);
    const row = app.store.sqlite.prepare("SELECT status, actor_id AS actorId FROM content WHERE title = 'Café des sciences : le sommeil'").get();
    expect(row).toEqual({ status: 'published', actorId: orgId });

    expect((await as('DELETE', `${sources}?actor=${encodeURIComponent(cafe.id)}`)).status).toBe(204);
    await expect.poll(() => cafe.received.map((item) => item.activity.type), POLL).toEqual(['Follow', 'Undo']);
  });

  it('blocks a domain from the console: its followers are forgotten and its requests refused, until unblocked', async () => {
    // A follower on another host name (localhost): blocking it leaves the 127.0.0.1 fakes alone.
    const dana = new TestFollower('dana');
    await dana.listen();
    dana.origin = dana.origin.replace('127.0.0.1', 'localhost');
    try {
      const club = `${base}/ap/actors/club-d-astronomie-du-loiret`;
      const followers = async () => ((await (await fetch(`${club}/followers`)).json()) as { totalItems: number }).totalItems;
      const follow = (n: number) => dana.signedPost(`${base}/ap/inbox`, { '@context': 'https://www.w3.org/ns/activitystreams', id: `${dana.id}#follows/${n}`, type: 'Follow', actor: dana.id, object: club });
      const before = await followers();
      expect((await dana.send(follow(1))).status).toBe(202);
      expect(await followers()).toBe(before + 1);

      const blocked = await api<{ domain: string; source: string }>('POST', '/api/v1/activitypub/blocked-domains', { domain: 'https://LocalHost/' });
      expect(blocked.status).toBe(201);
      expect(blocked.body).toMatchObject({ domain: 'localhost', source: 'operator' });
      expect((await api('POST', '/api/v1/activitypub/blocked-domains', { domain: 'localhost' })).status).toBe(409);
      const bad = await api<{ field: string }>('POST', '/api/v1/activitypub/blocked-domains', { domain: 'not a domain' });
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('domain');
      expect((await api<{ items: { domain: string }[] }>('GET', '/api/v1/activitypub/blocked-domains')).body.items.map((item) => item.domain)).toEqual(['localhost']);
      expect(await followers()).toBe(before);
      expect((await dana.send(follow(2))).status).toBe(403);
      // An allowed server cannot be on a blocked domain.
      expect((await api('POST', '/api/v1/activitypub/servers', { host: 'events.localhost' })).status).toBe(400);

      expect((await api('DELETE', '/api/v1/activitypub/blocked-domains?domain=localhost')).status).toBe(204);
      expect((await api('DELETE', '/api/v1/activitypub/blocked-domains?domain=localhost')).status).toBe(404);
      expect((await dana.send(follow(3))).status).toBe(202);
      expect(await followers()).toBe(before + 1);
    } finally {
      await dana.close();
    }
  });
});
