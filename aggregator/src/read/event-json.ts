import type Database from 'better-sqlite3';
import { thumbnailPath } from '../media/thumbnail-path.ts';
import type { ShownHub } from './view.ts';

/*
 * National event items as JSON text. The event itself is spliced in as the hub served it
 * (records.data, checked against the shared schema at ingest), never parsed and written
 * again; what the aggregator adds (provenance, the occurrence) is small.
 */

/** Another hub's copy of the same event (cross-hub duplicates are listed once). */
export interface Source {
  hub: string;
  hubName: string;
  id: string;
  url: string;
}

export interface Provenance {
  hub: string;
  hubName: string;
  /** The event's page on its hub. */
  url: string;
  /** When the aggregator last applied a change to it. */
  syncedAt: string;
  /** Every hub's copy, this one included, when the event is on several hubs. */
  sources?: Source[];
  /** Set on a copy: the event it duplicates, listed in its place. */
  duplicateOf?: { hub: string; id: string };
  /** Its picture as this site serves it (a path here): a hub's images are not loaded from the hub by citizens' browsers. */
  thumbnail?: string;
}

/** A stored event, as the items and the detail read it. */
export interface StoredEvent {
  rowId: number;
  hub: string;
  id: string;
  data: string;
  syncedAt: number;
  url: string;
  /** The listed twin's row, on a cross-hub copy. */
  duplicateOf: number | null;
  /** `image.url` of the event, if it has one. */
  imageUrl: string | null;
}

interface CopyRow {
  row_id: number;
  hub: string;
  id: string;
  url: string;
}

/** RFC 3339 in UTC, to the second, as a hub writes occurrences. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export class EventJson {
  private readonly statements;

  constructor(sqlite: Database.Database) {
    this.statements = {
      byRow: sqlite.prepare<[number], StoredEvent>(
        `SELECT r.row_id AS rowId, r.hub, r.id, r.data, r.synced_at AS syncedAt, json_extract(r.data, '$.url') AS url, e.duplicate_of AS duplicateOf,
                json_extract(r.data, '$.image.url') AS imageUrl
         FROM records r LEFT JOIN events_index e ON e.row_id = r.row_id WHERE r.row_id = ? AND r.deleted = 0 AND r.type = 'event'`,
      ),
      byId: sqlite.prepare<[string, string], StoredEvent>(
        `SELECT r.row_id AS rowId, r.hub, r.id, r.data, r.synced_at AS syncedAt, json_extract(r.data, '$.url') AS url, e.duplicate_of AS duplicateOf,
                json_extract(r.data, '$.image.url') AS imageUrl
         FROM records r LEFT JOIN events_index e ON e.row_id = r.row_id WHERE r.hub = ? AND r.id = ? AND r.deleted = 0 AND r.type = 'event'`,
      ),
      // The group of one listed event: itself and every copy pointing at it.
      group: sqlite.prepare<[number, number], CopyRow>(
        `SELECT r.row_id, r.hub, r.id, json_extract(r.data, '$.url') AS url
         FROM events_index e JOIN records r ON r.row_id = e.row_id WHERE e.row_id = ? OR e.duplicate_of = ? ORDER BY e.row_id`,
      ),
      headOf: sqlite.prepare<[number], { hub: string; id: string }>('SELECT hub, id FROM records WHERE row_id = ?'),
    };
  }

  byRow(rowId: number): StoredEvent | undefined {
    return this.statements.byRow.get(rowId);
  }

  byId(hub: string, id: string): StoredEvent | undefined {
    return this.statements.byId.get(hub, id);
  }

  /** Where it comes from; `hubs` are the shown (approved) hubs, and only their copies are listed. */
  provenance(event: StoredEvent, hubs: ReadonlyMap<string, ShownHub>): Provenance {
    const provenance: Provenance = { hub: event.hub, hubName: hubs.get(event.hub)?.name ?? event.hub, url: event.url, syncedAt: isoSeconds(event.syncedAt) };
    const head = event.duplicateOf ?? event.rowId;
    const copies = this.statements.group.all(head, head).filter((copy) => hubs.has(copy.hub));
    if (copies.length > 1) provenance.sources = copies.map((copy) => ({ hub: copy.hub, hubName: hubs.get(copy.hub)?.name ?? copy.hub, id: copy.id, url: copy.url }));
    if (event.duplicateOf !== null) {
      const twin = this.statements.headOf.get(event.duplicateOf);
      if (twin !== undefined && hubs.has(twin.hub)) provenance.duplicateOf = { hub: twin.hub, id: twin.id };
    }
    const thumbnail = event.imageUrl === null ? undefined : thumbnailPath(event.hub, event.id, event.imageUrl, hubs.get(event.hub)?.baseUrl);
    if (thumbnail !== undefined) provenance.thumbnail = thumbnail;
    return provenance;
  }

  /** `{"event":…,"occurrence":{…},"provenance":{…}}`, or undefined when the row is gone. */
  listItem(rowId: number, start: number, end: number, hubs: ReadonlyMap<string, ShownHub>): string | undefined {
    const event = this.byRow(rowId);
    if (event === undefined) return undefined;
    return `{"event":${event.data},"occurrence":{"start":"${isoSeconds(start)}","end":"${isoSeconds(end)}"},"provenance":${JSON.stringify(this.provenance(event, hubs))}}`;
  }
}
