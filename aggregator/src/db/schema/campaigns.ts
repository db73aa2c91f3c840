import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * National campaigns (the Fête de la science...), defined by national admins and
 * published as the signed list hubs read. The slug is the wire value events carry and
 * never changes; the rest may be edited.
 */
export const campaigns = sqliteTable('campaigns', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  /** Calendar days (YYYY-MM-DD), inclusive. */
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  description: text('description'),
  /** The logo as the contract's Image (JSON), or null. */
  logo: text('logo', { mode: 'json' }),
  /** INSEE region codes taking part (JSON array). */
  regions: text('regions', { mode: 'json' }).notNull(),
  createdBy: text('created_by'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
export type CampaignRow = typeof campaigns.$inferSelect;
