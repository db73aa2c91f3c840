import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAggregatorConfig, openServices, type AggregatorServices } from '@constellation/aggregator';
import { cli, cliWith } from '../support/aggregator-cli.ts';
import { http } from '../support/federation.ts';
import { eventDetail, listedEvents } from '../support/national.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { childEnv, nodeTsArgs, spawnManaged, type ManagedProcess } from '../support/processes.ts';
import { freePort } from '../support/redis.ts';
import { startRedisCluster, type TestRedisCluster } from '../support/redis-cluster.ts';
import { openSse, type SseClient, type SseEvent } from '../support/sse.ts';
import { waitFor } from '../support/wait.ts';
import { eventItems, FakeHub, serveFeed } from './pipeline-support.ts';

/*
 * Several machines on one PostgreSQL database: `aggregator start` processes (API and
 * worker roles, from sources) sharing only that database and a Redis Cluster, one of them
 * killed mid-pull or mid-stream, with a real PostgreSQL server for the file (see
 * pg-store.test.ts for the store itself).
 */

describe('API processes and workers sharing only PostgreSQL and a Redis Cluster', () => {
  let server: TestPostgres;
  let dir: string;
  let redis: TestRedisCluster;
  let fake: FakeHub;
  let registrar: AggregatorServices;
  let url = '';
  const workers: ManagedProcess[] = [];
  const apis: { process: ManagedProcess; base: string }[] = [];
  const streams: SseClient[] = [];
  /** A stream on the western part of the hub's events (API process 2, which is never killed). */
  let west: SseClient;
  const WEST = { west: -1, south: 43, east: 2.5, north: 48 };
  const TOTAL = 400;
  const SECRET = 'aggregator-test-secret-long-enough-0123456789';

  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'constellation-pg-processes-'));
    redis = await startRedisCluster();
    fake = await new FakeHub('occitanie', '76').start();
    // Slow pages of 20: the first pull takes seconds, so a worker can be killed in the middle of it.
    serveFeed(fake, eventItems(fake.id, TOTAL), { delayMs: 60 });
    url = await server.database();
    expect((await cli('migrate', '--database-url', url, '--data-dir', dir)).code).toBe(0);
    const config = loadAggregatorConfig({
      env: { AGGREGATOR_DATA_DIR: dir, AGGREGATOR_DATABASE_URL: url, AGGREGATOR_ROLE: 'worker', AGGREGATOR_JWT_SECRET: SECRET, AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true', REDIS_URL: redis.url },
    });
    registrar = await openServices(config);
    const row = await registrar.registry.add(fake.url);
    await registrar.registry.approve(row.id);
    // Two API processes on PostgreSQL before any pull: they follow it from an empty store.
    await Promise.all([startApi('api 1'), startApi('api 2')]);
    streams.push(...(await Promise.all(apis.map((api) => openSse(`${api.base}/api/v1/stream`)))));
    west = await openSse(`${apis[1]?.base}/api/v1/stream?bbox=${WEST.west},${WEST.south},${WEST.east},${WEST.north}`);
  }, 120_000);
  afterAll(async () => {
    for (const stream of [...streams, west]) stream?.close();
    for (const worker of [...workers, ...apis.map((api) => api.process)]) if (worker.alive()) await worker.kill('SIGKILL');
    await registrar?.close();
    await fake?.close();
    await redis?.close();
    await server?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  function env(extra: Record<string, string>): Record<string, string> {
    return childEnv({
      AGGREGATOR_DATA_DIR: dir,
      AGGREGATOR_DATABASE_URL: url,
      AGGREGATOR_JWT_SECRET: SECRET,
      // One public address for every API process, as behind a load balancer (admin tokens name it).
      AGGREGATOR_PUBLIC_URL: 'https://national.example.org',
      AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true',
      AGGREGATOR_LOG_LEVEL: 'warn',
      AGGREGATOR_PULL_INTERVAL_MS: '1000',
      AGGREGATOR_PULL_JITTER_MS: '0',
      AGGREGATOR_PULL_LOCK_TTL_MS: '2000',
      AGGREGATOR_PAGE_LIMIT: '20',
      AGGREGATOR_BATCH_SIZE: '7',
      AGGREGATOR_LIVE_POLL_MS: '500',
      REDIS_URL: redis.url,
      ...extra,
    });
  }

  function startWorker(name: string): ManagedProcess {
    const worker = spawnManaged(name, process.execPath, nodeTsArgs('aggregator/src/main.ts', ['start', '--role', 'worker']), { env: env({}) });
    workers.push(worker);
    return worker;
  }

  /** `aggregator start --role api` on PostgreSQL, answering on a port of its own. */
  async function startApi(name: string): Promise<{ process: ManagedProcess; base: string }> {
    const port = await freePort();
    const api = { process: spawnManaged(name, process.execPath, nodeTsArgs('aggregator/src/main.ts', ['start', '--role', 'api']), { env: env({ AGGREGATOR_PORT: String(port), AGGREGATOR_HOST: '127.0.0.1' }) }), base: `http://127.0.0.1:${port}` };
    apis.push(api);
    await waitFor(
      async () => {
        if (!api.process.alive()) throw new Error(`${name} exited:\n${api.process.output()}`);
        return (await http(`${api.base}/healthz`).catch(() => ({ status: 0 }))).status === 200 ? true : undefined;
      },
      { what: `${name} to answer`, intervalMs: 100, timeoutMs: 60_000 },
    );
    return api;
  }

  const count = async () => (await server.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE hub = $1 AND NOT deleted', [fake.id], url))[0]?.n ?? 0;
  const asApi = (api: { base: string }) => ({ getJson: <T,>(path: string) => http<T>(`${api.base}${path}`) }) as Parameters<typeof listedEvents>[0];
  const changeLines = (stream: SseClient) => stream.events.filter((event: SseEvent) => event.event === 'upsert' || event.event === 'delete').map((event) => `${event.event} ${event.id} ${event.data}`);
  const inWest = (line: string) => {
    const { lat, lon } = JSON.parse(line.slice(line.indexOf('{'))) as { lat?: number; lon?: number };
    return lat !== undefined && lon !== undefined && lon >= WEST.west && lon <= WEST.east && lat >= WEST.south && lat <= WEST.north;
  };

  it('a worker killed mid-pull loses nothing: two others take over, one pull of the hub at a time', async () => {
    const first = startWorker('worker 1');
    const atKill = await waitFor(async () => {
      const n = await count();
      return n >= 30 ? n : undefined;
    }, { what: 'the first worker\'s pull under way', intervalMs: 10, timeoutMs: 60_000 });
    await first.kill('SIGKILL');
    expect(atKill).toBeLessThan(TOTAL);
    const killedAt = fake.requests;

    startWorker('worker 2');
    startWorker('worker 3');
    await waitFor(async () => ((await registrar.registry.get(fake.id))?.cursor === String(TOTAL) && (await count()) === TOTAL ? true : undefined), {
      what: `all ${TOTAL} events pulled after the kill`,
      intervalMs: 200,
      timeoutMs: 90_000,
    });
    expect(fake.requests).toBeGreaterThan(killedAt);
    // Never two pulls of the hub at once, across the three processes.
    expect(fake.maxActive).toBe(1);
    const [log] = await server.query<{ n: number; distinct: number }>('SELECT count(*)::int AS n, count(DISTINCT nseq)::int AS distinct FROM records WHERE hub = $1', [fake.id], url);
    expect(log).toEqual({ n: TOTAL, distinct: TOTAL });
    const hub = await registrar.registry.get(fake.id);
    expect(hub).toMatchObject({ appliedCount: TOTAL, rejectedCount: 0, latest: TOTAL });
  }, 150_000);

  it('serves the same list, clusters and detail from both API processes, and both live streams carry the same changes', async () => {
    const head = await registrar.engine.changes.head();
    // Each API process answers from its local copy of PostgreSQL, in step with its change log.
    const [list1, list2] = await Promise.all(apis.map(async (api) => waitFor(async () => {
      const listed = await listedEvents(asApi(api), { hub: fake.id });
      return listed.length === TOTAL ? listed : undefined;
    }, { what: 'every event listed by the API process', intervalMs: 200, timeoutMs: 30_000 })));
    if (list1 === undefined || list2 === undefined) throw new Error('two API processes');
    expect(list2).toEqual(list1);
    expect(new Set(list1.map((event) => event.id)).size).toBe(TOTAL);
    const clusters = '/api/v1/clusters?zoom=5&bbox=-5.5,41,10,51.5';
    const [clusters1, clusters2] = await Promise.all(apis.map((api) => http<{ total: number }>(`${api.base}${clusters}`)));
    expect(clusters1?.status).toBe(200);
    expect(clusters1?.body.total).toBeGreaterThan(0);
    expect(clusters2?.body).toEqual(clusters1?.body);
    const one = list1[123];
    if (one === undefined) throw new Error('no event');
    const details = await Promise.all(apis.map((api) => eventDetail(asApi(api), one.hub, one.id)));
    expect(details[0]).toMatchObject({ id: one.id, title: one.title });
    expect(details[1]).toEqual(details[0]);
    // Both streams: every change, in commit order, the same lines, up to PostgreSQL's head.
    for (const stream of streams) await stream.next((event) => event.id === String(head), { what: 'the stream up to the head', timeoutMs: 30_000 });
    expect(changeLines(streams[1] as SseClient)).toEqual(changeLines(streams[0] as SseClient));
    expect(new Set(changeLines(streams[0] as SseClient).map((line) => line.split(' ')[1])).size).toBe(changeLines(streams[0] as SseClient).length);
    // The stream on part of the map: the events in its box, and not one delete, since every
    // change so far is an event's first national version, which no client can hold yet.
    const western = changeLines(streams[1] as SseClient).filter(inWest);
    expect(western.length).toBeGreaterThan(0);
    expect(western.length).toBeLessThan(TOTAL);
    await west.next((event) => event.id === western.at(-1)?.split(' ')[1], { what: 'the western stream up to its last event', timeoutMs: 30_000 });
    expect(changeLines(west)).toEqual(western);
  }, 90_000);

  it('an API process killed and started again fills its copy from PostgreSQL; a stream resumes there from another process\'s position', async () => {
    const [killed] = apis;
    await killed?.process.kill('SIGKILL');
    const position = streams[1]?.lastEventId();
    // New events while it is down, and a western event that moves east (its second version, last in the feed).
    const items = eventItems(fake.id, TOTAL + 20);
    const movedAt = items.findIndex((item) => Number(item.seq) <= TOTAL && inWest(JSON.stringify((item.data as { place: object }).place)));
    const moved = items.splice(movedAt, 1)[0] as { id: string; data: { place: object; version: number } };
    items.push({ ...moved, seq: TOTAL + 21, version: 2, data: { ...moved.data, version: 2, place: { ...moved.data.place, lon: 5.5 } } });
    serveFeed(fake, items, { delayMs: 0 });
    await waitFor(async () => ((await registrar.registry.get(fake.id))?.cursor === String(TOTAL + 21) ? true : undefined), { what: 'the new events pulled', intervalMs: 200, timeoutMs: 60_000 });
    expect(await count()).toBe(TOTAL + 20);
    const again = await startApi('api 1 again');
    const resumed = await openSse(`${again.base}/api/v1/stream`, position === undefined ? {} : { lastEventId: position });
    streams.push(resumed);
    const head = await registrar.engine.changes.head();
    await resumed.next((event) => event.id === String(head), { what: 'the resumed stream up to the head', timeoutMs: 30_000 });
    await streams[1]?.next((event) => event.id === String(head), { what: 'the other stream up to the head', timeoutMs: 30_000 });
    // Exactly what the other process's stream sent after that position: nothing lost, nothing twice.
    const after = (stream: SseClient) => changeLines(stream).filter((line) => Number(line.split(' ')[1]) > Number(position));
    expect(after(resumed)).toEqual(after(streams[1] as SseClient));
    expect(after(resumed)).toHaveLength(21);
    expect(resumed.events.some((event) => event.event === 'reset')).toBe(false);
    // The western stream is told to drop the event that left its box (it had shown it), and
    // gets nothing for the new events outside it.
    const drop = await west.next((event) => event.event === 'delete', { what: 'a delete on the western stream', timeoutMs: 30_000 });
    expect(drop.json).toEqual({ hub: fake.id, id: moved.id, type: 'event', reason: 'filtered' });
    expect(changeLines(west).filter((line) => line.startsWith('delete'))).toHaveLength(1);
    expect(changeLines(west).filter((line) => Number(line.split(' ')[1]) > Number(position))).toEqual([...after(streams[1] as SseClient).filter(inWest), `delete ${drop.id} ${drop.data}`]);
    const [listA, listB] = await Promise.all([listedEvents(asApi(again), { hub: fake.id }), listedEvents(asApi(apis[1] as { base: string }), { hub: fake.id })]);
    expect(listA).toHaveLength(TOTAL + 20);
    expect(listB).toEqual(listA);
  }, 120_000);

  it('runs the national admin console on PostgreSQL: what an admin does on one API process shows on the other', async () => {
    const [, other, again] = apis;
    if (other === undefined || again === undefined) throw new Error('two API processes');
    const email = 'ops@national.example.org';
    const password = 'correct horse battery staple';
    const made = await cliWith({ AGGREGATOR_ADMIN_PASSWORD: password }, 'create-admin', '--email', email, '--database-url', url, '--data-dir', dir);
    expect(made).toEqual({ code: 0, out: `created admin ${email}` });
    // An admin made by the command logs in on either API process at once (read from PostgreSQL).
    const login = await http<{ accessToken: string }>(`${again.base}/api/v1/auth/login`, { method: 'POST', body: { email, password } });
    expect(login.status).toBe(200);
    const token = login.body.accessToken;
    const hubs = await http<{ items: { id: string; status: string; health: { records: number; events: number } }[] }>(`${other.base}/api/v1/admin/hubs`, { token });
    expect(hubs.body.items, hubs.text).toEqual([expect.objectContaining({ id: fake.id, status: 'approved', health: expect.objectContaining({ records: TOTAL + 20, events: TOTAL + 20 }) })]);

    const listedBy = async (api: { base: string }) => (await listedEvents(asApi(api), { hub: fake.id })).length;
    const suspended = await http<{ status: string; suspendReason: string }>(`${again.base}/api/v1/admin/hubs/${fake.id}/suspend`, { method: 'POST', body: { reason: 'contenu à vérifier' }, token });
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendReason: 'contenu à vérifier' });
    // The other process hides the hub's events once it has followed PostgreSQL's change log.
    await waitFor(async () => ((await listedBy(other)) === 0 ? true : undefined), { what: 'the suspended hub hidden by the other API process', intervalMs: 200, timeoutMs: 30_000 });
    const audit = await http<{ items: { action: string; admin: { email: string }; target: { id: string }; detail: string | null }[] }>(`${other.base}/api/v1/admin/audit?hub=${fake.id}`, { token });
    expect(audit.body.items.map((entry) => [entry.action, entry.admin.email, entry.target.id, entry.detail])).toEqual([['hub.suspend', email, fake.id, 'contenu à vérifier']]);

    const approved = await http<{ status: string }>(`${other.base}/api/v1/admin/hubs/${fake.id}/approve`, { method: 'POST', token });
    expect(approved.body.status).toBe('approved');
    await waitFor(async () => ((await listedBy(again)) === TOTAL + 20 ? true : undefined), { what: 'the approved hub listed again by the first API process', intervalMs: 200, timeoutMs: 30_000 });
    const health = await http<{ items: { pulls: number }[] }>(`${again.base}/api/v1/admin/hubs/${fake.id}/health?hours=2`, { token });
    expect(health.status).toBe(200);
    expect(health.body.items.reduce((sum, hour) => sum + hour.pulls, 0)).toBeGreaterThan(0);

    // A campaign saved on one process: in the console's list at once, on the other's public list after a step.
    const campaign = { slug: 'fete-de-la-science-2027', name: 'Fête de la science 2027', startDate: '2027-10-01', endDate: '2027-10-11', regions: ['76'] };
    expect((await http(`${again.base}/api/v1/admin/campaigns`, { method: 'POST', body: campaign, token })).status).toBe(201);
    expect((await http(`${other.base}/api/v1/admin/campaigns`, { method: 'POST', body: campaign, token })).status).toBe(409);
    const edited = await http<{ name: string }>(`${other.base}/api/v1/admin/campaigns/${campaign.slug}`, { method: 'PUT', body: { ...campaign, name: 'Fête de la science' }, token });
    expect(edited.body.name).toBe('Fête de la science');
    const consoleList = await http<{ items: { slug: string; regions: string[] }[] }>(`${again.base}/api/v1/admin/campaigns`, { token });
    expect(consoleList.body.items).toEqual([expect.objectContaining({ slug: campaign.slug, regions: ['76'] })]);
    await waitFor(async () => ((await http<{ items: { name: string }[] }>(`${again.base}/api/v1/campaigns`)).body.items[0]?.name === 'Fête de la science' ? true : undefined), {
      what: 'the edited campaign on the public list',
      intervalMs: 200,
      timeoutMs: 30_000,
    });

    const removed = await http<{ removed: number }>(`${other.base}/api/v1/admin/hubs/${fake.id}`, { method: 'DELETE', token });
    expect(removed.body.removed).toBe(TOTAL + 20);
    await waitFor(async () => ((await listedBy(again)) === 0 ? true : undefined), { what: 'the removed hub gone from the first API process', intervalMs: 200, timeoutMs: 30_000 });
    const actions = await http<{ items: { action: string }[] }>(`${again.base}/api/v1/admin/audit`, { token });
    expect(actions.body.items.map((entry) => entry.action)).toEqual(['hub.remove', 'hub.approve', 'hub.suspend']);
  }, 90_000);
});
