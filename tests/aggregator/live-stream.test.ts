import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@constellation/hub';
import { announceChanges, buildApp, createServices, HubAdmin, loadAggregatorConfig, NationalWriter, openNationalStore, type AggregatorConfig, type AggregatorServices, type NationalStore, type RedisConnection } from '@constellation/aggregator';
import type { ChangesPage, EventInput } from '@constellation/shared';
import { eventInput, places } from '../hub/event-inputs.ts';
import { startTestHub, type TestHub } from '../hub/support.ts';
import { freePort, startRedis, type TestRedis } from '../support/redis.ts';
import { openSse, type SseClient, type SseEvent } from '../support/sse.ts';
import { waitFor } from '../support/wait.ts';

/*
 * The live stream against a real Redis and real SQLite: a hub's feed is applied to the
 * national store as the worker does (NationalWriter.apply, then announceChanges), and
 * clients read /api/v1/stream over real HTTP.
 */

const HUB = { id: 'centre-val-de-loire', region: '24' };

let redis: TestRedis;
let hub: TestHub;
let admin: Viewer;
let actorId: string;
let dataDir: string;
/** The worker's side: its own connection to the store, its writer, its Redis. */
let workerStore: NationalStore;
let writer: NationalWriter;
let worker: AggregatorServices;
let cursor = '0';
const apps: { app: FastifyInstance; services: AggregatorServices; url: string }[] = [];
const streams: SseClient[] = [];

function configFor(overrides: Partial<AggregatorConfig> = {}): AggregatorConfig {
  return {
    ...loadAggregatorConfig({
      env: {
        AGGREGATOR_DATA_DIR: dataDir,
        AGGREGATOR_JWT_SECRET: 'live-test-secret-that-is-long-enough-0123456789',
        AGGREGATOR_LOG_LEVEL: 'silent',
        REDIS_URL: redis.url,
      },
    }),
    // Long polls: what arrives within a test arrives by the Redis wake-up (unless a test says otherwise).
    livePollMs: 60_000,
    liveHeartbeatMs: 60_000,
    ...overrides,
  };
}

/** An API process: its own services (store connection, Redis) and app, on a real port. */
async function startApi(overrides: Partial<AggregatorConfig> = {}): Promise<{ app: FastifyInstance; services: AggregatorServices; url: string }> {
  const config = configFor(overrides);
  const services = createServices(config);
  const app = await buildApp(config, { services });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const api = { app, services, url };
  apps.push(api);
  return api;
}

async function stream(api: { url: string }, query = '', lastEventId?: string): Promise<SseClient> {
  const client = await openSse(`${api.url}/api/v1/stream${query}`, lastEventId === undefined ? {} : { lastEventId });
  streams.push(client);
  expect(client.status).toBe(200);
  await client.next((event) => event.event === 'ready');
  return client;
}

/** Reads the hub's feed from where the last sync stopped and applies it as a pull would, then announces. */
async function sync(): Promise<void> {
  for (;;) {
    const page = await hub.request<ChangesPage>({ method: 'GET', url: `/federation/v1/changes?after=${cursor}&limit=1000` });
    expect(page.status).toBe(200);
    const result = writer.apply(HUB, page.body.items, { cursor: page.body.next, latest: page.body.latest });
    expect(result.rejected).toEqual([]);
    await announceChanges(worker.redis, result.applied);
    cursor = page.body.next;
    if (!page.body.hasMore) return;
  }
}

function publish(title: string, overrides: Partial<EventInput> = {}): string {
  return hub.app.services.content.create('event', eventInput(actorId, title, '2027-06-01T18:00:00+02:00', '2027-06-01T20:00:00+02:00', overrides), admin, { submit: true }).id;
}

function about(id: string, event: string) {
  return (message: SseEvent) => message.event === event && (message.json as { id?: string } | undefined)?.id === id;
}

function changes(client: SseClient): SseEvent[] {
  return client.events.filter((event) => event.event === 'upsert' || event.event === 'delete');
}

async function redisReady(connection: RedisConnection): Promise<void> {
  await waitFor(() => connection.status === 'ready', { what: 'the worker\'s Redis connection' });
}

