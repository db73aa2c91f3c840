import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@constellation/hub';
import type { ChangesPage } from '@constellation/shared';
import { loadAggregatorConfig, openNationalStore, openPgNationalStore, openServices, postgresEngine, sqliteEngine, startWorkers, type AggregatorConfig, type AggregatorServices, type NationalEngine, type RunningWorkers } from '@constellation/aggregator';
import { eventInput } from '../hub/event-inputs.ts';
import { startTestHub, type TestHub } from '../hub/support.ts';
import { cli } from '../support/aggregator-cli.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { eventItems, FakeHub, serveFeed, until } from './pipeline-support.ts';

/*
 * The PostgreSQL national store on a real server (Debian's PostgreSQL, started by the
 * harness as an unprivileged user in a temporary folder): one server for the file, a
 * fresh database per test. What the ingest rules look like on both engines is in
 * ingest-apply.test.ts; here: the harness itself, `migrate`, moving a SQLite store into
 * PostgreSQL, the change log giving the same entries on both, and a pull worker on it.
 * API processes and workers sharing one database are in pg-processes.test.ts.
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
