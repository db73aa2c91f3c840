import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { contentTypes } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { actorMembers, content, users, type ReportRow } from '../db/schema/index.ts';
import type { Mailer } from './mailer.ts';
import { publicLink } from './links.ts';

/**
 * Tells an actor's members that its content was reported, and what the moderators
 * answered when they close the report. The reporter stays unnamed and their own words
 * stay with the moderators; members who turned these mails off get none. Queued in the
 * caller's transaction, so a report and its mails commit together.
 */
export class ReportNotices {
  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    private readonly config: Pick<HubConfig, 'baseUrl' | 'hubId'>,
  ) {}

  reported(report: ReportRow): void {
    this.tell(report, (about, actorName, lang) => ({ kind: 'content-reported', actorName, title: about.title, typeLabel: contentTypes.label(about.type, lang).toLowerCase(), reason: report.reason, link: publicLink(this.config, about), actorItself: about.type === 'actor' }));
  }

  closed(report: ReportRow): void {
    if (report.resolution === null) return;
    const resolution = report.resolution;
    this.tell(report, (about, actorName) => ({ kind: 'report-closed', actorName, title: about.title, resolution, link: publicLink(this.config, about) }));
  }

  private tell(report: ReportRow, message: (about: typeof content.$inferSelect, actorName: string, lang: 'fr' | 'en') => Parameters<Mailer['send']>[1]): void {
    const about = this.store.db.select().from(content).where(eq(content.id, report.contentId)).get();
    if (about === undefined || about.actorId === null) return;
    const actor = about.type === 'actor' ? about : this.store.db.select().from(content).where(eq(content.id, about.actorId)).get();
    if (actor === undefined) return;
    const members = this.store.db
      .select({ id: users.id, email: users.email, locale: users.locale })
      .from(actorMembers)
      .innerJoin(users, eq(users.id, actorMembers.userId))
      .where(
        and(
          eq(actorMembers.actorId, actor.id),
          eq(users.notifyReports, true),
          isNotNull(users.emailConfirmedAt),
          isNull(users.disabledAt),
          isNull(users.deletedAt),
          // A member who reported their own actor's content needs no mail about it.
          report.reporterId === null ? undefined : ne(users.id, report.reporterId),
        ),
      )
      .all();
    for (const member of members) {
      this.mailer.send({ email: member.email, lang: member.locale, unsubscribe: { userId: member.id, topic: 'reports' } }, message(about, actor.title, member.locale));
    }
  }
}
