import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@constellation/hub';
import type { ChangesPage } from '@constellation/shared';
import { loadAggregatorConfig, openNationalStore, openPgNationalStore, openServices, postgresEngine, runAggregatorCli, sqliteEngine, startWorkers, type AggregatorConfig, type AggregatorServices, type NationalEngine, type RunningWorkers } from '@constellation/aggregator';
import { eventInput } from '../hub/event-inputs.ts';
import { startTestHub, type TestHub } from '../hub/support.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { childEnv, nodeTsArgs, spawnManaged, type ManagedProcess } from '../support/processes.ts';
import { freePort, startRedis, type TestRedis } from '../support/redis.ts';
import { startRedisCluster, type TestRedisCluster } from '../support/redis-cluster.ts';
import { openSse, type SseClient, type SseEvent } from '../support/sse.ts';
import { eventDetail, listedEvents } from '../support/national.ts';
import { http } from '../support/federation.ts';
import { waitFor } from '../support/wait.ts';
import { eventItems, FakeHub, serveFeed, until } from './pipeline-support.ts';

/*
 * The PostgreSQL national store on a real server (Debian's PostgreSQL, started by the
 * harness as an unprivileged user in a temporary folder): one server for the file, a
 * fresh database per test. What the ingest rules look like on both engines is in
 * ingest-apply.test.ts; here: the harness itself, `migrate`, moving a SQLite store into
 * PostgreSQL, and the change log giving the same entries on both.
 */

let server: TestPostgres;
let dir: string;
beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'constellation-pg-store-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  return cliWith({}, ...argv);
}

async function cliWith(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runAggregatorCli(argv, {}, { out: (line) => lines.push(line), err: (line) => lines.push(line), env, stdin: () => '' });
  return { code, out: lines.join('\n') };
}

describe('the test PostgreSQL server', () => {
  it('runs as a non-root user, on loopback, with the contrib extensions the store uses', async () => {
    const url = await server.database();
    const [who] = await server.query<{ user: string; loopback: boolean; data: string }>(
      "SELECT current_user AS user, inet_server_addr() = '127.0.0.1'::inet AS loopback, current_setting('data_directory') AS data",
      [],
      url,
    );
    expect(who).toMatchObject({ user: 'constellation', loopback: true });
    // initdb and postgres refuse root: the cluster belongs to an unprivileged account.
    expect(statSync(who?.data ?? '').uid).not.toBe(0);
    const available = await server.query<{ name: string }>("SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'unaccent') ORDER BY name", [], url);
    expect(available.map((row) => row.name)).toEqual(['pg_trgm', 'unaccent']);
  });
});

