import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadAggregatorConfig } from '@constellation/aggregator';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { startLiveHub, startTestAggregator, until, type LiveHub, type TestAggregator } from './pipeline-support.ts';

/*
 * Polls: a hub whose notifies never arrive (here it has no aggregator configured) is
 * still followed by each hub's job scheduler. Redis holds only scheduling: flushed, the
 * schedulers come back from the registry in the store when a worker starts, and the
 * cursors, kept in the store, make the next pull start where the last one ended.
 */

let redis: TestRedis;
let aggregator: TestAggregator;
let hub: LiveHub;
let other: LiveHub;

beforeAll(async () => {
  redis = await startRedis();
  aggregator = await startTestAggregator(redis.url, { pullIntervalMs: 1_000 });
  hub = await startLiveHub({ id: 'centre-val-de-loire', region: '24' });
  other = await startLiveHub({ id: 'grand-est', region: '44' });
  await aggregator.addHub(hub.url);
  await aggregator.addHub(other.url);
  await until(() => aggregator.records(hub.id).has(hub.actorId) && aggregator.records(other.id).has(other.actorId), 'the first pulls');
});

afterAll(async () => {
  await hub?.close();
  await other?.close();
  await aggregator?.close();
  await redis?.close();
});

describe('with notifies lost, the schedule', () => {
  it('has one scheduler per approved hub', async () => {
    expect(await aggregator.services.queues.scheduledHubs()).toEqual([hub.id, other.id].sort());
  });

  it('brings a created event, its edit and its deletion', async () => {
    const id = hub.publish('Fête de la science au MOBE');
    await until(() => aggregator.indexed(hub.id, id), 'the polled event is indexed');
    hub.edit(id, 'Fête de la science au MOBE (annulé)');
    await until(() => aggregator.record(hub.id, id)?.version === hub.publicState().get(id), 'the edit is polled');
    expect(JSON.parse(aggregator.record(hub.id, id)?.data ?? '{}')).toMatchObject({ title: 'Fête de la science au MOBE (annulé)' });
    hub.remove(id);
    await until(() => aggregator.record(hub.id, id)?.deleted === 1, 'the deletion is polled');
    expect(aggregator.indexed(hub.id, id)).toBe(false);
    expect(aggregator.records(hub.id)).toEqual(hub.publicState());
  });

  it('asks "anything new?" with the ETag once at the head, and takes a 304 as nothing new', async () => {
    await until(() => aggregator.hub(hub.id).cursor === String(hub.latest()), 'the hub is caught up');
    const live = aggregator.services.queues.queue('live');
    await until(async () => (await live.getJobs(['completed'])).some((job) => job.data.hub === hub.id && job.returnvalue?.status === 'not-modified'), 'a poll is answered 304');
    expect(aggregator.hub(hub.id).etag).toBe(`"${hub.latest()}"`);
    expect(aggregator.hub(hub.id).caughtUpAt).not.toBeNull();
  });

  it('stops polling a suspended hub and removes its scheduler', async () => {
    await aggregator.services.registry.suspend(other.id);
    await aggregator.services.queues.syncSchedulers(await aggregator.services.registry.approved());
    expect(await aggregator.services.queues.scheduledHubs()).toEqual([hub.id]);
    const id = other.publish('Jamais moissonné');
    const witness = hub.publish('Témoin');
    await until(() => aggregator.indexed(hub.id, witness), 'a poll of the approved hub went by');
    await until(() => aggregator.hub(hub.id).cursor === String(hub.latest()), 'another poll went by');
    expect(aggregator.record(other.id, id)).toBeUndefined();
  });
});

describe('Redis flushed', () => {
  it('loses only scheduling: a restarted worker re-creates the schedulers from the store and catches up without re-reading', async () => {
    const before = aggregator.hub(hub.id);
    const appliedBefore = before.appliedCount;
    await redis.flushAll();
    expect(await aggregator.services.queues.scheduledHubs()).toEqual([]);
    const id = hub.publish('Après le vidage de Redis');

    await aggregator.stopWorkers();
    await aggregator.startWorkers();
    expect(await aggregator.services.queues.scheduledHubs()).toEqual([hub.id]);
    await until(() => aggregator.indexed(hub.id, id), 'the change made while Redis was empty is polled');
    expect(aggregator.records(hub.id)).toEqual(hub.publicState());
    // The cursor lives in the store: only the new change was read and applied.
    expect(aggregator.hub(hub.id).appliedCount).toBe(appliedBefore + 1);
  });
});

describe('how often a worker re-makes the schedulers', () => {
  const env = { AGGREGATOR_DATA_DIR: '/tmp/constellation-resync-setting-test', AGGREGATOR_JWT_SECRET: 'resync-setting-test-secret-long-enough-0123' };

  it('is AGGREGATOR_SCHEDULER_RESYNC_MS when set (unset: the poll interval, at least 10 s), and a value under 100 ms is refused naming the setting', () => {
    expect(loadAggregatorConfig({ env: { ...env, AGGREGATOR_SCHEDULER_RESYNC_MS: '1000' } }).schedulerResyncMs).toBe(1_000);
    expect(loadAggregatorConfig({ argv: ['--scheduler-resync', '2500'], env }).schedulerResyncMs).toBe(2_500);
    expect(loadAggregatorConfig({ env }).schedulerResyncMs).toBeUndefined();
    let refused: unknown;
    try {
      loadAggregatorConfig({ env: { ...env, AGGREGATOR_SCHEDULER_RESYNC_MS: '50' } });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).field).toBe('schedulerResyncMs');
  });
});
