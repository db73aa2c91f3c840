import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Every moderator and admin action, append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: text('user_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: text('details', { mode: 'json' }),
  },
  (table) => [index('audit_log_target_idx').on(table.targetType, table.targetId), index('audit_log_at_idx').on(table.at)],
);
export type AuditRow = typeof auditLog.$inferSelect;

/** Reports about content, from anyone. The reporter's IP is kept only as a salted hash for rate limits. */
export const reports = sqliteTable(
  'reports',
  {
    id: text('id').primaryKey(),
    contentId: text('content_id').notNull(),
    reason: text('reason', { enum: ['spam', 'inaccurate', 'offensive', 'illegal', 'duplicate', 'other'] }).notNull(),
    details: text('details'),
    reporterId: text('reporter_id'),
    createdAt: text('created_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
  },
  (table) => [index('reports_open_idx').on(table.resolvedAt, table.createdAt), index('reports_content_idx').on(table.contentId)],
);
export type ReportRow = typeof reports.$inferSelect;
