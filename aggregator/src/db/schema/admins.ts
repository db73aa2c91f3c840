import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Operators of the aggregator: they manage the registry and see the job dashboard. */
export const admins = sqliteTable('admins', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  createdAt: integer('created_at').notNull(),
});
export type AdminRow = typeof admins.$inferSelect;
