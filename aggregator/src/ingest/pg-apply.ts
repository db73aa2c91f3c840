import type pg from 'pg';
import { validateChangeItem, type TypedChangeItem } from '@constellation/shared';
import type { PgNationalStore } from '../db/pg/client.ts';
import type { AppliedChange, ApplyResult, FeedPosition, RejectedItem, Stored } from './apply.ts';
import { isNewer, rejection, REJECTED_KEPT } from './apply.ts';
import { eventFacets, type EventFacets } from './event-facets.ts';
import { indexEvent, indexEvents, unindexEvent, type Hub } from './pg-event-index.ts';
import { canonicalsOf, regroup } from './pg-dedupe.ts';

/*
 * NationalWriter's rules (apply.ts) on PostgreSQL: the same idempotent apply, the same
 * national seq, tombstones, refusals and cross-hub duplicates, so both stores hold the same
 * rows for the same feed. What differs is how:
 * - Writers run one at a time, as SQLite's BEGIN IMMEDIATE makes them: each transaction
 *   starts by locking the national seq's row (`FOR UPDATE`), so national seqs are given in
 *   commit order and a change log reader that reads the head first never meets a gap.
 * - A page's stored versions are read in one query, so a re-sync of unchanged pages costs
 *   one round trip per batch, not one per item.
 * - Each item that writes is inside a savepoint: one item failing undoes it alone.
 * - Runs of new records (a first sync: ids the store has never held, each once in the
 *   page) are written set-wise: the records, the event index rows, occurrences and texts
 *   each in one statement over arrays, and their duplicates found in one query, inside one
 *   savepoint. If that savepoint fails, the run is applied again item by item, so a bad
 *   item is still refused alone. The outcome (row ids in item order, seqs, duplicate
 *   links) is the item-by-item one: a run's events are all the same hub's, and the
 *   duplicate finder only pairs events of different hubs.
 */

/** The shortest run of new records worth writing set-wise. */
const MIN_RUN = 2;
export class PgNationalWriter {
  constructor(private readonly store: PgNationalStore) {}

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.store.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Applies `items` (as parsed from a page, unchecked) served by `hub`, and moves its cursor. */
  async apply(hub: Hub, items: readonly unknown[], position: FeedPosition, now = Date.now()): Promise<ApplyResult> {
    return this.transaction(async (client) => {
      const result: ApplyResult = { applied: [], unchanged: 0, rejected: [] };
      let nseq = await lockSeq(client);
      const ids = items.map((raw) => (raw !== null && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null)).filter((id): id is string => id !== null);
      const storedById = new Map<string, Stored>();
      if (ids.length > 0) {
        const { rows } = await client.query<Stored & { id: string }>('SELECT row_id, id, version, hub_seq, deleted, type FROM records WHERE hub = $1 AND id = ANY($2::text[])', [hub.id, ids]);
        for (const row of rows) storedById.set(row.id, row);
      }
      const touched = new Set<number>();
      const savepoints = { open: false };
      const times = new Map<string, number>();
      for (const id of ids) times.set(id, (times.get(id) ?? 0) + 1);
      for (let index = 0; index < items.length; ) {
        const run = newRun(items, index, hub.id, storedById, times);
        if (run.length >= MIN_RUN) {
          const applied = await this.applyNew(client, hub, run, nseq + 1, now, storedById, savepoints);
          if (applied !== undefined) {
            nseq += applied.length;
            result.applied.push(...applied);
            index += run.length;
            continue;
          }
        }
        // Item by item: the run's first item alone (or every item of a run that failed, in turn).
        const end = index + Math.max(1, run.length);
        for (; index < end; index += 1) {
          const outcome = await this.applyAlone(client, hub, items[index], now, nseq + 1, touched, storedById, savepoints);
          if (outcome === 'unchanged') result.unchanged += 1;
          else if ('field' in outcome) result.rejected.push(outcome);
          else {
            nseq += 1;
            result.applied.push(outcome);
          }
        }
      }
      for (const rowId of touched) {
        const { rows } = await client.query<{ hub: string; id: string; type: string }>('UPDATE records SET nseq = $1 WHERE row_id = $2 RETURNING hub, id, type', [nseq + 1, rowId]);
        const row = rows[0];
        if (row !== undefined) {
          nseq += 1;
          result.applied.push({ nseq, hub: row.hub, id: row.id, type: row.type, op: 'upsert' });
        }
      }
      await client.query("UPDATE national_state SET value = $1 WHERE key = 'nseq'", [nseq]);
      await client.query(
        'UPDATE hubs SET cursor = $1, latest = greatest(latest, $2), etag = $3, applied_count = applied_count + $4, rejected_count = rejected_count + $5 WHERE id = $6',
        [position.cursor, position.latest, position.etag ?? null, result.applied.length, result.rejected.length, hub.id],
      );
      if (result.rejected.length > 0) {
        await client.query(
          `INSERT INTO rejected_items (hub, seq, item_id, field, message, at)
           SELECT $1, seq, item_id, field, message, $2 FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) AS r(seq, item_id, field, message)`,
          [hub.id, now, result.rejected.map((item) => item.seq ?? null), result.rejected.map((item) => item.id ?? null), result.rejected.map((item) => item.field), result.rejected.map((item) => item.message)],
        );
        await client.query('DELETE FROM rejected_items WHERE hub = $1 AND row_id NOT IN (SELECT row_id FROM rejected_items WHERE hub = $1 ORDER BY row_id DESC LIMIT $2)', [hub.id, REJECTED_KEPT]);
      }
      return result;
    });
  }

