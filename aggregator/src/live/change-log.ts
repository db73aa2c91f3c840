import type Database from 'better-sqlite3';
import { disciplines } from '@constellation/shared';

/**
 * The national change log as the live stream reads it: `records` in `nseq` order
 * (tombstones included), joined to the event index and the hub's status. The log is
 * compacted (a record carries only its latest nseq), so a reader that resumes from
 * an nseq gets each changed record once, in its latest state.
 */
export interface LogEntry {
  nseq: number;
  hub: string;
  id: string;
  type: string;
  /**
   * This change is the record's first national version (its nseq is the record's first):
   * no list and no stream can have shown the record before, so a client cannot hold it.
   * False when it is a later version, or unknown (rows kept before the first nseq was).
   */
  first: boolean;
  /** Tombstone, hub no longer approved, or an event that is not indexed (it never happens). */
  gone: boolean;
  reason?: 'deleted' | 'hub-hidden' | 'not-indexed';
  /** Set for live events: what the stream sends and filters on. */
  event?: EventFacts;
}

export interface EventFacts {
  rowId: number;
  title: string;
  url: string;
  region: string;
  format: string;
  audiences: number;
  disciplines: number;
  free: boolean;
  online: boolean;
  lat: number | null;
  lon: number | null;
  firstStart: number;
  lastEnd: number;
  /** False when it is another hub's copy of an event listed once under that one (while that hub is shown). */
  listed: boolean;
}

interface Row {
  nseq: number;
  first_nseq: number | null;
  row_id: number;
  hub: string;
  id: string;
  type: string;
  deleted: number;
  hub_status: string | null;
  title: string | null;
  url: string | null;
  indexed: number | null;
  region: string | null;
  format: string | null;
  audiences: number | null;
  disciplines: number | null;
  free: number | null;
  online: number | null;
  lat: number | null;
  lon: number | null;
  first_start: number | null;
  last_end: number | null;
  listed: number;
}

/** Decodes a discipline bit mask (vocabulary order, as the index stores it) into names. */
export function disciplineNames(mask: number): string[] {
  return disciplines.values.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

export class ChangeLog {
  private readonly statements;

  constructor(sqlite: Database.Database) {
    this.statements = {
      head: sqlite.prepare<[], { value: number }>("SELECT value FROM national_state WHERE key = 'nseq'"),
      after: sqlite.prepare<[number, number, number], Row>(
        `SELECT r.nseq, r.first_nseq, r.row_id, r.hub, r.id, r.type, r.deleted, h.status AS hub_status,
           CASE WHEN r.type = 'event' AND r.deleted = 0 THEN json_extract(r.data, '$.title') END AS title,
           CASE WHEN r.deleted = 0 THEN json_extract(r.data, '$.url') END AS url,
           e.row_id AS indexed, e.region, e.format, e.audiences, e.disciplines, e.free, e.online, e.lat, e.lon,
           e.first_start, e.last_end,
           -- A copy is listed again while the hub of the event it copies is not shown (suspended).
           CASE WHEN e.duplicate_of IS NULL OR th.status IS NOT 'approved' THEN 1 ELSE 0 END AS listed
         FROM records r
         LEFT JOIN events_index e ON e.row_id = r.row_id
         LEFT JOIN hubs h ON h.id = r.hub
         LEFT JOIN events_index t ON t.row_id = e.duplicate_of
         LEFT JOIN hubs th ON th.id = t.hub
         WHERE r.nseq > ? AND r.nseq <= ?
         ORDER BY r.nseq
         LIMIT ?`,
      ),
      occurrences: sqlite.prepare<[number], { start: number; end: number }>('SELECT start, "end" FROM event_occurrences WHERE event_row = ? ORDER BY start'),
    };
  }

  /** The last national seq committed. */
  head(): number {
    return this.statements.head.get()?.value ?? 0;
  }

  /** Entries with `after < nseq <= upTo`, oldest first, at most `limit`. */
  read(after: number, upTo: number, limit: number): LogEntry[] {
    return this.statements.after.all(after, upTo, limit).map(toEntry);
  }

  /** Occurrences of an indexed event (epoch ms), by start. */
  occurrences(rowId: number): { start: number; end: number }[] {
    return this.statements.occurrences.all(rowId);
  }
}

function toEntry(row: Row): LogEntry {
  const base = { nseq: row.nseq, hub: row.hub, id: row.id, type: row.type, first: row.first_nseq === row.nseq };
  if (row.deleted === 1) return { ...base, gone: true, reason: 'deleted' };
  // Suspended, pending or removed hubs: their content is in no national answer, so not on the stream either.
  if (row.hub_status !== 'approved') return { ...base, gone: true, reason: 'hub-hidden' };
  if (row.type !== 'event') return { ...base, gone: false };
  if (row.indexed === null) return { ...base, gone: true, reason: 'not-indexed' };
  return {
    ...base,
    gone: false,
    event: {
      rowId: row.row_id,
      title: row.title ?? '',
      url: row.url ?? '',
      region: row.region ?? '',
      format: row.format ?? '',
      audiences: row.audiences ?? 0,
      disciplines: row.disciplines ?? 0,
      free: row.free === 1,
      online: row.online === 1,
      lat: row.lat,
      lon: row.lon,
      firstStart: row.first_start ?? 0,
      lastEnd: row.last_end ?? 0,
      listed: row.listed === 1,
    },
  };
}
