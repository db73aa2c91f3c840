import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Federation, http, waitFor, type AggregatorProcess, type HubProcess } from '../support/federation.ts';
import { eventDetail, listedEvents } from '../support/national.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { ENGINES } from '../aggregator/engine-support.ts';

/*
 * Redis holds scheduling only; the registry and the cursors live in the national store.
 * Restarted empty or flushed under a running worker, Redis gets its job schedulers back
 * from the store and no change is lost. Dead, it costs freshness only: notify answers 503
 * at once (the hub will retry, and the schedule would catch up anyway) while the national
 * API goes on answering from the store.
 *
 * The hub here notifies nobody: what reaches the index after Redis came back came through
 * a re-created scheduler. It runs on both national stores: the SQLite file, and PostgreSQL
 * (worker and API process sharing only PostgreSQL and Redis).
 */

/** BullMQ keeps a queue's job schedulers in this sorted set (prefix "{constellation}", queue "pulls-live"). */
const SCHEDULERS_KEY = '{constellation}:pulls-live:repeat';

let fed: Federation;
let hub: HubProcess;
let worker: AggregatorProcess;
let api: AggregatorProcess;
/** The file's PostgreSQL, started for the PostgreSQL run only. */
let postgres: TestPostgres | undefined;

async function schedulers(): Promise<unknown> {
  return fed.redis.command('ZRANGE', SCHEDULERS_KEY, '0', '-1');
}

async function arrives(title: string): Promise<void> {
  const created = await hub.createEvent(title);
  const detail = await waitFor(() => eventDetail(api, hub.id, created.id), { what: `"${title}" in the national API`, timeoutMs: 30_000 });
  expect(detail).toMatchObject({ hub: hub.id, id: created.id, version: created.version, title });
}

afterAll(async () => {
  await postgres?.close();
});

describe.each(ENGINES)('Redis lost (%s store)', (kind) => {
  beforeAll(async () => {
    const databaseUrl = kind === 'postgres' ? await (postgres ??= await startPostgres()).database() : undefined;
    // The worker re-makes the schedulers from the store every second here (every poll
    // interval, at least every 10 s, by default): the test waits for the same thing, sooner.
    fed = await Federation.create({ aggregator: { pullIntervalMs: 1_000, pullJitterMs: 0, schedulerResyncMs: 1_000 }, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
    hub = await fed.startHub({ id: 'normandie', region: '28' });
    await fed.registerHubs([hub]);
    [worker, api] = await Promise.all([fed.startAggregator('worker'), fed.startAggregator('api')]);
  }, 120_000);

  afterAll(async () => {
    await fed?.close();
  });

  it('schedules every approved hub from the store', async () => {
    await waitFor(async () => JSON.stringify(await schedulers()) === JSON.stringify(['poll-normandie']), { what: 'the scheduler of normandie' });
    await arrives('Conférence sur les marées');
  });

  it('restarted empty: the worker re-creates the schedulers and nothing is lost', async () => {
    await fed.redis.restart();
    expect(await fed.redis.command('DBSIZE')).toBe(0);
    await waitFor(async () => JSON.stringify(await schedulers()) === JSON.stringify(['poll-normandie']), { what: 'the scheduler re-created after a restart', timeoutMs: 30_000 });
    await arrives('Atelier fossiles à Caen');
    expect(worker.alive()).toBe(true);
    expect(await fed.indexDifferences()).toEqual({ missing: [], extra: [], stale: [], wrongHub: [], indexMismatches: [] });
  });

  it('flushed under a running worker: the schedulers come back and nothing is lost', async () => {
    await fed.redis.flushAll();
    await waitFor(async () => JSON.stringify(await schedulers()) === JSON.stringify(['poll-normandie']), { what: 'the scheduler re-created after FLUSHALL', timeoutMs: 30_000 });
    await arrives('Sortie naturaliste au Mont-Saint-Michel');
    expect(await fed.indexDifferences()).toEqual({ missing: [], extra: [], stale: [], wrongHub: [], indexMismatches: [] });
  });

  it('dead: notify answers 503 at once while the national API answers from the store', async () => {
    const before = await listedEvents(api);
    expect(before.length).toBeGreaterThanOrEqual(3);
    await fed.redis.stop();

    // The deadline only tells a hang from an answer.
    const notify = await fed.notify(api, hub, { timeoutMs: 30_000 });
    expect(notify.status).toBe(503);
    expect(notify.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });

    const events = await http(`${api.url}/api/v1/events`, { timeoutMs: 30_000 });
    expect(events.status).toBe(200);
    expect(await listedEvents(api)).toEqual(before);
    const [first] = before;
    if (first !== undefined) expect(await eventDetail(api, first.hub, first.id)).toMatchObject({ hub: first.hub, id: first.id });

    // A change made while Redis is down arrives once it is back.
    const during = await hub.createEvent('Fête de la science à Rouen');
    await fed.redis.start();
    await waitFor(async () => (await fed.notify(api, hub, { timeoutMs: 30_000 })).status === 202, { what: 'notify accepted again', timeoutMs: 30_000 });
    await waitFor(() => eventDetail(api, hub.id, during.id), { what: 'the change made while Redis was down', timeoutMs: 30_000 });
    expect(worker.alive()).toBe(true);
    expect(api.alive()).toBe(true);
    expect(await fed.indexDifferences()).toEqual({ missing: [], extra: [], stale: [], wrongHub: [], indexMismatches: [] });
  });
});
