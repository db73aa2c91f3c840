import type { RedisConnection } from '../redis/connect.ts';
import type { AppliedChange } from '../ingest/apply.ts';

/**
 * The Redis pub/sub channel on which the worker announces what it committed to the
 * national store. A message is a wake-up with a summary; the record is the store's
 * change log (records.nseq), which every API process reads, so a message lost while
 * an API process was reconnecting costs nothing but a moment of freshness.
 */
export const CHANGES_CHANNEL = 'constellation:national-changes';

export interface ChangesMessage {
  /** The highest national seq committed when the message was sent. */
  nseq: number;
  changes: AppliedChange[];
}

/** Publishes applied changes; never throws (live updates must not fail an ingest). */
export async function announceChanges(redis: RedisConnection, changes: readonly AppliedChange[]): Promise<void> {
  const last = changes.at(-1);
  if (last === undefined) return;
  const message: ChangesMessage = { nseq: Math.max(...changes.map((change) => change.nseq)), changes: [...changes] };
  try {
    await redis.publish(CHANGES_CHANNEL, JSON.stringify(message));
  } catch {
    // Redis down: API processes catch up from the store's change log when it is back.
  }
}
