import type Database from 'better-sqlite3';
import { validateChangeItem, type EventPublic, type FieldIssue } from '@constellation/shared';
import type { NationalStore } from '../db/client.ts';
import { DuplicateFinder } from './dedupe.ts';
import { eventFacets, NO_PLACE } from './event-facets.ts';

/** One change the national store took, in national commit order. */
export interface AppliedChange {
  nseq: number;
  hub: string;
  id: string;
  type: string;
  op: 'upsert' | 'delete';
}

export interface RejectedItem {
  seq?: number;
  id?: string;
  field: string;
  message: string;
}

export interface ApplyResult {
  applied: AppliedChange[];
  /** Items already held at this version or newer (a re-read page, a replayed pull). */
  unchanged: number;
  rejected: RejectedItem[];
}

/** Where the hub's feed has been read up to once this batch is in. */
export interface FeedPosition {
  cursor: string;
  latest: number;
  etag?: string | null;
}

/** What the store holds of an item already (`deleted` 0/1 in SQLite, a boolean in PostgreSQL). */
export interface Stored {
  row_id: number;
  version: number;
  hub_seq: number;
  deleted: number | boolean;
  type: string;
}

/** How many refused items each hub keeps on record for its operator. */
export const REJECTED_KEPT = 200;

/**
 * Applies a hub's changes to the national store, idempotently: an item is taken only
 * when it is newer than what is held (a higher version, or the same version changing
 * between live and deleted at a later seq), checked against the shared schemas with
 * the serving hub as its owner; a refused item is recorded and the rest still apply.
 * Items and the hub's feed position commit in one transaction, so a crash at any point
 * replays from a cursor that matches the data.
 */
export class NationalWriter {
  private readonly sqlite: Database.Database;
  private readonly duplicates: DuplicateFinder;
  private readonly statements;

