import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Partner } from '@constellation/shared';

/**
 * What the operator changed of the hub's settings in the portal, in one row (id 1). A
 * null column follows the configuration (HUB_NAME, HUB_MAP_STYLE, HUB_AGGREGATOR_URLS, the
 * contributor sign-up default), so a setting never edited keeps tracking it; the tagline
 * has no configured default, and null there means none. (The home page's featured content
 * is the home_page table's: migration 0021 moved the old featured dossier there.)
 */
export const hubSettings = sqliteTable(
  'hub_settings',
  {
    id: integer('id').primaryKey(),
    name: text('name'),
    tagline: text('tagline'),
    mapStyle: text('map_style'),
    /** A JSON array of URLs; read whole, never queried. */
    aggregatorUrls: text('aggregator_urls', { mode: 'json' }).$type<string[]>(),
    signupRole: text('signup_role', { enum: ['member', 'contributor'] }),
    /** Branding, no configured default (null: the portal's own): "#rrggbb", a logo URL, social links (JSON array). */
    accentColor: text('accent_color'),
    logoUrl: text('logo_url'),
    socialLinks: text('social_links', { mode: 'json' }).$type<string[]>(),
    /** The footer's partners in order (JSON array of name, https link, uploaded logo): read whole, never queried. */
    partners: text('partners', { mode: 'json' }).$type<Partner[]>(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [check('hub_settings_single_row', sql`${table.id} = 1`)],
);
export type HubSettingsRow = typeof hubSettings.$inferSelect;
