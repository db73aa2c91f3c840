import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import { contentSchemas, contentTypes, validate, type ContentType } from '@constellation/shared';
import { startTestHub, type Response, type TestHub } from './support.ts';
import { actorInput, eventInput, inputFor, sqlite } from './event-inputs.ts';

/*
 * The bookkeeping behind the federation feed, read straight from SQLite: `hub_state`
 * holds the hub-wide seq, `changes` one row per object that was ever public (compacted:
 * the latest seq, op and version). Whatever the API does, the upserts in `changes` must
 * be exactly the published content, at the same versions.
 */

type User = Awaited<ReturnType<TestHub['user']>>;
interface ChangeRow {
  type: string;
  id: string;
  seq: number;
  op: 'upsert' | 'delete';
  version: number;
  updated_at: string;
}
interface ContentRow {
  id: string;
  type: ContentType;
  status: string;
  version: number;
  public_json: string | null;
}

const TYPE_PATHS: Record<ContentType, string> = {
  actor: 'actors',
  event: 'events',
  place: 'places',
  article: 'articles',
  project: 'projects',
  announcement: 'announcements',
  dossier: 'dossiers',
  resource: 'resources',
};

let hub: TestHub;
let moderator: User;
let contributor: User;
let stranger: User;
let actorId: string;

function latestSeq(): number {
  return (sqlite(hub).prepare("SELECT value FROM hub_state WHERE key = 'seq'").get() as { value: number }).value;
}

function feedRows(id: string): ChangeRow[] {
  return sqlite(hub).prepare('SELECT * FROM changes WHERE id = ?').all(id) as ChangeRow[];
}

function feedRow(id: string): ChangeRow | undefined {
  const rows = feedRows(id);
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}

function contentRow(id: string): ContentRow | undefined {
  return sqlite(hub).prepare('SELECT id, type, status, version, public_json FROM content WHERE id = ?').get(id) as ContentRow | undefined;
}

let titles = 0;
function event(title = 'Atelier'): ReturnType<typeof eventInput> {
  titles += 1;
  return eventInput(actorId, `${title} ${titles}`, '2027-04-14T14:00:00+02:00', '2027-04-14T17:00:00+02:00');
}

async function call<T = ContentView>(user: User | undefined, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<Response<T>> {
  return hub.request<T>({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }), ...(user === undefined ? {} : { token: user.token }) });
}

async function created(user: User, input: unknown, submit = false): Promise<ContentView> {
  const response = await call(user, 'POST', `/api/v1/events${submit ? '?submit=true' : ''}`, input);
  expect(response.status, response.text).toBe(201);
  return response.body;
}

/** A published event (a moderator's submission publishes directly). */
async function published(): Promise<ContentView> {
  const view = await created(moderator, event('Publié'), true);
  expect(view.status).toBe('published');
  return view;
}

beforeAll(async () => {
  hub = await startTestHub();
  moderator = await hub.user('moderator');
  contributor = await hub.user('contributor');
  stranger = await hub.user('contributor');
  const actor = await call(contributor, 'POST', '/api/v1/actors', actorInput('Laboratoire ouvert'));
  expect(actor.status).toBe(201);
  actorId = actor.body.id;
});

afterAll(async () => {
  await hub.close();
});

