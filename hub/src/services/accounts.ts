import { createHash } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Locale, MailPreferences, Membership, Role, SessionView } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { accountTokens, actorMembers, refreshTokens, users, type UserRow } from '../db/schema/index.ts';
import { ConflictError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '../errors.ts';
import { randomToken, uuidv7 } from '../ids.ts';
import { LoginThrottle } from './login-throttle.ts';
import type { MailTopic } from '../mail/unsubscribe.ts';
import { clampLimit, decodeCursor, encodeCursor } from './content-list.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '@constellation/shared/server';

export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  actorIds: string[];
  createdAt: string;
  emailConfirmed: boolean;
  membership: Membership;
  pendingEmail?: string;
  locale: Locale;
  notifyPending: MailPreferences['notifyPending'];
  notifyDecisions: boolean;
  notifyReports: boolean;
  notifyFollows: boolean;
}

export interface RegisterOptions {
  /** Accounts made by the operator, the CLI or the seed are confirmed; public sign-ups are not until they follow the mailed link. */
  confirmed?: boolean;
  /** The person accepted the privacy notice (recorded with its time). */
  consent?: boolean;
  locale?: Locale;
}

export interface IssuedRefresh {
  token: string;
  expiresAt: Date;
  /** The refresh family: one logged-in browser, named in access tokens as `sid`. */
  sessionId: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The one message for every failed login, so it never tells which emails exist. */
export const INVALID_CREDENTIALS = 'the email or password is wrong';

export class AccountService {
  readonly throttle = new LoginThrottle();

  constructor(
    private readonly store: Store,
    private readonly refreshDays: number,
  ) {}

  async register(input: { email: string; password: string; displayName: string }, role: Role = 'member', options: RegisterOptions = {}): Promise<Account> {
    const email = normaliseEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    const now = new Date().toISOString();
    const id = uuidv7();
    const created = this.store.immediate((tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get() !== undefined) return false;
      tx.insert(users)
        .values({
          id,
          email,
          passwordHash,
          displayName: input.displayName.trim(),
          role,
          createdAt: now,
          updatedAt: now,
          emailConfirmedAt: options.confirmed === false ? null : now,
          consentAt: options.consent === true ? now : null,
          locale: options.locale ?? 'fr',
        })
        .run();
      return true;
    });
    if (!created) throw new ConflictError('an account with this email already exists', 'email');
    return this.account(id);
  }

  /** Checks a password; throttled per account, with one error for unknown and wrong. */
  async login(emailInput: string, password: string): Promise<Account> {
    const email = normaliseEmail(emailInput);
    const wait = this.throttle.retryAfter(email);
    if (wait > 0) throw new TooManyRequestsError(`too many failed logins for this account; try again in ${wait} s`, wait);
    const user = this.store.db.select().from(users).where(eq(users.email, email)).get();
    const ok = user === undefined ? (await burnPasswordCheck(password), false) : await verifyPassword(user.passwordHash, password);
    if (!ok || user === undefined || user.disabledAt !== null) {
      this.throttle.fail(email);
      throw new UnauthorizedError(INVALID_CREDENTIALS, 'invalid_credentials');
    }
    this.throttle.succeed(email);
    return this.toAccount(user);
  }

  account(id: string): Account {
    const user = this.store.db.select().from(users).where(eq(users.id, id)).get();
    if (user === undefined) throw new NotFoundError('account');
    return this.toAccount(user);
  }

