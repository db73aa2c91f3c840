import type pg from 'pg';
import { validateChangeItem, type EventPublic, type TypedChangeItem } from '@constellation/shared';
import type { PgNationalStore } from '../db/pg/client.ts';
import type { AppliedChange, ApplyResult, FeedPosition, RejectedItem, Stored } from './apply.ts';
import { isNewer, rejection, REJECTED_KEPT } from './apply.ts';
import { DLAT, DLON, TITLE_SIMILARITY, titleSimilarity } from './dedupe.ts';
import { eventFacets, type EventFacets } from './event-facets.ts';

type Hub = { id: string; region: string };

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

async function unindexEvent(client: pg.ClientBase, rowId: number): Promise<void> {
  await client.query(
    `WITH o AS (DELETE FROM event_occurrences WHERE event_row = $1), t AS (DELETE FROM events_text WHERE row_id = $1)
     DELETE FROM events_index WHERE row_id = $1`,
    [rowId],
  );
}

/** Indexes a live event: facets, occurrences and text in one statement. */
async function indexEvent(client: pg.ClientBase, rowId: number, hub: Hub, event: EventPublic, now: number): Promise<boolean> {
  const facets = eventFacets(event, now);
  if (facets === null) return false;
  await client.query(
    `WITH i AS (
       INSERT INTO events_index (row_id, hub, region, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, campaign, parent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $23)),
     o AS (INSERT INTO event_occurrences (event_row, start, "end") SELECT $1, s, e FROM unnest($17::bigint[], $18::bigint[]) AS x(s, e))
     INSERT INTO events_text (row_id, title, summary, body, place) VALUES ($1, $19, $20, $21, $22)`,
    [
      rowId, hub.id, hub.region, facets.actorId, facets.format, facets.audiences, facets.disciplines, facets.accessibility,
      facets.free, facets.online, facets.lat, facets.lon, facets.firstStart, facets.lastEnd, facets.titleKey, facets.campaign,
      facets.occurrences.map((occurrence) => occurrence.start), facets.occurrences.map((occurrence) => occurrence.end),
      facets.text.title, facets.text.summary, facets.text.body, facets.text.place,
      facets.parent,
    ],
  );
  return true;
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

/** indexEvent for many events of one hub: index rows, occurrences and texts, one statement. */
async function indexEvents(client: pg.ClientBase, hub: Hub, events: readonly { rowId: number; facets: EventFacets }[]): Promise<void> {
  const column = <T>(pick: (facets: EventFacets) => T) => events.map((event) => pick(event.facets));
  const occurrenceRows = events.flatMap((event) => event.facets.occurrences.map(() => event.rowId));
  const occurrences = events.flatMap((event) => event.facets.occurrences);
  await client.query(
    `WITH i AS (
       INSERT INTO events_index (row_id, hub, region, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, campaign, parent)
       SELECT row_id, $2, $3, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, campaign, parent
       FROM unnest($1::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::boolean[], $10::boolean[], $11::float8[], $12::float8[], $13::bigint[], $14::bigint[], $15::text[], $16::text[], $17::text[])
         AS x(row_id, actor_id, format, audiences, disciplines, accessibility, free, online, lat, lon, first_start, last_end, title_key, campaign, parent)),
     o AS (INSERT INTO event_occurrences (event_row, start, "end") SELECT r, s, e FROM unnest($18::int[], $19::bigint[], $20::bigint[]) WITH ORDINALITY AS y(r, s, e, ord) ORDER BY ord)
     INSERT INTO events_text (row_id, title, summary, body, place) SELECT * FROM unnest($1::int[], $21::text[], $22::text[], $23::text[], $24::text[])`,
    [
      events.map((event) => event.rowId), hub.id, hub.region,
      column((f) => f.actorId), column((f) => f.format), column((f) => f.audiences), column((f) => f.disciplines), column((f) => f.accessibility),
      column((f) => f.free), column((f) => f.online), column((f) => f.lat), column((f) => f.lon), column((f) => f.firstStart), column((f) => f.lastEnd),
      column((f) => f.titleKey), column((f) => f.campaign), column((f) => f.parent),
      occurrenceRows, occurrences.map((occurrence) => occurrence.start), occurrences.map((occurrence) => occurrence.end),
      column((f) => f.text.title), column((f) => f.text.summary), column((f) => f.text.body), column((f) => f.text.place),
    ],
  );
}

/** The most similar title at or above the threshold, the lowest row id among equals. */
function bestCandidate(candidates: readonly { row_id: number; title_key: string; self_key: string }[]): number | null {
  let best: number | null = null;
  let bestScore = TITLE_SIMILARITY;
  for (const candidate of candidates) {
    const score = titleSimilarity(candidate.self_key, candidate.title_key);
    if (score >= bestScore && (best === null || score > bestScore || candidate.row_id < best)) {
      best = candidate.row_id;
      bestScore = score;
    }
  }
  return best;
}

/**
 * A candidate's whole span meets the new event's first occurrence: implied by the exact
 * test on the candidate's occurrences (EXISTS below), and answered by the second column of
 * events_index_place_time_gist, so the index skips events held at the same venue at other
 * times instead of each being checked on its occurrences.
 */
const SPAN_OVERLAPS = `int8range(c.first_start, greatest(c.first_start, c.last_end), '[]') && int8range(s.first_start, greatest(s.first_start, s.first_end), '[]')`;

/**
 * canonicalOf for many new events of one hub in one query: their candidates are other
 * hubs' events, which the run does not change, so each answer is the one-by-one answer.
 */
async function canonicalsOf(client: pg.ClientBase, rowIds: readonly number[]): Promise<Map<number, number>> {
  const { rows } = await client.query<{ self_row: number; row_id: number; title_key: string; self_key: string }>(
    `WITH self AS (
       SELECT e.row_id, e.hub, r.id, e.lat, e.lon, e.title_key, o.start AS first_start, o."end" AS first_end
       FROM events_index e JOIN records r ON r.row_id = e.row_id
       CROSS JOIN LATERAL (SELECT start, "end" FROM event_occurrences WHERE event_row = e.row_id ORDER BY start LIMIT 1) o
       WHERE e.row_id = ANY($1::int[]) AND e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.title_key <> '')
     SELECT s.row_id AS self_row, c.row_id, c.title_key, s.title_key AS self_key
     FROM self s CROSS JOIN LATERAL (
       SELECT c.row_id, c.title_key FROM events_index c JOIN records cr ON cr.row_id = c.row_id
       WHERE point(c.lon, c.lat) <@ box(point(s.lon - $2, s.lat - $3), point(s.lon + $2, s.lat + $3))
         AND ${SPAN_OVERLAPS}
         AND c.lat IS NOT NULL AND c.duplicate_of IS NULL AND c.hub <> s.hub AND c.row_id < s.row_id
         AND EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_row = c.row_id AND o.start < s.first_end AND o."end" > s.first_start)
         AND NOT EXISTS (SELECT 1 FROM duplicate_reviews d WHERE d.verdict = 'split' AND (
           (d.left_hub = s.hub AND d.left_id = s.id AND d.right_hub = cr.hub AND d.right_id = cr.id) OR
           (d.right_hub = s.hub AND d.right_id = s.id AND d.left_hub = cr.hub AND d.left_id = cr.id)))
       LIMIT 64) c`,
    [rowIds, DLON, DLAT],
  );
  const bySelf = new Map<number, typeof rows>();
  for (const row of rows) bySelf.set(row.self_row, [...(bySelf.get(row.self_row) ?? []), row]);
  const canonicals = new Map<number, number>();
  for (const [self, candidates] of bySelf) {
    const best = bestCandidate(candidates);
    if (best !== null) canonicals.set(self, best);
  }
  return canonicals;
}

/**
 * The listed event `rowId` duplicates (see dedupe.ts for the rule): candidates found by
 * the GiST index on the event's point, their time checked on their occurrences, titles
 * compared here with the same similarity as on SQLite.
 */
async function canonicalOf(client: pg.ClientBase, rowId: number): Promise<number | null> {
  const { rows } = await client.query<{ row_id: number; title_key: string; self_key: string }>(
    `WITH self AS (
       SELECT e.row_id, e.hub, (SELECT r.id FROM records r WHERE r.row_id = e.row_id) AS id, e.lat, e.lon, e.title_key, o.start AS first_start, o."end" AS first_end
       FROM events_index e CROSS JOIN LATERAL (SELECT start, "end" FROM event_occurrences WHERE event_row = e.row_id ORDER BY start LIMIT 1) o
       WHERE e.row_id = $1 AND e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.title_key <> '')
     SELECT c.row_id, c.title_key, s.title_key AS self_key
     FROM self s JOIN events_index c
       ON point(c.lon, c.lat) <@ box(point(s.lon - $2, s.lat - $3), point(s.lon + $2, s.lat + $3))
       AND ${SPAN_OVERLAPS}
       AND c.lat IS NOT NULL AND c.duplicate_of IS NULL
     JOIN records cr ON cr.row_id = c.row_id
     WHERE c.hub <> s.hub AND c.row_id < s.row_id
       AND EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_row = c.row_id AND o.start < s.first_end AND o."end" > s.first_start)
       AND NOT EXISTS (SELECT 1 FROM duplicate_reviews d WHERE d.verdict = 'split' AND (
         (d.left_hub = s.hub AND d.left_id = s.id AND d.right_hub = cr.hub AND d.right_id = cr.id) OR
         (d.right_hub = s.hub AND d.right_id = s.id AND d.left_hub = cr.hub AND d.left_id = cr.id)))
     LIMIT 64`,
    [rowId, DLON, DLAT],
  );
  return bestCandidate(rows);
}

/** See DuplicateFinder.regroup. */
export async function regroup(client: pg.ClientBase, rowId: number, live: boolean): Promise<number[]> {
  const touched: number[] = [];
  const { rows } = await client.query<{ row_id: number }>('UPDATE events_index SET duplicate_of = NULL WHERE duplicate_of = $1 RETURNING row_id', [rowId]);
  const dependents = rows.map((row) => row.row_id).sort((a, b) => a - b);
  if (live) {
    // Just indexed: duplicate_of is null until a twin is found.
    const canonical = await canonicalOf(client, rowId);
    if (canonical !== null) await client.query('UPDATE events_index SET duplicate_of = $1 WHERE row_id = $2', [canonical, rowId]);
  }
  for (const dependent of dependents) {
    const canonical = await canonicalOf(client, dependent);
    if (canonical !== null) await client.query('UPDATE events_index SET duplicate_of = $1 WHERE row_id = $2', [canonical, dependent]);
    if (canonical !== rowId) touched.push(dependent);
  }
  return touched;
}
