import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every piece of content users post, whatever its type: who owns it, its moderation
 * state and its document. The document (`data`) is the validated input; what is
 * queried lives in columns here and in per-type index tables (events_index), never
 * inside the JSON.
 */
export const content = sqliteTable(
  'content',
  {
    /** A stable integer key for the full-text index (an implicit rowid may change on VACUUM). */
    rowId: integer('row_id').primaryKey(),
    id: text('id').notNull().unique(),
    type: text('type', { enum: ['actor', 'event', 'place', 'article', 'project', 'announcement', 'dossier', 'resource'] }).notNull(),
    slug: text('slug').notNull(),
    /** The actor this content belongs to (for an actor, itself). Null for hub-curated content. */
    actorId: text('actor_id'),
    authorId: text('author_id'),
    status: text('status', { enum: ['draft', 'pending', 'published', 'rejected'] }).notNull(),
    rejectReason: text('reject_reason'),
    /** Counts edits; the aggregator keeps an upsert only when its version is newer. */
    version: integer('version').notNull().default(1),
    title: text('title').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    /** The public shape, serialised once at write time, while the content is published; null otherwise. */
    publicJson: text('public_json'),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    publishedAt: text('published_at'),
  },
  (table) => [
    uniqueIndex('content_type_slug_uq').on(table.type, table.slug),
    index('content_type_status_idx').on(table.type, table.status, table.id),
    index('content_actor_idx').on(table.actorId, table.type),
    index('content_status_updated_idx').on(table.status, table.updatedAt),
  ],
);
export type ContentRow = typeof content.$inferSelect;
export type NewContentRow = typeof content.$inferInsert;

/**
 * The queryable facets of published events, one row per event. Multi-valued facets
 * are bit masks over the vocabulary order (shared/), so "any of these disciplines"
 * is one AND on an integer.
 */
export const eventsIndex = sqliteTable(
  'events_index',
  {
    id: text('id').primaryKey(),
    actorId: text('actor_id').notNull(),
    format: text('format').notNull(),
    audiences: integer('audiences').notNull().default(0),
    disciplines: integer('disciplines').notNull().default(0),
    accessibility: integer('accessibility').notNull().default(0),
    free: integer('free', { mode: 'boolean' }).notNull().default(false),
    attendanceMode: text('attendance_mode').notNull(),
    campaign: text('campaign'),
    lat: real('lat'),
    lon: real('lon'),
    /** First start and last end over every occurrence (epoch ms); an unbounded rule ends at the horizon. */
    firstStart: integer('first_start').notNull(),
    lastEnd: integer('last_end').notNull(),
  },
  (table) => [
    index('events_index_time_idx').on(table.lastEnd, table.firstStart),
    index('events_index_geo_idx').on(table.lat, table.lon),
    index('events_index_actor_idx').on(table.actorId),
    index('events_index_campaign_idx').on(table.campaign),
  ],
);
export type EventIndexRow = typeof eventsIndex.$inferSelect;

/** Materialised occurrences of published events (epoch ms), for time-window queries. */
export const eventOccurrences = sqliteTable(
  'event_occurrences',
  {
    /** Also the key of the occurrence's box in the occurrence_boxes R*Tree (migration 0004). */
    id: integer('id').primaryKey(),
    eventId: text('event_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
  },
  (table) => [index('event_occurrences_start_idx').on(table.start, table.eventId), index('event_occurrences_event_idx').on(table.eventId, table.start)],
);
export type EventOccurrenceRow = typeof eventOccurrences.$inferSelect;