describe('seq and the compacted feed', () => {
  it('takes seq = previous + 1 for a publication, in one upsert row carrying the content version', async () => {
    const before = latestSeq();
    const view = await published();
    expect(latestSeq()).toBe(before + 1);
    const row = feedRow(view.id);
    expect(row).toEqual({ type: 'event', id: view.id, seq: before + 1, op: 'upsert', version: 2, updated_at: view.updatedAt });
    expect(view.version).toBe(2);
    expect(JSON.parse(contentRow(view.id)?.public_json ?? 'null')).toMatchObject({ id: view.id, version: 2 });
  });

  it('keeps one row per object: three edits of a published event leave it at the latest seq and version', async () => {
    const view = await published();
    const start = latestSeq();
    for (let edit = 1; edit <= 3; edit += 1) {
      const response = await call(moderator, 'PUT', `/api/v1/events/${view.id}`, event(`Édition ${edit}`));
      expect(response.status).toBe(200);
      expect(latestSeq()).toBe(start + edit);
    }
    expect(feedRows(view.id)).toEqual([expect.objectContaining({ seq: start + 3, op: 'upsert', version: 5 })]);
    expect(contentRow(view.id)).toMatchObject({ status: 'published', version: 5 });
    expect(JSON.parse(contentRow(view.id)?.public_json ?? 'null')).toMatchObject({ version: 5 });
    // Compacted: the seqs it held before are not in the table any more.
    const seqs = (sqlite(hub).prepare('SELECT seq FROM changes WHERE seq > ? AND seq <= ?').all(start - 1, start + 3) as { seq: number }[]).map((row) => row.seq);
    expect(seqs).toEqual([start + 3]);
  });

  it.each([
    ['unpublish', async (id: string) => call(moderator, 'POST', `/api/v1/events/${id}/unpublish`)],
    ['reject', async (id: string) => call(moderator, 'POST', '/api/v1/moderation/reject', { ids: [id], reason: 'Hors charte' })],
    ['delete', async (id: string) => call(moderator, 'DELETE', `/api/v1/events/${id}`)],
    ['a non-verified edit', async (id: string) => call(contributor, 'PUT', `/api/v1/events/${id}`, event('Retour en modération'))],
  ])('leaves a tombstone with a higher version on %s of published content', async (_name, act) => {
    const view = await published();
    const upsert = feedRow(view.id);
    const response = await act(view.id);
    expect(response.status, response.text).toBeLessThan(300);
    expect(latestSeq()).toBe((upsert?.seq ?? 0) + 1);
    expect(feedRows(view.id)).toEqual([expect.objectContaining({ type: 'event', op: 'delete', seq: (upsert?.seq ?? 0) + 1, version: (upsert?.version ?? 0) + 1 })]);
    expect(contentRow(view.id)?.public_json ?? null).toBeNull();
  });

  it('turns a tombstone back into an upsert with a higher version when the content is published again', async () => {
    const view = await published();
    await call(moderator, 'POST', `/api/v1/events/${view.id}/unpublish`);
    const tombstone = feedRow(view.id);
    expect(tombstone).toMatchObject({ op: 'delete', version: 3 });
    // Editing the unpublished draft is invisible to the feed...
    await call(moderator, 'PUT', `/api/v1/events/${view.id}`, event('Remanié'));
    expect(feedRow(view.id)).toEqual(tombstone);
    // ...until it is published again.
    const approved = await call<{ items: ContentView[] }>(moderator, 'POST', '/api/v1/moderation/approve', { ids: [view.id] });
    expect(approved.status).toBe(200);
    expect(feedRow(view.id)).toMatchObject({ op: 'upsert', version: 5, seq: (tombstone?.seq ?? 0) + 1 });
    // A second unpublish or delete of content already out of the feed adds no second tombstone.
    await call(moderator, 'POST', `/api/v1/events/${view.id}/unpublish`);
    const second = feedRow(view.id);
    expect(second).toMatchObject({ op: 'delete', version: 6 });
    const seq = latestSeq();
    expect((await call(moderator, 'DELETE', `/api/v1/events/${view.id}`)).status).toBe(204);
    expect(latestSeq()).toBe(seq);
    expect(feedRow(view.id)).toEqual(second);
  });

  it('never records content that was never published, whatever happens to it', async () => {
    const seq = latestSeq();
    const draft = await created(contributor, event('Jamais publié'));
    for (let edit = 0; edit < 3; edit += 1) expect((await call(contributor, 'PUT', `/api/v1/events/${draft.id}`, event('Brouillon'))).status).toBe(200);
    expect((await call(contributor, 'POST', `/api/v1/events/${draft.id}/submit`)).body.status).toBe('pending');
    expect((await call(contributor, 'PUT', `/api/v1/events/${draft.id}`, event('En attente'))).status).toBe(200);
    expect((await call(moderator, 'POST', '/api/v1/moderation/reject', { ids: [draft.id], reason: 'Incomplet' })).status).toBe(200);
    expect((await call(contributor, 'PUT', `/api/v1/events/${draft.id}`, event('Corrigé'))).body.status).toBe('draft');
    expect((await call(contributor, 'DELETE', `/api/v1/events/${draft.id}`)).status).toBe(204);
    expect(latestSeq()).toBe(seq);
    expect(feedRows(draft.id)).toEqual([]);
  });

  it('takes N consecutive seqs for a bulk approval of N items, one row each', async () => {
    const drafts: ContentView[] = [];
    for (let n = 0; n < 4; n += 1) {
      const draft = await created(contributor, event('Lot'));
      expect((await call(contributor, 'POST', `/api/v1/events/${draft.id}/submit`)).body.status).toBe('pending');
      drafts.push(draft);
    }
    const before = latestSeq();
    const response = await call<{ items: ContentView[] }>(moderator, 'POST', '/api/v1/moderation/approve', { ids: drafts.map((draft) => draft.id) });
    expect(response.status).toBe(200);
    expect(latestSeq()).toBe(before + 4);
    const rows = drafts.map((draft) => feedRow(draft.id));
    expect(rows.map((row) => row?.seq).sort()).toEqual([before + 1, before + 2, before + 3, before + 4]);
    for (const row of rows) expect(row).toMatchObject({ op: 'upsert', version: 3 });
  });

  it('takes no seq and changes no row when approving content that is already published', async () => {
    const view = await published();
    const row = feedRow(view.id);
    const seq = latestSeq();
    const response = await call<{ items: ContentView[] }>(moderator, 'POST', '/api/v1/moderation/approve', { ids: [view.id] });
    expect(response.status).toBe(200);
    expect(response.body.items[0]).toMatchObject({ status: 'published', version: 2 });
    expect(latestSeq()).toBe(seq);
    expect(feedRow(view.id)).toEqual(row);
  });

  it('takes no seq for a write that fails (400, 403, 404, 409)', async () => {
    const view = await published();
    const row = feedRow(view.id);
    const seq = latestSeq();
    const unknown = '01935c1e-0000-7000-8000-00000000beef';
    const pending = await created(contributor, event('En attente'));
    await call(contributor, 'POST', `/api/v1/events/${pending.id}/submit`);
    const failures: [string, Promise<Response>, number][] = [
      ['invalid body', call(moderator, 'PUT', `/api/v1/events/${view.id}`, { ...event(), timings: [] }), 400],
      ['unknown place reference', call(moderator, 'PUT', `/api/v1/events/${view.id}`, { ...event(), placeId: unknown }), 400],
      ['unknown actor', call(moderator, 'PUT', `/api/v1/events/${view.id}`, { ...event(), actorId: unknown }), 400],
      ['edit by a stranger', call(stranger, 'PUT', `/api/v1/events/${view.id}`, event()), 403],
      ['unpublish by a stranger', call(stranger, 'POST', `/api/v1/events/${view.id}/unpublish`), 403],
      ['approve by a contributor', call(contributor, 'POST', '/api/v1/moderation/approve', { ids: [pending.id] }), 403],
      ['bulk approve with an unknown id', call(moderator, 'POST', '/api/v1/moderation/approve', { ids: [pending.id, unknown] }), 404],
      ['bulk reject with an unknown id', call(moderator, 'POST', '/api/v1/moderation/reject', { ids: [view.id, unknown], reason: 'x' }), 404],
      ['delete of an unknown id', call(moderator, 'DELETE', `/api/v1/events/${unknown}`), 404],
      ['stale version', call(moderator, 'PUT', `/api/v1/events/${view.id}?version=1`, event()), 409],
    ];
    for (const [name, request, status] of failures) {
      const response = await request;
      expect(response.status, `${name}: ${response.text}`).toBe(status);
      expect(latestSeq(), name).toBe(seq);
    }
    expect(feedRow(view.id)).toEqual(row);
    expect(feedRows(pending.id)).toEqual([]);
    expect(contentRow(view.id)).toMatchObject({ status: 'published', version: 2 });
    expect(contentRow(pending.id)).toMatchObject({ status: 'pending', version: 2 });
  });

  it('gives every change of one object a strictly higher version, and the hub seq is the highest seq', async () => {
    const view = await published();
    const versions = [feedRow(view.id)?.version ?? 0];
    const steps = [
      () => call(moderator, 'PUT', `/api/v1/events/${view.id}`, event('v3')),
      () => call(contributor, 'PUT', `/api/v1/events/${view.id}`, event('v4')),
      () => call(moderator, 'POST', '/api/v1/moderation/approve', { ids: [view.id] }),
      () => call(moderator, 'POST', `/api/v1/actors/${actorId}/verify`, { verified: true }),
      () => call(contributor, 'PUT', `/api/v1/events/${view.id}`, event('v6')),
      () => call(moderator, 'POST', '/api/v1/moderation/reject', { ids: [view.id], reason: 'Doublon' }),
      () => call(contributor, 'PUT', `/api/v1/events/${view.id}`, event('v8')),
      () => call(contributor, 'POST', `/api/v1/events/${view.id}/submit`),
      () => call(contributor, 'DELETE', `/api/v1/events/${view.id}`),
    ];
    for (const step of steps) {
      const before = feedRow(view.id);
      const response = await step();
      expect(response.status, response.text).toBeLessThan(300);
      const after = feedRow(view.id);
      if (after?.seq !== before?.seq) {
        expect(after?.version ?? 0).toBeGreaterThan(versions.at(-1) ?? 0);
        versions.push(after?.version ?? 0);
      }
    }
    // published v2, edit v3, pending v4 (tombstone), approved v5, [actor verified], verified edit v6, rejected v7 (tombstone),
    // draft v8 (none), verified submit v9, deleted: tombstone v10.
    expect(versions).toEqual([2, 3, 4, 5, 6, 7, 9, 10]);
    expect(feedRow(view.id)).toMatchObject({ op: 'delete', version: 10 });
    const max = (sqlite(hub).prepare('SELECT max(seq) AS seq FROM changes').get() as { seq: number }).seq;
    expect(max).toBe(latestSeq());
    await call(moderator, 'POST', `/api/v1/actors/${actorId}/verify`, { verified: false });
  });
});

