import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@constellation/hub';
import type { ChangesPage } from '@constellation/shared';
import { eventInput } from './event-inputs.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The feed's promise, as a property: after any sequence of create, edit, publish,
 * unpublish, reject and delete, a reader that syncs from 0 (or that synced up to some
 * cursor earlier and continues from there) holds exactly the hub's public state.
 */

interface Replica {
  cursor: string;
  objects: Map<string, { version: number; data: unknown }>;
}

let hub: TestHub;
let admin: Viewer;
let contributor: Viewer;
let actorId = '';

async function sync(replica: Replica): Promise<void> {
  for (let guard = 0; guard < 1_000; guard += 1) {
    const response = await hub.request<ChangesPage>({ method: 'GET', url: `/federation/v1/changes?after=${replica.cursor}&limit=7` });
    expect(response.status).toBe(200);
    for (const item of response.body.items) {
      const key = `${item.type}:${item.id}`;
      const held = replica.objects.get(key);
      if (held !== undefined && held.version >= item.version) continue; // idempotent: never go back
      if (item.op === 'upsert') replica.objects.set(key, { version: item.version, data: item.data });
      else replica.objects.delete(key);
    }
    replica.cursor = response.body.next;
    if (!response.body.hasMore) return;
  }
  throw new Error('feed did not end');
}

function publicState(): Map<string, { version: number; data: unknown }> {
  const rows = hub.app.store.sqlite.prepare(`SELECT type, id, version, public_json AS json FROM content WHERE status = 'published'`).all() as { type: string; id: string; version: number; json: string }[];
  return new Map(rows.map((row) => [`${row.type}:${row.id}`, { version: row.version, data: JSON.parse(row.json) as unknown }]));
}

type Operation =
  | { kind: 'create'; submitAs: 'admin' | 'contributor' | 'draft' }
  | { kind: 'edit' | 'approve' | 'reject' | 'unpublish' | 'delete'; target: number; by: 'admin' | 'contributor' }
  | { kind: 'checkpoint' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), submitAs: fc.constantFrom('admin' as const, 'contributor' as const, 'draft' as const) }),
  fc.record({ kind: fc.constantFrom('edit' as const, 'approve' as const, 'reject' as const, 'unpublish' as const, 'delete' as const), target: fc.nat(20), by: fc.constantFrom('admin' as const, 'contributor' as const) }),
  fc.constant({ kind: 'checkpoint' as const }),
);

let counter = 0;

function apply(op: Operation, ids: string[]): void {
  const { content } = hub.app.services;
  counter += 1;
  const input = eventInput(actorId, `Rencontre ${counter}`, '2027-05-04T18:00:00+02:00', '2027-05-04T20:00:00+02:00');
  try {
    if (op.kind === 'create') {
      const viewer = op.submitAs === 'admin' ? admin : contributor;
      ids.push(content.create('event', input, viewer, { submit: op.submitAs !== 'draft' }).id);
      return;
    }
    if (op.kind === 'checkpoint' || ids.length === 0) return;
    const id = ids[op.target % ids.length] ?? '';
    const viewer = op.by === 'admin' ? admin : contributor;
    if (op.kind === 'edit') content.update('event', id, { ...input, title: `Modifié ${counter}` }, viewer);
    if (op.kind === 'approve') content.approve([id], admin);
    if (op.kind === 'reject') content.reject([id], 'hors ligne éditoriale', admin);
    if (op.kind === 'unpublish') content.unpublish('event', id, viewer);
    if (op.kind === 'delete') content.remove('event', id, viewer);
  } catch (error) {
    // Deleted targets are expected (404 as a NotFoundError); anything else is a bug.
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}

beforeAll(async () => {
  hub = await startTestHub();
  const account = await hub.app.services.accounts.register({ email: 'admin@replay.example.org', password: 'correct horse 1', displayName: 'Admin' }, 'admin');
  admin = { id: account.id, role: 'admin', actorIds: [] };
  actorId = hub.app.services.content.create('actor', { name: 'Centre-Sciences', kind: 'ccsti' }, admin, { submit: true }).id;
  const writer = await hub.app.services.accounts.register({ email: 'writer@replay.example.org', password: 'correct horse 2', displayName: 'Writer' }, 'contributor');
  hub.app.services.accounts.addActorMember(writer.id, actorId);
  contributor = { id: writer.id, role: 'contributor', actorIds: [actorId] };
});

afterAll(async () => {
  await hub.close();
});

describe('replaying the changes feed', () => {
  it('from 0, or from any earlier cursor onto a copy synced up to it, reproduces the public state exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        const ids: string[] = [];
        const earlier: Replica[] = [];
        for (const op of operations) {
          apply(op, ids);
          if (op.kind === 'checkpoint') {
            const replica: Replica = { cursor: '0', objects: new Map() };
            await sync(replica);
            earlier.push(replica);
          }
        }
        const fresh: Replica = { cursor: '0', objects: new Map() };
        await sync(fresh);
        const expected = publicState();
        expect(fresh.objects).toEqual(expected);
        for (const replica of earlier) {
          await sync(replica);
          expect(replica.objects).toEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
  });
});
