import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { HomeFeature } from '@constellation/shared';

/**
 * The home page as the operator arranged it, in one row (id 1): the banner and the
 * featured content in order. The list is small (at most HOME_FEATURES_MAX) and always read
 * whole, so it is one JSON column; a featured item unpublished since is skipped on reading.
 */
export const homePage = sqliteTable(
  'home_page',
  {
    id: integer('id').primaryKey(),
    banner: text('banner'),
    bannerUrl: text('banner_url'),
    features: text('features', { mode: 'json' }).$type<HomeFeature[]>().notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [check('home_page_single_row', sql`${table.id} = 1`)],
);
export type HomePageRow = typeof homePage.$inferSelect;
