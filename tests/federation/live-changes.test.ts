import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { places } from '../hub/event-inputs.ts';
import { Federation, waitFor, type AggregatorProcess, type HubProcess, type SseClient, type SseEvent } from '../support/federation.ts';
import { eventDetail, listedEvents, type NationalEventView } from '../support/national.ts';

/*
 * Two hubs notify a national aggregator made of one worker and two API processes on one
 * store: what an admin creates, edits and deletes on either hub shows up in, changes in,
 * and disappears from the national API and the live stream of both API processes, each
 * item credited to the hub that published it.
 */

let fed: Federation;
let grandEst: HubProcess;
let centre: HubProcess;
let api1: AggregatorProcess;
let api2: AggregatorProcess;
let stream1: SseClient;
let stream2: SseClient;

beforeAll(async () => {
  fed = await Federation.create();
  [grandEst, centre] = await Promise.all([
    fed.startHub({ id: 'grand-est', region: '44', aggregatorUrls: [fed.publicUrl] }),
    fed.startHub({ id: 'centre-val-de-loire', region: '24', aggregatorUrls: [fed.publicUrl] }),
  ]);
  // Each hub's actor exists before the aggregator does, so the stream tests see events only.
  await Promise.all([grandEst.actor(), centre.actor()]);
  // Schedules are slow here (a minute): what arrives within a test arrives by notify.
  [api1, api2] = await Promise.all([fed.startAggregator('api'), fed.startAggregator('api'), fed.startAggregator('worker')]);
  // Approved while the aggregator runs, as an operator would: scheduled, and pulled at once.
  await fed.registerHubs([grandEst, centre], { via: 'cli' });
  // Both hubs' actors in the index: the worker has done its first pulls.
  await waitFor(() => fed.nationalRecords().filter((record) => record.type === 'actor').length === 2, { what: 'the first pulls', timeoutMs: 30_000 });
  [stream1, stream2] = await Promise.all([fed.stream(api1), fed.stream(api2)]);
}, 120_000);

afterAll(async () => {
  await fed?.close();
});

function on(hub: HubProcess, id: string, event: string) {
  return (message: SseEvent) => message.event === event && (message.json as { hub?: string; id?: string } | undefined)?.id === id && (message.json as { hub?: string }).hub === hub.id;
}

async function nationalDetail(api: AggregatorProcess, hub: HubProcess, id: string, title: string): Promise<NationalEventView> {
  return waitFor(
    async () => {
      const detail = await eventDetail(api, hub.id, id);
      return detail?.title === title ? detail : undefined;
    },
    { what: `${hub.id}/${id} titled "${title}" on ${api.url}` },
  );
}

