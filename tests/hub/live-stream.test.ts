import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { EventInput } from '@constellation/shared';
import { openSse, type SseClient, type SseEvent } from '../support/sse.ts';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, articleInput, eventInput, places } from './event-inputs.ts';

/*
 * GET /api/v1/stream on a hub: its own live stream (SSE), read from the change log its
 * federation feed serves, filtered as its event list is, resumable with Last-Event-ID.
 * A real port and a real HTTP stream; the writes go through the API.
 */

type User = Awaited<ReturnType<TestHub['user']>>;
let hub: TestHub;
let origin: string;
let moderator: User;
let actorId: string;
const streams: SseClient[] = [];

/** `hour`:00 UTC, `days` from today. */
const inDays = (days: number, hour: number) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 11)}${String(hour).padStart(2, '0')}:00:00Z`;

async function publish(input: EventInput): Promise<ContentView> {
  const response = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/events?submit=true', payload: input, token: moderator.token });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function stream(query: string, lastEventId?: string): Promise<SseClient> {
  const client = await openSse(`${origin}/api/v1/stream${query === '' ? '' : `?${query}`}`, lastEventId === undefined ? {} : { lastEventId });
  streams.push(client);
  return client;
}

const upserts = (client: SseClient) => client.events.filter((event) => event.event === 'upsert').map((event) => (event.json as { title?: string }).title);
const about = (id: string, kind: string) => (event: SseEvent) => event.event === kind && (event.json as { id: string }).id === id;

beforeAll(async () => {
  hub = await startTestHub();
  origin = await hub.app.listen({ port: 0, host: '127.0.0.1' });
  moderator = await hub.user('moderator');
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput('Muséum d’Orléans'), token: moderator.token });
  actorId = actor.body.id;
});

afterAll(async () => {
  for (const client of streams) client.close();
  await hub.close();
});

describe("a hub's live stream", () => {
  it('sends each published event the list with the same filters would show, and drops what no longer matches', async () => {
    const filtered = await stream('q=comètes&free=true');
    expect(filtered.status).toBe(200);
    expect(filtered.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await filtered.next((event) => event.event === 'ready');
    const everything = await stream('');
    await everything.next((event) => event.event === 'ready');

    const match = await publish(eventInput(actorId, 'Chasse aux comètes au MOBE', inDays(5, 18), inDays(5, 20), { price: { free: true } }));
    const paying = await publish(eventInput(actorId, 'Conférence sur les comètes', inDays(6, 18), inDays(6, 20), { price: { free: false, details: '5 €' } }));
    const other = await publish(eventInput(actorId, 'Atelier robots', inDays(7, 18), inDays(7, 20), { price: { free: true } }));
    const article = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/articles?submit=true', payload: articleInput(actorId, 'Les comètes expliquées'), token: moderator.token });
    expect(article.status, article.text).toBe(201);

    const sent = await filtered.next(about(match.id, 'upsert'));
    expect(sent.id).toMatch(/^\d+$/);
    expect(sent.json).toMatchObject({ hub: 'centre-val-de-loire', id: match.id, type: 'event', title: 'Chasse aux comètes au MOBE', start: `${inDays(5, 18).slice(0, 19)}.000Z`, lat: places.orleans.lat, lon: places.orleans.lon, format: 'workshop', region: '24', listed: true });
    // The unfiltered stream hears every type; by then the filtered one has seen (and skipped) the rest.
    await everything.next(about(article.body.id, 'upsert'));
    expect(upserts(everything)).toEqual(['Chasse aux comètes au MOBE', 'Conférence sur les comètes', 'Atelier robots', undefined]);
    expect(upserts(filtered)).toEqual(['Chasse aux comètes au MOBE']);
    // Like the national stream, a change that the filters leave out is a `filtered` delete (a client may show it from before); other types never come.
    const skipped = filtered.events.filter((event) => [paying.id, other.id, article.body.id].includes((event.json as { id?: string } | undefined)?.id ?? ''));
    expect(skipped.map((event) => [event.event, (event.json as { id: string; reason: string }).id, (event.json as { reason: string }).reason])).toEqual([
      ['delete', paying.id, 'filtered'],
      ['delete', other.id, 'filtered'],
    ]);

    // Edited so that the search no longer finds it: the filtered stream says drop it.
    const edited = await hub.request({ method: 'PUT', url: `/api/v1/events/${match.id}`, payload: eventInput(actorId, 'Chasse aux étoiles au MOBE', inDays(5, 18), inDays(5, 20), { price: { free: true } }), token: moderator.token });
    expect(edited.status, edited.text).toBe(200);
    expect((await filtered.next(about(match.id, 'delete'))).json).toMatchObject({ reason: 'filtered' });
    expect((await everything.next((event) => about(match.id, 'upsert')(event) && (event.json as { title: string }).title === 'Chasse aux étoiles au MOBE')).json).toMatchObject({ type: 'event' });

    // Deleted: a tombstone for everyone who follows events.
    const removed = await hub.request({ method: 'DELETE', url: `/api/v1/events/${other.id}`, token: moderator.token });
    expect(removed.status, removed.text).toBeLessThan(300);
    expect((await everything.next(about(other.id, 'delete'))).json).toMatchObject({ reason: 'deleted', type: 'event' });
  });

  it('resumes after Last-Event-ID with what was missed, in order, then says ready', async () => {
    const first = await stream('type=event');
    const ready = await first.next((event) => event.event === 'ready');
    first.close();
    const missed = [
      await publish(eventInput(actorId, 'Nuit des étoiles', inDays(9, 20), inDays(9, 23))),
      await publish(eventInput(actorId, 'Café des sciences', inDays(10, 18), inDays(10, 20))),
    ];
    const resumed = await stream('type=event', ready.id);
    await resumed.next((event) => event.event === 'ready');
    expect(resumed.events.filter((event) => event.event === 'upsert').map((event) => (event.json as { id: string }).id)).toEqual(missed.map((event) => event.id));
    // The ids are the hub's seqs, rising; the query parameter works for clients without the header.
    const ids = resumed.events.filter((event) => event.event === 'upsert').map((event) => Number(event.id));
    expect(ids[0]).toBeGreaterThan(Number(ready.id));
    const byQuery = await stream(`type=event&lastEventId=${ready.id}`);
    await byQuery.next((event) => event.event === 'ready');
    expect(upserts(byQuery)).toEqual(['Nuit des étoiles', 'Café des sciences']);
    // A position this hub never had: reset (reload), then live.
    const ahead = await stream('', '999999');
    expect((await ahead.next((event) => event.event === 'reset')).json).toMatchObject({ reason: 'unknown-position' });
  });

  it('refuses a bad filter or resume point with a 400 naming the field', async () => {
    for (const [query, headers, field] of [
      ['discipline=alchimie', {}, 'query.discipline'],
      ['bbox=1,2,3', {}, 'query.bbox'],
      ['type=article&free=true', {}, 'query.type'],
      ['type=poem', {}, 'query.type'],
      ['', { 'last-event-id': 'abc' }, 'headers.last-event-id'],
      ['colour=red', {}, undefined],
    ] as const) {
      const response = await fetch(`${origin}/api/v1/stream?${query}`, { headers });
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: string; field?: string };
      if (field !== undefined) expect(body.field, query).toBe(field);
    }
  });
});
