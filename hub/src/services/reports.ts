import { and, count, desc, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import type { AuditEntry, AuditPerson, AuditQuery, ReportRequest, ReportView } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { auditLog, content, knownCampaigns, reports, users, type ReportRow } from '../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { uuidv7 } from '../ids.ts';
import { clampLimit, decodeCursor, encodeCursor } from './content-list.ts';
import type { Viewer } from './content.ts';

/** Reports from anyone about published content, and the audit log moderators read. */
export class ReportService {
  constructor(
    private readonly store: Store,
    /** Told of each new report and each closed one, inside the transaction (the actor's members' mail). */
    private readonly notices?: { reported(row: ReportRow): void; closed(row: ReportRow): void },
  ) {}

  /** What waits for moderators: content pending a decision and open reports (the console's menu shows both). */
  workload(): { pending: number; reports: number } {
    const pending = this.store.db.select({ n: count() }).from(content).where(eq(content.status, 'pending')).get()?.n ?? 0;
    const open = this.store.db.select({ n: count() }).from(reports).where(isNull(reports.resolvedAt)).get()?.n ?? 0;
    return { pending, reports: open };
  }

  report(input: ReportRequest, reporterId: string | undefined): ReportRow {
    const target = this.store.db.select({ status: content.status }).from(content).where(eq(content.id, input.contentId)).get();
    // Only public content can be reported; anything else is, to the reporter, not there.
    if (target === undefined || target.status !== 'published') throw new NotFoundError('content', 'contentId');
    const row: ReportRow = { id: uuidv7(), contentId: input.contentId, reason: input.reason, details: input.details ?? null, reporterId: reporterId ?? null, createdAt: new Date().toISOString(), resolvedAt: null, resolvedBy: null, resolution: null };
    this.store.immediate(() => {
      this.store.db.insert(reports).values(row).run();
      this.notices?.reported(row);
    });
    return row;
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
        this.notices?.closed(row);
      }
      return row;
    });
    return this.withContent(row);
  }

  /** Records an operator action that is not a content change (roles, memberships). */
  recordAction(viewer: Viewer, action: string, targetType: string, targetId: string, details?: Record<string, unknown>): void {
    this.store.db.insert(auditLog).values({ at: new Date().toISOString(), userId: viewer.id, action, targetType, targetId, details: details ?? null }).run();
  }

  /** Everyone who has acted in the audit log, by name: the choices of its "person" filter. */
  auditPeople(): AuditPerson[] {
    const ids = this.store.db.selectDistinct({ id: auditLog.userId }).from(auditLog).all().map((row) => row.id);
    if (ids.length === 0) return [];
    return this.store.db.select({ id: users.id, name: users.displayName, role: users.role }).from(users).where(inArray(users.id, ids)).orderBy(users.displayName).all();
  }

  /** The audit log, newest first, filtered, each entry with who did it and what it was done to, in words. */
  audit(query: AuditQuery): { items: AuditEntry[]; next: string | null } {
    const limit = clampLimit(query.limit);
    const conditions = [];
    if (query.cursor !== undefined) {
      const [at, id] = decodeCursor(query.cursor, ['string', 'number']) as [string, number];
      conditions.push(or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, id))));
    }
    if (query.user !== undefined) conditions.push(eq(auditLog.userId, query.user));
    if (query.action !== undefined) conditions.push(eq(auditLog.action, query.action));
    if (query.type !== undefined) conditions.push(eq(auditLog.targetType, query.type));
    if (query.from !== undefined) conditions.push(gte(auditLog.at, `${query.from}T00:00:00`));
    // `at` is an ISO instant: every instant of the last day sorts before the next day's start.
    if (query.to !== undefined) conditions.push(lt(auditLog.at, nextDay(query.to)));
    const rows = this.store.db
      .select()
      .from(auditLog)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit + 1)
      .all();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const userIds = [...new Set(page.flatMap((row) => [row.userId, ...(row.targetType === 'user' ? [row.targetId] : []), ...mentionedIds(row.details)]))];
    const people = new Map(userIds.length === 0 ? [] : this.store.db.select({ id: users.id, name: users.displayName, role: users.role }).from(users).where(inArray(users.id, userIds)).all().map((row) => [row.id, row] as const));
    const contentIds = [...new Set(page.filter((row) => row.targetType !== 'user' && row.targetType !== 'hub' && row.targetType !== 'report').map((row) => row.targetId))];
    // A campaign is stored by its slug; the log names it as the national list does.
    const campaignSlugs = [...new Set(page.flatMap((row) => mentionedCampaigns(row.details)))];
    const campaignNames = new Map(campaignSlugs.length === 0 ? [] : this.store.db.select({ slug: knownCampaigns.slug, data: knownCampaigns.data }).from(knownCampaigns).where(inArray(knownCampaigns.slug, campaignSlugs)).all().flatMap((row) => {
      const name = (row.data as { name?: unknown }).name;
      return typeof name === 'string' ? [[row.slug, name] as const] : [];
    }));
    const items = new Map(contentIds.length === 0 ? [] : this.store.db.select({ id: content.id, title: content.title, slug: content.slug, status: content.status }).from(content).where(inArray(content.id, contentIds)).all().map((row) => [row.id, row] as const));
    return {
      items: page.map((row) => {
        const person = people.get(row.userId);
        let target: AuditEntry['target'];
        if (row.targetType === 'user') {
          const account = people.get(row.targetId);
          target = account === undefined ? null : { title: account.name, slug: null };
        } else {
          const item = items.get(row.targetId);
          // Only a published item has a public page to link to.
          target = item === undefined ? null : { title: item.title, slug: item.status === 'published' ? item.slug : null };
        }
        const mentioned = Object.fromEntries([
          ...mentionedIds(row.details).flatMap((id) => {
            const account = people.get(id);
            return account === undefined ? [] : [[id, account.name] as const];
          }),
          ...mentionedCampaigns(row.details).flatMap((slug) => {
            const name = campaignNames.get(slug);
            return name === undefined ? [] : [[slug, name] as const];
          }),
        ]);
        return { ...row, who: person === undefined ? null : { name: person.name, role: person.role }, target, ...(Object.keys(mentioned).length > 0 ? { mentioned } : {}) };
      }),
      next: rows.length > limit && last !== undefined ? encodeCursor([last.at, last.id]) : null,
    };
  }

}

/** Account ids an entry's details name (`userId`: the account added to an actor). */
function mentionedIds(details: unknown): string[] {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return [];
  const userId = (details as Record<string, unknown>).userId;
  return typeof userId === 'string' ? [userId] : [];
}

/** The campaign an entry's details name (a coordinator's label or refusal). */
function mentionedCampaigns(details: unknown): string[] {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return [];
  const campaign = (details as Record<string, unknown>).campaign;
  return typeof campaign === 'string' ? [campaign] : [];
}

/** The day after a YYYY-MM-DD day, as the start of an ISO instant. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
