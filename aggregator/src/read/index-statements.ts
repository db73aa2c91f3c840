import type Database from 'better-sqlite3';

/*
 * What the map index (map-index.ts) reads from the national store: whole tables at load,
 * then the records changed since the seq it has seen.
 */

/** One event row as the index reads it from events_index (and its twin's hub). */
export type EventRow = [
  rowId: number,
  hub: string,
  region: string,
  actorId: string,
  format: string,
  audiences: number,
  disciplines: number,
  accessibility: number,
  free: number,
  online: number,
  lat: number | null,
  lon: number | null,
  firstStart: number,
  lastEnd: number,
  campaign: string | null,
  parent: string | null,
  copyOfHub: string | null,
];

const EVENT_COLUMNS = `e.row_id, e.hub, e.region, e.actor_id, e.format, e.audiences, e.disciplines, e.accessibility, e.free, e.online, e.lat, e.lon,
  e.first_start, e.last_end, e.campaign, e.parent, t.hub`;

export interface ChangeRow {
  nseq: number;
  row_id: number;
  hub: string;
  type: string;
  deleted: number;
  occurrences: number;
}

/** The statements the index reads the store with, prepared once on its connection. */
export interface IndexStatements {
  head: Database.Statement<[], number>;
  count: Database.Statement<[], number>;
  occurrenceCount: Database.Statement<[], number>;
  events: Database.Statement<[], EventRow>;
  allOccurrences: Database.Statement<[], [number, number, number]>;
  changes: Database.Statement<[number, number], ChangeRow>;
  event: Database.Statement<[number], EventRow>;
  occurrences: Database.Statement<[number], [number, number]>;
}

export function indexStatements(sqlite: Database.Database): IndexStatements {
  return {
    head: sqlite.prepare<[], number>('SELECT coalesce(max(nseq), 0) FROM records').pluck(),
    count: sqlite.prepare<[], number>('SELECT count(*) FROM events_index').pluck(),
    occurrenceCount: sqlite.prepare<[], number>('SELECT count(*) FROM event_occurrences').pluck(),
    events: sqlite.prepare<[], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events_index e LEFT JOIN events_index t ON t.row_id = e.duplicate_of`).raw(),
    // In table order: a sequential read, where the event_row index would jump around.
    allOccurrences: sqlite.prepare<[], [number, number, number]>('SELECT event_row, start, "end" FROM event_occurrences').raw(),
    changes: sqlite.prepare<[number, number], ChangeRow>(
      `SELECT r.nseq, r.row_id, r.hub, r.type, r.deleted,
         CASE WHEN r.type = 'event' THEN (SELECT count(*) FROM event_occurrences o WHERE o.event_row = r.row_id) ELSE 0 END AS occurrences
       FROM records r WHERE r.nseq > ? ORDER BY r.nseq LIMIT ?`,
    ),
    event: sqlite.prepare<[number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events_index e LEFT JOIN events_index t ON t.row_id = e.duplicate_of WHERE e.row_id = ?`).raw(),
    occurrences: sqlite.prepare<[number], [number, number]>('SELECT start, "end" FROM event_occurrences WHERE event_row = ? ORDER BY start').raw(),
  };
}
