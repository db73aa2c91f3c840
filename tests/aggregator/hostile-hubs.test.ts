import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesPage } from '@constellation/shared';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { ENGINES, type EngineKind } from './engine-support.ts';
import { FakeHub, startLiveHub, startTestAggregator, until, type LiveHub, type TestAggregator } from './pipeline-support.ts';

/*
 * Hubs that misbehave, registered and approved like any other, pulled at the same time as
 * a healthy hub: one answers 500, one never answers, one drips a byte every 100 ms, one
 * sends 50 MB, one a gzip bomb, one invalid JSON, one pages in another hub's name, one
 * serves another hub's records, one redirects to a loopback port, one serves an event
 * dated past the contract's range beside a valid one. None may harm the index
 * or hold back the healthy hub; each leaves an error on record. One more pages forever
 * without giving anything. The whole file runs on both national stores (SQLite, and
 * PostgreSQL with the API reading its local read model).
 */

const MAX_PAGE_BYTES = 1024 * 1024;

let redis: TestRedis;
let aggregator: TestAggregator;
let healthy: LiveHub;
/** A service on the aggregator's own machine that a redirect tries to reach. */
let internal: Server;
let internalHits = 0;
/** Loopback is allowed for the test hubs' ports only, as a real deployment allows public addresses only. */
const hubPorts = new Set<number>();
const hostile = new Map<string, FakeHub>();
/** How many records the hub that copies the healthy hub's feed serves. */
let copied = 0;
const FAR_ID = '01935c1e-7a3b-7c4d-8e5f-0a1b2c3d4e5f';
const NEAR_ID = '01935c20-1111-7222-8333-444455556666';

