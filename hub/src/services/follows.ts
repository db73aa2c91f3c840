import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { disciplines, type EventInput, type FollowKind, type FollowView, type Locale } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { content, emailFollows, eventsIndex, follows, users, type ContentRow } from '../db/schema/index.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import { publicLink } from '../mail/links.ts';
import type { MailMessage } from '../mail/templates.ts';
import type { CommuneSearch } from './communes.ts';

/** The digest goes out weekly; the hourly check may run a little early. */
const DIGEST_EVERY_MS = 7 * 86_400_000 - 3_600_000;
/** A digest lists this many events at most, soonest first; the site has the rest. */
const DIGEST_EVENTS = 20;

/**
 * Follows (opt-in) of actors, disciplines and communes, and the weekly digest of new
 * events matching them, queued in the outbox with a one-click unsubscribe.
 */
export class FollowService {
  constructor(
    private readonly store: Store,
    private readonly communes: CommuneSearch,
    private readonly mailer: Mailer,
    private readonly config: Pick<HubConfig, 'baseUrl' | 'hubId'>,
  ) {}

  list(userId: string, locale: Locale = 'fr'): FollowView[] {
    const rows = this.store.db.select().from(follows).where(eq(follows.userId, userId)).orderBy(asc(follows.kind), asc(follows.createdAt)).all();
    const actorIds = rows.filter((row) => row.kind === 'actor').map((row) => row.target);
    const actors = new Map(actorIds.length === 0 ? [] : this.store.db.select({ id: content.id, title: content.title, slug: content.slug }).from(content).where(and(inArray(content.id, actorIds), eq(content.type, 'actor'))).all().map((row) => [row.id, row] as const));
    return rows.flatMap((row): FollowView[] => {
      if (row.kind === 'actor') {
        const actor = actors.get(row.target);
        // An actor deleted (or merged) since: nothing left to follow or to show.
        return actor === undefined ? [] : [{ kind: row.kind, target: row.target, label: actor.title, slug: actor.slug, createdAt: row.createdAt }];
      }
      return [{ kind: row.kind, target: row.target, label: this.label(row.kind, row.target, locale), createdAt: row.createdAt }];
    });
  }

  /** Follows something that exists here: a published actor, a discipline of the vocabulary, a commune of the region. */
  follow(userId: string, kind: FollowKind, target: string, locale: Locale = 'fr'): FollowView {
    this.check(kind, target);
    const createdAt = new Date().toISOString();
    this.store.db.insert(follows).values({ userId, kind, target, createdAt }).onConflictDoNothing().run();
    const view = this.list(userId, locale).find((item) => item.kind === kind && item.target === target);
    if (view === undefined) throw new NotFoundError(kind, 'target');
    return view;
  }

