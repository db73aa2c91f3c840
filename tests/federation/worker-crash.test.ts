import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Federation, waitFor, type AggregatorProcess, type HubProcess, type IndexDifferences } from '../support/federation.ts';
import { eventDetail } from '../support/national.ts';

/*
 * A worker killed (SIGKILL: no shutdown, no lock released, a transaction cut wherever it
 * was) in the middle of a hub's first pull of some three thousand events, read in small
 * pages and committed in small batches. A new worker takes over, and the national index
 * ends exactly equal to what the hubs publish: nothing missing, duplicated, stale or
 * credited to the wrong hub, changes made while no worker ran included.
 */

const NO_DIFFERENCES: IndexDifferences = { missing: [], extra: [], stale: [], wrongHub: [], indexMismatches: [] };

let fed: Federation;
let big: HubProcess;
let small: HubProcess;
let api: AggregatorProcess;

function liveRecords(hubId: string): number {
  return fed.readNational((db) => (db.prepare('SELECT count(*) AS n FROM records WHERE hub = ? AND deleted = 0').get(hubId) as { n: number }).n);
}

beforeAll(async () => {
  // The killed worker's hub lock expires after 2 s (the shortest the config allows; 10 s by
  // default): the new worker takes the hub over then, as it would after 10 s.
  fed = await Federation.create({ aggregator: { pullIntervalMs: 1_000, pullJitterMs: 0, pullLockTtlMs: 2_000, pageLimit: 100, batchSize: 25 } });
  [big, small] = await Promise.all([
    // Scale 52: about 3,050 events, plus actors, places and the rest.
    fed.startHub({ id: 'grand-est', region: '44', seed: { scale: 52, seed: 7 } }),
    fed.startHub({ id: 'centre-val-de-loire', region: '24' }),
  ]);
  // The other hub, pulled at the same time, has a few events of its own.
  for (const title of ['Conférence au Muséum de Tours', 'Atelier robotique à Bourges', 'Ciné-débat à Chartres']) await small.createEvent(title);
  await fed.registerHubs([big, small]);
  api = await fed.startAggregator('api');
}, 180_000);

afterAll(async () => {
  await fed?.close();
});

describe('a worker killed mid-pull', () => {
  it('is taken over by a new worker, and the index then equals the hubs\' public state exactly', async () => {
    const published = (await big.feed()).filter((item) => item.op === 'upsert');
    expect(published.filter((item) => item.type === 'event').length).toBeGreaterThanOrEqual(3_000);

    const first = await fed.startAggregator('worker');
    const partial = await waitFor(
      () => {
        const applied = liveRecords(big.id);
        return applied >= 100 && applied < published.length / 2 ? applied : undefined;
      },
      { what: 'the first pull of the big hub under way', intervalMs: 5, timeoutMs: 60_000 },
    );
    await first.kill('SIGKILL');
    const atKill = liveRecords(big.id);
    expect(partial).toBeGreaterThan(0);
    // Really cut mid-pull: most of the hub was still to come.
    expect(atKill).toBeLessThan(published.length);

    // While no worker runs, the hubs change: a deletion of something already indexed, an
    // edit of something not yet pulled, and new events on both hubs.
    const indexed = fed.readNational((db) => db.prepare("SELECT id FROM records WHERE hub = ? AND type = 'event' AND deleted = 0 LIMIT 1").get(big.id) as { id: string });
    await big.deleteEvent(indexed.id);
    const fresh = await big.createEvent('Nuit des étoiles à Metz');
    const edited = await big.updateEvent(fresh.id, 'Nuit des étoiles à Metz (déplacée à Nancy)');
    const other = await small.createEvent('Café des sciences à Tours');

    await fed.startAggregator('worker');
    // What the hubs publish now (a deletion may change more than the one item).
    const [bigNow, smallNow] = await Promise.all([big.feed(), small.feed()]);
    const upserts = (items: readonly { op: string }[]) => items.filter((item) => item.op === 'upsert').length;
    // Counting first (cheap), then the full comparison (every hub's whole feed).
    await waitFor(() => liveRecords(big.id) === upserts(bigNow) && liveRecords(small.id) === upserts(smallNow), {
      what: 'as many live records as the hubs publish',
      intervalMs: 200,
      timeoutMs: 120_000,
    }).catch(() => undefined);
    const differences = await waitFor(
      async () => {
        const found = await fed.indexDifferences();
        return JSON.stringify(found) === JSON.stringify(NO_DIFFERENCES) ? found : undefined;
      },
      { what: 'the index to equal the hubs\' public state', intervalMs: 1_000, timeoutMs: 10_000 },
    ).catch(async (error: unknown) => {
      const found = await fed.indexDifferences();
      const summary = Object.fromEntries(Object.entries(found).map(([kind, keys]) => [kind, { count: keys.length, first: keys.slice(0, 5) }]));
      throw new Error(`${(error as Error).message.split(';')[0]}; differences: ${JSON.stringify(summary)}\n${fed.outputs()}`);
    });
    expect(differences).toEqual(NO_DIFFERENCES);

    // And the national API says the same of the changes made while no worker ran.
    expect(await eventDetail(api, big.id, indexed.id)).toBeUndefined();
    expect(await eventDetail(api, big.id, fresh.id)).toMatchObject({ hub: big.id, version: edited.version, title: 'Nuit des étoiles à Metz (déplacée à Nancy)' });
    expect(await eventDetail(api, small.id, other.id)).toMatchObject({ hub: small.id, version: other.version });
    expect(await eventDetail(api, small.id, fresh.id)).toBeUndefined();

    // The hubs' health agrees: caught up, with every public item counted once.
    const health = await waitFor(async () => {
      const hubs = (await api.getJson<{ items: { id: string; lagSeq: number; counts: { records: number } }[] }>('/api/v1/hubs')).body.items;
      return hubs.every((hub) => hub.lagSeq === 0) ? hubs : undefined;
    }, { what: 'both hubs caught up in /api/v1/hubs' });
    expect(health.map((hub) => [hub.id, hub.counts.records])).toEqual([
      [small.id, upserts(smallNow)],
      [big.id, upserts(bigNow)],
    ]);
  }, 180_000);
});
