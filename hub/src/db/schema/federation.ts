import { index, integer, sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * The hub-wide sequence and other single values. `seq` is taken with
 * `UPDATE ... RETURNING` inside the writing transaction, so seq order is commit order.
 */
export const hubState = sqliteTable('hub_state', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});

/**
 * The compacted changes feed: one row per public object, carrying the seq of its
 * latest change. A row with op "delete" is a tombstone and stays for readers to catch up.
 */
export const changes = sqliteTable(
  'changes',
  {
    type: text('type').notNull(),
    id: text('id').notNull(),
    seq: integer('seq').notNull().unique(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    version: integer('version').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.type, table.id] }), index('changes_seq_idx').on(table.seq)],
);
export type ChangeRow = typeof changes.$inferSelect;