beforeAll(async () => {
  redis = await startRedis();
  hub = await startTestHub();
  const account = await hub.app.services.accounts.register({ email: 'admin@live.example.org', password: 'correct horse 1', displayName: 'Admin' }, 'admin');
  admin = { id: account.id, role: 'admin', actorIds: [] };
  actorId = hub.app.services.content.create('actor', { name: 'Centre-Sciences', kind: 'ccsti' }, admin, { submit: true }).id;
  dataDir = mkdtempSync(join(tmpdir(), 'constellation-live-'));
  workerStore = openNationalStore(join(dataDir, 'national.sqlite'));
  workerStore.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at) VALUES (?, 'http://hub.test', 'Centre', '24', 'approved', '{}', 0)`).run(HUB.id);
  writer = new NationalWriter(workerStore);
  worker = createServices(configFor(), { store: workerStore });
  await redisReady(worker.redis);
  await sync();
}, 60_000);

afterAll(async () => {
  for (const client of streams) client.close();
  for (const api of apps) {
    await api.app.close();
    await api.services.close();
  }
  await worker?.close();
  await hub?.close();
  await redis?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the live stream', () => {
  it('streams an upsert and then a delete as the hub\'s changes are applied, with the national seq as id', async () => {
    const api = await startApi();
    const client = await stream(api);
    const id = publish('Nuit des étoiles au MOBE', { disciplines: ['astronomy'] });
    await sync();
    const upsert = await client.next(about(id, 'upsert'));
    const nseq = workerStore.sqlite.prepare('SELECT nseq FROM records WHERE hub = ? AND id = ?').pluck().get(HUB.id, id) as number;
    expect(upsert.id).toBe(String(nseq));
    expect(upsert.json).toEqual({
      hub: HUB.id,
      id,
      type: 'event',
      title: 'Nuit des étoiles au MOBE',
      start: '2027-06-01T16:00:00.000Z',
      end: '2027-06-01T18:00:00.000Z',
      lat: places.orleans.lat,
      lon: places.orleans.lon,
      format: 'workshop',
      disciplines: ['astronomy'],
      region: '24',
      listed: true,
      url: expect.stringMatching(/^http:\/\/hub\.test\//),
    });

    hub.app.services.content.remove('event', id, admin);
    await sync();
    const deleted = await client.next(about(id, 'delete'));
    expect(deleted.json).toEqual({ hub: HUB.id, id, type: 'event', reason: 'deleted' });
    expect(Number(deleted.id)).toBeGreaterThan(nseq);
    expect(client.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(client.headers.get('x-accel-buffering')).toBe('no');
    expect(client.headers.get('content-encoding')).toBeNull();
  });

  it('filters by bbox and facets, tells a client to drop an event that leaves its filter, and sends nothing for a new event outside it', async () => {
    const api = await startApi();
    const orleans = await stream(api, '?bbox=1.8,47.8,2.0,48.0');
    const strasbourg = await stream(api, '?bbox=7.6,48.5,7.9,48.7');
    const conferences = await stream(api, '?format=conference&discipline=astronomy');
    const actors = await stream(api, '?type=actor');
    const id = publish('Atelier robotique', { format: 'conference', disciplines: ['astronomy', 'physics'] });
    await sync();

    expect((await orleans.next(about(id, 'upsert'))).json).toMatchObject({ id, title: 'Atelier robotique' });
    expect((await conferences.next(about(id, 'upsert'))).json).toMatchObject({ id, format: 'conference' });
    // Outside Strasbourg's box, and new: no list or stream can have shown it, so that stream
    // gets nothing for it (checked below, once a later change has reached it).

    // The event moves to Strasbourg: it leaves the first box and enters the second.
    hub.app.services.content.update('event', id, eventInput(actorId, 'Atelier robotique', '2027-06-01T18:00:00+02:00', '2027-06-01T20:00:00+02:00', { place: { ...places.strasbourg }, format: 'workshop' }), admin);
    await sync();
    expect((await orleans.next(about(id, 'delete'))).json).toMatchObject({ reason: 'filtered' });
    expect((await strasbourg.next(about(id, 'upsert'))).json).toMatchObject({ id, lat: places.strasbourg.lat, lon: places.strasbourg.lon });
    expect((await conferences.next(about(id, 'delete'))).json).toEqual({ hub: HUB.id, id, type: 'event', reason: 'filtered' });
    // Changes arrive in commit order: the first version came before this upsert, and brought nothing.
    expect(changes(strasbourg).map((event) => `${event.event} ${(event.json as { id: string }).id}`)).toEqual([`upsert ${id}`]);
    expect(changes(orleans).filter((event) => event.event === 'upsert').map((event) => (event.json as { id: string }).id)).toEqual([id]);
    // Another type's stream hears nothing of events.
    expect(changes(actors)).toEqual([]);
  });

  it('filters by time window on the event\'s occurrences', async () => {
    const api = await startApi();
    const june = await stream(api, '?from=2027-06-01&to=2027-06-30');
    const july = await stream(api, '?from=2027-07-01');
    const id = publish('Café des sciences');
    await sync();
    await june.next(about(id, 'upsert'));
    // Later in the summer: July's stream gets it, and got nothing for June's (a new event it could not hold).
    const later = publish('Café des sciences d\'été', { timings: [{ start: '2027-07-03T18:00:00+02:00', end: '2027-07-03T20:00:00+02:00' }] });
    await sync();
    await july.next(about(later, 'upsert'));
    expect(changes(july).map((event) => (event.json as { id: string }).id)).toEqual([later]);
    // Moved to July: June's stream, which showed it, is told to drop it; July's gets it.
    hub.app.services.content.update('event', id, eventInput(actorId, 'Café des sciences', '2027-07-05T18:00:00+02:00', '2027-07-05T20:00:00+02:00'), admin);
    await sync();
    expect((await june.next(about(id, 'delete'))).json).toMatchObject({ reason: 'filtered' });
    await july.next(about(id, 'upsert'));
  });

  it('refuses a bad filter with a 400 naming the field', async () => {
    const api = await startApi();
    for (const [query, field] of [
      ['bbox=1,2,3', 'query.bbox'],
      ['discipline=alchemy', 'query.discipline'],
      ['from=yesterday', 'query.from'],
      ['from=2027-06-02&to=2027-06-01', 'query.to'],
      ['region=99', 'query.region'],
      ['bbox=1.8,47.8,2.0,48.0&type=actor', 'query.type'],
      ['lastEventId=abc', 'query.lastEventId'],
      ['colour=blue', 'query'],
    ] as const) {
      const response = await api.app.inject({ method: 'GET', url: `/api/v1/stream?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ field: expect.stringContaining(field) });
    }
    const badHeader = await api.app.inject({ method: 'GET', url: '/api/v1/stream', headers: { 'last-event-id': '12abc' } });
    expect(badHeader.statusCode).toBe(400);
    expect(badHeader.json()).toMatchObject({ field: 'headers.last-event-id' });
  });

  it('resumes from Last-Event-ID with exactly the changes missed, each once, in their latest state', async () => {
    const api = await startApi();
    const first = await stream(api);
    const seen = publish('Conférence sur les comètes');
    await sync();
    await first.next(about(seen, 'upsert'));
    const lastEventId = first.lastEventId();
    first.close();

    const edited = publish('Exposition');
    await sync();
    hub.app.services.content.update('event', edited, eventInput(actorId, 'Exposition (prolongée)', '2027-06-01T18:00:00+02:00', '2027-06-01T20:00:00+02:00'), admin);
    const removed = publish('Atelier annulé');
    await sync();
    hub.app.services.content.remove('event', removed, admin);
    await sync();

    const resumedStreams = [await stream(api, '', lastEventId), await stream(api, `?lastEventId=${lastEventId}`)];
    for (const resumed of resumedStreams) {
      const replayed = changes(resumed).map((event) => [event.event, (event.json as { id: string }).id, (event.json as { title?: string }).title]);
      // The log is compacted: the edited event once (its latest title), the removed one as a delete.
      expect(replayed).toEqual([
        ['upsert', edited, 'Exposition (prolongée)'],
        ['delete', removed, undefined],
      ]);
      const ids = changes(resumed).map((event) => Number(event.id));
      expect(ids.every((id) => id > Number(lastEventId))).toBe(true);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    }
    // And then they are live.
    const next = publish('Après la reprise');
    await sync();
    for (const resumed of resumedStreams) {
      await resumed.next(about(next, 'upsert'));
      expect(changes(resumed).filter((event) => (event.json as { id: string }).id === edited)).toHaveLength(1);
    }
  });

  it('tells a client too far behind, or at a position this store never had, to reload', async () => {
    const api = await startApi({ liveMaxReplay: 2 });
    const head = workerStore.sqlite.prepare("SELECT value FROM national_state WHERE key = 'nseq'").pluck().get() as number;
    const behind = await openSse(`${api.url}/api/v1/stream`, { lastEventId: '0' });
    streams.push(behind);
    const reset = await behind.next((event) => event.event === 'reset');
    expect(reset.json).toEqual({ nseq: head, reason: 'too-far-behind' });
    expect(changes(behind)).toEqual([]);
    await behind.next((event) => event.event === 'ready');

    const ahead = await openSse(`${api.url}/api/v1/stream`, { lastEventId: String(head + 1_000) });
    streams.push(ahead);
    expect((await ahead.next((event) => event.event === 'reset')).json).toMatchObject({ reason: 'unknown-position' });
  });

  it('is served by every API process: two apps on one store and one Redis both deliver', async () => {
    const one = await startApi();
    const two = await startApi();
    const [a, b] = [await stream(one), await stream(two)];
    const id = publish('Journée portes ouvertes');
    await sync();
    const [fromOne, fromTwo] = [await a.next(about(id, 'upsert')), await b.next(about(id, 'upsert'))];
    expect(fromTwo.id).toBe(fromOne.id);
    expect(fromTwo.data).toBe(fromOne.data);
  });

  it('sends heartbeats, and moves a client\'s Last-Event-ID past changes its filter skipped', async () => {
    const api = await startApi({ liveHeartbeatMs: 50 });
    const client = await stream(api, '?hub=grand-est');
    const before = client.lastEventId();
    publish('Pas pour ce client');
    await sync();
    await waitFor(() => client.comments >= 2, { what: 'two heartbeats' });
    const head = workerStore.sqlite.prepare("SELECT value FROM national_state WHERE key = 'nseq'").pluck().get() as number;
    await waitFor(() => client.lastEventId() === String(head), { what: 'the Last-Event-ID to move on' });
    expect(Number(before)).toBeLessThan(head);
    expect(changes(client)).toEqual([]);
  });

  it('keeps streaming from the change log when Redis is down', async () => {
    const nothingThere = `redis://127.0.0.1:${await freePort()}`;
    const api = await startApi({ redisUrl: nothingThere, livePollMs: 50 });
    const client = await stream(api);
    const id = publish('Sans Redis');
    await sync();
    expect((await client.next(about(id, 'upsert'))).json).toMatchObject({ id, title: 'Sans Redis' });
  });

  it('drops a suspended hub\'s events from streams at once, and shows them again on approval', async () => {
    const api = await startApi();
    const id = publish('Visite guidée');
    await sync();
    const client = await stream(api);
    const hubs = new HubAdmin(worker);
    await hubs.suspend(HUB.id);
    expect((await client.next(about(id, 'delete'))).json).toMatchObject({ id, reason: 'hidden' });
    await hubs.approve(HUB.id);
    expect((await client.next(about(id, 'upsert'))).json).toMatchObject({ id, listed: true });
  });

  it('lists another hub\'s copy of an event while the hub it copies is suspended', async () => {
    const api = await startApi();
    const id = publish('Nuit des chauves-souris');
    await sync();
    const original = (await hub.request<ChangesPage>({ method: 'GET', url: '/federation/v1/changes?after=0&limit=1000' })).body.items.find((item) => item.id === id);
    if (original === undefined) throw new Error('the event is not in the feed');
    // The same event posted on Grand Est under its own id.
    const copyId = '01a1fd0e-0000-7000-8000-00000000c0de';
    workerStore.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at) VALUES ('grand-est', 'http://other.test', 'Grand Est', '44', 'approved', '{}', 0)`).run();
    const copy = { ...original, seq: 1, id: copyId, data: { ...(original.data as object), hub: 'grand-est', id: copyId } };
    await announceChanges(worker.redis, writer.apply({ id: 'grand-est', region: '44' }, [copy], { cursor: '1', latest: 1 }).applied);
    const twin = workerStore.sqlite.prepare('SELECT e.duplicate_of FROM events_index e JOIN records r ON r.row_id = e.row_id WHERE r.id = ?').pluck().get(copyId);
    expect(twin).toEqual(expect.any(Number));
    const client = await stream(api);

    const hubs = new HubAdmin(worker);
    await hubs.suspend(HUB.id);
    expect((await client.next(about(id, 'delete'))).json).toMatchObject({ reason: 'hidden' });
    expect((await client.next(about(copyId, 'upsert'))).json).toMatchObject({ hub: 'grand-est', listed: true });
    await hubs.approve(HUB.id);
    await client.next((event) => about(copyId, 'upsert')(event) && (event.json as { listed: boolean }).listed === false);
    await client.next(about(id, 'upsert'));
    await hubs.remove('grand-est');
    await client.next(about(copyId, 'delete'));
  });

  it('caps open streams per process and ends open streams when the app closes', async () => {
    const api = await startApi({ liveMaxClients: 1 });
    const client = await stream(api);
    const refused = await fetch(`${api.url}/api/v1/stream`);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: 'too_many_streams' });
    apps.splice(apps.indexOf(api), 1);
    await api.app.close();
    await api.services.close();
    await waitFor(() => client.ended, { what: 'the stream to end with the app' });
  });
});
