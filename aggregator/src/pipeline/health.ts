import type Database from 'better-sqlite3';
import type { NationalStore } from '../db/client.ts';
import { breakerAfterFailure, type BreakerPolicy } from './breaker.ts';

/*
 * A hub's health on its registry row, as the hubs API and the operator see it: when it
 * was last pulled, last read successfully and last caught up, its latest seq, its last
 * error, and the failures in a row that drive the circuit breaker. Counters move in SQL
 * so two processes never lose an increment.
 */
export class HubHealth {
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
    };
  }

  /** A pull read the hub; `caughtUp` when the index now holds all the hub had. */
  succeeded(hubId: string, now: number, caughtUp: boolean): void {
    this.statements.success.run(now, now, caughtUp ? now : null, hubId);
  }

  /** A pull failed: records why, counts it, and opens the breaker once there are enough in a row. */
  failed(hubId: string, message: string, now: number): { failures: number; breakerUntil: number | null } {
    return this.store.immediate(() => {
      const failures = this.statements.failure.get(now, message.slice(0, 500), now, hubId)?.failures ?? 0;
      const breakerUntil = breakerAfterFailure(failures, this.policy, now);
      if (breakerUntil !== null) this.statements.breaker.run(breakerUntil, hubId);
      return { failures, breakerUntil };
    });
  }

  /** The hub's latest seq as it announced it (a notify, a page): only ever moves forward. */
  sawLatest(hubId: string, latest: number): void {
    this.statements.latest.run(latest, hubId);
  }

  /** A pull that stopped without a verdict (handed over, interrupted by shutdown). */
  touched(hubId: string, now: number): void {
    this.statements.pulled.run(now, hubId);
  }
}
