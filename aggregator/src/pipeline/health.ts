import type Database from 'better-sqlite3';
import type { NationalStore } from '../db/client.ts';
import { breakerAfterFailure, type BreakerPolicy } from './breaker.ts';

/** What a pull did to the index before its verdict, counted into the hour's health sample. */
export interface PullCounts {
  applied: number;
  rejected: number;
}

const HOUR_MS = 3_600_000;
/** Hours of health history kept per hub (30 days). */
export const HEALTH_HISTORY_HOURS = 720;
const NO_COUNTS: PullCounts = { applied: 0, rejected: 0 };

/*
 * A hub's health on its registry row, as the hubs API and the operator see it: when it
 * was last pulled, last read successfully and last caught up, its latest seq, its last
 * error, and the failures in a row that drive the circuit breaker. Counters move in SQL
 * so two processes never lose an increment.
 */
/** A hub's health bookkeeping, whatever the engine (HubHealth on SQLite, PgHubHealth on PostgreSQL). */
export interface HubBookkeeping {
  /** A pull read the hub; `caughtUp` when the index now holds all the hub had. */
  succeeded(hubId: string, now: number, caughtUp: boolean, counts?: PullCounts): Promise<void>;
  /** A pull failed: records why, counts it, and opens the breaker once there are enough in a row. */
  failed(hubId: string, message: string, now: number, counts?: PullCounts): Promise<{ failures: number; breakerUntil: number | null }>;
  /** The hub's latest seq as it announced it (a notify, a page): only ever moves forward. */
  sawLatest(hubId: string, latest: number): Promise<void>;
  /** A pull that stopped without a verdict (handed over, interrupted by shutdown). */
  touched(hubId: string, now: number, counts?: PullCounts): Promise<void>;
}

export class HubHealth implements HubBookkeeping {
  private readonly statements;

  constructor(
    private readonly store: NationalStore,
    private readonly policy: BreakerPolicy,
  ) {
    const sqlite: Database.Database = store.sqlite;
    this.statements = {
      success: sqlite.prepare<[number, number, number | null, string]>(
        `UPDATE hubs SET last_pull_at = ?, last_success_at = ?, caught_up_at = coalesce(?, caught_up_at), consecutive_failures = 0, breaker_until = NULL WHERE id = ?`,
      ),
      failure: sqlite.prepare<[number, string, number, string], { failures: number }>(
        `UPDATE hubs SET last_pull_at = ?, last_error = ?, last_error_at = ?, consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures AS failures`,
      ),
      breaker: sqlite.prepare<[number | null, string]>('UPDATE hubs SET breaker_until = ? WHERE id = ?'),
      latest: sqlite.prepare<[number, string]>('UPDATE hubs SET latest = max(latest, ?) WHERE id = ?'),
      pulled: sqlite.prepare<[number, string]>('UPDATE hubs SET last_pull_at = ? WHERE id = ?'),
      // The lag is read from the registry row the verdict just updated (latest - cursor).
      sample: sqlite.prepare<[number, number, number, number, number, string]>(
        `INSERT INTO hub_health_samples (hub, hour, pulls, failures, applied, rejected, max_lag_seq)
         SELECT id, ?, ?, ?, ?, ?, max(0, latest - CAST(cursor AS INTEGER)) FROM hubs WHERE id = ?
         ON CONFLICT (hub, hour) DO UPDATE SET pulls = pulls + excluded.pulls, failures = failures + excluded.failures,
           applied = applied + excluded.applied, rejected = rejected + excluded.rejected, max_lag_seq = max(max_lag_seq, excluded.max_lag_seq)`,
      ),
      prune: sqlite.prepare<[string, number]>('DELETE FROM hub_health_samples WHERE hub = ? AND hour < ?'),
    };
  }

  /** A pull read the hub; `caughtUp` when the index now holds all the hub had. */
  async succeeded(hubId: string, now: number, caughtUp: boolean, counts: PullCounts = NO_COUNTS): Promise<void> {
    this.store.immediate(() => {
      this.statements.success.run(now, now, caughtUp ? now : null, hubId);
      this.sample(hubId, now, 1, 0, counts);
    });
  }

  /** A pull failed: records why, counts it, and opens the breaker once there are enough in a row. */
  async failed(hubId: string, message: string, now: number, counts: PullCounts = NO_COUNTS): Promise<{ failures: number; breakerUntil: number | null }> {
    return this.store.immediate(() => {
      const failures = this.statements.failure.get(now, message.slice(0, 500), now, hubId)?.failures ?? 0;
      const breakerUntil = breakerAfterFailure(failures, this.policy, now);
      if (breakerUntil !== null) this.statements.breaker.run(breakerUntil, hubId);
      this.sample(hubId, now, 1, 1, counts);
      return { failures, breakerUntil };
    });
  }

  /** The hub's latest seq as it announced it (a notify, a page): only ever moves forward. */
  async sawLatest(hubId: string, latest: number): Promise<void> {
    this.statements.latest.run(latest, hubId);
  }

  /** A pull that stopped without a verdict (handed over, interrupted by shutdown). */
  async touched(hubId: string, now: number, counts: PullCounts = NO_COUNTS): Promise<void> {
    this.store.immediate(() => {
      this.statements.pulled.run(now, hubId);
      // No verdict, so not a pull; what it applied still counts.
      if (counts.applied > 0 || counts.rejected > 0) this.sample(hubId, now, 0, 0, counts);
    });
  }

  /** Adds to the hub's sample for this hour and drops its hours past retention (a primary-key range). */
  private sample(hubId: string, now: number, pulls: number, failures: number, counts: PullCounts): void {
    const hour = now - (now % HOUR_MS);
    this.statements.sample.run(hour, pulls, failures, counts.applied, counts.rejected, hubId);
    this.statements.prune.run(hubId, hour - HEALTH_HISTORY_HOURS * HOUR_MS);
  }
}
