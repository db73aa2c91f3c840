import type pg from 'pg';
import type { LogEntry } from './change-log.ts';

/*
 * The national change log (change-log.ts) read from PostgreSQL: the same entries, in the
 * same order, with the same meaning, so the live stream and each API process's map index
 * follow either store alike. It reads the primary: a replica may not hold the head yet.
 *
 * Why reading the head first is enough (READ COMMITTED): writers take the national seq's
 * row lock before giving seqs and write the new head in the same transaction, so when
 * a head is visible every record at or below it is committed; a record that changes
 * again later moves above it, and is read then (the log is compacted, as in SQLite).
 */

interface Row {
  nseq: number;
  first_nseq: number | null;
  row_id: number;
  hub: string;
  id: string;
  type: string;
  deleted: boolean;
  hub_status: string | null;
  title: string | null;
  url: string | null;
  indexed: number | null;
  region: string | null;
  format: string | null;
  audiences: number | null;
  disciplines: number | null;
  free: boolean | null;
  online: boolean | null;
  lat: number | null;
  lon: number | null;
  first_start: number | null;
  last_end: number | null;
  listed: boolean;
}

const AFTER = `SELECT r.nseq, r.first_nseq, r.row_id, r.hub, r.id, r.type, r.deleted, h.status AS hub_status,
    CASE WHEN r.type = 'event' AND NOT r.deleted THEN r.data::jsonb ->> 'title' END AS title,
    CASE WHEN NOT r.deleted THEN r.data::jsonb ->> 'url' END AS url,
    e.row_id AS indexed, e.region, e.format, e.audiences, e.disciplines, e.free, e.online, e.lat, e.lon,
    e.first_start, e.last_end,
    (e.duplicate_of IS NULL OR th.status IS DISTINCT FROM 'approved') AS listed
  FROM records r
  LEFT JOIN events_index e ON e.row_id = r.row_id
  LEFT JOIN hubs h ON h.id = r.hub
  LEFT JOIN events_index t ON t.row_id = e.duplicate_of
  LEFT JOIN hubs th ON th.id = t.hub
  WHERE r.nseq > $1 AND r.nseq <= $2
  ORDER BY r.nseq
  LIMIT $3`;

export class PgChangeLog {
  constructor(private readonly pool: pg.Pool) {}

  /** The last national seq committed. */
  async head(): Promise<number> {
    const { rows } = await this.pool.query<{ value: number }>("SELECT value FROM national_state WHERE key = 'nseq'");
    return rows[0]?.value ?? 0;
  }

  /** Entries with `after < nseq <= upTo`, oldest first, at most `limit`. */
  async read(after: number, upTo: number, limit: number): Promise<LogEntry[]> {
    const { rows } = await this.pool.query<Row>({ name: 'change-log-after', text: AFTER, values: [after, upTo, limit] });
    return rows.map(toEntry);
  }

  /** Occurrences of an indexed event (epoch ms), by start. */
  async occurrences(rowId: number): Promise<{ start: number; end: number }[]> {
    const { rows } = await this.pool.query<{ start: number; end: number }>('SELECT start, "end" FROM event_occurrences WHERE event_row = $1 ORDER BY start', [rowId]);
    return rows;
  }
}

function toEntry(row: Row): LogEntry {
  const base = { nseq: row.nseq, hub: row.hub, id: row.id, type: row.type, first: row.first_nseq === row.nseq };
  if (row.deleted) return { ...base, gone: true, reason: 'deleted' };
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
      free: row.free === true,
      online: row.online === true,
      lat: row.lat,
      lon: row.lon,
      firstStart: row.first_start ?? 0,
      lastEnd: row.last_end ?? 0,
      listed: row.listed,
    },
  };
}
