/**
 * Counts failed logins per account in memory: after `max` failures within `windowMs`
 * the account refuses logins until the window slides, whatever the client's address.
 * (Per-address limits are @fastify/rate-limit's job.) One hub is one process, so
 * memory is the right place; a restart forgets, which only helps a legitimate user.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again, or 0 when a login may be tried. */
  retryAfter(account: string): number {
    const recent = this.recent(account);
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil(((recent[0] ?? 0) + this.windowMs - this.now()) / 1000));
  }

  fail(account: string): void {
    const recent = this.recent(account);
    recent.push(this.now());
    this.failures.set(account, recent);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeed(account: string): void {
    this.failures.delete(account);
  }

  private recent(account: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.failures.get(account) ?? []).filter((at) => at > cutoff);
  }
}
