import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Page views of public content, one counter per item and day (UTC). Nothing about the
 * reader is kept: no address, no cookie, no identifier; a view only adds one to a number.
 */
export const contentViews = sqliteTable(
  'content_views',
  {
    contentId: text('content_id').notNull(),
    day: text('day').notNull(),
    views: integer('views').notNull(),
  },
  (table) => [primaryKey({ columns: [table.contentId, table.day] })],
);
export type ContentViewRow = typeof contentViews.$inferSelect;

/** Searches of the public lists that found nothing, by normalised text and day (UTC): what readers look for and the site lacks. */
export const searchMisses = sqliteTable(
  'search_misses',
  {
    query: text('query').notNull(),
    day: text('day').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.query, table.day] })],
);
export type SearchMissRow = typeof searchMisses.$inferSelect;
