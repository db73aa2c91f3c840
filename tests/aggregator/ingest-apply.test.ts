import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@constellation/hub';
import type { ChangesPage } from '@constellation/shared';
import { NationalWriter, openNationalStore, type NationalStore } from '@constellation/aggregator';
import { eventInput } from '../hub/event-inputs.ts';
import { startTestHub, type TestHub } from '../hub/support.ts';

/*
 * The national store's promise: whatever a hub does (create, edit, approve, reject,
 * unpublish, delete) and however its feed is read (pages cut anywhere, pages read twice,
 * a pull restarted from an older cursor), the national records for that hub are exactly
 * its public state, and every live event is indexed once.
 */

let hub: TestHub;
let admin: Viewer;
let actorId = '';
let dir: string;
let store: NationalStore;
let writer: NationalWriter;
const HUB = { id: 'centre-val-de-loire', region: '24' };

async function page(after: string, limit: number): Promise<ChangesPage> {
  const response = await hub.request<ChangesPage>({ method: 'GET', url: `/federation/v1/changes?after=${after}&limit=${limit}` });
  expect(response.status).toBe(200);
  return response.body;
}

/** Pulls from `cursor` to the end of the feed in pages of `limit`, applying each in batches of `batch`. */
async function pull(cursor: string, limit: number, batch: number): Promise<string> {
  for (let guard = 0; guard < 1_000; guard += 1) {
    const current = await page(cursor, limit);
    for (let start = 0; start < current.items.length; start += batch) {
      const items = current.items.slice(start, start + batch);
      const last = start + batch >= current.items.length;
      writer.apply(HUB, items, { cursor: last ? current.next : String(items.at(-1)?.seq ?? cursor), latest: current.latest });
    }
    cursor = current.next;
    if (!current.hasMore) return cursor;
  }
  throw new Error('feed did not end');
}

function hubPublicState(): Map<string, number> {
  const rows = hub.app.store.sqlite.prepare(`SELECT type, id, version FROM content WHERE status = 'published'`).all() as { type: string; id: string; version: number }[];
  return new Map(rows.map((row) => [`${row.type}:${row.id}`, row.version]));
}

function nationalState(): Map<string, number> {
  const rows = store.sqlite.prepare('SELECT type, id, version FROM records WHERE hub = ? AND deleted = 0').all(HUB.id) as { type: string; id: string; version: number }[];
  return new Map(rows.map((row) => [`${row.type}:${row.id}`, row.version]));
}

function indexedEvents(): string[] {
  return (store.sqlite.prepare('SELECT r.id FROM events_index e JOIN records r ON r.row_id = e.row_id ORDER BY r.id').all() as { id: string }[]).map((row) => row.id);
}

