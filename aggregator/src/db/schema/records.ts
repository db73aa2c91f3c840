import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Everything public the hubs serve, one row per (hub, id), whatever its type. `data`
 * is the item as the hub served it and the schemas accepted it. A deletion keeps the
 * row as a tombstone (data null) so readers of the national change log (`nseq`: the
 * live stream, each API process's map index) see it.
 */
export const records = sqliteTable(
  'records',
  {
    rowId: integer('row_id').primaryKey(),
    /** The hub whose registered origin served it: never what the payload claims. */
    hub: text('hub').notNull(),
    id: text('id').notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    /** The hub's own updatedAt, shown as provenance; never used for ordering. */
    updatedAt: text('updated_at').notNull(),
    /** When the aggregator last applied a change to it (epoch ms). */
    syncedAt: integer('synced_at').notNull(),
    /** The hub's feed seq of the applied change. */
    hubSeq: integer('hub_seq').notNull(),
    /** The national change sequence: commit order of applied changes across all hubs. */
    nseq: integer('nseq').notNull(),
    /**
     * The nseq of the record's first national version (null for rows written before it was
     * kept). A change whose nseq is this one is the record's first: no client can hold it
     * yet, so the live stream sends no "filtered" delete for it to streams it does not match.
     */
    firstNseq: integer('first_nseq'),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
    data: text('data'),
  },
  (table) => [
    uniqueIndex('records_hub_id_uq').on(table.hub, table.id),
    uniqueIndex('records_nseq_uq').on(table.nseq),
    index('records_type_idx').on(table.type, table.hub),
  ],
);
export type RecordRow = typeof records.$inferSelect;

/**
 * The queryable facets of live events, one row per event record (same row id).
 * Multi-valued facets are bit masks over the vocabulary order, as on a hub.
 */
export const eventsIndex = sqliteTable(
  'events_index',
  {
    rowId: integer('row_id').primaryKey(),
    hub: text('hub').notNull(),
    region: text('region').notNull(),
    actorId: text('actor_id').notNull(),
    format: text('format').notNull(),
    audiences: integer('audiences').notNull().default(0),
    disciplines: integer('disciplines').notNull().default(0),
    accessibility: integer('accessibility').notNull().default(0),
    free: integer('free', { mode: 'boolean' }).notNull().default(false),
    online: integer('online', { mode: 'boolean' }).notNull().default(false),
    lat: real('lat'),
    lon: real('lon'),
    firstStart: integer('first_start').notNull(),
    lastEnd: integer('last_end').notNull(),
    /** Normalised title words, for cross-hub duplicate detection. */
    titleKey: text('title_key').notNull(),
    /** The national campaign it belongs to (EventPublic.campaign), for the campaign filter. */
    campaign: text('campaign'),
    /** The umbrella event (a village des sciences) it is part of, on the same hub (EventPublic.parentEventId), for the parent filter. */
    parent: text('parent'),
    /** Set when this event is another hub's copy of an event listed once under that row. */
    duplicateOf: integer('duplicate_of'),
  },
  (table) => [
    index('events_index_time_idx').on(table.lastEnd, table.firstStart),
    index('events_index_duplicate_idx').on(table.duplicateOf),
    index('events_index_hub_idx').on(table.hub),
  ],
);
export type EventIndexRow = typeof eventsIndex.$inferSelect;

/** Occurrences of live events (epoch ms); each has a box in the occurrence_boxes R*Tree. */
export const eventOccurrences = sqliteTable(
  'event_occurrences',
  {
    id: integer('id').primaryKey(),
    eventRow: integer('event_row').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
  },
  (table) => [index('event_occurrences_event_idx').on(table.eventRow), index('event_occurrences_start_idx').on(table.start)],
);

/** Single values: the national change sequence. */
export const nationalState = sqliteTable('national_state', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});
