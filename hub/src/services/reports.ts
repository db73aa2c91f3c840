import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { ReportRequest, ReportView } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { auditLog, content, reports, type AuditRow, type ReportRow } from '../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { uuidv7 } from '../ids.ts';
import { clampLimit, decodeCursor, encodeCursor } from './content-list.ts';
import type { Viewer } from './content.ts';

/** Reports from anyone about published content, and the audit log moderators read. */
export class ReportService {
  constructor(private readonly store: Store) {}

  report(input: ReportRequest, reporterId: string | undefined): ReportRow {
    const target = this.store.db.select({ status: content.status }).from(content).where(eq(content.id, input.contentId)).get();
    // Only public content can be reported; anything else is, to the reporter, not there.
    if (target === undefined || target.status !== 'published') throw new NotFoundError('content', 'contentId');
    const row = { id: uuidv7(), contentId: input.contentId, reason: input.reason, details: input.details ?? null, reporterId: reporterId ?? null, createdAt: new Date().toISOString() };
    this.store.db.insert(reports).values(row).run();
    return { ...row, resolvedAt: null, resolvedBy: null, resolution: null };
  }

  /** Open reports, oldest first, each with the type and title of what it is about (null once that is deleted). */
  open(limit?: number): ReportView[] {
    return this.store.db
      .select({ report: reports, contentType: content.type, contentTitle: content.title })
      .from(reports)
      .leftJoin(content, eq(content.id, reports.contentId))
      .where(isNull(reports.resolvedAt))
      .orderBy(reports.createdAt)
      .limit(clampLimit(limit))
      .all()
      .map(({ report, contentType, contentTitle }) => ({ ...report, contentType, contentTitle }));
  }

  private withContent(row: ReportRow): ReportView {
    const about = this.store.db.select({ type: content.type, title: content.title }).from(content).where(eq(content.id, row.contentId)).get();
    return { ...row, contentType: about?.type ?? null, contentTitle: about?.title ?? null };
  }

  resolve(id: string, resolution: string, moderator: Viewer): ReportView {
    const row = this.store.immediate((tx) => {
      const now = new Date().toISOString();
      const changed = tx.update(reports).set({ resolvedAt: now, resolvedBy: moderator.id, resolution }).where(and(eq(reports.id, id), isNull(reports.resolvedAt))).run();
      const row = tx.select().from(reports).where(eq(reports.id, id)).get();
      if (row === undefined) throw new NotFoundError('report', 'id');
      if (changed.changes > 0) {
        tx.insert(auditLog).values({ at: now, userId: moderator.id, action: 'resolve-report', targetType: 'report', targetId: id, details: { resolution } }).run();
      }
      return row;
    });
    return this.withContent(row);
  }

  /** Records an operator action that is not a content change (roles, memberships). */
  recordAction(viewer: Viewer, action: string, targetType: string, targetId: string, details?: Record<string, unknown>): void {
    this.store.db.insert(auditLog).values({ at: new Date().toISOString(), userId: viewer.id, action, targetType, targetId, details: details ?? null }).run();
  }

  audit(query: { limit?: number; cursor?: string }): { items: AuditRow[]; next: string | null } {
    const limit = clampLimit(query.limit);
    const conditions = [];
    if (query.cursor !== undefined) {
      const [at, id] = decodeCursor(query.cursor, ['string', 'number']) as [string, number];
      conditions.push(or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, id))));
    }
    const rows = this.store.db
      .select()
      .from(auditLog)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit + 1)
      .all();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page, next: rows.length > limit && last !== undefined ? encodeCursor([last.at, last.id]) : null };
  }
}
