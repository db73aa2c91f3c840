import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Federation, waitFor, type AggregatorProcess, type HubProcess } from '../support/federation.ts';
import { freePort } from '../support/redis.ts';
import { eventDetail } from '../support/national.ts';

/*
 * Notify is an accelerator only: a hub whose notifications never arrive (one configured
 * without the aggregator, one notifying an address where nothing listens) is still
 * indexed, edits and deletions included, by the aggregator's schedule alone.
 */

let fed: Federation;
let silent: HubProcess;
let unheard: HubProcess;
let api: AggregatorProcess;

beforeAll(async () => {
  fed = await Federation.create({ aggregator: { pullIntervalMs: 1_000, pullJitterMs: 0 } });
  const nowhere = `http://127.0.0.1:${await freePort()}`;
  [silent, unheard] = await Promise.all([
    fed.startHub({ id: 'bretagne', region: '53' }),
    fed.startHub({ id: 'occitanie', region: '76', aggregatorUrls: [nowhere] }),
  ]);
  await fed.registerHubs([silent, unheard]);
  api = await fed.startAggregator('all');
}, 120_000);

afterAll(async () => {
  await fed?.close();
});

describe('a lost notify', () => {
  it('is caught up by the schedule: creation, edit and deletion', async () => {
    const [breton, occitan] = await Promise.all([silent.createEvent('Festival des sciences de Rennes'), unheard.createEvent('Nuit des chercheurs à Toulouse')]);
    for (const [hub, item, title] of [[silent, breton, 'Festival des sciences de Rennes'], [unheard, occitan, 'Nuit des chercheurs à Toulouse']] as const) {
      const detail = await waitFor(() => eventDetail(api, hub.id, item.id), { what: `${hub.id}/${item.id} by schedule` });
      expect(detail).toMatchObject({ hub: hub.id, id: item.id, version: item.version, title });
    }

    const edited = await silent.updateEvent(breton.id, 'Festival des sciences de Rennes (reporté)');
    await waitFor(async () => (await eventDetail(api, silent.id, breton.id))?.version === edited.version, { what: 'the edit by schedule' });
    expect(await eventDetail(api, silent.id, breton.id)).toMatchObject({ title: 'Festival des sciences de Rennes (reporté)' });

    await unheard.deleteEvent(occitan.id);
    await waitFor(async () => (await eventDetail(api, unheard.id, occitan.id)) === undefined, { what: 'the deletion by schedule' });

    expect(await fed.indexDifferences()).toEqual({ missing: [], extra: [], stale: [], wrongHub: [], indexMismatches: [] });
  });
});