async function gzipBomb(decodedBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zeros = Buffer.alloc(1024 * 1024, 0x20);
  for (let written = 0; written < decodedBytes; written += zeros.length) {
    if (!gzip.write(zeros)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(gzip, 'end');
  return Buffer.concat(chunks);
}

async function addHostile(id: string, behave: (fake: FakeHub) => void | Promise<void>): Promise<void> {
  const fake = await new FakeHub(id).start();
  hubPorts.add(fake.port);
  await behave(fake);
  hostile.set(id, fake);
}

function row(id: string) {
  return aggregator.hub(id);
}

/** The file's PostgreSQL, started for the PostgreSQL run only. */
let postgres: TestPostgres | undefined;

async function setUp(kind: EngineKind): Promise<void> {
  internalHits = 0;
  hubPorts.clear();
  copied = 0;
  redis = await startRedis();
  internal = createServer((_request, response) => {
    internalHits += 1;
    response.end('{"secret":true}');
  });
  await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
  const internalPort = (internal.address() as AddressInfo).port;

  // The deadline is long enough that, on a loaded machine, the healthy hub's event is indexed
  // while the hanging pulls still hang (the first test), and short enough to see them fail.
  aggregator = await startTestAggregator(
    redis.url,
    { pullIntervalMs: 3_600_000, fetchDeadlineMs: 10_000, maxPageBytes: MAX_PAGE_BYTES, liveConcurrency: 16 },
    { addressCheck: (check) => hubPorts.has(check.port), ...(kind === 'postgres' ? { databaseUrl: await (postgres ??= await startPostgres()).database() } : {}) },
  );
  healthy = await startLiveHub({ id: 'centre-val-de-loire', region: '24', aggregatorUrls: [aggregator.url] });
  hubPorts.add(Number(new URL(healthy.url).port));
  for (let index = 0; index < 5; index += 1) healthy.publish(`Rencontre ${index}`);
  const healthyFeed = (await (await fetch(`${healthy.url}/federation/v1/changes?after=0&limit=1000`)).json()) as ChangesPage;
  copied = healthyFeed.items.length;
  const bomb = await gzipBomb(64 * 1024 * 1024);

  await addHostile('panne', (fake) => {
    fake.onChanges = (_request, response) => void response.writeHead(500).end('{"error":"internal"}');
  });
  await addHostile('silence', (fake) => {
    fake.onChanges = () => undefined; // never answers; the socket stays open
  });
  await addHostile('goutte', (fake) => {
    fake.onChanges = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => response.write(' '), 100);
      response.once('close', () => clearInterval(drip));
    };
  });
  await addHostile('deluge', (fake) => {
    fake.onChanges = async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const closed = once(response, 'close');
      for (let sent = 0; sent < 50 * 1024 * 1024 && !response.destroyed; sent += chunk.length) {
        if (!response.write(chunk)) await Promise.race([once(response, 'drain'), closed]);
      }
      response.end();
    };
  });
  await addHostile('bombe', (fake) => {
    fake.onChanges = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
      response.end(bomb);
    };
  });
  await addHostile('charabia', (fake) => {
    fake.onChanges = (_request, response) => fake.raw(response, Buffer.from('{"protocol":"constellation/1","hub":"charabia","items":[{"seq":1,'));
  });
  await addHostile('usurpateur', (fake) => {
    // Pages in the healthy hub's name (signed with its own key): refused as a whole.
    fake.onChanges = (_request, response) => fake.page(response, { hub: healthy.id, items: healthyFeed.items, next: healthyFeed.next, hasMore: false, latest: healthyFeed.latest });
  });
  await addHostile('pilleur', (fake) => {
    // Its own pages, carrying the healthy hub's records (their ids, data.hub naming that hub).
    fake.onChanges = (_request, response, after) =>
      fake.page(response, { items: healthyFeed.items.filter((item) => item.seq > Number(after)), next: healthyFeed.next, hasMore: false, latest: healthyFeed.latest });
  });
  await addHostile('sans-fin', (fake) => {
    // A feed that says there is always more, and never gives any.
    fake.onChanges = (_request, response, after) => fake.page(response, { items: [], next: String(Number(after) + 1), hasMore: true, latest: 1_000_000 });
  });
  await addHostile('lointain', (fake) => {
    // One event whose rule runs into year 10000 beside a valid one: the valid one applies,
    // the far one is refused alone, and the cursor moves past both.
    const template = healthyFeed.items.find((item) => item.type === 'event' && item.op === 'upsert');
    const data: Record<string, unknown> = { ...(template?.data as Record<string, unknown>), hub: 'lointain' };
    delete data.timings;
    const far = { ...data, id: FAR_ID, slug: 'comete-lointaine', title: 'Comète lointaine', recurrence: { start: '9999-06-01T18:00', end: '9999-06-01T20:00', rrule: 'FREQ=YEARLY;COUNT=5' } };
    const near = { ...data, id: NEAR_ID, slug: 'comete-proche', title: 'Comète proche', recurrence: { start: '2027-06-01T18:00', end: '2027-06-01T20:00', rrule: 'FREQ=YEARLY;COUNT=5' } };
    const item = (seq: number, event: Record<string, unknown>) => ({ seq, type: 'event', id: event.id, op: 'upsert', version: event.version, updatedAt: event.updatedAt, data: event });
    fake.onChanges = (_request, response, after) =>
      fake.page(response, { items: [item(1, far), item(2, near)].filter((entry) => entry.seq > Number(after)), next: '2', hasMore: false, latest: 2 });
  });
  await addHostile('renvoi', (fake) => {
    fake.onChanges = (request, response) => void response.writeHead(302, { location: `http://127.0.0.1:${internalPort}${request.url ?? '/'}` }).end();
  });

  await aggregator.addHub(healthy.url);
  for (const fake of hostile.values()) await aggregator.addHub(fake.url);
}

async function tearDown(): Promise<void> {
  await aggregator?.close();
  for (const fake of hostile.values()) await fake.close();
  hostile.clear();
  await healthy?.close();
  await new Promise<void>((resolve) => (internal === undefined ? resolve() : internal.close(() => resolve())));
  await redis?.close();
}

afterAll(async () => {
  await postgres?.close();
});

/** What the pipeline refused from a hub, through the store interface (either engine). */
async function refusals(hubId: string) {
  return aggregator.services.engine.admin.hubOperations.rejected(hubId, 1_000);
}

