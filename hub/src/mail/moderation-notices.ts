import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { contentTypes } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { content, users, type ContentRow } from '../db/schema/index.ts';
import type { ModerationEvent } from '../services/content.ts';
import type { Mailer } from './mailer.ts';
import { publicLink } from './links.ts';

/** A digest lists this many titles; the queue has the rest. */
const DIGEST_TITLES = 10;
/** A digest goes out at most once a day; the hourly check may run a little early. */
const DIGEST_EVERY_MS = 23 * 3_600_000;

/**
 * Moderation mail: moderators hear that content waits (a mail each, or a daily digest,
 * as each chose), authors hear the decision with the moderator's reason. Everything is
 * queued in the outbox, so a decision never waits on SMTP.
 */
export class ModerationNotices {
  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    private readonly config: Pick<HubConfig, 'baseUrl' | 'hubId'>,
  ) {}

  handle(event: ModerationEvent): void {
    if (event.kind === 'pending') this.pending(event.rows);
    else this.decided(event.rows, event.published, event.reason, event.moderatorId);
  }

  private staff(preference: 'each' | 'digest') {
    return this.store.db
      .select({ id: users.id, email: users.email, locale: users.locale, digestSentAt: users.digestSentAt })
      .from(users)
      .where(and(inArray(users.role, ['moderator', 'admin']), eq(users.notifyPending, preference), isNull(users.disabledAt), isNull(users.deletedAt)))
      .all();
  }

  private pending(rows: ContentRow[]): void {
    const moderators = this.staff('each');
    if (moderators.length === 0) return;
    const authors = this.names(rows.map((row) => row.authorId));
    const link = `${this.config.baseUrl}/moderation`;
    for (const moderator of moderators) {
      for (const row of rows) {
        // Moderators publish directly; one never waits on their own submission.
        if (row.authorId === moderator.id) continue;
        this.mailer.send(
          { email: moderator.email, lang: moderator.locale, unsubscribe: { userId: moderator.id, topic: 'pending' } },
          { kind: 'content-pending', title: row.title, typeLabel: contentTypes.label(row.type, moderator.locale).toLowerCase(), author: authors.get(row.authorId ?? '') ?? '?', link },
        );
      }
    }
  }

  private decided(rows: ContentRow[], published: boolean, reason: string | undefined, moderatorId: string): void {
    const authorIds = [...new Set(rows.flatMap((row) => (row.authorId === null || row.authorId === moderatorId ? [] : [row.authorId])))];
    if (authorIds.length === 0) return;
    const authors = this.store.db
      .select({ id: users.id, email: users.email, locale: users.locale })
      .from(users)
      .where(and(inArray(users.id, authorIds), eq(users.notifyDecisions, true), isNull(users.disabledAt), isNull(users.deletedAt)))
      .all();
    for (const author of authors) {
      for (const row of rows.filter((candidate) => candidate.authorId === author.id)) {
        this.mailer.send(
          { email: author.email, lang: author.locale, unsubscribe: { userId: author.id, topic: 'decisions' } },
          { kind: 'content-decision', title: row.title, published, ...(reason === undefined ? {} : { reason }), link: published ? this.publicLink(row) : `${this.config.baseUrl}/contribute` },
        );
      }
    }
  }

  /** Sends each digest moderator what waits, at most daily; nothing when nothing waits. */
  sendDigests(now = new Date()): number {
    const waiting = this.store.db.select({ n: count() }).from(content).where(eq(content.status, 'pending')).get()?.n ?? 0;
    if (waiting === 0) return 0;
    const titles = this.store.db.select({ title: content.title }).from(content).where(eq(content.status, 'pending')).orderBy(asc(content.updatedAt)).limit(DIGEST_TITLES).all().map((row) => row.title);
    let sent = 0;
    for (const moderator of this.staff('digest')) {
      if (moderator.digestSentAt !== null && now.getTime() - Date.parse(moderator.digestSentAt) < DIGEST_EVERY_MS) continue;
      this.store.immediate((tx) => {
        this.mailer.send(
          { email: moderator.email, lang: moderator.locale, unsubscribe: { userId: moderator.id, topic: 'pending' } },
          { kind: 'pending-digest', count: waiting, titles: waiting > titles.length ? [...titles, '…'] : titles, link: `${this.config.baseUrl}/moderation` },
        );
        tx.update(users).set({ digestSentAt: now.toISOString() }).where(eq(users.id, moderator.id)).run();
      });
      sent += 1;
    }
    return sent;
  }

  private names(ids: (string | null)[]): Map<string, string> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    return new Map(this.store.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted)).all().map((row) => [row.id, row.name]));
  }

  private publicLink(row: ContentRow): string {
    return publicLink(this.config, row);
  }
}
