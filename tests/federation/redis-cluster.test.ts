import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventItem, eventItems, fakeId, FakeHub, serveFeed } from '../aggregator/pipeline-support.ts';
import { Federation, waitFor, type AggregatorProcess, type HubProcess, type SseClient, type SseEvent } from '../support/federation.ts';
import { listedEvents } from '../support/national.ts';
import { startRedisCluster, type TestRedisCluster } from '../support/redis-cluster.ts';

/*
 * The aggregator as on several machines: two API processes and two workers, separate OS
 * processes sharing nothing but the national store and a real three-node Redis Cluster
 * (REDIS_URL=redis+cluster://...). Every Redis use goes through the cluster: BullMQ's
 * queues and schedulers (hash-tagged prefix), the per-hub pull locks (hash-tagged per
 * hub), the live fan-out (pub/sub), notify. A slow hub posed by this test counts how many
 * of its feed requests are answered at once, which is how "one pull per hub at a time"
 * is seen from the hub's side; the lock's value names the process holding it.
 */

const FAKE = 'grand-est';
const LOCK_KEY = `constellation:pull:{${FAKE}}:lock`;
/** A page of the slow hub is answered after this long: a whole pull lasts seconds. */
const PAGE_DELAY_MS = 120;

let cluster: TestRedisCluster;
let fed: Federation;
let fake: FakeHub;
let hub: HubProcess;
let api1: AggregatorProcess;
let api2: AggregatorProcess;
let workers: AggregatorProcess[];
let stream1: SseClient;
let stream2: SseClient;
/** Every process seen holding the slow hub's lock (its pid), sampled all along. */
const holders = new Set<number>();
let sampling = true;
let sampler: Promise<void>;

/** The slow hub's live records in the national store: id → version. */
function fakeRecords(): Map<string, number> {
  return new Map(fed.nationalRecords().filter((record) => record.hub === FAKE && !record.deleted).map((record) => [record.id, record.version]));
}

function expectedOf(items: readonly Record<string, unknown>[]): Map<string, number> {
  return new Map(items.map((item) => [String(item.id), Number(item.version)]));
}

async function holder(): Promise<number | undefined> {
  const value = await cluster.command('GET', LOCK_KEY);
  return typeof value === 'string' ? Number(value.split(':')[1]) : undefined;
}