  /** Display names by account id, for the ids that still exist (a page of the queue names its authors). */
  displayNames(ids: readonly string[]): Map<string, string> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = this.store.db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, unique)).all();
    return new Map(rows.map((row) => [row.id, row.displayName]));
  }

  /** The account's current id and role, or undefined when it is gone or disabled. */
  current(id: string): { id: string; role: Role; emailConfirmed: boolean; membership: Membership } | undefined {
    const user = this.store.db
      .select({ id: users.id, role: users.role, disabledAt: users.disabledAt, emailConfirmedAt: users.emailConfirmedAt, membership: users.membership })
      .from(users)
      .where(eq(users.id, id))
      .get();
    return user === undefined || user.disabledAt !== null ? undefined : { id: user.id, role: user.role, emailConfirmed: user.emailConfirmedAt !== null, membership: user.membership };
  }

  /** Accounts for the admin console, newest first; `q` is part of an email or a display name. */
  list(query: { q?: string; role?: Role; limit?: number; cursor?: string }): { items: Account[]; next: string | null } {
    const limit = clampLimit(query.limit);
    const conditions: SQL[] = [];
    if (query.q !== undefined) {
      // LIKE is case-insensitive for ASCII in SQLite; % and _ in the text are literal.
      const pattern = `%${query.q.trim().toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      const matches = or(sql`${users.email} LIKE ${pattern} ESCAPE '\\'`, sql`lower(${users.displayName}) LIKE ${pattern} ESCAPE '\\'`);
      if (matches !== undefined) conditions.push(matches);
    }
    if (query.role !== undefined) conditions.push(eq(users.role, query.role));
    if (query.cursor !== undefined) {
      const [createdAt, id] = decodeCursor(query.cursor, ['string', 'string']) as [string, string];
      const after = or(lt(users.createdAt, createdAt), and(eq(users.createdAt, createdAt), lt(users.id, id)));
      if (after !== undefined) conditions.push(after);
    }
    const rows = this.store.db
      .select()
      .from(users)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(limit + 1)
      .all();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map((user) => this.toAccount(user)), next: rows.length > limit && last !== undefined ? encodeCursor([last.createdAt, last.id]) : null };
  }

  findByEmail(email: string): Account | undefined {
    const user = this.store.db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
    return user === undefined ? undefined : this.toAccount(user);
  }

  setRole(id: string, role: Role): Account {
    const changed = this.store.db.update(users).set({ role, updatedAt: new Date().toISOString() }).where(eq(users.id, id)).run();
    if (changed.changes === 0) throw new NotFoundError('account');
    return this.account(id);
  }

  actorIdsOf(userId: string): string[] {
    return this.store.db.select({ actorId: actorMembers.actorId }).from(actorMembers).where(eq(actorMembers.userId, userId)).all().map((row) => row.actorId);
  }

  addActorMember(userId: string, actorId: string): void {
    this.store.db.insert(actorMembers).values({ userId, actorId }).onConflictDoNothing().run();
  }

  /** A new refresh token in a new family (at login). */
  issueRefresh(userId: string, familyId = uuidv7(), userAgent?: string | null): IssuedRefresh {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + this.refreshDays * 86_400_000);
    this.store.db
      .insert(refreshTokens)
      .values({ id: uuidv7(), userId, tokenHash: sha256(token), familyId, expiresAt: expiresAt.getTime(), createdAt: new Date().toISOString(), userAgent: userAgent?.slice(0, 200) ?? null })
      .run();
    return { token, expiresAt, sessionId: familyId };
  }

  /**
   * Trades a refresh token for a new one of the same family. A token presented a
   * second time was copied: the whole family is revoked and the caller must log in.
   */
  rotateRefresh(token: string): { account: Account; refresh: IssuedRefresh } {
    const now = Date.now();
    const outcome = this.store.immediate((tx) => {
      const row = tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(token))).get();
      if (row === undefined || row.revokedAt !== null || row.expiresAt <= now) return { kind: 'invalid' as const };
      if (row.usedAt !== null) {
        tx.update(refreshTokens).set({ revokedAt: new Date(now).toISOString() }).where(eq(refreshTokens.familyId, row.familyId)).run();
        return { kind: 'replayed' as const };
      }
      tx.update(refreshTokens).set({ usedAt: new Date(now).toISOString() }).where(eq(refreshTokens.id, row.id)).run();
      return { kind: 'ok' as const, userId: row.userId, familyId: row.familyId, userAgent: row.userAgent };
    });
    if (outcome.kind !== 'ok' || this.current(outcome.userId) === undefined) throw new UnauthorizedError('the refresh token is not valid; log in again', 'invalid_refresh_token');
    const account = this.account(outcome.userId);
    return { account, refresh: this.issueRefresh(outcome.userId, outcome.familyId, outcome.userAgent) };
  }

  /** Logs out a session: its whole refresh family stops working. */
  revokeRefresh(token: string): void {
    const row = this.store.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(token))).get();
    if (row === undefined) return;
    this.revokeFamily(row.familyId);
  }

  private revokeFamily(familyId: string): void {
    this.store.db
      .update(refreshTokens)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
      .run();
  }

  /**
   * Whether a session still stands: some token of its family is neither revoked nor
   * expired. Access tokens name their session, so logging out (or revoking it from
   * another browser) ends the access token at once, not in up to 15 minutes.
   */
  sessionActive(userId: string, sessionId: string): boolean {
    const row = this.store.db
      .select({ id: refreshTokens.id })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.familyId, sessionId), eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, Date.now())))
      .limit(1)
      .get();
    return row !== undefined;
  }

  /** The account's open sessions, most recently used first. */
  sessions(userId: string, currentSessionId: string | undefined): SessionView[] {
    const rows = this.store.db
      .select()
      .from(refreshTokens)
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, Date.now())))
      .all();
    const families = new Map<string, { first: string; last: string; expiresAt: number; userAgent: string | null }>();
    for (const row of rows) {
      const family = families.get(row.familyId);
      if (family === undefined) families.set(row.familyId, { first: row.createdAt, last: row.createdAt, expiresAt: row.expiresAt, userAgent: row.userAgent });
      else {
        if (row.createdAt < family.first) family.first = row.createdAt;
        if (row.createdAt > family.last) family.last = row.createdAt;
        family.expiresAt = Math.max(family.expiresAt, row.expiresAt);
        family.userAgent ??= row.userAgent;
      }
    }
    // Only a family with an unused token is a live browser; the others were rotated away.
    const live = new Set(rows.filter((row) => row.usedAt === null).map((row) => row.familyId));
    return [...families.entries()]
      .filter(([id]) => live.has(id))
      .map(([id, family]) => ({ id, userAgent: family.userAgent, createdAt: family.first, lastUsedAt: family.last, expiresAt: new Date(family.expiresAt).toISOString(), current: id === currentSessionId }))
      .sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt));
  }

  /** Ends one of the account's sessions; another account's session id is a 404, as an unknown one. */
  revokeSession(userId: string, sessionId: string, options: { quiet?: boolean } = {}): void {
    const row = this.store.db.select({ id: refreshTokens.id }).from(refreshTokens).where(and(eq(refreshTokens.familyId, sessionId), eq(refreshTokens.userId, userId))).limit(1).get();
    if (row === undefined) {
      if (options.quiet === true) return;
      throw new NotFoundError('session', 'sessionId');
    }
    this.revokeFamily(sessionId);
  }

  /** Ends every session of the account (after a password reset or change of address), but `keep`. */
  revokeAllSessions(userId: string, keep?: string): void {
    const conditions = [eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)];
    if (keep !== undefined) conditions.push(ne(refreshTokens.familyId, keep));
    this.store.db.update(refreshTokens).set({ revokedAt: new Date().toISOString() }).where(and(...conditions)).run();
  }

  setPreferences(userId: string, preferences: MailPreferences): Account {
    this.store.db.update(users).set({ ...preferences, updatedAt: new Date().toISOString() }).where(eq(users.id, userId)).run();
    return this.account(userId);
  }

  /** One-click unsubscribe from a kind of notification. */
  stopNotifications(userId: string, topic: MailTopic): void {
    const changes = { pending: { notifyPending: 'off' as const }, decisions: { notifyDecisions: false }, reports: { notifyReports: false }, follows: { notifyFollows: false } } satisfies Record<MailTopic, Partial<UserRow>>;
    const change = changes[topic];
    this.store.db.update(users).set({ ...change, updatedAt: new Date().toISOString() }).where(eq(users.id, userId)).run();
  }

  /** The raw row, for the services that need what an Account leaves out (the password hash). */
  row(id: string): UserRow | undefined {
    return this.store.db.select().from(users).where(eq(users.id, id)).get();
  }

  private toAccount(user: UserRow): Account {
    const pending = this.store.db
      .select({ newEmail: accountTokens.newEmail })
      .from(accountTokens)
      .where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, 'change_email'), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, Date.now())))
      .orderBy(desc(accountTokens.createdAt))
      .limit(1)
      .get();
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      actorIds: this.actorIdsOf(user.id),
      createdAt: user.createdAt,
      emailConfirmed: user.emailConfirmedAt !== null,
      membership: user.membership,
      ...(pending?.newEmail === undefined || pending.newEmail === null ? {} : { pendingEmail: pending.newEmail }),
      locale: user.locale,
      notifyPending: user.notifyPending,
      notifyDecisions: user.notifyDecisions,
      notifyReports: user.notifyReports,
      notifyFollows: user.notifyFollows,
    };
  }
}
