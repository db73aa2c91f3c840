import { sql } from 'drizzle-orm';
import type { ContentType } from '@constellation/shared';
import type { HubTx } from '../db/client.ts';
import { changes, hubState } from '../db/schema/index.ts';

export interface RecordedChange {
  seq: number;
  type: ContentType;
  id: string;
  op: 'upsert' | 'delete';
  version: number;
}

/**
 * Takes the next hub-wide seq and moves the object's row in the compacted feed to it.
 * Must run inside the writing transaction (BEGIN IMMEDIATE): the seq is taken under
 * the write lock, so seq order is commit order and a reader never sees a gap fill
 * in later.
 */
export function recordChange(tx: HubTx, change: Omit<RecordedChange, 'seq'>, updatedAt: string): RecordedChange {
  const next = tx
    .update(hubState)
    .set({ value: sql`${hubState.value} + 1` })
    .where(sql`${hubState.key} = 'seq'`)
    .returning({ seq: hubState.value })
    .get();
  if (next === undefined) throw new Error('hub_state has no seq row: migrations did not run');
  tx.insert(changes)
    .values({ type: change.type, id: change.id, seq: next.seq, op: change.op, version: change.version, updatedAt })
    .onConflictDoUpdate({ target: [changes.type, changes.id], set: { seq: next.seq, op: change.op, version: change.version, updatedAt } })
    .run();
  return { ...change, seq: next.seq };
}

/** The latest seq (0 for an empty hub): the feed's ETag. */
export function latestSeq(tx: Pick<HubTx, 'select'>): number {
  return tx.select({ value: hubState.value }).from(hubState).where(sql`${hubState.key} = 'seq'`).get()?.value ?? 0;
}
