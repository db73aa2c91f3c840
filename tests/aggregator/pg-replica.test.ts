import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadAggregatorConfig, openPgNationalStore, openServices, postgresEngine, runAggregatorCli, type AggregatorServices, type NationalEngine } from '@constellation/aggregator';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait.ts';
import { eventItems } from './pipeline-support.ts';

/*
 * An API process on PostgreSQL with a real streaming replica (pg_basebackup -R from the
 * harness's primary, started as the same system user on another port): its local read
 * model copies from the replica when the replica's snapshot holds the primary's head, and
 * from the primary otherwise (replay paused, replica down), so no step ever copies less
 * than the primary held when it started (docs/scaling.md, "Read replicas").
 */

const HUB = { id: 'bretagne', region: '53' };
let primary: TestPostgres;
let replica: TestPostgres;
let redis: TestRedis;
let url = '';
let replicaUrl = '';
let dir = '';
let writer: NationalEngine;
let services: AggregatorServices;
let app: FastifyInstance;
let fed = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-pg-replica-'));
  [primary, redis] = await Promise.all([startPostgres(), startRedis()]);
  url = await primary.database();
  const migrated = await runAggregatorCli(['migrate', '--database-url', url, '--data-dir', dir], {}, { out: () => undefined, err: () => undefined, env: {}, stdin: () => '' });
  expect(migrated).toBe(0);
  writer = postgresEngine(await openPgNationalStore(url));
  await writer.hubs.insert({ id: HUB.id, baseUrl: 'http://bretagne.test', name: 'Bretagne', region: HUB.region, status: 'approved', descriptor: '{}', addedAt: 0 });
  await feed(40);
  // The replica is copied after the first writes: it starts with them and then streams the rest.
  replica = await primary.replica();
  replicaUrl = await replica.database(new URL(url).pathname.slice(1));
  const config = loadAggregatorConfig({
    env: {
      AGGREGATOR_DATA_DIR: dir,
      AGGREGATOR_DATABASE_URL: url,
      AGGREGATOR_DATABASE_REPLICA_URLS: replicaUrl,
      AGGREGATOR_ROLE: 'api',
      AGGREGATOR_JWT_SECRET: 'aggregator-test-secret-long-enough-0123456789',
      AGGREGATOR_LOG_LEVEL: 'silent',
      // No poll during the test: every step is one the test asks for.
      AGGREGATOR_LIVE_POLL_MS: '60000',
      REDIS_URL: redis.url,
    },
  });
  services = await openServices(config);
  app = await buildApp(config, { services });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await services?.close();
  await writer?.close();
  await replica?.close();
  await primary?.close();
  await redis?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** `count` more events of the hub, written on the primary; resolves with its head. */
async function feed(count: number): Promise<number> {
  const items = eventItems(HUB.id, count, fed + 1);
  fed += count;
  await writer.writer.apply(HUB, items, { cursor: String(fed), latest: fed });
  return writer.changes.head();
}

const headOn = async (server: TestPostgres, target: string) => (await server.query<{ value: number }>("SELECT value::int AS value FROM national_state WHERE key = 'nseq'", [], target))[0]?.value ?? 0;
const model = () => {
  if (services.readModel === undefined) throw new Error('an API process on PostgreSQL has a read model');
  return services.readModel;
};
const listed = async () => (await app.inject({ method: 'GET', url: '/api/v1/events?limit=100' })).json<{ items: unknown[] }>().items.length;

describe('an API process with a read replica', () => {
  it('fills its copy from the replica, which the replica\'s own statistics show', async () => {
    const [{ standby } = { standby: false }] = await replica.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby', [], replicaUrl);
    expect(standby).toBe(true);
    expect(model().sources.primary).toBe(0);
    expect(model().sources.replica).toBeGreaterThanOrEqual(1);
    expect(model().head()).toBe(await headOn(primary, url));
    expect(await listed()).toBe(40);
    // The replica ran the copy's queries: its sessions are the aggregator's pool, and its own
    // scan counters on records moved (a session reports them when it ends: end it, and the
    // pool opens another at the next step).
    const sessions = await replica.query<{ name: string }>('SELECT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()', [], replicaUrl);
    expect(sessions.map((row) => row.name)).toContain('constellation-aggregator');
    await replica.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'constellation-aggregator'", [], replicaUrl);
    const scans = async () => (await replica.query<{ n: number }>("SELECT (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::int AS n FROM pg_stat_user_tables WHERE relname = 'records'", [], replicaUrl))[0]?.n ?? 0;
    await waitFor(async () => ((await scans()) > 0 ? true : undefined), { what: 'the replica to count scans of records', intervalMs: 100, timeoutMs: 30_000 });
  });

  it('follows new writes through the replica once it has replayed them', async () => {
    const head = await feed(15);
    await waitFor(async () => ((await headOn(replica, replicaUrl)) >= head ? true : undefined), { what: 'the replica to replay the new writes', intervalMs: 50, timeoutMs: 30_000 });
    const before = { ...model().sources };
    expect(await model().reach(head)).toBe(head);
    expect(model().sources.replica).toBe(before.replica + 1);
    expect(model().sources.primary).toBe(before.primary);
    expect(await listed()).toBe(55);
  });

  it('copies from the primary when the replica is behind: a step never copies less than the primary held when it started', async () => {
    await replica.query('SELECT pg_wal_replay_pause()', [], replicaUrl);
    try {
      const head = await feed(10);
      expect(await headOn(replica, replicaUrl)).toBeLessThan(head);
      const before = { ...model().sources };
      expect(await model().reach(head)).toBe(head);
      expect(model().sources).toMatchObject({ primary: before.primary + 1, replicaBehind: before.replicaBehind + 1, replica: before.replica });
      expect(await listed()).toBe(65);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()', [], replicaUrl);
    }
  });

  it('keeps answering and following when the replica is gone: the primary serves the steps', async () => {
    await replica.close();
    const head = await feed(5);
    const before = { ...model().sources };
    expect(await model().reach(head)).toBe(head);
    expect(model().sources).toMatchObject({ primary: before.primary + 1, replicaFailed: before.replicaFailed + 1 });
    expect(await listed()).toBe(70);
  });
});
