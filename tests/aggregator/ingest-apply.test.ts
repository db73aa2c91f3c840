import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@constellation/hub';
import type { ChangesPage } from '@constellation/shared';
import { eventInput } from '../hub/event-inputs.ts';
import { startTestHub, type TestHub } from '../hub/support.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { DuplicateReview } from '@constellation/aggregator';
import { engineUnderTest, ENGINES, type EngineUnderTest } from './engine-support.ts';

/*
 * The national store's promise: whatever a hub does (create, edit, approve, reject,
 * unpublish, delete) and however its feed is read (pages cut anywhere, pages read twice,
 * a pull restarted from an older cursor), the national records for that hub are exactly
 * its public state, and every live event is indexed once.
 */

let hub: TestHub;
let admin: Viewer;
let actorId = '';
let postgres: Promise<TestPostgres> | undefined;
/** The file's PostgreSQL, started the first time a test on that engine needs it. */
const server = () => (postgres ??= startPostgres());
const HUB = { id: 'centre-val-de-loire', region: '24' };

async function page(after: string, limit: number): Promise<ChangesPage> {
  const response = await hub.request<ChangesPage>({ method: 'GET', url: `/federation/v1/changes?after=${after}&limit=${limit}` });
  expect(response.status).toBe(200);
  return response.body;
}

function hubPublicState(): Map<string, number> {
  const rows = hub.app.store.sqlite.prepare(`SELECT type, id, version FROM content WHERE status = 'published'`).all() as { type: string; id: string; version: number }[];
  return new Map(rows.map((row) => [`${row.type}:${row.id}`, row.version]));
}

beforeAll(async () => {
  hub = await startTestHub();
  const account = await hub.app.services.accounts.register({ email: 'admin@ingest.example.org', password: 'correct horse 1', displayName: 'Admin' }, 'admin');
  admin = { id: account.id, role: 'admin', actorIds: [] };
  actorId = hub.app.services.content.create('actor', { name: 'Centre-Sciences', kind: 'ccsti' }, admin, { submit: true }).id;
});

afterAll(async () => {
  await hub.close();
  await (await postgres)?.close();
});

type Operation = { kind: 'create' | 'draft' } | { kind: 'edit' | 'unpublish' | 'approve' | 'delete'; target: number };
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('create' as const, 'draft' as const) }),
  fc.record({ kind: fc.constantFrom('edit' as const, 'unpublish' as const, 'approve' as const, 'delete' as const), target: fc.nat(30) }),
);

let counter = 0;
function perform(op: Operation, ids: string[]): void {
  const { content } = hub.app.services;
  counter += 1;
  const input = eventInput(actorId, `Rencontre ${counter}`, '2027-05-04T18:00:00+02:00', '2027-05-04T20:00:00+02:00');
  try {
    if (!('target' in op)) {
      ids.push(content.create('event', input, admin, { submit: op.kind === 'create' }).id);
      return;
    }
    const id = ids[op.target % Math.max(ids.length, 1)];
    if (id === undefined) return;
    if (op.kind === 'edit') content.update('event', id, { ...input, title: `Modifié ${counter}` }, admin);
    if (op.kind === 'approve') content.approve([id], admin);
    if (op.kind === 'unpublish') content.unpublish('event', id, admin);
    if (op.kind === 'delete') content.remove('event', id, admin);
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== 404 && status !== 409 && status !== 400) throw error;
  }
}

