import type { RedisConnection } from '../redis/connect.ts';

const KEY_PREFIX = 'constellation:admin-login-failures:';

/**
 * Failed logins per account, whatever the client's address (per-address limits are
 * @fastify/rate-limit's job): after `max` failures within `windowMs` the account refuses
 * logins until the window ends. Counted in Redis, so every API process shares the count;
 * while Redis is down, each process counts in memory, which still bounds guessing.
 */
export class LoginThrottle {
  private readonly memory = new Map<string, number[]>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before the next try, or 0 when a login may be tried. */
  async retryAfter(account: string): Promise<number> {
    if (this.redis.status === 'ready') {
      try {
        const key = KEY_PREFIX + account;
        const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
        return Number(count ?? 0) >= this.max ? Math.max(1, Math.ceil(ttl / 1000)) : 0;
      } catch {
        // Fall through to this process's own count.
      }
    }
    const recent = this.recent(account);
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil(((recent[0] ?? 0) + this.windowMs - this.now()) / 1000));
  }

  async fail(account: string): Promise<void> {
    const recent = this.recent(account);
    recent.push(this.now());
    this.memory.set(account, recent);
    if (this.memory.size > 10_000) this.memory.delete(this.memory.keys().next().value as string);
    if (this.redis.status !== 'ready') return;
    try {
      const key = KEY_PREFIX + account;
      // The window starts at the first failure (NX): a steady trickle cannot keep it open forever.
      await this.redis.multi().incr(key).pexpire(key, this.windowMs, 'NX').exec();
    } catch {
      // Counted in memory above.
    }
  }

  async succeed(account: string): Promise<void> {
    this.memory.delete(account);
    if (this.redis.status !== 'ready') return;
    try {
      await this.redis.del(KEY_PREFIX + account);
    } catch {
      // Nothing to clear then.
    }
  }

  private recent(account: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.memory.get(account) ?? []).filter((at) => at > cutoff);
  }
}