describe('a change on a hub, in the national API and stream', () => {
  const created: { hub: HubProcess; id: string; version: number; title: string }[] = [];

  it('shows an event created on each hub, credited to that hub, on both API processes and both streams', async () => {
    const [strasbourg, orleans] = await Promise.all([
      grandEst.createEvent('Nuit des étoiles au planétarium de Strasbourg', { place: { ...places.strasbourg } }),
      centre.createEvent('Fête de la science au MOBE', { place: { ...places.orleans } }),
    ]);
    created.push({ hub: grandEst, id: strasbourg.id, version: strasbourg.version, title: 'Nuit des étoiles au planétarium de Strasbourg' });
    created.push({ hub: centre, id: orleans.id, version: orleans.version, title: 'Fête de la science au MOBE' });

    for (const api of [api1, api2]) {
      for (const item of created) {
        const detail = await nationalDetail(api, item.hub, item.id, item.title);
        expect(detail).toMatchObject({ hub: item.hub.id, eventHub: item.hub.id, id: item.id, version: item.version });
        expect(detail.url.startsWith(`${item.hub.url}/`)).toBe(true);
      }
      const listed = await waitFor(async () => {
        const events = await listedEvents(api);
        return created.every((item) => events.some((event) => event.id === item.id)) ? events : undefined;
      }, { what: `both events in ${api.url}/api/v1/events` });
      for (const item of created) {
        expect(listed.filter((event) => event.id === item.id)).toEqual([expect.objectContaining({ hub: item.hub.id, eventHub: item.hub.id, title: item.title })]);
      }
    }
    // Never credited to the other hub.
    expect(await eventDetail(api1, centre.id, strasbourg.id)).toBeUndefined();
    expect(await eventDetail(api1, grandEst.id, orleans.id)).toBeUndefined();

    for (const stream of [stream1, stream2]) {
      for (const item of created) {
        const message = await stream.next(on(item.hub, item.id, 'upsert'));
        expect(message.json).toMatchObject({ hub: item.hub.id, id: item.id, type: 'event', title: item.title });
        expect(message.id).toMatch(/^\d+$/);
      }
    }
  });

  it('replaces the national copy when the event is edited on its hub', async () => {
    const [first] = created;
    if (first === undefined) throw new Error('the first test created nothing');
    const edited = await first.hub.updateEvent(first.id, 'Nuit des étoiles (complet)', { place: { ...places.strasbourg } });
    expect(edited.version).toBeGreaterThan(first.version);

    for (const api of [api1, api2]) {
      const detail = await nationalDetail(api, first.hub, first.id, 'Nuit des étoiles (complet)');
      expect(detail).toMatchObject({ hub: first.hub.id, id: first.id, version: edited.version });
      const listed = await listedEvents(api);
      expect(listed.filter((event) => event.id === first.id)).toEqual([expect.objectContaining({ hub: first.hub.id, title: 'Nuit des étoiles (complet)' })]);
    }
    for (const stream of [stream1, stream2]) {
      const message = await stream.next((event) => on(first.hub, first.id, 'upsert')(event) && (event.json as { title: string }).title === 'Nuit des étoiles (complet)');
      expect(message.json).toMatchObject({ hub: first.hub.id, id: first.id });
    }
    first.version = edited.version;
    first.title = 'Nuit des étoiles (complet)';
  });

  it('removes the event when it is deleted on its hub, and only that one', async () => {
    const [gone, kept] = created;
    if (gone === undefined || kept === undefined) throw new Error('the first test created nothing');
    await gone.hub.deleteEvent(gone.id);

    for (const api of [api1, api2]) {
      await waitFor(async () => (await eventDetail(api, gone.hub.id, gone.id)) === undefined, { what: `${gone.id} gone from ${api.url}` });
      const listed = await listedEvents(api);
      expect(listed.some((event) => event.id === gone.id)).toBe(false);
      expect(listed.filter((event) => event.id === kept.id)).toEqual([expect.objectContaining({ hub: kept.hub.id })]);
      expect(await eventDetail(api, kept.hub.id, kept.id)).toMatchObject({ hub: kept.hub.id, id: kept.id });
    }
    for (const stream of [stream1, stream2]) {
      const message = await stream.next(on(gone.hub, gone.id, 'delete'));
      expect(message.json).toMatchObject({ hub: gone.hub.id, id: gone.id, type: 'event', reason: 'deleted' });
    }
  });

  it('gives both API processes the same stream, and brings a client resuming on the other one to the same state', async () => {
    const changes = (stream: SseClient) => stream.events.filter((event) => event.event === 'upsert' || event.event === 'delete');
    const lines = (stream: SseClient) => changes(stream).map((event) => `${event.event} ${event.id} ${event.data}`);
    await waitFor(() => lines(stream1).length === lines(stream2).length && lines(stream1).length >= 4, { what: 'both streams to hold the same changes' });
    expect(lines(stream2)).toEqual(lines(stream1));

    // A browser that was connected to api1 reconnects to api2 with its Last-Event-ID: the
    // replay (compacted: an item's latest change only) leaves it where api1's stream did.
    const [first, ...after] = changes(stream1);
    const resumed = await fed.stream(api2, '/api/v1/stream', { ...(first?.id === undefined ? {} : { lastEventId: first.id }) });
    await resumed.next((event) => event.event === 'ready');
    const finalState = (events: readonly SseEvent[]) => {
      const state = new Map<string, string>();
      for (const event of events) {
        const item = event.json as { hub: string; id: string };
        state.set(`${item.hub}/${item.id}`, event.event);
      }
      return state;
    };
    expect(finalState(changes(resumed))).toEqual(finalState(after));
  });

  it('leaves the index equal to what the hubs publish', async () => {
    const differences = await fed.indexDifferences();
    expect(differences).toEqual({ missing: [], extra: [], stale: [], wrongHub: [], indexMismatches: [] });
  });
});