  constructor(private readonly store: NationalStore) {
    const sqlite = (this.sqlite = store.sqlite);
    this.duplicates = new DuplicateFinder(sqlite);
    this.statements = {
      stored: sqlite.prepare<[string, string], Stored>('SELECT row_id, version, hub_seq, deleted, type FROM records WHERE hub = ? AND id = ?'),
      nseq: sqlite.prepare<[], { value: number }>("SELECT value FROM national_state WHERE key = 'nseq'"),
      setNseq: sqlite.prepare<[number]>("UPDATE national_state SET value = ? WHERE key = 'nseq'"),
      // first_nseq is written once, by the insert (an update keeps the first version's nseq).
      upsert: sqlite.prepare<[string, string, string, number, string, number, number, number, number, number, string | null]>(
        `INSERT INTO records (hub, id, type, version, updated_at, synced_at, hub_seq, nseq, first_nseq, deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (hub, id) DO UPDATE SET type = excluded.type, version = excluded.version, updated_at = excluded.updated_at,
           synced_at = excluded.synced_at, hub_seq = excluded.hub_seq, nseq = excluded.nseq, deleted = excluded.deleted, data = excluded.data
         RETURNING row_id`,
      ),
      touch: sqlite.prepare<[number, number], { hub: string; id: string; type: string }>('UPDATE records SET nseq = ? WHERE row_id = ? RETURNING hub, id, type'),
      deleteBoxes: sqlite.prepare<[number]>('DELETE FROM occurrence_boxes WHERE id IN (SELECT id FROM event_occurrences WHERE event_row = ?)'),
      deleteOccurrences: sqlite.prepare<[number]>('DELETE FROM event_occurrences WHERE event_row = ?'),
      deleteIndex: sqlite.prepare<[number]>('DELETE FROM events_index WHERE row_id = ?'),
      deleteText: sqlite.prepare<[number]>('DELETE FROM events_fts WHERE rowid = ?'),
      insertIndex: sqlite.prepare(
        `INSERT INTO events_index (row_id, hub, region, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, campaign, parent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertOccurrence: sqlite.prepare<[number, number, number]>('INSERT INTO event_occurrences (event_row, start, "end") VALUES (?, ?, ?)'),
      insertBox: sqlite.prepare<[number | bigint, number, number, number, number, number, number]>(
        'INSERT INTO occurrence_boxes (id, t0, t1, y0, y1, x0, x1) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertText: sqlite.prepare<[number, string, string, string, string]>('INSERT INTO events_fts (rowid, title, summary, body, place) VALUES (?, ?, ?, ?, ?)'),
      position: sqlite.prepare<[string, number, string | null, number, number, string]>(
        `UPDATE hubs SET cursor = ?, latest = max(latest, ?), etag = ?, applied_count = applied_count + ?, rejected_count = rejected_count + ? WHERE id = ?`,
      ),
      reject: sqlite.prepare<[string, number | null, string | null, string, string, number]>(
        'INSERT INTO rejected_items (hub, seq, item_id, field, message, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      trimRejected: sqlite.prepare<[string, string, number]>(
        'DELETE FROM rejected_items WHERE hub = ? AND row_id NOT IN (SELECT row_id FROM rejected_items WHERE hub = ? ORDER BY row_id DESC LIMIT ?)',
      ),
    };
  }

  /** Applies `items` (as parsed from a page, unchecked) served by `hub`, and moves its cursor. */
  apply(hub: { id: string; region: string }, items: readonly unknown[], position: FeedPosition, now = Date.now()): ApplyResult {
    return this.store.immediate(() => {
      const result: ApplyResult = { applied: [], unchanged: 0, rejected: [] };
      let nseq = this.statements.nseq.get()?.value ?? 0;
      const touched = new Set<number>();
      for (const raw of items) {
        const outcome = this.applyAlone(hub, raw, now, ++nseq, touched);
        if (outcome === 'unchanged') {
          result.unchanged += 1;
          nseq -= 1;
        } else if ('field' in outcome) {
          result.rejected.push(outcome);
          nseq -= 1;
        } else result.applied.push(outcome);
      }
      // Events whose listing changed because a twin came or went are announced too.
      for (const rowId of touched) {
        const row = this.statements.touch.get(++nseq, rowId);
        if (row !== undefined) result.applied.push({ nseq, hub: row.hub, id: row.id, type: row.type, op: 'upsert' });
      }
      this.statements.setNseq.run(nseq);
      this.statements.position.run(position.cursor, position.latest, position.etag ?? null, result.applied.length, result.rejected.length, hub.id);
      for (const item of result.rejected) this.statements.reject.run(hub.id, item.seq ?? null, item.id ?? null, item.field, item.message, now);
      if (result.rejected.length > 0) this.statements.trimRejected.run(hub.id, hub.id, REJECTED_KEPT);
      return result;
    });
  }

  /**
   * One item inside its own savepoint: whatever fails while it is written, expanded or
   * indexed (a schedule no expansion can take, a constraint) undoes that item alone and
   * refuses it, so the rest of the page still applies and the cursor moves past it. A
   * hub serving one such item is never stuck on it.
   */
  private applyAlone(hub: { id: string; region: string }, raw: unknown, now: number, nseq: number, touched: Set<number>): AppliedChange | RejectedItem | 'unchanged' {
    const before = new Set(touched);
    try {
      return this.sqlite.transaction(() => this.applyItem(hub, raw, now, nseq, touched))();
    } catch (error) {
      touched.clear();
      for (const rowId of before) touched.add(rowId);
      const envelope = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      return {
        ...(typeof envelope.seq === 'number' ? { seq: envelope.seq } : {}),
        ...(typeof envelope.id === 'string' ? { id: envelope.id } : {}),
        field: 'data',
        message: `could not be indexed: ${String((error as Error).message).slice(0, 200)}`,
      };
    }
  }

  private applyItem(hub: { id: string; region: string }, raw: unknown, now: number, nseq: number, touched: Set<number>): AppliedChange | RejectedItem | 'unchanged' {
    const envelope = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const seq = typeof envelope.seq === 'number' ? envelope.seq : undefined;
    const id = typeof envelope.id === 'string' ? envelope.id : undefined;
    // The cheap check first: a re-read page costs one indexed lookup per item.
    const stored = id === undefined ? undefined : this.statements.stored.get(hub.id, id);
    if (stored !== undefined && typeof envelope.version === 'number' && seq !== undefined && !isNewer(stored, envelope.version, seq, envelope.op === 'delete')) return 'unchanged';
    const checked = validateChangeItem(raw, hub.id);
    if (!checked.ok) return rejection(checked.issues, seq, id);
    const item = checked.item;
    if (stored !== undefined && stored.type !== item.type) {
      return { seq: item.seq, id: item.id, field: 'type', message: `type must stay ${stored.type}, as first served` };
    }
    if (stored?.type === 'event') this.unindexEvent(stored.row_id);
    const data = item.op === 'upsert' ? JSON.stringify(item.data) : null;
    const row = this.statements.upsert.get(hub.id, item.id, item.type, item.version, item.updatedAt, now, item.seq, nseq, nseq, item.op === 'delete' ? 1 : 0, data) as { row_id: number };
    const rowId = row.row_id;
    let live = false;
    if (item.type === 'event' && item.op === 'upsert') live = this.indexEvent(rowId, hub, item.data, now);
    if (item.type === 'event' && (live || stored?.type === 'event')) {
      for (const other of this.duplicates.regroup(rowId, live)) touched.add(other);
    }
    touched.delete(rowId);
    return { nseq, hub: hub.id, id: item.id, type: item.type, op: item.op };
  }

  private indexEvent(rowId: number, hub: { id: string; region: string }, event: EventPublic, now: number): boolean {
    const facets = eventFacets(event, now);
    if (facets === null) return false; // it never happens: nothing to find by date or place
    const s = this.statements;
    s.insertIndex.run(
      rowId, hub.id, hub.region, facets.actorId, facets.format, facets.audiences, facets.disciplines, facets.accessibility,
      facets.free ? 1 : 0, facets.online ? 1 : 0, facets.lat, facets.lon, facets.firstStart, facets.lastEnd, facets.titleKey, facets.campaign, facets.parent,
    );
    const lat = facets.lat ?? NO_PLACE;
    const lon = facets.lon ?? NO_PLACE;
    for (const occurrence of facets.occurrences) {
      const { lastInsertRowid } = s.insertOccurrence.run(rowId, occurrence.start, occurrence.end);
      s.insertBox.run(lastInsertRowid, occurrence.start / 60_000, occurrence.end / 60_000, lat, lat, lon, lon);
    }
    s.insertText.run(rowId, facets.text.title, facets.text.summary, facets.text.body, facets.text.place);
    return true;
  }

  private unindexEvent(rowId: number): void {
    const s = this.statements;
    s.deleteBoxes.run(rowId);
    s.deleteOccurrences.run(rowId);
    s.deleteIndex.run(rowId);
    s.deleteText.run(rowId);
  }

  /**
   * Takes a hub out of the index (removal from the registry): every record becomes a
   * tombstone readers see, in chunks so API reads are not held back.
   */
  removeHub(hubId: string, now = Date.now(), chunk = 500): AppliedChange[] {
    const applied: AppliedChange[] = [];
    const select = this.sqlite.prepare<[string, number], { row_id: number; id: string; type: string; hub_seq: number; version: number; updated_at: string }>(
      'SELECT row_id, id, type, hub_seq, version, updated_at FROM records WHERE hub = ? AND deleted = 0 LIMIT ?',
    );
    for (;;) {
      const batch = this.store.immediate(() => {
        const rows = select.all(hubId, chunk);
        let nseq = this.statements.nseq.get()?.value ?? 0;
        const done: AppliedChange[] = [];
        for (const row of rows) {
          if (row.type === 'event') {
            this.unindexEvent(row.row_id);
            for (const other of this.duplicates.regroup(row.row_id, false)) {
              const touchedRow = this.statements.touch.get(++nseq, other);
              if (touchedRow !== undefined) done.push({ nseq, hub: touchedRow.hub, id: touchedRow.id, type: touchedRow.type, op: 'upsert' });
            }
          }
          nseq += 1;
          this.statements.upsert.run(hubId, row.id, row.type, row.version, row.updated_at, now, row.hub_seq, nseq, nseq, 1, null);
          done.push({ nseq, hub: hubId, id: row.id, type: row.type, op: 'delete' });
        }
        this.statements.setNseq.run(nseq);
        return done;
      });
      applied.push(...batch);
      if (batch.filter((change) => change.hub === hubId).length < chunk) return applied;
    }
  }
}

/** Newer: a higher version, or the same version at a later seq switching between live and deleted. */
export function isNewer(stored: Stored, version: number, seq: number, deleting: boolean): boolean {
  if (version !== stored.version) return version > stored.version;
  return seq > stored.hub_seq && deleting !== (stored.deleted === 1 || stored.deleted === true);
}

export function rejection(issues: readonly FieldIssue[], seq: number | undefined, id: string | undefined): RejectedItem {
  const first = issues[0] ?? { field: '', message: 'is invalid' };
  return { ...(seq === undefined ? {} : { seq }), ...(id === undefined ? {} : { id }), field: first.field, message: first.message };
}
