import type pg from 'pg';
import { breakerAfterFailure, type BreakerPolicy } from './breaker.ts';
import type { HubBookkeeping } from './health.ts';

/*
 * HubHealth's bookkeeping on PostgreSQL: the same columns moved by the same rules, each in
 * one statement on the primary (a counter moves in SQL, so two workers on two machines
 * never lose an increment; the breaker is opened in the statement that counts the
 * failure, so no transaction is held across a round trip).
 */
export class PgHubHealth implements HubBookkeeping {
  constructor(
    private readonly pool: pg.Pool,
    private readonly policy: BreakerPolicy,
  ) {}

  async succeeded(hubId: string, now: number, caughtUp: boolean): Promise<void> {
    await this.pool.query(
      'UPDATE hubs SET last_pull_at = $1, last_success_at = $1, caught_up_at = coalesce($2, caught_up_at), consecutive_failures = 0, breaker_until = NULL WHERE id = $3',
      [now, caughtUp ? now : null, hubId],
    );
  }

  async failed(hubId: string, message: string, now: number): Promise<{ failures: number; breakerUntil: number | null }> {
    const counted = await this.pool.query<{ failures: number }>(
      'UPDATE hubs SET last_pull_at = $1, last_error = $2, last_error_at = $1, consecutive_failures = consecutive_failures + 1 WHERE id = $3 RETURNING consecutive_failures AS failures',
      [now, message.slice(0, 500), hubId],
    );
    const failures = counted.rows[0]?.failures ?? 0;
    const breakerUntil = breakerAfterFailure(failures, this.policy, now);
    // Only the count that crossed the line opens it: a later count re-opens it for longer, as on SQLite.
    if (breakerUntil !== null) await this.pool.query('UPDATE hubs SET breaker_until = $1 WHERE id = $2 AND consecutive_failures = $3', [breakerUntil, hubId, failures]);
    return { failures, breakerUntil };
  }

  async sawLatest(hubId: string, latest: number): Promise<void> {
    await this.pool.query('UPDATE hubs SET latest = greatest(latest, $1) WHERE id = $2', [latest, hubId]);
  }

  async touched(hubId: string, now: number): Promise<void> {
    await this.pool.query('UPDATE hubs SET last_pull_at = $1 WHERE id = $2', [now, hubId]);
  }
}