  /**
   * A run of new upserts written set-wise in one savepoint (see the class comment);
   * undefined when the savepoint failed (the caller applies the run item by item).
   */
  private async applyNew(
    client: pg.PoolClient,
    hub: Hub,
    run: readonly TypedChangeItem[],
    firstNseq: number,
    now: number,
    storedById: Map<string, Stored>,
    savepoints: { open: boolean },
  ): Promise<AppliedChange[] | undefined> {
    await client.query(savepoints.open ? 'RELEASE SAVEPOINT item; SAVEPOINT item' : 'SAVEPOINT item');
    savepoints.open = true;
    try {
      const { rows } = await client.query<{ row_id: number; id: string }>(
        `INSERT INTO records (hub, id, type, version, updated_at, synced_at, hub_seq, nseq, first_nseq, deleted, data)
         SELECT $1, id, type, version, updated_at, $2, hub_seq, nseq, nseq, false, data
         FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::bigint[], $9::text[]) WITH ORDINALITY AS x(id, type, version, updated_at, hub_seq, nseq, data, ord)
         ORDER BY ord RETURNING row_id, id`,
        [
          hub.id, now,
          run.map((item) => item.id), run.map((item) => item.type), run.map((item) => item.version), run.map((item) => item.updatedAt),
          run.map((item) => item.seq), run.map((_, at) => firstNseq + at), run.map((item) => (item.op === 'upsert' ? JSON.stringify(item.data) : null)),
        ],
      );
      const rowIdOf = new Map(rows.map((row) => [row.id, row.row_id]));
      const indexed: { rowId: number; facets: EventFacets }[] = [];
      for (const item of run) {
        if (item.type !== 'event' || item.op !== 'upsert') continue;
        const facets = eventFacets(item.data, now);
        if (facets !== null) indexed.push({ rowId: rowIdOf.get(item.id) as number, facets });
      }
      if (indexed.length > 0) {
        await indexEvents(client, hub, indexed);
        const canonicals = await canonicalsOf(client, indexed.map((entry) => entry.rowId));
        if (canonicals.size > 0) {
          await client.query('UPDATE events_index SET duplicate_of = v.canonical FROM unnest($1::int[], $2::int[]) AS v(row_id, canonical) WHERE events_index.row_id = v.row_id', [[...canonicals.keys()], [...canonicals.values()]]);
        }
      }
      return run.map((item, at) => {
        storedById.set(item.id, { row_id: rowIdOf.get(item.id) as number, version: item.version, hub_seq: item.seq, deleted: false, type: item.type });
        return { nseq: firstNseq + at, hub: hub.id, id: item.id, type: item.type, op: 'upsert' as const };
      });
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT item; RELEASE SAVEPOINT item');
      savepoints.open = false;
      return undefined;
    }
  }

