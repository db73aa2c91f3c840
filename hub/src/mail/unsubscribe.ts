import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a member can stop receiving by one click; required mail (address, password) has no topic. */
export const MAIL_TOPICS = ['pending', 'decisions', 'reports', 'follows'] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];

/**
 * Unsubscribe links carry an HMAC of (account, topic) rather than a stored token: a
 * link works without a login (RFC 8058's one-click POST has no session) and cannot be
 * forged for someone else's account.
 */
export class UnsubscribeLinks {
  private readonly key: Buffer;

  constructor(secret: string, private readonly baseUrl: string) {
    this.key = createHmac('sha256', secret).update('constellation mail unsubscribe v1').digest();
  }

  private sign(userId: string, topic: MailTopic): string {
    return createHmac('sha256', this.key).update(`${userId}\n${topic}`).digest('base64url');
  }

  url(userId: string, topic: MailTopic): string {
    const query = new URLSearchParams({ u: userId, t: topic, s: this.sign(userId, topic) });
    return `${this.baseUrl}/api/v1/mail/unsubscribe?${query.toString()}`;
  }

  /**
   * The key of an address that follows by e-mail alone: an HMAC, so the digest's link
   * names no address and nobody can make the key of someone else's.
   */
  addressKey(email: string): string {
    return createHmac('sha256', this.key).update(`address\n${email.toLowerCase()}`).digest('base64url');
  }

  /** The one-click link that stops every follow of an address without an account. */
  addressUrl(addressKey: string): string {
    return `${this.baseUrl}/api/v1/follows/email/unsubscribe?${new URLSearchParams({ k: addressKey }).toString()}`;
  }

  verify(userId: string, topic: MailTopic, signature: string): boolean {
    const expected = Buffer.from(this.sign(userId, topic));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