describe.each(ENGINES)('hostile hubs (%s store)', (kind) => {
  beforeAll(() => setUp(kind), 60_000);
  afterAll(tearDown);

  it('do not hold back a healthy hub: its commits are applied while the hanging pulls still hang', async () => {
    await until(() => (hostile.get('silence')?.active ?? 0) > 0 && (hostile.get('goutte')?.active ?? 0) > 0, 'the hanging and dripping hubs are being pulled');
    const id = healthy.publish('Publié pendant que les autres traînent');
    await until(() => aggregator.indexed(healthy.id, id), 'the healthy hub\'s new event is indexed');
    // Still hanging: their pulls have not failed yet, and the healthy hub went through regardless.
    expect(row('silence').lastError).toBeNull();
    expect(row('goutte').lastError).toBeNull();
    expect(aggregator.records(healthy.id)).toEqual(healthy.publicState());
  });

  it('each leave an error on record', async () => {
    const failing = ['panne', 'silence', 'goutte', 'deluge', 'bombe', 'charabia', 'usurpateur', 'sans-fin', 'renvoi'];
    await until(() => failing.every((id) => row(id).lastError !== null), 'every hostile pull has failed once', 30_000);
    expect(row('panne').lastError).toBe('the hub answered 500');
    expect(row('silence').lastError).toMatch(/^deadline: /);
    expect(row('goutte').lastError).toMatch(/^deadline: /);
    expect(row('deluge').lastError).toMatch(/^too-large: .*1048576 bytes/);
    expect(row('bombe').lastError).toMatch(/^too-large: .*once decoded/);
    expect(row('charabia').lastError).toBe('the page is not valid JSON');
    expect(row('usurpateur').lastError).toMatch(/page\.hub is "centre-val-de-loire", not usurpateur/);
    expect(row('sans-fin').lastError).toMatch(/hasMore is true but the page moves the feed no further/);
    // Refused before it is followed: not even a development setup (private addresses allowed) requests the other origin.
    expect(row('renvoi').lastError).toMatch(/^cross-origin-redirect: /);
    for (const id of failing) {
      expect(row(id).consecutiveFailures).toBeGreaterThanOrEqual(1);
      expect(row(id).lastErrorAt).not.toBeNull();
      expect(row(id).cursor).toBe('0');
    }
  });

  it('never reach a service behind a redirect', () => {
    expect(internalHits).toBe(0);
  });

  it('cannot pass off another hub\'s records: each is refused and counted', async () => {
    await until(() => row('pilleur').cursor !== '0', 'its feed is read');
    expect(row('pilleur').appliedCount).toBe(0);
    expect(row('pilleur').rejectedCount).toBe(copied);
    const fields = new Set((await refusals('pilleur')).map((refusal) => refusal.field));
    expect([...fields]).toEqual(['data.hub']);
  });

  it('cannot stall a sync with one event out of the date range: the valid one beside it applies', async () => {
    await until(() => row('lointain').cursor === '2', 'its page is read to the end');
    expect(row('lointain')).toMatchObject({ appliedCount: 1, rejectedCount: 1, consecutiveFailures: 0, lastError: null });
    expect([...aggregator.records('lointain').keys()]).toEqual([NEAR_ID]);
    expect(aggregator.indexed('lointain', NEAR_ID)).toBe(true);
    const refused = (await refusals('lointain')).map(({ itemId, field, message }) => ({ itemId, field, message }));
    expect(refused).toEqual([{ itemId: FAR_ID, field: 'data.recurrence.start', message: expect.stringMatching(/1900 to 2199/) as unknown }]);
    // And the national hub list shows the refusal to everyone.
    const hubs = (await (await fetch(`${aggregator.url}/api/v1/hubs`)).json()) as { items: { id: string; counts: { rejected: number } }[] };
    expect(hubs.items.find((hub) => hub.id === 'lointain')?.counts.rejected).toBe(1);
  });

  it('leave the index as the healthy hub alone would have it', () => {
    expect(aggregator.records(healthy.id)).toEqual(healthy.publicState());
    const others = aggregator.services.store.sqlite.prepare("SELECT count(*) FROM records WHERE hub NOT IN (?, 'lointain')").pluck().get(healthy.id);
    expect(others).toBe(0);
    const credited = aggregator.services.store.sqlite.prepare("SELECT DISTINCT e.hub FROM events_index e WHERE e.hub <> 'lointain'").pluck().all();
    expect(credited).toEqual([healthy.id]);
    expect(row(healthy.id)).toMatchObject({ consecutiveFailures: 0, lastError: null, cursor: String(healthy.latest()) });
  });
});