  /** One item in its own savepoint (see NationalWriter.applyAlone). */
  private async applyAlone(
    client: pg.PoolClient,
    hub: Hub,
    raw: unknown,
    now: number,
    nseq: number,
    touched: Set<number>,
    storedById: Map<string, Stored>,
    savepoints: { open: boolean },
  ): Promise<AppliedChange | RejectedItem | 'unchanged'> {
    const envelope = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const seq = typeof envelope.seq === 'number' ? envelope.seq : undefined;
    const id = typeof envelope.id === 'string' ? envelope.id : undefined;
    const stored = id === undefined ? undefined : storedById.get(id);
    // The cheap checks first, before any write: nothing to undo for them.
    if (stored !== undefined && typeof envelope.version === 'number' && seq !== undefined && !isNewer(stored, envelope.version, seq, envelope.op === 'delete')) return 'unchanged';
    const checked = validateChangeItem(raw, hub.id);
    if (!checked.ok) return rejection(checked.issues, seq, id);
    const item = checked.item;
    if (stored !== undefined && stored.type !== item.type) {
      return { seq: item.seq, id: item.id, field: 'type', message: `type must stay ${stored.type}, as first served` };
    }
    const before = new Set(touched);
    // The previous item's savepoint is released here, in the same round trip.
    await client.query(savepoints.open ? 'RELEASE SAVEPOINT item; SAVEPOINT item' : 'SAVEPOINT item');
    savepoints.open = true;
    try {
      if (stored?.type === 'event') await unindexEvent(client, stored.row_id);
      const data = item.op === 'upsert' ? JSON.stringify(item.data) : null;
      const deleted = item.op === 'delete';
      // The page's stored rows were read up front: an update where a row is held (an
      // upsert would draw a row id from the sequence and throw it away), else an insert.
      const { rows } =
        stored === undefined
          ? await client.query<{ row_id: number }>(
              `INSERT INTO records (hub, id, type, version, updated_at, synced_at, hub_seq, nseq, first_nseq, deleted, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10) RETURNING row_id`,
              [hub.id, item.id, item.type, item.version, item.updatedAt, now, item.seq, nseq, deleted, data],
            )
          : await client.query<{ row_id: number }>(
              `UPDATE records SET type = $2, version = $3, updated_at = $4, synced_at = $5, hub_seq = $6, nseq = $7, deleted = $8, data = $9 WHERE row_id = $1 RETURNING row_id`,
              [stored.row_id, item.type, item.version, item.updatedAt, now, item.seq, nseq, deleted, data],
            );
      const rowId = (rows[0] as { row_id: number }).row_id;
      let live = false;
      if (item.type === 'event' && item.op === 'upsert') live = await indexEvent(client, rowId, hub, item.data, now);
      if (item.type === 'event' && (live || stored?.type === 'event')) {
        for (const other of await regroup(client, rowId, live)) touched.add(other);
      }
      touched.delete(rowId);
      // Later items of the page see this one as held (a page may carry an id twice).
      storedById.set(item.id, { row_id: rowId, version: item.version, hub_seq: item.seq, deleted, type: item.type });
      return { nseq, hub: hub.id, id: item.id, type: item.type, op: item.op };
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT item; RELEASE SAVEPOINT item');
      savepoints.open = false;
      touched.clear();
      for (const rowId of before) touched.add(rowId);
      return {
        ...(seq === undefined ? {} : { seq }),
        ...(id === undefined ? {} : { id }),
        field: 'data',
        message: `could not be indexed: ${String((error as Error).message).slice(0, 200)}`,
      };
    }
  }

  /** Takes a hub out of the index (see NationalWriter.removeHub): tombstones, in chunks. */
  async removeHub(hubId: string, now = Date.now(), chunk = 500): Promise<AppliedChange[]> {
    const applied: AppliedChange[] = [];
    for (;;) {
      const batch = await this.transaction(async (client) => {
        let nseq = await lockSeq(client);
        const { rows } = await client.query<{ row_id: number; id: string; type: string }>('SELECT row_id, id, type FROM records WHERE hub = $1 AND deleted = false ORDER BY row_id LIMIT $2', [hubId, chunk]);
        const done: AppliedChange[] = [];
        for (const row of rows) {
          if (row.type === 'event') {
            await unindexEvent(client, row.row_id);
            for (const other of await regroup(client, row.row_id, false)) {
              const touched = await client.query<{ hub: string; id: string; type: string }>('UPDATE records SET nseq = $1 WHERE row_id = $2 RETURNING hub, id, type', [nseq + 1, other]);
              const touchedRow = touched.rows[0];
              if (touchedRow !== undefined) done.push({ nseq: ++nseq, hub: touchedRow.hub, id: touchedRow.id, type: touchedRow.type, op: 'upsert' });
            }
          }
          await client.query('UPDATE records SET deleted = true, data = NULL, synced_at = $1, nseq = $2 WHERE row_id = $3', [now, ++nseq, row.row_id]);
          done.push({ nseq, hub: hubId, id: row.id, type: row.type, op: 'delete' });
        }
        await client.query("UPDATE national_state SET value = $1 WHERE key = 'nseq'", [nseq]);
        return { done, rows: rows.length };
      });
      applied.push(...batch.done);
      if (batch.rows < chunk) return applied;
    }
  }
}

/** Locks the national seq for this transaction (writers queue here) and reads it. */
export async function lockSeq(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ value: number }>("SELECT value FROM national_state WHERE key = 'nseq' FOR UPDATE");
  return rows[0]?.value ?? 0;
}

/**
 * Where a run of new records starts at `from` and how far it goes: consecutive upserts the
 * store has never held (ids not in `storedById`), each once in the page, that validate.
 */
function newRun(items: readonly unknown[], from: number, hubId: string, storedById: Map<string, Stored>, times: Map<string, number>): TypedChangeItem[] {
  const run: TypedChangeItem[] = [];
  for (let at = from; at < items.length; at += 1) {
    const raw = items[at];
    const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' || storedById.has(id) || times.get(id) !== 1) break;
    const checked = validateChangeItem(raw, hubId);
    if (!checked.ok || checked.item.op !== 'upsert') break;
    run.push(checked.item);
  }
  return run;
}
