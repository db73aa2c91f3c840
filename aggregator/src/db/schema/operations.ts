import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A hub's health over time, one row per hub and hour: the registry row only holds the
 * latest state, and a national coordinator needs to see whether a hub is getting better
 * or worse. Counters are added to by each pull's verdict, so two workers never lose one;
 * rows older than the retention window are dropped as new hours start.
 */
export const hubHealthSamples = sqliteTable(
  'hub_health_samples',
  {
    hub: text('hub').notNull(),
    /** The hour's start (epoch ms, UTC). */
    hour: integer('hour').notNull(),
    /** Pulls that ended with a verdict in this hour, and how many of them failed. */
    pulls: integer('pulls').notNull().default(0),
    failures: integer('failures').notNull().default(0),
    /** Items applied and refused by this hour's pulls. */
    applied: integer('applied').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** The largest lag (changes announced, not yet indexed) seen at a pull's end this hour. */
    maxLagSeq: integer('max_lag_seq').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.hub, table.hour] })],
);
export type HubHealthSampleRow = typeof hubHealthSamples.$inferSelect;

export const adminActions = ['hub.add', 'hub.approve', 'hub.suspend', 'hub.refresh', 'hub.remove', 'duplicate.confirm', 'duplicate.split', 'admin.add', 'admin.remove'] as const;
export type AdminAction = (typeof adminActions)[number];

/**
 * What national admins did to the registry, newest last: who (their email as it was, so an
 * entry outlives the account), what, on which hub (its name as it was), and the reason given.
 */
export const adminAudit = sqliteTable(
  'admin_audit',
  {
    rowId: integer('row_id').primaryKey(),
    at: integer('at').notNull(),
    adminId: text('admin_id').notNull(),
    adminEmail: text('admin_email').notNull(),
    action: text('action', { enum: adminActions }).notNull(),
    targetId: text('target_id').notNull(),
    targetName: text('target_name').notNull(),
    /** Free words the admin gave (a suspension's reason), or a fact of the action (a removal's count). */
    detail: text('detail'),
  },
  (table) => [index('admin_audit_target_idx').on(table.targetId, table.rowId)],
);
export type AdminAuditRow = typeof adminAudit.$inferSelect;