beforeAll(async () => {
  cluster = await startRedisCluster();
  fed = await Federation.create({ redis: cluster, aggregator: { pullIntervalMs: 1_000, pullJitterMs: 0, pageLimit: 25, batchSize: 25, pullLockTtlMs: 4_000 } });
  fake = await new FakeHub(FAKE, '44').start();
  serveFeed(fake, eventItems(FAKE, 300), { delayMs: PAGE_DELAY_MS });
  hub = await fed.startHub({ id: 'centre-val-de-loire', region: '24', aggregatorUrls: [fed.publicUrl] });
  await hub.actor();
  await fed.registerHubs([fake, hub]);
  [api1, api2] = await Promise.all([fed.startAggregator('api'), fed.startAggregator('api')]);
  [stream1, stream2] = await Promise.all([fed.stream(api1), fed.stream(api2)]);
  sampler = (async () => {
    while (sampling) {
      const pid = await holder().catch(() => undefined);
      if (pid !== undefined) holders.add(pid);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  workers = await Promise.all([fed.startAggregator('worker'), fed.startAggregator('worker')]);
}, 120_000);

afterAll(async () => {
  sampling = false;
  await sampler;
  await fed?.close();
  await fake?.close();
});

describe('two API processes and two workers on a Redis Cluster', () => {
  it('pull each hub once at a time, whichever worker takes the job', async () => {
    await waitFor(() => fakeRecords().size === 300, { what: 'the slow hub pulled', timeoutMs: 60_000 });
    // Polled every second by whichever worker takes the job: both take their turn.
    await waitFor(() => workers.every((worker) => holders.has(worker.process.pid)), {
      what: `both workers to hold the slow hub's lock in turn (seen: ${[...holders].join(', ')})`,
      timeoutMs: 30_000,
    });
    expect(fake.requests).toBeGreaterThan(12);
    expect(fake.maxActive).toBe(1);
  }, 120_000);

  it('loses nothing when the worker pulling a hub is killed: the other one takes the hub over', async () => {
    // The hub publishes 300 more events and edits 10 already pulled (a compacted feed: an
    // edited item moves to its new seq).
    const edited = Array.from({ length: 10 }, (_, index) => eventItem(FAKE, fakeId(index + 1), 601 + index, `Événement modifié ${index + 1}`, 2));
    const items = [...eventItems(FAKE, 300).slice(10), ...eventItems(FAKE, 300, 301), ...edited];
    serveFeed(fake, items, { delayMs: PAGE_DELAY_MS });

    const pulling = await waitFor(
      async () => {
        const size = fakeRecords().size;
        const pid = await holder();
        return size >= 325 && size < 550 && pid !== undefined ? pid : undefined;
      },
      { what: 'a worker half-way through the new pages', intervalMs: 10, timeoutMs: 30_000 },
    );
    const victim = workers.find((worker) => worker.process.pid === pulling);
    if (victim === undefined) throw new Error(`the lock is held by ${pulling}, which is no worker of this test`);
    await victim.kill('SIGKILL');
    const atKill = fakeRecords().size;
    expect(atKill).toBeLessThan(600);

    const survivor = workers.find((worker) => worker !== victim);
    const expected = expectedOf(items);
    await waitFor(() => JSON.stringify([...fakeRecords()].sort()) === JSON.stringify([...expected].sort()), {
      what: 'the national records of the slow hub to equal its feed',
      timeoutMs: 60_000,
      intervalMs: 100,
    }).catch((error: unknown) => {
      throw new Error(`${(error as Error).message.split(';')[0]}: ${fakeRecords().size} of ${expected.size}\n${fed.outputs()}`);
    });
    expect(survivor?.alive()).toBe(true);
    // The survivor took the hub over only once the dead worker's lock had expired.
    expect(holders.has(survivor?.process.pid ?? -1)).toBe(true);
    expect(fake.maxActive).toBe(1);
  }, 120_000);

  it('keeps both API processes\' map index and live stream in step', async () => {
    const created = await Promise.all([hub.createEvent('Fête de la science à Orléans'), hub.createEvent('Nuit des chercheurs à Tours')]);
    const ids = created.map((event) => event.id);
    for (const api of [api1, api2]) {
      await waitFor(async () => {
        const listed = await listedEvents(api, { hub: hub.id });
        return ids.every((id) => listed.some((event) => event.id === id));
      }, { what: `the new events listed by ${api.url}` });
    }
    // The same list, and the same clusters of the whole of France, from either process.
    const [list1, list2] = await Promise.all([listedEvents(api1), listedEvents(api2)]);
    expect(list1.length).toBeGreaterThan(500);
    expect(list2).toEqual(list1);
    const clusters = '/api/v1/clusters?zoom=5&bbox=-5.5,41,10,51.5';
    const [clusters1, clusters2] = await Promise.all([api1.getJson(clusters), api2.getJson(clusters)]);
    expect(clusters1.status).toBe(200);
    expect(clusters2.body).toEqual(clusters1.body);

    // Both streams carried the same changes in the same order: everything pulled so far.
    for (const stream of [stream1, stream2]) for (const id of ids) await stream.next((event) => event.event === 'upsert' && (event.json as { id?: string }).id === id, { timeoutMs: 20_000 });
    await waitFor(() => changeLines(stream1).length === changeLines(stream2).length, { what: 'both streams to hold as many changes' });
    expect(changeLines(stream2)).toEqual(changeLines(stream1));
    expect(changeLines(stream1).length).toBeGreaterThanOrEqual(600 + 2);
  }, 60_000);

  it('loses nothing when an API process is killed: its stream resumes on the other one, in the same state', async () => {
    const before = await hub.createEvent('Atelier robotique à Bourges');
    await stream1.next((event) => (event.json as { id?: string } | undefined)?.id === before.id, { timeoutMs: 20_000 });
    await api1.kill('SIGKILL');
    // The hub notifies the dead address; the schedule (every second) brings these in.
    const during = [await hub.createEvent('Ciné-débat à Chartres'), await hub.createEvent('Café des sciences à Blois')];
    const resumed = await fed.stream(api2, '/api/v1/stream', { ...(stream1.lastEventId() === undefined ? {} : { lastEventId: String(stream1.lastEventId()) }) });
    for (const event of during) await resumed.next((message) => (message.json as { id?: string } | undefined)?.id === event.id, { timeoutMs: 30_000 });
    for (const event of during) await stream2.next((message) => (message.json as { id?: string } | undefined)?.id === event.id, { timeoutMs: 30_000 });

    // What the browser on the killed process ends up with equals what the other one shows.
    const seenByFirst = finalState([...changes(stream1), ...changes(resumed)]);
    await waitFor(() => finalState(changes(stream2)).size === seenByFirst.size, { what: 'the second stream to hold as many items' });
    expect(seenByFirst).toEqual(finalState(changes(stream2)));
    const listed = await listedEvents(api2, { hub: hub.id });
    for (const event of [before, ...during]) expect(listed.filter((item) => item.id === event.id)).toEqual([expect.objectContaining({ hub: hub.id, version: event.version })]);
    expect(api2.alive()).toBe(true);
    expect(fake.maxActive).toBe(1);
  }, 60_000);
});

function changes(stream: SseClient): SseEvent[] {
  return stream.events.filter((event) => event.event === 'upsert' || event.event === 'delete');
}

function changeLines(stream: SseClient): string[] {
  return changes(stream).map((event) => `${event.event} ${event.id} ${event.data}`);
}

/** Each item's last change: what a client showing the stream displays. */
function finalState(events: readonly SseEvent[]): Map<string, string> {
  const state = new Map<string, string>();
  for (const event of events) {
    const item = event.json as { hub: string; id: string };
    state.set(`${item.hub}/${item.id}`, `${event.event} ${event.data}`);
  }
  return state;
}
