import type pg from 'pg';
import { bestCandidate, DLAT, DLON } from './dedupe.ts';

/*
 * Cross-hub duplicates on PostgreSQL (DuplicateFinder's work in dedupe.ts, on the other
 * store): the same rule and the same title similarity, so both stores pair the same events.
 */

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
export async function canonicalsOf(client: pg.ClientBase, rowIds: readonly number[]): Promise<Map<number, number>> {
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
    const best = bestCandidate(candidates[0]?.self_key ?? '', candidates);
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
  return bestCandidate(rows[0]?.self_key ?? '', rows);
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
