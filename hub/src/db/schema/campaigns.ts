import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The region coordinator's decisions on events submitted to a national campaign, one
 * row per event: for the campaign the event names now. A contributor who moves the
 * event to another campaign submits it afresh (a decision for another slug counts for
 * nothing). The event's public `campaign` is served only while its row says labelled.
 */
export const campaignLabels = sqliteTable('campaign_labels', {
  eventId: text('event_id').primaryKey(),
  campaign: text('campaign').notNull(),
  state: text('state', { enum: ['labelled', 'refused'] }).notNull(),
  /** Why it was refused, as the coordinator wrote it for the contributor. */
  reason: text('reason'),
  decidedBy: text('decided_by').notNull(),
  decidedAt: text('decided_at').notNull(),
});
export type CampaignLabelRow = typeof campaignLabels.$inferSelect;

/** The national campaigns as last read from the aggregator's signed list (slug -> CampaignPublic JSON). */
export const knownCampaigns = sqliteTable('known_campaigns', {
  slug: text('slug').primaryKey(),
  data: text('data', { mode: 'json' }).notNull(),
  fetchedAt: integer('fetched_at').notNull(),
});
