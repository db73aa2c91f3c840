import { and, eq, gt, isNotNull, isNull, lt } from 'drizzle-orm';
import type { EmailFollowConfirmed, EmailFollowRequest, Locale } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { emailFollows } from '../db/schema/index.ts';
import { BadRequestError } from '../errors.ts';
import { randomToken, uuidv7 } from '../ids.ts';
import type { Mailer } from '../mail/mailer.ts';
import { sha256 } from './accounts.ts';
import type { FollowService } from './follows.ts';

/** How long a confirmation link works; an unconfirmed address is erased after it. */
export const EMAIL_FOLLOW_HOURS = 24;
/** The same request again within this time sends no second mail (a double click, a bored visitor). */
const RESEND_AFTER_MS = 10 * 60_000;
/** An address cannot be made to wait on more than this many unconfirmed follows. */
const MAX_PENDING = 20;

/**
 * Follows by e-mail alone, for people without an account (double opt-in): a request
 * mails a single-use link and stores nothing that lasts; the link activates the follows;
 * the weekly digest (FollowService) carries a one-click unsubscribe by the address's key.
 * Every request gets the same answer whatever is known of the address, so the form
 * tells nobody who already follows what.
 */
export class EmailFollowService {
  constructor(
    private readonly store: Store,
    private readonly follows: FollowService,
    private readonly mailer: Mailer,
    private readonly config: Pick<HubConfig, 'baseUrl'>,
  ) {}

  request(input: EmailFollowRequest, now = Date.now()): void {
    const email = input.email.trim().toLowerCase();
    const lang: Locale = input.lang ?? 'fr';
    // Refuses a target that does not exist here (a 400 by its field), whoever asks.
    const asked = input.follows.map((follow) => ({ ...follow, label: this.follows.describe(follow.kind, follow.target, lang) }));
    this.purge(now);
    const rows = this.store.db.select().from(emailFollows).where(eq(emailFollows.email, email)).all();
    const same = (row: (typeof rows)[number], follow: { kind: string; target: string }) => row.kind === follow.kind && row.target === follow.target;
    const wanted = asked.filter((follow, index) => !rows.some((row) => row.confirmedAt !== null && same(row, follow)) && asked.findIndex((other) => same(other as never, follow)) === index);
    if (wanted.length === 0) return;
    const pending = rows.filter((row) => row.confirmedAt === null);
    const justAsked = wanted.every((follow) => pending.some((row) => same(row, follow) && Date.parse(row.createdAt) > now - RESEND_AFTER_MS));
    if (justAsked || pending.length + wanted.length > MAX_PENDING) return;
    const token = randomToken();
    const tokenHash = sha256(token);
    const expiresAt = now + EMAIL_FOLLOW_HOURS * 3_600_000;
    const createdAt = new Date(now).toISOString();
    const addressKey = this.mailer.links.addressKey(email);
    this.store.immediate((tx) => {
      for (const follow of wanted) {
        tx.insert(emailFollows)
          .values({ id: uuidv7(now), email, addressKey, kind: follow.kind, target: follow.target, locale: lang, tokenHash, expiresAt, createdAt })
          .onConflictDoUpdate({ target: [emailFollows.email, emailFollows.kind, emailFollows.target], set: { tokenHash, expiresAt, createdAt, locale: lang } })
          .run();
      }
      this.mailer.send({ email, lang }, { kind: 'follow-confirm', labels: wanted.map((follow) => follow.label), link: `${this.config.baseUrl}/account/follow?token=${token}`, hours: EMAIL_FOLLOW_HOURS });
    });
  }

  /** Activates what one link asked for; the link works once, before it expires. */
  confirm(token: string, now = Date.now()): EmailFollowConfirmed {
    const tokenHash = sha256(token);
    return this.store.immediate((tx) => {
      const rows = tx.select().from(emailFollows).where(and(eq(emailFollows.tokenHash, tokenHash), isNull(emailFollows.confirmedAt), gt(emailFollows.expiresAt, now))).all();
      const first = rows[0];
      if (first === undefined) throw new BadRequestError('this link was already used or has expired: ask again from the site', 'token');
      tx.update(emailFollows).set({ confirmedAt: new Date(now).toISOString(), tokenHash: null, expiresAt: null }).where(eq(emailFollows.tokenHash, tokenHash)).run();
      return { lang: first.locale, items: rows.map((row) => ({ kind: row.kind, target: row.target, label: this.label(row.kind, row.target, first.locale) })) };
    });
  }

  /** Stops every follow of the address whose key the digest's link carries; how many stopped. */
  unsubscribe(addressKey: string): { stopped: number; lang: Locale } {
    const rows = this.store.db.select({ locale: emailFollows.locale }).from(emailFollows).where(eq(emailFollows.addressKey, addressKey)).all();
    this.store.db.delete(emailFollows).where(eq(emailFollows.addressKey, addressKey)).run();
    return { stopped: rows.length, lang: rows[0]?.locale ?? 'fr' };
  }

  /** Erases the addresses whose link expired unconfirmed. */
  purge(now = Date.now()): number {
    return this.store.db.delete(emailFollows).where(and(isNull(emailFollows.confirmedAt), isNotNull(emailFollows.expiresAt), lt(emailFollows.expiresAt, now))).run().changes;
  }

  private label(kind: 'actor' | 'discipline' | 'commune', target: string, locale: Locale): string {
    try {
      return this.follows.describe(kind, target, locale);
    } catch {
      // The actor went away since the request: still say what was asked for.
      return target;
    }
  }
}
