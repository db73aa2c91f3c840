import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The pages every site must have (about, legal notice, privacy, accessibility), in Markdown, edited by the operator per language. */
export const sitePages = sqliteTable(
  'site_pages',
  {
    slug: text('slug', { enum: ['about', 'legal', 'privacy', 'accessibility'] }).notNull(),
    lang: text('lang', { enum: ['fr', 'en'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.slug, table.lang] })],
);
export type SitePageRow = typeof sitePages.$inferSelect;