describe.each(ENGINES)('the national store on %s', (kind) => {
  let store: EngineUnderTest;

  beforeAll(async () => {
    store = await engineUnderTest(kind, server);
  });
  afterAll(async () => {
    await store?.close();
  });

  const apply = (owner: { id: string; region: string }, items: readonly unknown[], position: { cursor: string; latest: number }) => store.engine.writer.apply(owner, items, position);

  /** Pulls from `cursor` to the end of the feed in pages of `limit`, applying each in batches of `batch`. */
  async function pull(cursor: string, limit: number, batch: number): Promise<string> {
    for (let guard = 0; guard < 1_000; guard += 1) {
      const current = await page(cursor, limit);
      for (let start = 0; start < current.items.length; start += batch) {
        const items = current.items.slice(start, start + batch);
        const last = start + batch >= current.items.length;
        await apply(HUB, items, { cursor: last ? current.next : String(items.at(-1)?.seq ?? cursor), latest: current.latest });
      }
      cursor = current.next;
      if (!current.hasMore) return cursor;
    }
    throw new Error('feed did not end');
  }

  async function nationalState(): Promise<Map<string, number>> {
    const rows = await store.all<{ type: string; id: string; version: number }>('SELECT type, id, version FROM records WHERE hub = ? AND NOT deleted', HUB.id);
    return new Map(rows.map((row) => [`${row.type}:${row.id}`, row.version]));
  }

  async function indexedEvents(): Promise<string[]> {
    return (await store.all<{ id: string }>('SELECT r.id FROM events_index e JOIN records r ON r.row_id = e.row_id ORDER BY r.id')).map((row) => row.id);
  }

  async function reset(): Promise<void> {
    await store.reset();
    await store.engine.hubs.insert({ id: HUB.id, baseUrl: 'http://hub.test', name: 'Centre', region: '24', status: 'approved', descriptor: '{}', addedAt: 0 });
  }

  describe('applying a hub feed to the national store', () => {
    it('holds exactly the hub public state, whatever the page and batch sizes, replays and restarts', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(operation, { minLength: 1, maxLength: 20 }),
          fc.integer({ min: 1, max: 9 }),
          fc.integer({ min: 1, max: 5 }),
          fc.boolean(),
          async (operations, limit, batch, replayFromZero) => {
            await reset();
            const ids: string[] = [];
            let cursor = '0';
            for (const [index, op] of operations.entries()) {
              perform(op, ids);
              if (index % 4 === 3) cursor = await pull(cursor, limit, batch);
            }
            cursor = await pull(cursor, limit, batch);
            // A replayed pull (a worker that crashed before acking) changes nothing.
            if (replayFromZero) await pull('0', limit, batch);
            const expected = hubPublicState();
            expect(await nationalState()).toEqual(expected);
            const liveEvents = [...expected.keys()].filter((key) => key.startsWith('event:')).map((key) => key.slice('event:'.length)).sort();
            expect(await indexedEvents()).toEqual(liveEvents);
            // Every live event has its occurrences and its text indexed, and nothing else has.
            const [orphans] = await store.all<{ n: number }>('SELECT count(*) AS n FROM event_occurrences o LEFT JOIN events_index e ON e.row_id = o.event_row WHERE e.row_id IS NULL');
            expect(Number(orphans?.n)).toBe(0);
            if (store.kind === 'sqlite') {
              const [occurrences] = await store.all<{ n: number }>('SELECT count(*) AS n FROM event_occurrences');
              const [boxes] = await store.all<{ n: number }>('SELECT count(*) AS n FROM occurrence_boxes');
              expect(boxes?.n).toBe(occurrences?.n);
            } else {
              const [texts] = await store.all<{ n: number }>('SELECT count(*) AS n FROM events_text');
              expect(texts?.n).toBe(liveEvents.length);
            }
            expect((await store.engine.hubs.get(HUB.id))?.cursor).toBe(cursor);
          },
        ),
        // PostgreSQL runs fewer cases (a round trip per statement): the property is the same,
        // and the engine-specific code it checks is exercised by every case.
        { numRuns: kind === 'sqlite' ? 20 : 5 },
      );
      // Many cases in one test: a deadline for a loaded machine, not a timing check.
    }, 120_000);

    it('refuses a bad item and another hub\'s item, and applies the rest of the page', async () => {
      await reset();
      const ids = [1, 2, 3].map((n) => hub.app.services.content.create('event', eventInput(actorId, `Atelier ${n}`, '2027-06-01T10:00:00+02:00', '2027-06-01T12:00:00+02:00'), admin, { submit: true }).id);
      const current = await page('0', 1000);
      const items = current.items.filter((item) => item.type === 'event' && ids.includes(item.id));
      expect(items).toHaveLength(3);
      const [first, second, third] = items as [ChangesPage['items'][number], ChangesPage['items'][number], ChangesPage['items'][number]];
      const forged = { ...second, data: { ...(second.data as object), hub: 'grand-est' } };
      const broken = { ...third, data: { ...(third.data as object), title: '' } };
      const result = await apply(HUB, [first, forged, broken, { nonsense: true }], { cursor: current.next, latest: current.latest });
      expect(result.applied.map((change) => change.id)).toEqual([first.id]);
      expect(result.rejected.map((item) => item.field)).toEqual(['data.hub', 'data.title', 'seq']);
      expect(await indexedEvents()).toEqual([first.id]);
      const counts = await store.engine.hubs.get(HUB.id);
      expect(counts).toMatchObject({ appliedCount: 1, rejectedCount: 3 });
      const recorded = await store.all<{ field: string }>('SELECT field FROM rejected_items WHERE hub = ? ORDER BY row_id', HUB.id);
      expect(recorded.map((row) => row.field)).toEqual(['data.hub', 'data.title', 'seq']);
    });

    it('refuses alone an item that fails while indexed, undoing its writes, and applies the rest of the page', async () => {
      await reset();
      const ids = ['Avant', 'Piège', 'Après'].map((title) => hub.app.services.content.create('event', eventInput(actorId, title, '2027-06-01T10:00:00+02:00', '2027-06-01T12:00:00+02:00'), admin, { submit: true }).id);
      const current = await page('0', 1000);
      // A real failure inside the store, after the record and its facet row were written:
      // the occurrences of one event are refused, as any indexing fault would be.
      const untrap = await store.trapOccurrences('Piège', 'trap sprung');
      try {
        const result = await apply(HUB, current.items.filter((item) => ids.includes(item.id)), { cursor: current.next, latest: current.latest });
        expect(result.rejected).toEqual([{ seq: expect.any(Number) as unknown, id: ids[1], field: 'data', message: 'could not be indexed: trap sprung' }]);
        expect(result.applied.map((change) => change.id)).toEqual(expect.arrayContaining([ids[0], ids[2]]));
      } finally {
        await untrap();
      }
      expect(await indexedEvents()).toEqual([ids[0], ids[2]].sort());
      // Nothing of the refused item stayed: no record, no occurrence, no box.
      expect((await nationalState()).has(`event:${ids[1]}`)).toBe(false);
      const [orphans] = await store.all<{ n: number }>('SELECT count(*) AS n FROM event_occurrences o LEFT JOIN events_index e ON e.row_id = o.event_row WHERE e.row_id IS NULL');
      expect(Number(orphans?.n)).toBe(0);
      expect(await store.engine.hubs.get(HUB.id)).toMatchObject({ cursor: current.next, rejectedCount: 1 });
    });

    it('does not go back to an older version, and a stale upsert does not revive a deleted event', async () => {
      await reset();
      const id = hub.app.services.content.create('event', eventInput(actorId, 'Conférence', '2027-06-01T10:00:00+02:00', '2027-06-01T12:00:00+02:00'), admin, { submit: true }).id;
      const before = (await page('0', 1000)).items.find((item) => item.id === id);
      hub.app.services.content.update('event', id, eventInput(actorId, 'Conférence (salle changée)', '2027-06-01T10:00:00+02:00', '2027-06-01T12:00:00+02:00'), admin);
      await pull('0', 1000, 100);
      expect(before).toBeDefined();
      const stale = await apply(HUB, [before], { cursor: '0', latest: 0 });
      expect(stale.applied).toEqual([]);
      expect(stale.unchanged).toBe(1);
      const [held] = await store.all<{ data: string }>('SELECT data FROM records WHERE id = ?', id);
      expect((JSON.parse(held?.data ?? '{}') as { title?: string }).title).toBe('Conférence (salle changée)');
      hub.app.services.content.remove('event', id, admin);
      await pull('0', 1000, 100);
      expect((await apply(HUB, [before], { cursor: '0', latest: 0 })).applied).toEqual([]);
      expect(await indexedEvents()).not.toContain(id);
    });
  });

  describe('the change log', () => {
    it('marks a record\'s first national version (live streams send no delete for it), and no later one', async () => {
      await reset();
      const create = (title: string) => hub.app.services.content.create('event', eventInput(actorId, title, '2027-06-02T10:00:00+02:00', '2027-06-02T12:00:00+02:00'), admin, { submit: true }).id;
      let cursor = await pull('0', 1000, 100);
      const alone = create('Première version, seule');
      cursor = await pull(cursor, 1000, 1);
      // New items together (PostgreSQL inserts a run of new items in one statement).
      const together = Array.from({ length: 12 }, (_, at) => create(`Première version ${at}`));
      cursor = await pull(cursor, 1000, 100);
      const read = async () => new Map((await store.engine.changes.read(0, await store.engine.changes.head(), 10_000)).map((entry) => [entry.id, entry.first]));
      const before = await read();
      expect([alone, ...together].map((id) => before.get(id))).toEqual([alone, ...together].map(() => true));

      hub.app.services.content.update('event', alone, eventInput(actorId, 'Deuxième version', '2027-06-02T10:00:00+02:00', '2027-06-02T12:00:00+02:00'), admin);
      hub.app.services.content.remove('event', together[0] as string, admin);
      await pull(cursor, 1000, 100);
      const after = await read();
      expect(after.get(alone)).toBe(false);
      expect(after.get(together[0] as string)).toBe(false);
      expect(together.slice(1).map((id) => after.get(id))).toEqual(together.slice(1).map(() => true));
    });
  });

  describe('cross-hub duplicates', () => {
    const OTHER = { id: 'grand-est', region: '44' };

    function asServedBy(item: ChangesPage['items'][number], hubId: string, id: string, overrides: Record<string, unknown> = {}): ChangesPage['items'][number] {
      return { ...item, id, data: { ...(item.data as object), hub: hubId, id, ...overrides } };
    }

    function listed(): Promise<{ id: string; hub: string; duplicate_of: number | null }[]> {
      return store.all('SELECT r.id, r.hub, e.duplicate_of FROM events_index e JOIN records r ON r.row_id = e.row_id ORDER BY e.row_id');
    }

    it('lists the same event posted on two hubs once, and lists the copy again when the first goes', async () => {
      await reset();
      await store.engine.hubs.insert({ id: OTHER.id, baseUrl: 'http://other.test', name: 'Grand Est', region: '44', status: 'approved', descriptor: '{}', addedAt: 0 });
      const id = hub.app.services.content.create('event', eventInput(actorId, 'La Nuit des étoiles', '2027-08-07T21:00:00+02:00', '2027-08-07T23:59:00+02:00'), admin, { submit: true }).id;
      const item = (await page('0', 1000)).items.find((candidate) => candidate.id === id);
      if (item === undefined) throw new Error('event not in feed');
      await pull('0', 1000, 100);
      const twin = asServedBy(item, OTHER.id, '01950000-0000-7000-8000-000000000001', { title: 'Nuit des Étoiles !' });
      const elsewhere = asServedBy(item, OTHER.id, '01950000-0000-7000-8000-000000000002', { place: { name: 'Ailleurs', lat: 48.58, lon: 7.75 } });
      const other = asServedBy(item, OTHER.id, '01950000-0000-7000-8000-000000000003', { title: 'Atelier robotique' });
      // Same place and title, another night: not the same event.
      const nextWeek = asServedBy(item, OTHER.id, '01950000-0000-7000-8000-000000000004', { timings: [{ start: '2027-08-14T21:00:00+02:00', end: '2027-08-14T23:59:00+02:00' }] });
      await apply(OTHER, [twin, elsewhere, other, nextWeek], { cursor: String(item.seq), latest: item.seq });
      const rows = await listed();
      const original = rows.find((row) => row.id === id);
      const rowIdOf = async (wanted: string) => (await store.all<{ row_id: number }>('SELECT row_id FROM records WHERE id = ?', wanted))[0]?.row_id;
      expect(original?.duplicate_of).toBeNull();
      expect(rows.find((row) => row.id === twin.id)?.duplicate_of).toBe(await rowIdOf(id));
      expect(rows.find((row) => row.id === elsewhere.id)?.duplicate_of).toBeNull();
      expect(rows.find((row) => row.id === other.id)?.duplicate_of).toBeNull();
      expect(rows.find((row) => row.id === nextWeek.id)?.duplicate_of).toBeNull();

      hub.app.services.content.remove('event', id, admin);
      const cursor = (await store.engine.hubs.get(HUB.id))?.cursor ?? '0';
      const changes: string[] = [];
      const current = await page(cursor, 1000);
      const result = await apply(HUB, current.items, { cursor: current.next, latest: current.latest });
      for (const change of result.applied) changes.push(`${change.op}:${change.id}`);
      // The copy is listed again, and its change is announced so live maps show it.
      expect((await listed()).find((row) => row.id === twin.id)?.duplicate_of).toBeNull();
      expect(changes).toEqual([`delete:${id}`, `upsert:${twin.id}`]);
    });

    it('keeps an admin\'s verdicts: a split pair is never grouped again (re-pulls and edits included), a confirmed one stays one', async () => {
      await reset();
      const THIRD = { id: 'auvergne-rhone-alpes', region: '84' };
      for (const other of [OTHER, THIRD]) await store.engine.hubs.insert({ id: other.id, baseUrl: `http://${other.id}.test`, name: other.id, region: other.region, status: 'approved', descriptor: '{}', addedAt: 0 });
      // One day per engine: both runs post on the same hub, and each pulls all of it.
      const day = kind === 'sqlite' ? '2027-09-18' : '2027-09-25';
      const id = hub.app.services.content.create('event', eventInput(actorId, 'Exposition Lumières du ciel', `${day}T10:00:00+02:00`, `${day}T18:00:00+02:00`), admin, { submit: true }).id;
      const item = (await page('0', 1000)).items.find((candidate) => candidate.id === id);
      if (item === undefined) throw new Error('event not in feed');
      await pull('0', 1000, 100);
      const twin = asServedBy(item, OTHER.id, '01950000-0000-7000-8000-000000000011', { title: 'Lumières du ciel : exposition' });
      const third = asServedBy(item, THIRD.id, '01950000-0000-7000-8000-000000000012', { title: 'Exposition « Lumières du ciel »' });
      await apply(OTHER, [twin], { cursor: '1', latest: 1 });
      await apply(THIRD, [third], { cursor: '1', latest: 1 });
      const review = new DuplicateReview(store.engine);
      const pending = await review.list({});
      expect(pending.counts).toEqual({ pending: 1, confirmed: 0, split: 0 });
      expect(pending.items[0]?.listed).toMatchObject({ hub: HUB.id, id, title: 'Exposition Lumières du ciel', hubName: 'Centre' });
      expect(pending.items[0]?.copies.map((copy) => [copy.hub, copy.verdict])).toEqual([[OTHER.id, 'pending'], [THIRD.id, 'pending']]);

      // Refused by field: an unknown event, a copy not under that event.
      await expect(review.decide('split', { listed: { hub: HUB.id, id: 'nope' }, copy: { hub: OTHER.id, id: twin.id } }, { email: 'a@b.fr' })).rejects.toMatchObject({ statusCode: 404, field: 'listed' });
      await expect(review.decide('split', { listed: { hub: OTHER.id, id: twin.id }, copy: { hub: THIRD.id, id: third.id } }, { email: 'a@b.fr' })).rejects.toMatchObject({ statusCode: 409, field: 'copy' });

      const split = await review.decide('split', { listed: { hub: HUB.id, id }, copy: { hub: OTHER.id, id: twin.id } }, { email: 'ops@national.fr' });
      expect(split.answer.copyListedUnder).toBeNull();
      // The copy's listing changed: announced in the change log for live maps and API processes.
      expect(split.changes.map((change) => `${change.op}:${change.id}`)).toEqual([`upsert:${twin.id}`]);
      const duplicateOf = async (wanted: string) => (await listed()).find((row) => row.id === wanted)?.duplicate_of;
      expect(await duplicateOf(twin.id)).toBeNull();
      await review.decide('confirmed', { listed: { hub: HUB.id, id }, copy: { hub: THIRD.id, id: third.id } }, { email: 'ops@national.fr' });
      expect(await duplicateOf(third.id)).not.toBeNull();
      const counts = (await review.list({ status: 'split' })).counts;
      expect(counts).toEqual({ pending: 0, confirmed: 1, split: 1 });
      expect((await review.list({ status: 'split' })).items[0]?.copies[0]).toMatchObject({ verdict: 'split', decidedBy: 'ops@national.fr' });

      // The copy's hub serves it again (an edit), the original is edited too: still apart.
      await apply(OTHER, [{ ...twin, seq: 2, version: (twin.version ?? 1) + 1 }], { cursor: '2', latest: 2 });
      hub.app.services.content.update('event', id, eventInput(actorId, 'Exposition Lumières du ciel', `${day}T10:00:00+02:00`, `${day}T19:00:00+02:00`), admin);
      await pull((await store.engine.hubs.get(HUB.id))?.cursor ?? '0', 1000, 100);
      expect(await duplicateOf(twin.id)).toBeNull();
      expect(await duplicateOf(third.id)).not.toBeNull();
      expect((await review.list({})).counts).toEqual({ pending: 0, confirmed: 1, split: 1 });
    });
  });
});
