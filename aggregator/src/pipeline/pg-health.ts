import type pg from 'pg';
import { breakerAfterFailure, type BreakerPolicy } from './breaker.ts';
import { HEALTH_HISTORY_HOURS, type HubBookkeeping, type PullCounts } from './health.ts';

const HOUR_MS = 3_600_000;
const NO_COUNTS: PullCounts = { applied: 0, rejected: 0 };

/*
 * HubHealth's bookkeeping on PostgreSQL: the same columns and hourly samples moved by the
 * same rules. Each verdict is one statement on the primary (the registry row's update and
 * the hour's sample together, as a data-modifying CTE), so counters move in SQL and two
 * workers on two machines never lose an increment, and no transaction is held open
 * across a round trip.
 */

/** Adds to the hour's sample from the registry row `h` just updated (its lag: latest - cursor). */
const SAMPLE = `INSERT INTO hub_health_samples (hub, hour, pulls, failures, applied, rejected, max_lag_seq)
  SELECT id, $H::bigint, $P::int, $F::int, $A::int, $R::int,
    greatest(0, latest - CASE WHEN cursor ~ '^[0-9]{1,18}$' THEN cursor::bigint ELSE 0 END) FROM h
  ON CONFLICT (hub, hour) DO UPDATE SET pulls = hub_health_samples.pulls + excluded.pulls,
    failures = hub_health_samples.failures + excluded.failures, applied = hub_health_samples.applied + excluded.applied,
    rejected = hub_health_samples.rejected + excluded.rejected, max_lag_seq = greatest(hub_health_samples.max_lag_seq, excluded.max_lag_seq)`;

/** `SAMPLE` with its placeholders numbered after the update's `first - 1` parameters. */
function sample(first: number): string {
  return SAMPLE.replace('$H', `$${first}`).replace('$P', `$${first + 1}`).replace('$F', `$${first + 2}`).replace('$A', `$${first + 3}`).replace('$R', `$${first + 4}`);
}

export class PgHubHealth implements HubBookkeeping {
  constructor(
    private readonly pool: pg.Pool,
    private readonly policy: BreakerPolicy,
  ) {}

  async succeeded(hubId: string, now: number, caughtUp: boolean, counts: PullCounts = NO_COUNTS): Promise<void> {
    await this.pool.query(
      `WITH h AS (UPDATE hubs SET last_pull_at = $1, last_success_at = $1, caught_up_at = coalesce($2, caught_up_at), consecutive_failures = 0, breaker_until = NULL
         WHERE id = $3 RETURNING id, latest, cursor)
       ${sample(4)}`,
      [now, caughtUp ? now : null, hubId, ...this.sampleValues(now, 1, 0, counts)],
    );
    await this.prune(hubId, now);
  }

  async failed(hubId: string, message: string, now: number, counts: PullCounts = NO_COUNTS): Promise<{ failures: number; breakerUntil: number | null }> {
    const counted = await this.pool.query<{ failures: number }>(
      `WITH h AS (UPDATE hubs SET last_pull_at = $1, last_error = $2, last_error_at = $1, consecutive_failures = consecutive_failures + 1
         WHERE id = $3 RETURNING id, latest, cursor, consecutive_failures),
       s AS (${sample(4)})
       SELECT consecutive_failures AS failures FROM h`,
      [now, message.slice(0, 500), hubId, ...this.sampleValues(now, 1, 1, counts)],
    );
    const failures = counted.rows[0]?.failures ?? 0;
    const breakerUntil = breakerAfterFailure(failures, this.policy, now);
    // Only while the count is still this one: a success in between has closed the breaker.
    if (breakerUntil !== null) await this.pool.query('UPDATE hubs SET breaker_until = $1 WHERE id = $2 AND consecutive_failures = $3', [breakerUntil, hubId, failures]);
    await this.prune(hubId, now);
    return { failures, breakerUntil };
  }

  async sawLatest(hubId: string, latest: number): Promise<void> {
    await this.pool.query('UPDATE hubs SET latest = greatest(latest, $1) WHERE id = $2', [latest, hubId]);
  }

  async touched(hubId: string, now: number, counts: PullCounts = NO_COUNTS): Promise<void> {
    // No verdict, so not a pull; what it applied still counts.
    if (counts.applied === 0 && counts.rejected === 0) {
      await this.pool.query('UPDATE hubs SET last_pull_at = $1 WHERE id = $2', [now, hubId]);
      return;
    }
    await this.pool.query(`WITH h AS (UPDATE hubs SET last_pull_at = $1 WHERE id = $2 RETURNING id, latest, cursor) ${sample(3)}`, [now, hubId, ...this.sampleValues(now, 0, 0, counts)]);
  }

  private sampleValues(now: number, pulls: number, failures: number, counts: PullCounts): number[] {
    return [now - (now % HOUR_MS), pulls, failures, counts.applied, counts.rejected];
  }

  /** Drops the hub's hours past retention (a primary-key range). */
  private async prune(hubId: string, now: number): Promise<void> {
    await this.pool.query('DELETE FROM hub_health_samples WHERE hub = $1 AND hour < $2', [hubId, now - (now % HOUR_MS) - HEALTH_HISTORY_HOURS * HOUR_MS]);
  }
}
