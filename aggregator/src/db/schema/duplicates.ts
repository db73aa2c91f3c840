import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const duplicateVerdicts = ['confirmed', 'split'] as const;
export type DuplicateVerdict = (typeof duplicateVerdicts)[number];

/**
 * A national admin's verdict on two events the duplicate finder (ingest/dedupe.ts) put
 * together: `confirmed` (they are the same event; the pair leaves the review list) or
 * `split` (they are not: the finder never pairs them again). Keyed by the two records'
 * (hub, id), not row ids, so a verdict outlives re-pulls, edits and a hub's removal and
 * return; the pair is stored once, the smaller (hub, id) on the left.
 */
export const duplicateReviews = sqliteTable(
  'duplicate_reviews',
  {
    leftHub: text('left_hub').notNull(),
    leftId: text('left_id').notNull(),
    rightHub: text('right_hub').notNull(),
    rightId: text('right_id').notNull(),
    verdict: text('verdict', { enum: duplicateVerdicts }).notNull(),
    /** When (epoch ms) and by whom (the email as it was, so the verdict outlives the account). */
    at: integer('at').notNull(),
    adminEmail: text('admin_email').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.leftHub, table.leftId, table.rightHub, table.rightId] }),
    // The finder looks a pair up from either side.
    index('duplicate_reviews_right_idx').on(table.rightHub, table.rightId, table.leftHub, table.leftId),
  ],
);
export type DuplicateReviewRow = typeof duplicateReviews.$inferSelect;
