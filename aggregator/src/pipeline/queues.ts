import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { AggregatorConfig } from '../config.ts';
import type { RedisConnection } from '../redis/connect.ts';
import type { HubRow } from '../db/schema/index.ts';
import { HubLocks } from './hub-lock.ts';
import { deduplicationId, hubOfScheduler, PULL_JOB, PULL_JOB_OPTIONS, queueName, schedulerId, taggedPrefix, type PullJobData, type PullLane, type PullReason } from './jobs.ts';

/** Redis cannot take the request now (down, reconnecting, too slow): the API answers 503. */
export class QueueUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueUnavailable';
  }
}

/** How long a request handler waits for Redis before answering 503. */
const PRODUCER_DEADLINE_MS = 1_000;

export interface PullQueuesOptions {
  /** BullMQ's key prefix (default QUEUE_PREFIX, hash-tagged if it is not); tests sharing a Redis give each a unique one. */
  prefix?: string;
}

/**
 * The two BullMQ queues of pulls, as producers see them: `pulls-live` (each approved
 * hub's job scheduler, and pulls asked for by a notify, an approval or an operator) and
 * `pulls-bulk` (catch-up of a hub far behind), so that a backfill never delays a live
 * pull. Redis holds scheduling only: the schedulers are re-made from the registry in the
 * store whenever a worker starts (and periodically), so a flushed Redis loses nothing.
 *
 * Built on the connection it is given. Request handlers give one without an offline
 * queue, so a dead Redis fails a notify at once; workers give one that waits for Redis.
 */
export class PullQueues {
  private readonly queues = new Map<PullLane, Queue<PullJobData>>();
  private closed = false;
  /** The per-hub pull locks, shared with the workers (same keys). */
  readonly locks: HubLocks;

  constructor(
    readonly config: AggregatorConfig,
    readonly redis: RedisConnection,
    private readonly options: PullQueuesOptions = {},
  ) {
    this.locks = new HubLocks(redis, { ...lockOptions(options), ttlMs: config.pullLockTtlMs });
  }

  /** The queue of a lane, opened on first use (nothing connects at construction). */
  queue(lane: PullLane): Queue<PullJobData> {
    let queue = this.queues.get(lane);
    if (queue === undefined) {
      queue = new Queue<PullJobData>(queueName(lane), { connection: this.redis, prefix: taggedPrefix(this.options.prefix) });
      // Connection trouble is reported by the calls that fail; an unheard 'error' would crash.
      queue.on('error', () => undefined);
      this.queues.set(lane, queue);
    }
    return queue;
  }

  /**
   * Asks for a pull of one hub now (a notify, an approval, an operator; the bulk lane for
   * a catch-up). While a pull of the hub runs, the request only asks it to go once more.
   * Otherwise a job is queued, deduplicated per hub and lane: while one waits, more
   * requests are the same one; while one runs, the newest is kept and runs after it, so
   * none is lost. Throws QueueUnavailable within about a second when Redis cannot take it.
   */
  async requestPull(hubId: string, reason: PullReason, lane: PullLane = 'live'): Promise<void> {
    if (this.closed) throw new QueueUnavailable('the pull queues are closed');
    if (this.redis.status !== 'ready') throw new QueueUnavailable(`Redis is not reachable (${this.redis.status})`);
    await withDeadline(
      (async () => {
        // A catch-up or a resume must be a job of its own lane; a live request can ride along.
        if (lane === 'live' && (await this.locks.flagIfLocked(hubId))) return;
        await this.queue(lane).add(PULL_JOB, { hub: hubId, reason }, { ...PULL_JOB_OPTIONS, deduplication: { id: deduplicationId(lane, hubId), keepLastIfActive: true } });
      })(),
      PRODUCER_DEADLINE_MS,
    );
  }

  /**
   * Makes the job schedulers match the approved hubs: one per approved hub polling every
   * `pullIntervalMs`, offset by a per-hub jitter so hubs are not all polled at once; the
   * schedulers of hubs no longer approved (suspended, removed) are removed.
   */
  async syncSchedulers(approved: readonly HubRow[]): Promise<void> {
    const live = this.queue('live');
    const wanted = new Set<string>();
    for (const hub of approved) {
      if (hub.status !== 'approved') continue;
      wanted.add(schedulerId(hub.id));
      await live.upsertJobScheduler(
        schedulerId(hub.id),
        { every: this.config.pullIntervalMs, offset: jitterOf(hub.id, this.config) },
        { name: PULL_JOB, data: { hub: hub.id, reason: 'schedule' }, opts: PULL_JOB_OPTIONS },
      );
    }
    for (const scheduler of await live.getJobSchedulers(0, -1)) {
      const id = scheduler.id ?? scheduler.key;
      if (!wanted.has(id) && hubOfScheduler(id) !== undefined) await live.removeJobScheduler(id);
    }
  }

  /** Stops polling one hub (suspended or removed); its next sync would do the same. */
  async removeScheduler(hubId: string): Promise<void> {
    await this.queue('live').removeJobScheduler(schedulerId(hubId));
  }

  /** The hubs that have a scheduler now (tests, the dashboard). */
  async scheduledHubs(): Promise<string[]> {
    const schedulers = await this.queue('live').getJobSchedulers(0, -1);
    return schedulers.map((scheduler) => hubOfScheduler(scheduler.id ?? scheduler.key)).filter((hub): hub is string => hub !== undefined).sort();
  }

  async close(): Promise<void> {
    this.closed = true;
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((queue) => queue.close().catch(() => undefined)));
  }
}

/** The lock keys sit next to BullMQ's, under the same prefix when one is set. */
export function lockOptions(options: PullQueuesOptions): { prefix?: string } {
  return options.prefix === undefined ? {} : { prefix: `${options.prefix.replace(/[{}]/g, '')}:constellation:pull` };
}

/**
 * A hub's place in the poll interval, from 0 to pullJitterMs: derived from its id, so it
 * stays the same across restarts and re-upserting a scheduler does not move its polls.
 */
export function jitterOf(hubId: string, config: Pick<AggregatorConfig, 'pullJitterMs' | 'pullIntervalMs'>): number {
  const span = Math.min(config.pullJitterMs, config.pullIntervalMs - 1);
  if (span <= 0) return 0;
  return createHash('sha256').update(hubId).digest().readUInt32BE(0) % (span + 1);
}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailable(`Redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (error instanceof QueueUnavailable) throw error;
    throw new QueueUnavailable(`Redis refused the request: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
