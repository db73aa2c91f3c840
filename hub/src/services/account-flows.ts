import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Store } from '../db/client.ts';
import { accountTokens, actorMembers, content, follows, memberProfiles, refreshTokens, reports, users } from '../db/schema/index.ts';
import { BadRequestError, ConflictError, TooManyRequestsError, UnauthorizedError } from '../errors.ts';
import { randomToken, uuidv7 } from '../ids.ts';
import type { Mailer } from '../mail/mailer.ts';
import { hashPassword, verifyPassword } from '@constellation/shared/server';
import { normaliseEmail, sha256, type Account, type AccountService } from './accounts.ts';

type Purpose = 'confirm_email' | 'reset_password' | 'change_email';

/** How long each mailed link works. A reset link is short-lived: it is a password. */
export const TOKEN_MINUTES: Record<Purpose, number> = { confirm_email: 48 * 60, reset_password: 30, change_email: 48 * 60 };
/** Links of one kind an account may be sent per hour, whatever asks: a mailbox is not a target. */
const LINKS_PER_HOUR = 3;

/** What the same answer says for known and unknown addresses. */
export const RESET_REQUESTED = 'if an account uses this address, a link to choose a new password is on its way';

/**
 * The account flows that go through the owner's mailbox: confirming the address,
 * resetting a forgotten password, changing the address, and erasing the account.
 * Tokens are random, stored as SHA-256 hashes, single-use and short-lived.
 */
export class AccountFlows {
  constructor(
    private readonly store: Store,
    private readonly accounts: AccountService,
    private readonly mailer: Mailer,
    private readonly baseUrl: string,
  ) {}

  /** Mails a confirmation link to a new account's address (or again, when asked). */
  sendConfirmation(userId: string): void {
    const user = this.accounts.row(userId);
    if (user === undefined || user.emailConfirmedAt !== null || user.deletedAt !== null) return;
    this.store.immediate(() => {
      const token = this.issue(userId, 'confirm_email');
      if (token === undefined) throw new TooManyRequestsError('a confirmation link was sent several times in the last hour; check your mailbox (and its spam folder)', 3600);
      this.mailer.send({ email: user.email, lang: user.locale }, { kind: 'confirm-email', displayName: user.displayName, link: `${this.baseUrl}/account/confirm?token=${token}` });
    });
  }

  confirmEmail(token: string): Account {
    const row = this.store.immediate((tx) => {
      const found = this.consume(token, 'confirm_email');
      tx.update(users).set({ emailConfirmedAt: new Date().toISOString(), updatedAt: new Date().toISOString() }).where(and(eq(users.id, found.userId), isNull(users.emailConfirmedAt))).run();
      return found;
    });
    return this.accounts.account(row.userId);
  }

