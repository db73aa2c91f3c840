import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { content } from './content.ts';

/**
 * Where an imported event came from, so importing the same source again updates it
 * instead of posting it twice. One row per imported event, keyed by the importing actor,
 * the kind of source and the id the source gives the event (an iCal UID, an OpenAgenda
 * uid): the same feed imported from a file or from its URL matches the same events.
 * Deleting the event (or its actor) forgets its source, so a later import recreates it.
 */
export const eventSources = sqliteTable(
  'event_sources',
  {
    eventId: text('event_id')
      .primaryKey()
      .references(() => content.id, { onDelete: 'cascade' }),
    actorId: text('actor_id')
      .notNull()
      .references(() => content.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['ical', 'openagenda', 'activitypub'] }).notNull(),
    externalId: text('external_id').notNull(),
    /** The URL it was last fetched from; null for a file or a pasted text. */
    sourceUrl: text('source_url'),
    /** SHA-256 of the event as last mapped from the source: an unchanged source changes nothing. */
    contentHash: text('content_hash').notNull(),
    /** The event's version right after the last import; a higher version means edits on the hub since. */
    importedVersion: integer('imported_version').notNull(),
    importedAt: text('imported_at').notNull(),
  },
  (table) => [uniqueIndex('event_sources_actor_kind_external_uq').on(table.actorId, table.kind, table.externalId)],
);
export type EventSourceRow = typeof eventSources.$inferSelect;
export type NewEventSourceRow = typeof eventSources.$inferInsert;