describe('a random history of moderation (property)', () => {
  type By = 'owner' | 'moderator';
  type Op =
    | { kind: 'create'; type: ContentType; by: By; submit: boolean }
    | { kind: 'edit'; item: number; by: By }
    | { kind: 'submit'; item: number; by: By }
    | { kind: 'approve'; items: number[]; unknown: boolean }
    | { kind: 'reject'; items: number[] }
    | { kind: 'unpublish'; item: number; by: By }
    | { kind: 'delete'; item: number; by: By }
    | { kind: 'verify'; verified: boolean };

  const by = fc.constantFrom<By>('owner', 'moderator');
  const item = fc.nat({ max: 5 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('create' as const), type: fc.constantFrom(...contentTypes.values), by, submit: fc.boolean() }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('edit' as const), item, by }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('submit' as const), item, by }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('approve' as const), items: fc.array(item, { minLength: 1, maxLength: 3 }), unknown: fc.boolean() }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('reject' as const), items: fc.array(item, { minLength: 1, maxLength: 3 }) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('unpublish' as const), item, by }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), item, by }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('verify' as const), verified: fc.boolean() }), weight: 1 },
  );

  it('keeps the upserts in changes equal to the published content, valid, with unique seqs', async () => {
    const db = sqlite(hub);
    const everPublished = new Set<string>();
    const created = new Set<string>();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        run += 1;
        const items: { type: ContentType; id: string; edits: number }[] = [];
        const pick = (index: number) => items[index % Math.max(items.length, 1)];
        for (const step of ops) {
          const seq = latestSeq();
          const before = new Map((db.prepare('SELECT * FROM changes').all() as ChangeRow[]).map((row) => [row.id, row]));
          let response: Response | undefined;
          const user = (who: By) => (who === 'moderator' ? moderator : contributor);
          switch (step.kind) {
            case 'create': {
              response = await call(user(step.by), 'POST', `/api/v1/${TYPE_PATHS[step.type]}${step.submit ? '?submit=true' : ''}`, inputFor(step.type, actorId, `Objet ${run}-${items.length}`));
              expect(response.status, response.text).toBe(201);
              items.push({ type: step.type, id: (response.body as ContentView).id, edits: 0 });
              created.add((response.body as ContentView).id);
              break;
            }
            case 'edit': {
              const target = pick(step.item);
              if (target === undefined) continue;
              target.edits += 1;
              response = await call(user(step.by), 'PUT', `/api/v1/${TYPE_PATHS[target.type]}/${target.id}`, inputFor(target.type, actorId, `Objet ${run} édité ${target.edits}`, target.edits));
              break;
            }
            case 'submit':
            case 'unpublish': {
              const target = pick(step.item);
              if (target === undefined) continue;
              response = await call(user(step.by), 'POST', `/api/v1/${TYPE_PATHS[target.type]}/${target.id}/${step.kind}`);
              break;
            }
            case 'delete': {
              const target = pick(step.item);
              if (target === undefined) continue;
              response = await call(user(step.by), 'DELETE', `/api/v1/${TYPE_PATHS[target.type]}/${target.id}`);
              break;
            }
            case 'approve':
            case 'reject': {
              const ids = [...new Set(step.items.map((index) => pick(index)?.id).filter((id) => id !== undefined))];
              if (step.kind === 'approve' && step.unknown) ids.push('01935c1e-0000-7000-8000-00000000dead');
              if (ids.length === 0) continue;
              response = await call(moderator, 'POST', `/api/v1/moderation/${step.kind}`, step.kind === 'approve' ? { ids } : { ids, reason: 'Refusé au hasard' });
              break;
            }
            case 'verify':
              response = await call(moderator, 'POST', `/api/v1/actors/${actorId}/verify`, { verified: step.verified });
              break;
          }
          expect(response.status, response.text).toBeLessThan(500);
          // A refused request takes no seq.
          if (response.status >= 400) expect(latestSeq(), `${step.kind}: ${response.text}`).toBe(seq);
          for (const { id } of db.prepare("SELECT id FROM content WHERE status = 'published'").all() as { id: string }[]) everPublished.add(id);
          // Each object that took a seq did so for a newer version.
          for (const row of db.prepare('SELECT * FROM changes WHERE seq > ?').all(seq) as ChangeRow[]) {
            const previous = before.get(row.id);
            if (previous !== undefined) expect(row.version, `${step.kind} of ${row.type}/${row.id}`).toBeGreaterThan(previous.version);
          }
        }

        const rows = db.prepare('SELECT * FROM changes').all() as ChangeRow[];
        const publishedRows = db.prepare("SELECT id, type, status, version, public_json FROM content WHERE status = 'published'").all() as ContentRow[];
        const upserts = rows.filter((row) => row.op === 'upsert').map((row) => `${row.type}/${row.id}@${row.version}`).sort();
        expect(upserts).toEqual(publishedRows.map((row) => `${row.type}/${row.id}@${row.version}`).sort());
        expect(new Set(rows.map((row) => row.seq)).size).toBe(rows.length);
        expect(Math.max(0, ...rows.map((row) => row.seq))).toBe(latestSeq());
        for (const row of rows.filter((change) => created.has(change.id))) expect(everPublished.has(row.id), `${row.type}/${row.id} was never published`).toBe(true);
        for (const row of publishedRows) {
          const shape = JSON.parse(row.public_json ?? 'null') as unknown;
          const result = validate(contentSchemas[row.type].public, shape);
          expect(result.ok ? [] : result.issues, `${row.type}/${row.id}`).toEqual([]);
          expect(shape).toMatchObject({ id: row.id, version: row.version });
        }
        const hidden = db.prepare("SELECT count(*) AS n FROM content WHERE status != 'published' AND public_json IS NOT NULL").get() as { n: number };
        expect(hidden.n).toBe(0);
      }),
      { numRuns: 30 },
    );
    // The histories did publish and take down content, so the property was not checked on an empty feed.
    const ops = db.prepare('SELECT op, count(*) AS n FROM changes GROUP BY op').all() as { op: string; n: number }[];
    expect(ops.map((row) => row.op).sort()).toEqual(['delete', 'upsert']);
  });
});