  /** Same answer, same work, for known and unknown addresses; the link goes only to a real account. */
  requestPasswordReset(emailInput: string): void {
    const email = normaliseEmail(emailInput);
    const user = this.store.db.select().from(users).where(eq(users.email, email)).get();
    if (user === undefined || user.disabledAt !== null || user.deletedAt !== null) return;
    this.store.immediate(() => {
      // A new link replaces the old ones: only the latest works.
      this.store.db.update(accountTokens).set({ usedAt: new Date().toISOString() }).where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, 'reset_password'), isNull(accountTokens.usedAt))).run();
      const token = this.issue(user.id, 'reset_password');
      if (token === undefined) return;
      this.mailer.send({ email: user.email, lang: user.locale }, { kind: 'password-reset', displayName: user.displayName, link: `${this.baseUrl}/account/reset?token=${token}`, minutes: TOKEN_MINUTES.reset_password });
    });
  }

  /** Sets a new password from a mailed link: every session ends, and the address counts as confirmed (the link proved it). */
  async resetPassword(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const row = this.store.immediate((tx) => {
      const found = this.consume(token, 'reset_password');
      const now = new Date().toISOString();
      tx.update(users).set({ passwordHash, updatedAt: now, emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, ${now})` }).where(eq(users.id, found.userId)).run();
      return found;
    });
    this.accounts.revokeAllSessions(row.userId);
    this.accounts.throttle.succeed(this.accounts.account(row.userId).email);
  }

  /** Mails a link to the new address; the login changes only when it is followed. */
  async requestEmailChange(userId: string, newEmailInput: string, password: string): Promise<void> {
    const user = this.accounts.row(userId);
    if (user === undefined) throw new UnauthorizedError();
    if (!(await verifyPassword(user.passwordHash, password))) throw new BadRequestError('the password is wrong', 'password');
    const newEmail = normaliseEmail(newEmailInput);
    if (newEmail === user.email) throw new BadRequestError('this is already the address of your account', 'email');
    if (this.store.db.select({ id: users.id }).from(users).where(eq(users.email, newEmail)).get() !== undefined) throw new ConflictError('an account with this email already exists', 'email');
    this.store.immediate(() => {
      const token = this.issue(userId, 'change_email', newEmail);
      if (token === undefined) throw new TooManyRequestsError('several changes of address were asked in the last hour; try again later', 3600);
      this.mailer.send({ email: newEmail, lang: user.locale }, { kind: 'change-email', displayName: user.displayName, newEmail, link: `${this.baseUrl}/account/confirm-email-change?token=${token}` });
    });
  }

  confirmEmailChange(token: string): Account {
    const outcome = this.store.immediate((tx) => {
      const found = this.consume(token, 'change_email');
      const newEmail = found.newEmail ?? '';
      if (tx.select({ id: users.id }).from(users).where(and(eq(users.email, newEmail), ne(users.id, found.userId))).get() !== undefined) {
        throw new ConflictError('another account took this address meanwhile', 'email');
      }
      const before = tx.select().from(users).where(eq(users.id, found.userId)).get();
      const now = new Date().toISOString();
      tx.update(users).set({ email: newEmail, emailConfirmedAt: now, updatedAt: now }).where(eq(users.id, found.userId)).run();
      // The old address is told, so a hijacked session cannot move the account away silently.
      if (before !== undefined) this.mailer.send({ email: before.email, lang: before.locale }, { kind: 'email-changed', displayName: before.displayName, newEmail });
      return found;
    });
    return this.accounts.account(outcome.userId);
  }

  /**
   * Erases an account's personal data and keeps the row for what it authored (content
   * stays under its actor, the audit log keeps its ids). Said in full before confirming.
   */
  async deleteAccount(userId: string, password: string): Promise<void> {
    const user = this.accounts.row(userId);
    if (user === undefined || user.deletedAt !== null) throw new UnauthorizedError();
    if (!(await verifyPassword(user.passwordHash, password))) throw new BadRequestError('the password is wrong', 'password');
    const now = new Date().toISOString();
    this.store.immediate((tx) => {
      tx.update(users)
        .set({
          email: `deleted-${userId}@deleted.invalid`,
          // Not a hash of anything: no password can ever match it.
          passwordHash: `deleted:${randomToken()}`,
          displayName: 'Compte supprimé',
          disabledAt: now,
          deletedAt: now,
          updatedAt: now,
          consentAt: null,
          membership: 'none',
          membershipAt: null,
          notifyPending: 'off',
          notifyDecisions: false,
          notifyReports: false,
          notifyFollows: false,
        })
        .where(eq(users.id, userId))
        .run();
      tx.delete(memberProfiles).where(eq(memberProfiles.userId, userId)).run();
      tx.delete(accountTokens).where(eq(accountTokens.userId, userId)).run();
      tx.delete(refreshTokens).where(eq(refreshTokens.userId, userId)).run();
      tx.delete(actorMembers).where(eq(actorMembers.userId, userId)).run();
      tx.delete(follows).where(eq(follows.userId, userId)).run();
    });
  }

  /** Everything the hub holds about the account, for its owner (GDPR art. 15 and 20). */
  exportData(userId: string): Record<string, unknown> {
    const user = this.accounts.row(userId);
    if (user === undefined) throw new UnauthorizedError();
    const { passwordHash: _hash, ...account } = user;
    const profile = this.store.db.select().from(memberProfiles).where(eq(memberProfiles.userId, userId)).get();
    const authored = this.store.db
      .select({ id: content.id, type: content.type, title: content.title, status: content.status, actorId: content.actorId, createdAt: content.createdAt, updatedAt: content.updatedAt })
      .from(content)
      .where(eq(content.authorId, userId))
      .all();
    const filed = this.store.db.select({ id: reports.id, contentId: reports.contentId, reason: reports.reason, details: reports.details, createdAt: reports.createdAt }).from(reports).where(eq(reports.reporterId, userId)).all();
    return {
      exportedAt: new Date().toISOString(),
      hub: this.baseUrl,
      account,
      actors: this.accounts.actorIdsOf(userId),
      memberProfile: profile === undefined ? null : { ...(profile.data as object), listed: profile.listed, updatedAt: profile.updatedAt },
      content: authored,
      reports: filed,
      follows: this.store.db.select({ kind: follows.kind, target: follows.target, createdAt: follows.createdAt }).from(follows).where(eq(follows.userId, userId)).all(),
      sessions: this.accounts.sessions(userId, undefined),
    };
  }

  /** A new token, or undefined when this account was sent too many of this kind in the last hour. */
  private issue(userId: string, purpose: Purpose, newEmail?: string): string | undefined {
    const now = Date.now();
    const recent = this.store.db
      .select({ n: sql<number>`count(*)` })
      .from(accountTokens)
      .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), gt(accountTokens.createdAt, new Date(now - 3_600_000).toISOString())))
      .get();
    if ((recent?.n ?? 0) >= LINKS_PER_HOUR) return undefined;
    const token = randomToken();
    this.store.db
      .insert(accountTokens)
      .values({ id: uuidv7(), userId, purpose, tokenHash: sha256(token), newEmail: newEmail ?? null, expiresAt: now + TOKEN_MINUTES[purpose] * 60_000, createdAt: new Date(now).toISOString() })
      .run();
    return token;
  }

  /** Marks a token used (inside the caller's transaction), or throws one error for unknown, used and expired alike. */
  private consume(token: string, purpose: Purpose): { userId: string; newEmail: string | null } {
    const row = this.store.db.select().from(accountTokens).where(and(eq(accountTokens.tokenHash, sha256(token)), eq(accountTokens.purpose, purpose))).get();
    if (row === undefined || row.usedAt !== null || row.expiresAt <= Date.now()) {
      throw new BadRequestError('this link is not valid: it was already used, has expired or was replaced by a newer one', 'token');
    }
    const user = this.accounts.row(row.userId);
    if (user === undefined || user.deletedAt !== null || user.disabledAt !== null) throw new BadRequestError('this link is not valid', 'token');
    this.store.db.update(accountTokens).set({ usedAt: new Date().toISOString() }).where(eq(accountTokens.id, row.id)).run();
    return { userId: row.userId, newEmail: row.newEmail };
  }
}