function reset(): void {
  store.close();
  rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'constellation-national-'));
  store = openNationalStore(join(dir, 'national.sqlite'));
  writer = new NationalWriter(store);
  store.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at) VALUES (?, 'http://hub.test', 'Centre', '24', 'approved', '{}', 0)`).run(HUB.id);
}

beforeAll(async () => {
  hub = await startTestHub();
  const account = await hub.app.services.accounts.register({ email: 'admin@ingest.example.org', password: 'correct horse 1', displayName: 'Admin' }, 'admin');
  admin = { id: account.id, role: 'admin', actorIds: [] };
  actorId = hub.app.services.content.create('actor', { name: 'Centre-Sciences', kind: 'ccsti' }, admin, { submit: true }).id;
  dir = mkdtempSync(join(tmpdir(), 'constellation-national-'));
  store = openNationalStore(join(dir, 'national.sqlite'));
  reset();
});

afterAll(async () => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
  await hub.close();
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

describe('applying a hub feed to the national store', () => {
  it('holds exactly the hub public state, whatever the page and batch sizes, replays and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        async (operations, limit, batch, replayFromZero) => {
          reset();
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
          expect(nationalState()).toEqual(expected);
          const liveEvents = [...expected.keys()].filter((key) => key.startsWith('event:')).map((key) => key.slice('event:'.length)).sort();
          expect(indexedEvents()).toEqual(liveEvents);
          const occurrences = store.sqlite.prepare('SELECT count(*) AS n FROM event_occurrences').get() as { n: number };
          const boxes = store.sqlite.prepare('SELECT count(*) AS n FROM occurrence_boxes').get() as { n: number };
          expect(boxes.n).toBe(occurrences.n);
          const hubRow = store.sqlite.prepare('SELECT cursor FROM hubs WHERE id = ?').get(HUB.id) as { cursor: string };
          expect(hubRow.cursor).toBe(cursor);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('refuses a bad item and another hub\'s item, and applies the rest of the page', async () => {
    reset();
    const ids = [1, 2, 3].map((n) => hub.app.services.content.create('event', eventInput(actorId, `Atelier ${n}`, '2027-06-01T10:00:00+02:00', '2027-06-01T12:00:00+02:00'), admin, { submit: true }).id);
    const current = await page('0', 1000);
    const items = current.items.filter((item) => item.type === 'event' && ids.includes(item.id));
    expect(items).toHaveLength(3);
    const [first, second, third] = items as [ChangesPage['items'][number], ChangesPage['items'][number], ChangesPage['items'][number]];
    const forged = { ...second, data: { ...(second.data as object), hub: 'grand-est' } };
    const broken = { ...third, data: { ...(third.data as object), title: '' } };
    const result = writer.apply(HUB, [first, forged, broken, { nonsense: true }], { cursor: current.next, latest: current.latest });
    expect(result.applied.map((change) => change.id)).toEqual([first.id]);
    expect(result.rejected.map((item) => item.field)).toEqual(['data.hub', 'data.title', 'seq']);
    expect(indexedEvents()).toEqual([first.id]);
    const counts = store.sqlite.prepare('SELECT applied_count, rejected_count FROM hubs WHERE id = ?').get(HUB.id);
    expect(counts).toEqual({ applied_count: 1, rejected_count: 3 });
    const recorded = store.sqlite.prepare('SELECT field FROM rejected_items WHERE hub = ? ORDER BY row_id').all(HUB.id) as { field: string }[];
    expect(recorded.map((row) => row.field)).toEqual(['data.hub', 'data.title', 'seq']);
  });

  it('refuses alone an item that fails while indexed, undoing its writes, and applies the rest of the page', async () => {
    reset();
    const ids = ['Avant', 'Piège', 'Après'].map((title) => hub.app.services.content.create('event', eventInput(actorId, title, '2027-06-01T10:00:00+02:00', '2027-06-01T12:00:00+02:00'), admin, { submit: true }).id);
    const current = await page('0', 1000);
    // A real failure inside the store, after the record and its facet row were written:
    // the occurrences of one event are refused, as any indexing fault would be.
    store.sqlite.exec(`CREATE TEMP TRIGGER refuse_trap BEFORE INSERT ON event_occurrences
      WHEN (SELECT json_extract(data, '$.title') FROM records WHERE row_id = NEW.event_row) = 'Piège' BEGIN SELECT RAISE(ABORT, 'trap sprung'); END`);
    try {
      const result = writer.apply(HUB, current.items.filter((item) => ids.includes(item.id)), { cursor: current.next, latest: current.latest });
      expect(result.rejected).toEqual([{ seq: expect.any(Number) as unknown, id: ids[1], field: 'data', message: 'could not be indexed: trap sprung' }]);
      expect(result.applied.map((change) => change.id)).toEqual(expect.arrayContaining([ids[0], ids[2]]));
    } finally {
      store.sqlite.exec('DROP TRIGGER refuse_trap');
    }
    expect(indexedEvents()).toEqual([ids[0], ids[2]].sort());
    // Nothing of the refused item stayed: no record, no occurrence, no box.
    expect(nationalState().has(`event:${ids[1]}`)).toBe(false);
    const orphans = store.sqlite.prepare('SELECT count(*) AS n FROM event_occurrences o LEFT JOIN events_index e ON e.row_id = o.event_row WHERE e.row_id IS NULL').get() as { n: number };
    expect(orphans.n).toBe(0);
    const hubRow = store.sqlite.prepare('SELECT cursor, rejected_count FROM hubs WHERE id = ?').get(HUB.id);
    expect(hubRow).toEqual({ cursor: current.next, rejected_count: 1 });
  });

  it('does not go back to an older version, and a stale upsert does not revive a deleted event', async () => {
    reset();
    const id = hub.app.services.content.create('event', eventInput(actorId, 'Conférence', '2027-06-01T10:00:00+02:00', '2027-06-01T12:00:00+02:00'), admin, { submit: true }).id;
    const before = (await page('0', 1000)).items.find((item) => item.id === id);
    hub.app.services.content.update('event', id, eventInput(actorId, 'Conférence (salle changée)', '2027-06-01T10:00:00+02:00', '2027-06-01T12:00:00+02:00'), admin);
    await pull('0', 1000, 100);
    expect(before).toBeDefined();
    const stale = writer.apply(HUB, [before], { cursor: '0', latest: 0 });
    expect(stale.applied).toEqual([]);
    expect(stale.unchanged).toBe(1);
    const title = store.sqlite.prepare(`SELECT json_extract(data, '$.title') AS title FROM records WHERE id = ?`).get(id) as { title: string };
    expect(title.title).toBe('Conférence (salle changée)');
    hub.app.services.content.remove('event', id, admin);
    await pull('0', 1000, 100);
    expect(writer.apply(HUB, [before], { cursor: '0', latest: 0 }).applied).toEqual([]);
    expect(indexedEvents()).not.toContain(id);
  });
});

describe('cross-hub duplicates', () => {
  const OTHER = { id: 'grand-est', region: '44' };

  function asServedBy(item: ChangesPage['items'][number], hubId: string, id: string, overrides: Record<string, unknown> = {}): ChangesPage['items'][number] {
    return { ...item, id, data: { ...(item.data as object), hub: hubId, id, ...overrides } };
  }

  function listed(): { id: string; hub: string; duplicate_of: number | null }[] {
    return store.sqlite.prepare('SELECT r.id, r.hub, e.duplicate_of FROM events_index e JOIN records r ON r.row_id = e.row_id ORDER BY e.row_id').all() as { id: string; hub: string; duplicate_of: number | null }[];
  }

  it('lists the same event posted on two hubs once, and lists the copy again when the first goes', async () => {
    reset();
    store.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at) VALUES (?, 'http://other.test', 'Grand Est', '44', 'approved', '{}', 0)`).run(OTHER.id);
    const id = hub.app.services.content.create('event', eventInput(actorId, 'La Nuit des étoiles', '2027-08-07T21:00:00+02:00', '2027-08-07T23:59:00+02:00'), admin, { submit: true }).id;
    const item = (await page('0', 1000)).items.find((candidate) => candidate.id === id);
    if (item === undefined) throw new Error('event not in feed');
    await pull('0', 1000, 100);
    const twin = asServedBy(item, OTHER.id, '01950000-0000-7000-8000-000000000001', { title: 'Nuit des Étoiles !' });
    const elsewhere = asServedBy(item, OTHER.id, '01950000-0000-7000-8000-000000000002', { place: { name: 'Ailleurs', lat: 48.58, lon: 7.75 } });
    const other = asServedBy(item, OTHER.id, '01950000-0000-7000-8000-000000000003', { title: 'Atelier robotique' });
    writer.apply(OTHER, [twin, elsewhere, other], { cursor: String(item.seq), latest: item.seq });
    const rows = listed();
    const original = rows.find((row) => row.id === id);
    const rowIdOf = (wanted: string) => (store.sqlite.prepare('SELECT row_id FROM records WHERE id = ?').get(wanted) as { row_id: number }).row_id;
    expect(original?.duplicate_of).toBeNull();
    expect(rows.find((row) => row.id === twin.id)?.duplicate_of).toBe(rowIdOf(id));
    expect(rows.find((row) => row.id === elsewhere.id)?.duplicate_of).toBeNull();
    expect(rows.find((row) => row.id === other.id)?.duplicate_of).toBeNull();

    hub.app.services.content.remove('event', id, admin);
    const cursor = (store.sqlite.prepare('SELECT cursor FROM hubs WHERE id = ?').get(HUB.id) as { cursor: string }).cursor;
    const changes: string[] = [];
    const current = await page(cursor, 1000);
    const result = writer.apply(HUB, current.items, { cursor: current.next, latest: current.latest });
    for (const change of result.applied) changes.push(`${change.op}:${change.id}`);
    // The copy is listed again, and its change is announced so live maps show it.
    expect(listed().find((row) => row.id === twin.id)?.duplicate_of).toBeNull();
    expect(changes).toEqual([`delete:${id}`, `upsert:${twin.id}`]);
  });
});
