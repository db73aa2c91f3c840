import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Membership, MembershipRequestView } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { auditLog, users } from '../db/schema/index.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';

/**
 * The members' network is for approved members: an account asks to join, a moderator or
 * the operator approves or refuses (saying why), and the requester is told by mail. Until
 * then the directory shows the account nothing its members chose to share with members
 * (MemberService.reader reads `membership` on every request, so a decision counts at once).
 */
export class MembershipService {
  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    private readonly baseUrl: string,
  ) {}

  /** Asks to join; asking again while the request waits changes nothing. */
  request(userId: string): Membership {
    return this.store.immediate((tx) => {
      const user = tx.select({ membership: users.membership }).from(users).where(eq(users.id, userId)).get();
      if (user === undefined) throw new NotFoundError('account');
      if (user.membership !== 'none') return user.membership;
      tx.update(users).set({ membership: 'requested', membershipAt: new Date().toISOString() }).where(eq(users.id, userId)).run();
      return 'requested';
    });
  }

  /** The requests that wait, oldest first (the order they are answered in). */
  pending(): MembershipRequestView[] {
    return this.store.db
      .select({ userId: users.id, displayName: users.displayName, email: users.email, requestedAt: users.membershipAt, createdAt: users.createdAt })
      .from(users)
      .where(and(eq(users.membership, 'requested'), isNull(users.disabledAt), isNull(users.deletedAt)))
      .orderBy(asc(users.membershipAt))
      .all()
      .map((row) => ({ ...row, requestedAt: row.requestedAt ?? row.createdAt }));
  }

  /**
   * Approves or refuses a waiting request; the audit log records who did it, and the
   * requester gets the answer (a refusal with its reason, and it may ask again later).
   */
  decide(userId: string, decision: { decision: 'approve' | 'refuse'; reason?: string }, moderatorId: string): Membership {
    if (decision.decision === 'refuse' && (decision.reason === undefined || decision.reason.trim() === '')) {
      throw new BadRequestError('a refusal says why: the requester reads it', 'reason');
    }
    return this.store.immediate((tx) => {
      const user = tx.select().from(users).where(eq(users.id, userId)).get();
      if (user === undefined || user.deletedAt !== null) throw new NotFoundError('account', 'userId');
      if (user.membership !== 'requested') throw new ConflictError(`this account's membership is ${user.membership}, not requested`, 'userId');
      const now = new Date().toISOString();
      const membership: Membership = decision.decision === 'approve' ? 'approved' : 'none';
      tx.update(users).set({ membership, membershipAt: now, updatedAt: now }).where(eq(users.id, userId)).run();
      tx.insert(auditLog)
        .values({ at: now, userId: moderatorId, action: decision.decision === 'approve' ? 'approve-membership' : 'refuse-membership', targetType: 'user', targetId: userId, details: decision.reason === undefined ? null : { reason: decision.reason } })
        .run();
      const to = { email: user.email, lang: user.locale };
      if (decision.decision === 'approve') this.mailer.send(to, { kind: 'membership-approved', displayName: user.displayName, link: `${this.baseUrl}/members` });
      else this.mailer.send(to, { kind: 'membership-refused', displayName: user.displayName, reason: decision.reason ?? '', link: `${this.baseUrl}/members` });
      return membership;
    });
  }
}