  unfollow(userId: string, kind: FollowKind, target: string): void {
    this.store.db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.kind, kind), eq(follows.target, target))).run();
  }

  /** Checks that a follow's target exists here (as `follow` does) and names it in `locale`. */
  describe(kind: FollowKind, target: string, locale: Locale): string {
    this.check(kind, target);
    if (kind !== 'actor') return this.label(kind, target, locale);
    return this.store.db.select({ title: content.title }).from(content).where(eq(content.id, target)).get()?.title ?? target;
  }

  private check(kind: FollowKind, target: string): void {
    if (kind === 'discipline') {
      if (!disciplines.has(target)) throw new BadRequestError(`"${target}" is not a discipline`, 'target');
      return;
    }
    if (kind === 'commune') {
      if (this.communes.byCode(target) === undefined) throw new BadRequestError(`"${target}" is not the INSEE code of a commune of this region`, 'target');
      return;
    }
    const actor = this.store.db.select({ id: content.id }).from(content).where(and(eq(content.id, target), eq(content.type, 'actor'), eq(content.status, 'published'))).get();
    if (actor === undefined) throw new NotFoundError('actor', 'target');
  }

  private label(kind: 'discipline' | 'commune', target: string, locale: Locale): string {
    if (kind === 'discipline') return disciplines.has(target) ? disciplines.label(target, locale) : target;
    return this.communes.byCode(target)?.name ?? target;
  }

  /**
   * Sends each account that follows something and wants the digest the events published
   * since its last digest (a week at most) that match, still to come; none when none
   * match. Returns how many digests were queued.
   */
  sendDigests(now = new Date()): number {
    const due = this.store.db
      .selectDistinct({ id: users.id, email: users.email, locale: users.locale, digestAt: users.followsDigestAt })
      .from(users)
      .innerJoin(follows, eq(follows.userId, users.id))
      .where(and(eq(users.notifyFollows, true), isNotNull(users.emailConfirmedAt), isNull(users.disabledAt), isNull(users.deletedAt), or(isNull(users.followsDigestAt), lte(users.followsDigestAt, new Date(now.getTime() - DIGEST_EVERY_MS).toISOString()))))
      .all();
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
    // A week of a region's new events is tens of rows: matched here rather than by a
    // query per account. The commune lives in the event's document, not in an index.
    const fresh = this.store.db
      .select({ row: content, firstStart: eventsIndex.firstStart, disciplines: eventsIndex.disciplines })
      .from(content)
      .innerJoin(eventsIndex, eq(eventsIndex.id, content.id))
      .where(and(eq(content.type, 'event'), eq(content.status, 'published'), gt(content.publishedAt, weekAgo), gt(eventsIndex.lastEnd, now.getTime())))
      .orderBy(asc(eventsIndex.firstStart))
      .all();
    let sent = 0;
    for (const user of due) {
      const from = user.digestAt !== null && user.digestAt > weekAgo ? user.digestAt : weekAgo;
      const mine = this.store.db.select({ kind: follows.kind, target: follows.target }).from(follows).where(eq(follows.userId, user.id)).all();
      const matching = matchingEvents(fresh, mine, from);
      this.store.immediate((tx) => {
        if (matching.length > 0) {
          this.mailer.send({ email: user.email, lang: user.locale, unsubscribe: { userId: user.id, topic: 'follows' } }, this.digest(matching, `${this.config.baseUrl}/account#follows`));
        }
        // The window moves on even when nothing matched, so next week starts from here.
        tx.update(users).set({ followsDigestAt: now.toISOString() }).where(eq(users.id, user.id)).run();
      });
      if (matching.length > 0) sent += 1;
    }
    return sent + this.sendAddressDigests(now, fresh, weekAgo);
  }

  /** The same digest for addresses that follow by e-mail alone (confirmed), one mail per address. */
  private sendAddressDigests(now: Date, fresh: FreshEvent[], weekAgo: string): number {
    const due = this.store.db
      .select()
      .from(emailFollows)
      .where(and(isNotNull(emailFollows.confirmedAt), or(isNull(emailFollows.digestAt), lte(emailFollows.digestAt, new Date(now.getTime() - DIGEST_EVERY_MS).toISOString()))))
      .all();
    const byAddress = new Map<string, typeof due>();
    for (const row of due) byAddress.set(row.email, [...(byAddress.get(row.email) ?? []), row]);
    let sent = 0;
    for (const [email, rows] of byAddress) {
      const first = rows[0];
      if (first === undefined) continue;
      const latest = rows.map((row) => row.digestAt ?? '').sort().at(-1) ?? '';
      const matching = matchingEvents(fresh, rows, latest > weekAgo ? latest : weekAgo);
      this.store.immediate((tx) => {
        if (matching.length > 0) this.mailer.send({ email, lang: first.locale, unsubscribe: { addressKey: first.addressKey } }, this.digest(matching));
        tx.update(emailFollows).set({ digestAt: now.toISOString() }).where(inArray(emailFollows.id, rows.map((row) => row.id))).run();
      });
      if (matching.length > 0) sent += 1;
    }
    return sent;
  }

  private digest(matching: FreshEvent[], manageLink?: string): MailMessage {
    return {
      kind: 'follows-digest',
      count: matching.length,
      events: matching.slice(0, DIGEST_EVENTS).map(({ row, firstStart }) => ({ title: row.title, start: new Date(firstStart).toISOString(), timeZone: (row.data as EventInput).timeZone, where: placeOf(row.data as EventInput), link: publicLink(this.config, row) })),
      ...(manageLink === undefined ? {} : { manageLink }),
    };
  }
}

interface FreshEvent {
  row: ContentRow;
  firstStart: number;
}

/** The events published after `from` that match any of the follows. */
function matchingEvents(fresh: FreshEvent[], mine: readonly { kind: FollowKind; target: string }[], from: string): FreshEvent[] {
  const wanted = { actor: new Set<string>(), discipline: new Set<string>(), commune: new Set<string>() };
  for (const follow of mine) wanted[follow.kind].add(follow.target);
  return fresh.filter(({ row }) => {
    if ((row.publishedAt ?? '') <= from) return false;
    const data = row.data as EventInput;
    if (row.actorId !== null && wanted.actor.has(row.actorId)) return true;
    if ((data.disciplines ?? []).some((code) => wanted.discipline.has(code))) return true;
    return data.place?.inseeCode !== undefined && wanted.commune.has(data.place.inseeCode);
  });
}

function placeOf(event: EventInput): string {
  if (event.attendanceMode === 'online') return '';
  return [event.place?.name, event.place?.commune].filter((part): part is string => part !== undefined && part !== '').join(', ');
}