describe('the PostgreSQL national store', () => {
  const HUB = { id: 'centre-val-de-loire', region: '24' };
  const OTHER = { id: 'grand-est', region: '44' };
  let hub: TestHub;
  let admin: Viewer;
  let actorId = '';

  beforeAll(async () => {
    hub = await startTestHub();
    const account = await hub.app.services.accounts.register({ email: 'admin@pg.example.org', password: 'correct horse 1', displayName: 'Admin' }, 'admin');
    admin = { id: account.id, role: 'admin', actorIds: [] };
    actorId = hub.app.services.content.create('actor', { name: 'Centre-Sciences', kind: 'ccsti' }, admin, { submit: true }).id;
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function page(after: string): Promise<ChangesPage> {
    const response = await hub.request<ChangesPage>({ method: 'GET', url: `/federation/v1/changes?after=${after}&limit=1000` });
    return response.body;
  }

  async function log(engine: NationalEngine) {
    return engine.changes.read(0, await engine.changes.head(), 10_000);
  }

  it('is migrated by `constellation aggregator migrate`, once, whoever runs it', async () => {
    const url = await server.database();
    const settings = ['--database-url', url, '--data-dir', dir];
    const [first, second] = await Promise.all([cli('migrate', ...settings), cli('migrate', ...settings)]);
    expect([first.code, second.code]).toEqual([0, 0]);
    // Two machines migrating at once: one applies, the other waits and finds nothing to do.
    expect([first.out, second.out].sort()).toEqual([
      expect.stringMatching(/up to date: 0 migrations applied now, (\d+) in all/),
      expect.stringMatching(/up to date: (\d+) migrations applied now, \1 in all/),
    ]);
    // The registry commands read PostgreSQL, never a SQLite file made on the side.
    const listed = await cli('hubs', ...settings);
    expect(listed).toEqual({ code: 0, out: expect.stringContaining('no hubs yet') });
    expect(existsSync(join(dir, 'national.sqlite'))).toBe(false);
    // SQLite's online backup has no meaning here (PostgreSQL has its own tools): refused by name.
    const backup = await cli('backup', join(dir, 'copy.sqlite'), ...settings);
    expect(backup.code).toBe(2);
    expect(backup.out).toContain('config databaseUrl:');
  });

  it('takes a SQLite store whole (import-store), and both give the same change log and the same next changes', async () => {
    const ids = ['La Nuit des étoiles', 'Atelier robotique', 'Conférence sur les océans'].map(
      (title) => hub.app.services.content.create('event', eventInput(actorId, title, '2027-08-07T21:00:00+02:00', '2027-08-07T23:00:00+02:00'), admin, { submit: true }).id,
    );
    const first = await page('0');
    const nuit = first.items.find((item) => item.id === ids[0]);
    if (nuit === undefined) throw new Error('event not in feed');
    // Another hub's copy of the first event (a duplicate link to carry over), and a refused item.
    const twin = { ...nuit, id: '01950000-0000-7000-8000-0000000000aa', data: { ...(nuit.data as object), hub: OTHER.id, id: '01950000-0000-7000-8000-0000000000aa', title: 'Nuit des Étoiles !' } };
    const feed = async (engine: NationalEngine, current: ChangesPage) => {
      const mine = await engine.writer.apply(HUB, current.items, { cursor: current.next, latest: current.latest }, 1_800_000_000_000);
      return mine;
    };

    const file = join(dir, 'national.sqlite');
    const sqlite = sqliteEngine(openNationalStore(file));
    const direct = postgresEngine(await openMigrated(await server.database()));
    for (const engine of [sqlite, direct]) {
      for (const [owner, url] of [[HUB, 'http://hub.test'], [OTHER, 'http://other.test']] as const) {
        await engine.hubs.insert({ id: owner.id, baseUrl: url, name: owner.id, region: owner.region, status: 'approved', descriptor: '{}', addedAt: 0 });
      }
    }
    const results = [];
    for (const engine of [sqlite, direct]) {
      const ingest = await feed(engine, first);
      const copy = await engine.writer.apply(OTHER, [twin, { nonsense: true }], { cursor: '1', latest: 1 }, 1_800_000_000_000);
      results.push({ ingest, copy });
    }
    // The same feed gives the same changes, seqs and refusals on both engines...
    expect(results[1]).toEqual(results[0]);
    expect(results[0]?.copy.rejected).toHaveLength(1);
    // ...and the same change log, duplicate links included.
    const expected = await log(sqlite);
    expect(expected.find((entry) => entry.id === twin.id)?.event?.listed).toBe(false);
    expect(await log(direct)).toEqual(expected);

    const url = await server.database();
    const imported = await cli('import-store', file, '--database-url', url, '--data-dir', dir);
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toContain(`national seq ${await sqlite.changes.head()}`);
    const moved = postgresEngine(await openPgNationalStore(url));
    expect(await moved.changes.head()).toBe(await sqlite.changes.head());
    expect(await log(moved)).toEqual(expected);
    expect(await moved.hubs.get(HUB.id)).toEqual(await sqlite.hubs.get(HUB.id));
    // A second import would mix two stores: refused.
    expect((await cli('import-store', file, '--database-url', url, '--data-dir', dir)).out).toContain('not empty');

    // Both go on alike: an edit and a new event get the same seqs (new row ids continue after the imported ones).
    hub.app.services.content.update('event', ids[1] ?? '', eventInput(actorId, 'Atelier robotique (complet)', '2027-08-07T21:00:00+02:00', '2027-08-07T23:00:00+02:00'), admin);
    hub.app.services.content.create('event', eventInput(actorId, 'Planétarium', '2027-08-08T21:00:00+02:00', '2027-08-08T22:00:00+02:00'), admin, { submit: true });
    const next = await page((await sqlite.hubs.get(HUB.id))?.cursor ?? '0');
    expect(await feed(moved, next)).toEqual(await feed(sqlite, next));
    expect(await log(moved)).toEqual(await log(sqlite));

    // French text search, accents and plurals folded: "etoile" finds "La Nuit des étoiles".
    const pool = (await openPgNationalStore(url)).pool;
    const found = await pool.query<{ title: string }>("SELECT title FROM events_text WHERE document @@ websearch_to_tsquery('constellation_french', 'etoile') ORDER BY title");
    expect(found.rows.map((row) => row.title)).toEqual(['La Nuit des étoiles', 'Nuit des Étoiles !']);
    await pool.end();
    await Promise.all([sqlite.close(), direct.close(), moved.close()]);
  });

  async function openMigrated(url: string) {
    expect((await cli('migrate', '--database-url', url, '--data-dir', dir)).code).toBe(0);
    return openPgNationalStore(url);
  }
});

describe('a pull worker on PostgreSQL', () => {
  let redis: TestRedis;
  const fakes: FakeHub[] = [];
  let services: AggregatorServices;
  let workers: RunningWorkers | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    const url = await server.database();
    expect((await cli('migrate', '--database-url', url, '--data-dir', dir)).code).toBe(0);
    const config: AggregatorConfig = {
      ...loadAggregatorConfig({
        env: {
          AGGREGATOR_DATA_DIR: dir,
          AGGREGATOR_DATABASE_URL: url,
          AGGREGATOR_ROLE: 'worker',
          AGGREGATOR_JWT_SECRET: 'aggregator-test-secret-long-enough-0123456789',
          AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true',
          AGGREGATOR_LOG_LEVEL: 'silent',
          REDIS_URL: redis.url,
        },
      }),
      pullJitterMs: 0,
      pullIntervalMs: 3_600_000,
      breakerThreshold: 2,
      batchSize: 7,
      pageLimit: 20,
      fetchDeadlineMs: 5_000,
    };
    services = await openServices(config);
    workers = await startWorkers(services, { resyncIntervalMs: 3_600_000 });
    await workers.ready;
  });
  afterAll(async () => {
    await workers?.close();
    await services?.close();
    for (const fake of fakes) await fake.close();
    await redis?.close();
  });

  async function added(id: string): Promise<FakeHub> {
    const fake = await new FakeHub(id).start();
    fakes.push(fake);
    const row = await services.registry.add(fake.url);
    await services.registry.approve(row.id);
    await services.queues.syncSchedulers(await services.registry.approved());
    await services.queues.requestPull(row.id, 'approved');
    return fake;
  }

  const hubRow = async (id: string) => {
    const row = await services.registry.get(id);
    if (row === undefined) throw new Error(`no hub ${id}`);
    return row;
  };

  it('keeps national content out of a worker\'s SQLite handles; the registry commands run on PostgreSQL', async () => {
    // A worker reads and writes PostgreSQL only: no SQLite file to fall back to silently.
    expect(() => services.store).toThrow(/AGGREGATOR_DATABASE_URL/);
    const fake = await new FakeHub('normandie', '28').start();
    fakes.push(fake);
    serveFeed(fake, eventItems(fake.id, 12));
    const settings = ['--database-url', services.config.databaseUrl ?? '', '--data-dir', dir, '--redis-url', redis.url, '--allow-private-network'];
    const added = await cli('add-hub', fake.url, ...settings);
    expect(added.code, added.out).toBe(0);
    expect(added.out).toContain('added normandie');
    expect((await cli('hubs', ...settings)).out).toMatch(/normandie\s+pending/);
    const approved = await cli('approve-hub', 'normandie', ...settings);
    expect(approved.out).toBe('approved normandie: scheduled, and a pull was requested');
    // The worker (another process's services) pulls it: the command scheduled it through Redis.
    await until(async () => (await hubRow(fake.id)).caughtUpAt !== null, 'the hub approved by the command is pulled');
    const live = async () => (await server.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE hub = $1 AND NOT deleted', [fake.id], services.config.databaseUrl))[0]?.n;
    expect(await live()).toBe(12);

    const before = await services.engine.changes.head();
    const suspended = await cli('suspend-hub', 'normandie', '--reason', 'flux à vérifier', ...settings);
    expect(suspended.out).toBe('suspended normandie (flux à vérifier): its content is hidden from the national index');
    expect(await hubRow(fake.id)).toMatchObject({ status: 'suspended', suspendReason: 'flux à vérifier' });
    // Its records moved to the head of the change log, so API processes and live streams read them again.
    const log = await services.engine.changes.read(before, await services.engine.changes.head(), 100);
    expect(log.filter((entry) => entry.hub === fake.id)).toHaveLength(12);

    const removed = await cli('remove-hub', 'normandie', ...settings);
    expect(removed.out).toBe('removed normandie: 12 records taken out of the national index');
    expect(await services.registry.get(fake.id)).toBeUndefined();
    expect(await live()).toBe(0);
    const samples = await server.query('SELECT 1 FROM hub_health_samples WHERE hub = $1', [fake.id], services.config.databaseUrl);
    expect(samples).toEqual([]);
  });

  it('pulls a hub into PostgreSQL: records, refusals, cursor and health on the registry row', async () => {
    const fake = await added('bretagne');
    const items = eventItems(fake.id, 30);
    items[24] = { ...items[24], id: 'pas-un-uuid' };
    serveFeed(fake, items);
    await until(async () => (await hubRow(fake.id)).caughtUpAt !== null, 'the feed is read to its end and the pull recorded');

    const row = await hubRow(fake.id);
    expect(row).toMatchObject({ appliedCount: 29, rejectedCount: 1, consecutiveFailures: 0, latest: 30, lastError: null });
    expect(row.lastSuccessAt).toEqual(expect.any(Number));
    expect(row.caughtUpAt).toEqual(expect.any(Number));
    const [records] = await server.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE hub = $1 AND NOT deleted', [fake.id], services.config.databaseUrl);
    expect(records?.n).toBe(29);
    const rejected = await server.query<{ seq: number; field: string }>('SELECT seq::int AS seq, field FROM rejected_items WHERE hub = $1', [fake.id], services.config.databaseUrl);
    expect(rejected).toEqual([{ seq: 25, field: 'id' }]);
    expect(await services.engine.changes.head()).toBeGreaterThanOrEqual(29);
    // The hour's health sample counts what the pulls did (one pull may hand over to the next).
    const samples = await server.query<{ applied: number; rejected: number; failures: number; lag: number }>(
      'SELECT sum(applied)::int AS applied, sum(rejected)::int AS rejected, sum(failures)::int AS failures, max(max_lag_seq)::int AS lag FROM hub_health_samples WHERE hub = $1',
      [fake.id],
      services.config.databaseUrl,
    );
    expect(samples).toEqual([{ applied: 29, rejected: 1, failures: 0, lag: 0 }]);
  });

  it('records failures in a row on PostgreSQL and opens the breaker at the threshold', async () => {
    const fake = await added('corse');
    fake.onChanges = (_request, response) => {
      response.writeHead(500).end();
    };
    await until(async () => (await hubRow(fake.id)).lastError !== null, 'the failure is recorded');
    await services.queues.requestPull(fake.id, 'admin');
    // The breaker is set just after the count (its own statement): wait for both.
    await until(async () => { const row = await hubRow(fake.id); return row.consecutiveFailures >= 2 && row.breakerUntil !== null; }, 'a second failure is counted and the breaker opened');
    const row = await hubRow(fake.id);
    expect(row.lastError).toMatch(/500/);
    expect(row.breakerUntil).toBeGreaterThan(Date.now());
    const [sample] = await server.query<{ pulls: number; failures: number }>('SELECT sum(pulls)::int AS pulls, sum(failures)::int AS failures FROM hub_health_samples WHERE hub = $1', [fake.id], services.config.databaseUrl);
    expect(sample?.failures).toBe(row.consecutiveFailures);
    expect(sample?.pulls).toBe(row.consecutiveFailures);
  });
});

describe('API processes and workers sharing only PostgreSQL and a Redis Cluster', () => {
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
